/** One plan of `config.plans`. `K` is the catalog key type, so a plan can only name prices the catalog sells. */
export interface PlanConfig<K extends string = string> {
  /** Catalog keys that subscribe to this plan; a plan without prices is the default plan. @default [] */
  prices?: readonly K[];
  /** What the plan grants, checked with `has(state, feature)`. @default [] */
  features?: readonly string[];
  /** Named numeric limits (`{ projects: 50 }`). @default {} */
  limits?: Readonly<Record<string, number>>;
  /** Days of free trial a new subscription to this plan starts with. @default undefined (no trial) */
  trialDays?: number;
}

/** `config.plans`: plan keys to plans. */
export type PlansConfig<K extends string = string> = Readonly<Record<string, PlanConfig<K>>>;

/** A plan after the startup checks. */
export interface ResolvedPlan {
  key: string;
  prices: readonly string[];
  features: readonly string[];
  limits: Readonly<Record<string, number>>;
  trialDays: number | null;
}

export interface ResolvedPlans {
  plans: ReadonlyMap<string, ResolvedPlan>;
  /** Stripe price id → the plan it subscribes to. */
  byPriceId: ReadonlyMap<string, ResolvedPlan>;
  /** The plan without prices, which applies when no subscription does. */
  fallback: ResolvedPlan | null;
}

const fail = (message: string): never => {
  throw new Error(`Tollbooth: ${message}`);
};

const KEY = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Checks `config.plans` against the catalog; every mistake is a startup error naming the plan. */
export function resolvePlans(config: unknown, catalog: ReadonlyMap<string, string>): ResolvedPlans {
  const plans = new Map<string, ResolvedPlan>();
  const byPriceId = new Map<string, ResolvedPlan>();
  let fallback: ResolvedPlan | null = null;
  if (config === undefined) return { plans, byPriceId, fallback };
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    fail('plans must be an object of plan keys to plans.');
  for (const [key, raw] of Object.entries(config as Record<string, unknown>)) {
    if (!KEY.test(key)) fail(`plan key "${key}" must match [A-Za-z0-9_.:-]{1,100}.`);
    if (typeof raw !== 'object' || raw === null) fail(`plans.${key} must be an object.`);
    const plan = raw as PlanConfig;
    const prices = plan.prices ?? [];
    const features = plan.features ?? [];
    const limits = plan.limits ?? {};
    if (!Array.isArray(prices)) fail(`plans.${key}.prices must be a list of catalog keys.`);
    if (!Array.isArray(features) || features.some((f) => typeof f !== 'string' || f === ''))
      fail(`plans.${key}.features must be a list of non-empty strings.`);
    if (typeof limits !== 'object' || limits === null)
      fail(`plans.${key}.limits must be an object of numbers.`);
    for (const [name, n] of Object.entries(limits))
      if (typeof n !== 'number' || Number.isNaN(n)) fail(`plans.${key}.limits.${name} must be a number.`);
    const trialDays = plan.trialDays ?? null;
    if (trialDays !== null && (!Number.isInteger(trialDays) || trialDays < 1 || trialDays > 730))
      fail(`plans.${key}.trialDays must be a whole number of days, 1–730.`);
    const resolved: ResolvedPlan = { key, prices, features, limits, trialDays };
    for (const priceKey of prices) {
      const id = catalog.get(priceKey);
      if (id === undefined) fail(`plans.${key} names "${priceKey}", which is not a catalog key.`);
      const other = byPriceId.get(id as string);
      if (other) fail(`"${priceKey}" is in both plans.${other.key} and plans.${key}.`);
      byPriceId.set(id as string, resolved);
    }
    if (prices.length === 0) {
      if (fallback)
        fail(`plans.${fallback.key} and plans.${key} both have no prices; only one default plan.`);
      if (trialDays !== null) fail(`plans.${key} has no prices, so it cannot have a trial.`);
      fallback = resolved;
    }
    plans.set(key, resolved);
  }
  return { plans, byPriceId, fallback };
}
