/** What the store sells. Offline, the simulator is seeded with these; on Stripe, each key maps to a price id from env. */
export interface StoreProduct {
  /** The catalog key the browser uses; it never sees a Stripe price id. */
  key: 'mug' | 'tote' | 'jacket' | 'club' | 'clubPlus';
  name: string;
  description: string;
  unitAmount: number;
  recurring?: { interval: 'month' };
  /** The environment variable holding the Stripe price id in test mode. */
  env: string;
}

export const PRODUCTS: readonly StoreProduct[] = [
  {
    key: 'mug',
    name: 'Enamel mug',
    description: 'A 12 oz camp mug with the Tollbooth mark. Survives drops, not microwaves.',
    unitAmount: 1800,
    env: 'STRIPE_PRICE_MUG',
  },
  {
    key: 'tote',
    name: 'Canvas tote',
    description: 'Heavy cotton canvas, long handles, an inside pocket for receipts.',
    unitAmount: 2400,
    env: 'STRIPE_PRICE_TOTE',
  },
  {
    key: 'jacket',
    name: 'Field jacket',
    description: 'Waxed cotton, four pockets, made to order in small batches.',
    unitAmount: 12000,
    env: 'STRIPE_PRICE_JACKET',
  },
  {
    key: 'club',
    name: 'Coffee club',
    description: 'A bag of fresh beans every month. Pause or cancel any time.',
    unitAmount: 1500,
    recurring: { interval: 'month' },
    env: 'STRIPE_PRICE_CLUB',
  },
  {
    // The club's second tier: a member moves between the two on the account page (<PlanSwitcher>).
    key: 'clubPlus',
    name: 'Coffee club plus',
    description: 'Two bags of fresh beans every month and first pick of each roast.',
    unitAmount: 2700,
    recurring: { interval: 'month' },
    env: 'STRIPE_PRICE_CLUB_PLUS',
  },
];

export type CatalogKey = StoreProduct['key'];

/** The simulator's ids for the same products. */
export const simulatorPriceId = (key: CatalogKey): string => `price_store_${key}`;
