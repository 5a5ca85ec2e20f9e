// Table tests in the shape of robfig/cron v3 parser_test.go and spec_test.go (TestActivation,
// TestNext), in UTC, plus the parse errors kube-apiserver surfaces for spec.schedule.
import { describe, expect, it } from 'vitest';
import { next, parseStandard, type Schedule } from './cron';
import { parseRfc3339, rfc3339 } from './time';

const sched = (s: string): Schedule => {
  const p = parseStandard(s);
  if ('error' in p) throw new Error(p.error);
  return p;
};
const nextAfter = (spec: string, from: string) => {
  const n = next(sched(spec), parseRfc3339(from));
  return n === undefined ? undefined : rfc3339(n);
};

describe('cron.ParseStandard', () => {
  it.each([
    ['*/15 * * * *', { minute: [0, 15, 30, 45], domStar: true, dowStar: true }],
    ['5-10/2 1,3 * * *', { minute: [5, 7, 9], hour: [1, 3] }],
    ['0 0 * JAN-mar mon-FRI', { month: [1, 2, 3], dow: [1, 2, 3, 4, 5], dowStar: false }],
    ['0 0 ? * *', { domStar: true }],
    ['30 5/6 * * *', { hour: [5, 11, 17, 23] }],
    ['0 0 */1 * *', { domStar: true }],
    ['0 0 */2 * *', { domStar: false }],
    ['@hourly', { minute: [0], hour: Array.from({ length: 24 }, (_, i) => i) }],
    ['@weekly', { minute: [0], hour: [0], dow: [0] }],
  ])('%s', (spec, want) => {
    expect(sched(spec)).toMatchObject(want);
  });

  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: * * * *'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: * * * * * *'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['', 'empty spec string'],
  ])('rejects %j', (spec, error) => {
    expect(parseStandard(spec)).toEqual({ error });
  });
});

describe('SpecSchedule.Next (UTC)', () => {
  it.each([
    // every minute: strictly after, on the next whole minute
    ['*/1 * * * *', '2025-01-01T00:00:00Z', '2025-01-01T00:01:00Z'],
    ['* * * * *', '2025-01-01T00:00:30Z', '2025-01-01T00:01:00Z'],
    ['*/15 * * * *', '2025-01-01T00:14:59Z', '2025-01-01T00:15:00Z'],
    ['0 * * * *', '2025-01-01T23:30:00Z', '2025-01-02T00:00:00Z'],
    // wrap month and year
    ['0 0 1 * *', '2025-01-31T12:00:00Z', '2025-02-01T00:00:00Z'],
    ['0 0 1 1 *', '2025-06-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    // leap day
    ['0 0 29 2 *', '2025-01-01T00:00:00Z', '2028-02-29T00:00:00Z'],
    // day of week: 2025-01-01 is a Wednesday
    ['0 9 * * mon', '2025-01-01T00:00:00Z', '2025-01-06T09:00:00Z'],
    ['0 9 * * 0', '2025-01-01T00:00:00Z', '2025-01-05T09:00:00Z'],
    // DOM and DOW both restricted: either matches
    ['0 0 15 * fri', '2025-01-01T00:00:00Z', '2025-01-03T00:00:00Z'],
    ['0 0 2 * fri', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
    // DOW restricted, DOM star: both must match (i.e. only DOW counts)
    ['0 0 * * fri', '2025-01-01T00:00:00Z', '2025-01-03T00:00:00Z'],
    // */2 in DOM is not a star any more: either rule with DOW
    ['0 0 */10 * mon', '2025-01-01T00:00:00Z', '2025-01-06T00:00:00Z'],
    ['30 6-16/4 * * 1-5', '2025-01-01T16:31:00Z', '2025-01-02T06:30:00Z'],
    ['@daily', '2025-03-09T23:59:59Z', '2025-03-10T00:00:00Z'],
    ['@every 90s', '2025-01-01T00:00:10Z', '2025-01-01T00:01:40Z'],
  ])('%s after %s → %s', (spec, from, want) => {
    expect(nextAfter(spec, from)).toBe(want);
  });

  it('finds nothing for an impossible date within five years', () => {
    expect(nextAfter('0 0 30 2 *', '2025-01-01T00:00:00Z')).toBeUndefined();
  });
});
