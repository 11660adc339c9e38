import type { CatalogResponse } from '@tollbooth/core';
import { readCatalog } from '../_internal/catalog';
import type { ActionContext } from '../_internal/runtime';

/** `GET /catalog`: the catalog's active prices, named by catalog key. */
export async function readCatalogAction(ctx: ActionContext): Promise<CatalogResponse> {
  await ctx.authorize(undefined, null);
  return { prices: await readCatalog(ctx.rt) };
}
