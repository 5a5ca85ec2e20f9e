// Twin of k8s.io/client-go/util/flowcontrol/backoff.go (jitter 0): per-id exponential back-off
// kept as plain data so the kubelet's state stays structured-cloneable.

export interface BackoffEntry {
  backoffMs: number;
  lastUpdateMs: number;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
  entries: Record<string, BackoffEntry>;
}

/** kubelet: backOffPeriod 10 s and MaxContainerBackOff 300 s (pkg/kubelet/kubelet.go). */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

export function newBackoff(initialMs = BACKOFF_INITIAL_MS, maxMs = BACKOFF_MAX_MS): Backoff {
  return { initialMs, maxMs, entries: {} };
}

/** hasExpired: the entry is stale when eventTime - lastUpdate > 2 × max. */
function hasExpired(b: Backoff, eventTimeMs: number, lastUpdateMs: number): boolean {
  return eventTimeMs - lastUpdateMs > b.maxMs * 2;
}

/** Next: start at initial, or double up to max; lastUpdate is the clock's now. */
export function backoffNext(b: Backoff, id: string, eventTimeMs: number, nowMs: number): void {
  const e = b.entries[id];
  if (!e || hasExpired(b, eventTimeMs, e.lastUpdateMs)) b.entries[id] = { backoffMs: b.initialMs, lastUpdateMs: nowMs };
  else b.entries[id] = { backoffMs: Math.min(e.backoffMs * 2, b.maxMs), lastUpdateMs: nowMs };
}

/** Get: the current back-off of id (0 when none). */
export function backoffGet(b: Backoff, id: string): number {
  return b.entries[id]?.backoffMs ?? 0;
}

/** IsInBackOffSince: less than the current back-off has passed since eventTime. */
export function isInBackOffSince(b: Backoff, id: string, eventTimeMs: number, nowMs: number): boolean {
  const e = b.entries[id];
  if (!e || hasExpired(b, eventTimeMs, e.lastUpdateMs)) return false;
  return nowMs - eventTimeMs < e.backoffMs;
}

/** IsInBackOffSinceUpdate: less than the current back-off has passed since the last Next. */
export function isInBackOffSinceUpdate(b: Backoff, id: string, eventTimeMs: number): boolean {
  const e = b.entries[id];
  if (!e || hasExpired(b, eventTimeMs, e.lastUpdateMs)) return false;
  return eventTimeMs - e.lastUpdateMs < e.backoffMs;
}

/** GC: drop entries idle for more than 2 × max. */
export function backoffGC(b: Backoff, nowMs: number): void {
  for (const [id, e] of Object.entries(b.entries)) if (nowMs - e.lastUpdateMs > b.maxMs * 2) delete b.entries[id];
}
