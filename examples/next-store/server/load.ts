import type { LoadAction, LoadArgs } from '@tollbooth/server';
import { tollbooth } from './tollbooth';

/**
 * `tollbooth.load` for a page's first HTML: the GET route itself, for the visitor of the page request. When it
 * refuses or Stripe is down, the page still renders and the component loads in the browser, where it shows
 * that state (sign in, retry) as it would without server data.
 */
export function loadForPage<A extends LoadAction>(action: A, from: Headers, ...id: LoadArgs<A>) {
  return tollbooth.load(action, from, ...id).catch(() => undefined);
}
