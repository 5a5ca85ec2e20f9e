// Twin of client-go util/workqueue/queue.go + delaying_queue.go + rate_limiting_queue.go, as
// plain data: a FIFO of keys with the dirty and processing sets, so a key is never processed
// by two workers at once and a key added while processing is queued again on Done. Delayed adds
// (AddAfter) are kernel timers owned by the controller-manager; this file only keeps the sets.
import { type RateLimiterState, forget, newRateLimiterState, numRequeues, when } from './default-rate-limiters';

export interface QueueState {
  queue: string[];
  /** keys that need processing (queue.go `dirty`) */
  dirty: Record<string, true>;
  /** keys a worker holds right now (queue.go `processing`) */
  processing: Record<string, true>;
  limiter: RateLimiterState;
  shuttingDown: boolean;
}

export function newQueueState(): QueueState {
  return { queue: [], dirty: {}, processing: {}, limiter: newRateLimiterState(), shuttingDown: false };
}

/** queue.go Add: a key already dirty is not queued twice; a key being processed waits for Done. */
export function add(q: QueueState, key: string): boolean {
  if (q.shuttingDown || q.dirty[key]) return false;
  q.dirty[key] = true;
  if (q.processing[key]) return false;
  q.queue.push(key);
  return true;
}

/** queue.go Get: the oldest key moves from dirty to processing. */
export function get(q: QueueState): string | undefined {
  const key = q.queue.shift();
  if (key === undefined) return undefined;
  q.processing[key] = true;
  delete q.dirty[key];
  return key;
}

/** queue.go Done: a key re-added while it was processed goes back to the queue. */
export function done(q: QueueState, key: string): boolean {
  delete q.processing[key];
  if (q.dirty[key]) {
    q.queue.push(key);
    return true;
  }
  return false;
}

export function len(q: QueueState): number {
  return q.queue.length;
}

export function processingCount(q: QueueState): number {
  return Object.keys(q.processing).length;
}

/** rate_limiting_queue.go AddRateLimited: the delay the caller must wait before Add. */
export function addRateLimitedDelayMs(q: QueueState, key: string, nowMs: number): number {
  return when(q.limiter, key, nowMs);
}

export { forget, numRequeues };
