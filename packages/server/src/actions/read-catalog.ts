import { defineAction } from '../_internal/action';
import { readCatalog as activePrices } from '../_internal/catalog';

/** `GET /catalog`: the catalog's active prices, named by catalog key. Nothing to load: the resource is `null`. */
export const readCatalog = defineAction('catalog.read', {
  load: async () => null,
  run: async (ctx) => ({ prices: await activePrices(ctx.rt) }),
});
