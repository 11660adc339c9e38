import type { AuditEntry } from '@tollbooth/server';

const AUDIT = Symbol.for('next-store.audit');
type Holder = typeof globalThis & { [AUDIT]?: AuditEntry[] };

/** Keeps the last 50 decisions in memory; a real app sends them to its log pipeline. */
export function recordAudit(entry: AuditEntry): void {
  const holder = globalThis as Holder;
  holder[AUDIT] ??= [];
  const log = holder[AUDIT];
  log.unshift(entry);
  log.length = Math.min(log.length, 50);
}

/** Newest first, for the staff page. */
export function recentAudit(): readonly AuditEntry[] {
  return (globalThis as Holder)[AUDIT] ?? [];
}
