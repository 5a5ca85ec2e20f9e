import { describe, expect, it } from 'vitest';
import { formatClock, formatSpan, virtualMsOf } from './time';

describe('time', () => {
  it('reads RFC 3339 timestamps as virtual ms', () => {
    expect(virtualMsOf('2025-01-01T00:01:05Z')).toBe(65_000);
    expect(virtualMsOf(undefined)).toBeNaN();
  });

  it('formats the clock', () => {
    expect(formatClock(83_450)).toBe('00:01:23.450');
    expect(formatClock(3_600_000 * 5 + 7)).toBe('05:00:00.007');
  });

  it('formats spans', () => {
    expect(formatSpan(450)).toBe('450 ms');
    expect(formatSpan(4_230)).toBe('4.2 s');
    expect(formatSpan(125_000)).toBe('2 min 5 s');
  });
});
