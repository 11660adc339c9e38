/** A failure to inject into matching requests. `times` counts matching requests (default 1). */
export type FaultSpec = { path: string | RegExp; method?: string; times?: number } & (
  | { status: 429 | 500 }
  | { drop: true }
  | { delayMs: number }
);

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

/** `*` in a string path matches any run of characters (`/v1/payment_intents/*`). */
function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  if (!pattern.includes('*')) return pattern === path;
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${source.join('.*')}$`).test(path);
}

/** Fault injection: `sim.faults.inject({ path, times, status | drop | delayMs })`. */
export class Faults {
  private active: ActiveFault[] = [];

  inject(spec: FaultSpec): void {
    this.active.push({ spec, remaining: spec.times ?? 1 });
  }

  /** Takes one use of the first fault matching the request, if any. */
  take(method: string, path: string): FaultSpec | undefined {
    const found = this.active.find(
      (fault) =>
        fault.remaining > 0 &&
        (!fault.spec.method || fault.spec.method.toUpperCase() === method) &&
        pathMatches(fault.spec.path, path),
    );
    if (!found) return undefined;
    found.remaining--;
    this.active = this.active.filter((fault) => fault.remaining > 0);
    return found.spec;
  }

  /** Faults not yet used up. */
  get pending(): readonly FaultSpec[] {
    return this.active.map((fault) => fault.spec);
  }

  clear(): void {
    this.active = [];
  }
}
