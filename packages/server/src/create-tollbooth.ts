import {
  ACTIONS,
  type ActionName,
  CATALOG_KEY_PATTERN,
  DEFAULT_BASE_PATH,
  TollboothError,
} from '@tollbooth/core';
import { APP_ID, appStore } from './_internal/app-store';
import { resolveClientAddress } from './_internal/client-address';
import { normaliseOrigins } from './_internal/csrf';
import { defaultCustomerMapping } from './_internal/customers';
import { errorResponse, newRequestId } from './_internal/http';
import { runAction } from './_internal/pipeline';
import { isProduction, MISSING_ORIGINS_MESSAGE } from './_internal/public-origin';
import { resolveRateLimits } from './_internal/rate-limit';
import { matchRoute } from './_internal/router';
import type { Runtime } from './_internal/runtime';
import { ephemeralSessionSecret, sessionSigner } from './_internal/session';
import { toTollboothError } from './_internal/stripe-errors';
import { handleWebhook } from './_internal/webhooks';
import { ACTION_DEFINITIONS } from './actions';
import { type PlansConfig, resolvePlans } from './billing/plans';
import { setSeats } from './billing/seats';
import { billingOf, ownerArgument, syncBilling } from './billing/sync';
import { createLoader } from './load';
import { memoryStore } from './memory-store';
import type { CatalogKey, CatalogPrices, Tollbooth, TollboothConfig, TollboothLogger } from './types';

/** The longest delay setTimeout accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const fail = (message: string): never => {
  throw new Error(`Tollbooth: ${message}`);
};

function resolveCatalog(prices: CatalogPrices | undefined, allowEmpty: boolean): Map<string, string> {
  const map = new Map<string, string>();
  if (!prices || typeof prices !== 'object')
    fail('catalog.prices is required (a list or a record of price ids).');
  const entries: Array<[string, unknown]> = Array.isArray(prices)
    ? prices.map((id) => [id as string, id])
    : Object.entries(prices as Record<string, unknown>);
  for (const [key, id] of entries) {
    if (typeof id !== 'string' || !/^[A-Za-z0-9_]+$/.test(id))
      fail(`catalog price "${String(id)}" is not a price id.`);
    if (!CATALOG_KEY_PATTERN.test(key)) fail(`catalog key "${key}" must match [A-Za-z0-9_.:-]{1,100}.`);
    if (map.has(key) || [...map.values()].includes(id as string)) fail(`catalog lists "${key}" twice.`);
    map.set(key, id as string);
  }
  if (map.size === 0 && !allowEmpty) {
    fail(
      'the catalog is empty, so checkout and payments would sell nothing. Add price ids, or list ' +
        "'checkout.create' and 'paymentIntent.create' in disabledActions.",
    );
  }
  return map;
}

function resolveSecrets(secret: unknown): string[] {
  if (secret === undefined || secret === null || secret === '') {
    fail(
      'webhooks.secret is missing: set it (e.g. STRIPE_WEBHOOK_SECRET) to the endpoint\'s "whsec_…" secret.',
    );
  }
  const list = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) fail('webhooks.secret is empty.');
  for (const s of list) {
    if (typeof s !== 'string' || !/^whsec_\S+$/.test(s)) {
      fail(
        'webhooks.secret must be a "whsec_…" signing secret (or a list of them); check STRIPE_WEBHOOK_SECRET.',
      );
    }
  }
  return list as string[];
}

/**
 * The secrets that sign anonymous sessions: `sessionSecret`, else the webhook secrets (every deployment that takes
 * webhooks already keeps one secret, on every instance), else a random one per process.
 */
function resolveSessionSecrets(
  sessionSecret: unknown,
  webhookSecrets: readonly string[] | undefined,
): string[] {
  if (sessionSecret !== undefined) {
    const list = Array.isArray(sessionSecret) ? sessionSecret : [sessionSecret];
    if (list.length === 0 || !list.every((s) => typeof s === 'string' && s.length >= 32))
      fail('sessionSecret must be a string of at least 32 characters (or a list of them while rotating).');
    return list as string[];
  }
  return webhookSecrets && webhookSecrets.length > 0 ? [...webhookSecrets] : [ephemeralSessionSecret()];
}

function resolveStripe(stripe: unknown): Runtime['stripe'] {
  const client = typeof stripe === 'function' ? (stripe as () => unknown)() : stripe;
  if (!client || typeof client !== 'object')
    fail('config.stripe (a Stripe instance, or a function returning one) is required.');
  return client as Runtime['stripe'];
}

/**
 * Checks the config and applies defaults; every problem is a startup error rather than an open door.
 * `codeOnly` skips what comes from the environment (the webhook secret, a `stripe` function), which
 * `createTollbooth` checks at the first request so that `next build` runs without secrets.
 */
function resolveConfig(config: TollboothConfig, codeOnly = false): Runtime {
  if (!config || typeof config !== 'object') fail('createTollbooth needs a config object.');
  // The code-only pass is thrown away after its checks, so it never needs the client a function would make.
  const stripe =
    codeOnly && typeof config.stripe === 'function'
      ? (null as unknown as Runtime['stripe'])
      : resolveStripe(config.stripe);
  if (typeof config.getUser !== 'function')
    fail('config.getUser is required: return the signed-in user or null.');
  if (config.billingOwner !== undefined && typeof config.billingOwner !== 'function') {
    fail('config.billingOwner must be a function (user, request) => owner, or left out.');
  }
  if (typeof config.authorize !== 'function') {
    fail('config.authorize is required (deny by default); use rbac({ ... }) or write your own.');
  }
  const basePath = (config.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');
  // '' is the root ('/'): a service that serves nothing but Tollbooth.
  if (basePath !== '' && (!/^\/[A-Za-z0-9_\-./[\]]*$/.test(basePath) || basePath.includes('//'))) {
    fail(`basePath "${config.basePath}" must be a path like "/api/tollbooth".`);
  }
  const disabled = new Set<ActionName>(config.disabledActions ?? []);
  for (const action of disabled)
    if (!ACTIONS.includes(action)) fail(`disabledActions: unknown action "${action}".`);
  const prices = resolveCatalog(
    config.catalog?.prices,
    disabled.has('checkout.create') && disabled.has('paymentIntent.create'),
  );
  const maxQuantity = config.maxQuantity ?? 99;
  if (!Number.isInteger(maxQuantity) || maxQuantity < 1 || maxQuantity > 10_000)
    fail('maxQuantity must be 1–10000.');
  const authorizeTimeoutMs = config.authorizeTimeoutMs ?? 5000;
  // Timers take at most 2^31-1 ms; past it Node fires at once (every request would time out, i.e. be denied).
  if (
    typeof authorizeTimeoutMs !== 'number' ||
    !(authorizeTimeoutMs >= 1 && authorizeTimeoutMs <= MAX_TIMER_MS)
  )
    fail(`authorizeTimeoutMs must be a number of milliseconds from 1 to ${MAX_TIMER_MS}.`);
  const priceCacheSeconds = config.priceCacheSeconds ?? 300;
  if (!Number.isInteger(priceCacheSeconds) || priceCacheSeconds < 1)
    fail('priceCacheSeconds must be a whole number of seconds, at least 1.');
  let webhook: Runtime['webhook'] = null;
  if (config.webhooks !== undefined) {
    if (typeof config.webhooks.on !== 'object' || config.webhooks.on === null)
      fail('webhooks.on must be an object.');
    const secrets = codeOnly ? [] : resolveSecrets(config.webhooks.secret);
    const leaseSeconds = config.webhooks.leaseSeconds ?? 60;
    if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1 || leaseSeconds > 86_400)
      fail('webhooks.leaseSeconds must be a whole number of seconds, 1–86400.');
    webhook = { secrets, on: config.webhooks.on, leaseSeconds };
  }
  const appId = config.appId ?? 'default';
  if (typeof appId !== 'string' || !APP_ID.test(appId))
    fail(`appId "${String(appId)}" must match [A-Za-z0-9_.-]{1,64}.`);
  const now = config.now ?? Date.now;
  const store = appStore(config.store ?? memoryStore({ now }), appId);
  return {
    stripe,
    appId,
    plans: resolvePlans(config.plans, prices),
    checkout: {
      allowPromotionCodes: config.checkout?.allowPromotionCodes === true,
      automaticTax: config.checkout?.automaticTax === true,
    },
    basePath,
    getUser: config.getUser,
    authorize: config.authorize,
    prices,
    keysByPrice: new Map([...prices].map(([k, id]) => [id, k])),
    customers: config.customers ?? defaultCustomerMapping(stripe, store, appId),
    billingOwner: config.billingOwner,
    origins: normaliseOrigins(config.origins),
    webhook,
    store,
    onAudit: config.onAudit,
    rateLimits: resolveRateLimits(config.rateLimit),
    disabled,
    maxQuantity,
    authorizeTimeoutMs,
    getClientAddress: resolveClientAddress(config.trustProxy),
    now,
    logger: config.logger ?? {
      warn: (m, f) => console.warn(m, f ?? {}),
      error: (m, f) => console.error(m, f ?? {}),
    },
    priceCacheSeconds,
    sessions: sessionSigner(resolveSessionSecrets(config.sessionSecret, webhook?.secrets)),
  };
}

/**
 * Creates the framework-free handler: `handle(request)` serves every action route and the webhook route under
 * `basePath`. Throws at once on a config the code gets wrong; the webhook secret and a `stripe` function are
 * checked at the first request (`next build` imports the route without secrets), and while they are wrong
 * every request answers 500 with the same message.
 */
export function createTollbooth<
  const C extends CatalogPrices,
  const P extends PlansConfig<CatalogKey<C>> = Record<never, never>,
>(config: TollboothConfig<C, P>): Tollbooth<CatalogKey<C>, keyof P & string> {
  const { basePath, origins } = resolveConfig(config as TollboothConfig, true);
  // Checked here and answered at the first request, not thrown at import: `next build` runs with
  // NODE_ENV=production and must work before the deployment's origins are known.
  const deploymentError = origins.size === 0 && isProduction() ? MISSING_ORIGINS_MESSAGE : null;
  let deploymentErrorLogged = false;
  let runtime: Runtime | undefined;
  /** The checked runtime, made at the first use (a request, `billing()` or `sync()`); throws while the config is wrong. */
  const runtimeNow = (): Runtime => {
    runtime ??= resolveConfig(config as TollboothConfig);
    return runtime;
  };

  async function handle(request: Request): Promise<Response> {
    const requestId = newRequestId();
    let rt: Runtime;
    try {
      rt = runtimeNow();
    } catch (error) {
      return startupErrorResponse(error, requestId, config.logger);
    }
    if (deploymentError !== null) {
      if (!deploymentErrorLogged) rt.logger.error(deploymentError, { requestId });
      deploymentErrorLogged = true;
      const error = new TollboothError('internal_error', 'Tollbooth is not configured: see the server log.');
      return errorResponse(error, requestId);
    }
    const isServed = (route: ActionName | 'webhook') =>
      route === 'webhook' ? rt.webhook !== null : !rt.disabled.has(route);
    try {
      const url = new URL(request.url);
      const match = matchRoute(rt.basePath, url.pathname, request.method, isServed);
      switch (match.kind) {
        case 'action':
          return await runAction(rt, request, requestId, ACTION_DEFINITIONS[match.action], match.id);
        case 'webhook':
          // The router matches the webhook route only when webhooks are configured (isServed).
          return await handleWebhook(rt, rt.webhook!, request, requestId);
        case 'method_not_allowed':
          return errorResponse(new TollboothError('method_not_allowed', 'Method not allowed.'), requestId, {
            allow: match.allow.join(', '),
          });
        default:
          return errorResponse(new TollboothError('not_found', 'Not found.'), requestId);
      }
    } catch (error) {
      return errorResponse(toTollboothError(error, rt.logger, requestId), requestId);
    }
  }

  type T = Tollbooth<CatalogKey<C>, keyof P & string>;
  type State = Awaited<ReturnType<T['billing']>>;
  // A load from bare headers names no URL: the route is reached on the site's first origin, as a browser would.
  const loadOrigin = () => origins.values().next().value ?? 'http://localhost';
  return {
    handle,
    basePath,
    load: createLoader(handle, basePath, loadOrigin) as T['load'],
    billing: async (who) => (await billingOf(runtimeNow(), ownerArgument(who))) as State,
    setSeats: async (owner, quantity) => (await setSeats(runtimeNow(), owner, quantity)) as State,
    sync: (customerId) => syncBilling(runtimeNow(), customerId) as Promise<State>,
  };
}

/** Fails closed: nothing is served until the config is right; the message names the setting, never a value. */
function startupErrorResponse(error: unknown, requestId: string, logger?: TollboothLogger): Response {
  const detail = error instanceof Error ? error.message : String(error);
  if (logger) logger.error('tollbooth: startup error', { requestId, message: detail });
  else console.error(`[tollbooth] startup error: ${detail}`);
  // Only Tollbooth's own messages are known to hold no value; what a `stripe` function threw stays in the log.
  const message = detail.startsWith('Tollbooth: ')
    ? detail
    : 'Tollbooth: config.stripe() threw at startup; the server log has the error.';
  return errorResponse(new TollboothError('internal_error', message), requestId);
}
