import type { Engine } from '../engine';
import { newId } from '../ids';
import { PAGE_PARAMS, paginate, withExpand } from '../list';
import { applyMetadata, bool, str } from '../params';
import type { Route } from '../route';
import type { SimProduct } from '../types';

/** A product as configured in `createStripeSimulator({ products })`. */
export interface ProductSeed {
  id: string;
  name: string;
  description?: string;
  /** @default true */
  active?: boolean;
  metadata?: Record<string, string>;
}

export function createProduct(engine: Engine, seed: ProductSeed): SimProduct {
  const now = engine.now();
  return engine.put<SimProduct>({
    id: seed.id,
    object: 'product',
    active: seed.active ?? true,
    created: now,
    default_price: null,
    description: seed.description ?? null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: seed.metadata ?? {},
    name: seed.name,
    package_dimensions: null,
    shippable: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: now,
    url: null,
  });
}

export const productRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/products',
    implements: ['id', 'name', 'description', 'active', 'metadata'],
    handler: ({ engine, params }) =>
      createProduct(engine, {
        id: str(params, 'id') ?? newId('prod'),
        name: str(params, 'name', true)!,
        description: str(params, 'description'),
        active: bool(params, 'active'),
        metadata: applyMetadata({}, params),
      }),
  },
  {
    method: 'GET',
    path: '/v1/products/:id',
    implements: [],
    handler: ({ engine, params, path }) => withExpand(engine, engine.get('product', path.id), params),
  },
  {
    method: 'POST',
    path: '/v1/products/:id',
    implements: ['name', 'description', 'active', 'metadata'],
    handler: ({ engine, params, path }) => {
      const product = engine.get('product', path.id);
      const previous = structuredClone(product);
      product.name = str(params, 'name') ?? product.name;
      if (params.description !== undefined) product.description = str(params, 'description') ?? null;
      product.active = bool(params, 'active') ?? product.active;
      product.metadata = applyMetadata(product.metadata, params);
      product.updated = engine.now();
      engine.emit('product.updated', product, previous);
      return withExpand(engine, product, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/products',
    implements: ['active', ...PAGE_PARAMS],
    handler: ({ engine, params }) => {
      const active = bool(params, 'active');
      const items = engine.all('product', (p) => active === undefined || p.active === active);
      return paginate(engine, items, params, '/v1/products');
    },
  },
];
