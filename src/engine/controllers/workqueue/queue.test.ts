// client-go util/workqueue queue_test.go and default_rate_limiters_test.go, as facts.
import { describe, expect, it } from 'vitest';
import { add, addRateLimitedDelayMs, done, forget, get, len, newQueueState, numRequeues } from './queue';
import { bucketWhen, exponentialWhen, newRateLimiterState } from './default-rate-limiters';

describe('workqueue', () => {
  it('dedups dirty keys and never hands out a key that is being processed', () => {
    const q = newQueueState();
    add(q, 'a');
    add(q, 'a');
    add(q, 'b');
    expect(len(q)).toBe(2);
    expect(get(q)).toBe('a');
    add(q, 'a'); // re-added while processing: waits for Done
    expect(len(q)).toBe(1);
    expect(get(q)).toBe('b');
    expect(get(q)).toBeUndefined();
    expect(done(q, 'a')).toBe(true);
    expect(get(q)).toBe('a');
    expect(done(q, 'a')).toBe(false);
  });

  it('ItemExponentialFailureRateLimiter: 5ms doubling to 1000s, reset by Forget', () => {
    const s = newRateLimiterState();
    expect([1, 2, 3, 4, 5].map(() => exponentialWhen(s, 'k'))).toEqual([5, 10, 20, 40, 80]);
    for (let i = 0; i < 40; i++) exponentialWhen(s, 'k');
    expect(exponentialWhen(s, 'k')).toBe(1_000_000);
  });

  it('BucketRateLimiter: burst of 100, then 10 per second', () => {
    const s = newRateLimiterState();
    for (let i = 0; i < 100; i++) expect(bucketWhen(s, 0)).toBe(0);
    expect(bucketWhen(s, 0)).toBe(100);
    expect(bucketWhen(s, 0)).toBe(200);
    expect(bucketWhen(s, 1000)).toBe(0); // 10 tokens came back in that second
  });

  it('AddRateLimited takes the longer of both; Forget clears the failures', () => {
    const q = newQueueState();
    expect(addRateLimitedDelayMs(q, 'k', 0)).toBe(5);
    expect(addRateLimitedDelayMs(q, 'k', 0)).toBe(10);
    expect(numRequeues(q.limiter, 'k')).toBe(2);
    forget(q.limiter, 'k');
    expect(numRequeues(q.limiter, 'k')).toBe(0);
  });
});
