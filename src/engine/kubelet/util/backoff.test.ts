import { describe, expect, it } from 'vitest';
import { backoffGet, backoffNext, isInBackOffSince, isInBackOffSinceUpdate, newBackoff } from './backoff';

describe('flowcontrol.Backoff (10 s initial, ×2, 300 s max)', () => {
  it('doubles to the cap', () => {
    const b = newBackoff();
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      backoffNext(b, 'k', i * 1000, i * 1000);
      seen.push(backoffGet(b, 'k') / 1000);
    }
    expect(seen).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('is in back-off since an event for the current window only', () => {
    const b = newBackoff();
    expect(isInBackOffSince(b, 'k', 0, 0)).toBe(false);
    backoffNext(b, 'k', 0, 0);
    expect(isInBackOffSince(b, 'k', 0, 9_999)).toBe(true);
    expect(isInBackOffSince(b, 'k', 0, 10_000)).toBe(false);
    expect(isInBackOffSinceUpdate(b, 'k', 9_999)).toBe(true);
    expect(isInBackOffSinceUpdate(b, 'k', 10_000)).toBe(false);
  });

  it('resets after 2 × max without a Next (the container ran ~10 minutes)', () => {
    const b = newBackoff();
    backoffNext(b, 'k', 0, 0);
    backoffNext(b, 'k', 1, 1);
    expect(backoffGet(b, 'k')).toBe(20_000);
    backoffNext(b, 'k', 700_000, 700_000);
    expect(backoffGet(b, 'k')).toBe(10_000);
  });
});
