// Twin of client-go util/workqueue/default_rate_limiters.go DefaultControllerRateLimiter:
// MaxOf(ItemExponentialFailureRateLimiter(5ms, 1000s), BucketRateLimiter(10 qps, burst 100)).
// The token bucket (golang.org/x/time/rate) is kept in milli-tokens so all arithmetic is integer.

export const BASE_DELAY_MS = 5;
export const MAX_DELAY_MS = 1000 * 1000;
export const BUCKET_QPS = 10;
export const BUCKET_BURST = 100;

export interface RateLimiterState {
  /** ItemExponentialFailureRateLimiter.failures */
  failures: Record<string, number>;
  /** rate.Limiter: tokens × 1000 (may go negative: reservations in the future) */
  milliTokens: number;
  lastMs: number;
}

export function newRateLimiterState(): RateLimiterState {
  return { failures: {}, milliTokens: BUCKET_BURST * 1000, lastMs: 0 };
}

/** ItemExponentialFailureRateLimiter.When: base × 2^failures, capped at max. */
export function exponentialWhen(s: RateLimiterState, key: string): number {
  const exp = s.failures[key] ?? 0;
  s.failures[key] = exp + 1;
  // 2^exp overflows long before the cap matters; cap first (default_rate_limiters.go)
  if (exp > 30) return MAX_DELAY_MS;
  return Math.min(BASE_DELAY_MS * 2 ** exp, MAX_DELAY_MS);
}

/** BucketRateLimiter.When: rate.Limiter.Reserve().Delay(). */
export function bucketWhen(s: RateLimiterState, nowMs: number): number {
  const elapsed = Math.max(0, nowMs - s.lastMs);
  s.milliTokens = Math.min(BUCKET_BURST * 1000, s.milliTokens + elapsed * BUCKET_QPS);
  s.lastMs = nowMs;
  s.milliTokens -= 1000;
  if (s.milliTokens >= 0) return 0;
  return Math.ceil(-s.milliTokens / BUCKET_QPS);
}

/** MaxOfRateLimiter.When: every limiter is consulted (each records the attempt), the longest wins. */
export function when(s: RateLimiterState, key: string, nowMs: number): number {
  return Math.max(exponentialWhen(s, key), bucketWhen(s, nowMs));
}

export function forget(s: RateLimiterState, key: string): void {
  delete s.failures[key];
}

export function numRequeues(s: RateLimiterState, key: string): number {
  return s.failures[key] ?? 0;
}
