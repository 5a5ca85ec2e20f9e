// Twin of github.com/robfig/cron/v3 parser.go (ParseStandard: 5 fields, names, ranges, steps,
// lists, `?`, @descriptors, @every) and spec.go (SpecSchedule.Next with the DOM/DOW "either"
// rule), as kube-apiserver validation and the CronJob controller use it. UTC only: the times here
// are virtual ms (0 = 2025-01-01T00:00:00Z); `TZ=`/`CRON_TZ=` prefixes other than UTC are rejected.
import { EPOCH_MS } from './time';

export interface CronSchedule {
  kind: 'spec';
  /** bit sets, as robfig keeps them (bit 63 = starBit, here a separate flag) */
  minute: number[];
  hour: number[];
  dom: number[];
  month: number[];
  dow: number[];
  domStar: boolean;
  dowStar: boolean;
}
export interface EverySchedule {
  kind: 'every';
  delayMs: number;
}
export type Schedule = CronSchedule | EverySchedule;

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}
const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, { min: 1, max: 12, names: MONTHS }, { min: 0, max: 6, names: DAYS }];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

class ParseError extends Error {}

function mustParseInt(s: string): number {
  if (!/^-?\d+$/.test(s)) throw new ParseError(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  const n = Number(s);
  if (n < 0) throw new ParseError(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function parseIntOrName(s: string, names?: Record<string, number>): number {
  if (names && names[s.toLowerCase()] !== undefined) return names[s.toLowerCase()];
  return mustParseInt(s);
}

/** getRange: `*`, `?`, `a`, `a-b`, each optionally `/step`; returns the values and whether it was a star. */
function getRange(expr: string, r: Bounds): { values: number[]; star: boolean } {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end, star] = [r.min, r.max, true];
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new ParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (singleDigit) end = r.max; // "N/step" means "N-max/step"
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new ParseError(`too many slashes: ${expr}`);
  if (start < r.min) throw new ParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new ParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new ParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new ParseError(`step of range should be a positive number: ${expr}`);
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  return { values, star };
}

/** getField: a comma-separated list of ranges. */
function getField(field: string, r: Bounds): { values: number[]; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const expr of field.split(',')) {
    const g = getRange(expr, r);
    g.values.forEach((v) => set.add(v));
    star ||= g.star;
  }
  return { values: [...set].sort((a, b) => a - b), star };
}

/** Go's time.ParseDuration for the simple forms @every takes (e.g. 90s, 1h30m, 1.5h). */
function parseDurationMs(s: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };
  if (!/^((\d+(\.\d+)?)(ms|s|m|h))+$/.test(s)) throw new ParseError(`failed to parse duration ${s}: time: invalid duration "${s}"`);
  let ms = 0;
  for (const m of s.matchAll(re)) ms += Number(m[1]) * unit[m[2]];
  return ms;
}

/** cron.ParseStandard: a schedule, or `{error}` with robfig's message. */
export function parseStandard(spec: string): Schedule | { error: string } {
  try {
    let s = spec.trim();
    if (s.length === 0) return { error: 'empty spec string' };
    if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
      const i = s.indexOf(' ');
      const tz = s.slice(s.indexOf('=') + 1, i < 0 ? undefined : i);
      if (tz !== 'UTC' && tz !== 'Etc/UTC') return { error: `provided bad location ${tz}: unknown time zone ${tz}` };
      s = s.slice(i + 1).trim();
    }
    if (s.startsWith('@')) {
      if (s.startsWith('@every ')) {
        const ms = parseDurationMs(s.slice('@every '.length).trim());
        // ConstantDelaySchedule: at least one second, rounded down to seconds
        return { kind: 'every', delayMs: Math.max(1000, Math.floor(ms / 1000) * 1000) };
      }
      const d = DESCRIPTORS[s];
      if (!d) return { error: `unrecognized descriptor: ${s}` };
      s = d;
    }
    const fields = s.split(/\s+/);
    if (fields.length !== 5) return { error: `expected exactly 5 fields, found ${fields.length}: ${s}` };
    const [mi, h, dom, mo, dow] = fields.map((f, i) => getField(f, FIELDS[i]));
    return { kind: 'spec', minute: mi.values, hour: h.values, dom: dom.values, month: mo.values, dow: dow.values, domStar: dom.star, dowStar: dow.star };
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message };
    throw e;
  }
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function civil(daysSinceUnixEpoch: number): { y: number; m: number; d: number; dow: number } {
  let z = daysSinceUnixEpoch + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  z = yoe + era * 400;
  // 1970-01-01 was a Thursday (4)
  return { y: m <= 2 ? z + 1 : z, m, d, dow: (((daysSinceUnixEpoch + 4) % 7) + 7) % 7 };
}

/** dayMatches: with a `*` in DOM or DOW both must match; otherwise either may (robfig spec.go). */
function dayMatches(s: CronSchedule, dom: number, dow: number): boolean {
  const domMatch = s.dom.includes(dom);
  const dowMatch = s.dow.includes(dow);
  return s.domStar || s.dowStar ? domMatch && dowMatch : domMatch || dowMatch;
}

/**
 * SpecSchedule.Next: the first activation strictly after `t` (virtual ms), on a whole minute,
 * or undefined when none exists within five years (e.g. `0 0 30 2 *`).
 */
export function next(s: Schedule, t: number): number | undefined {
  if (s.kind === 'every') return Math.floor(t / 1000) * 1000 + s.delayMs;
  const abs = t + EPOCH_MS;
  // the next whole minute strictly after t (seconds are always 0 in the standard format)
  const start = Math.floor(abs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  let day = Math.floor(start / DAY_MS);
  const lastDay = day + 5 * 366;
  let minuteOfDay = Math.floor((start - day * DAY_MS) / MINUTE_MS);
  for (; day <= lastDay; day++, minuteOfDay = 0) {
    const c = civil(day);
    if (!s.month.includes(c.m) || !dayMatches(s, c.d, c.dow)) continue;
    for (const h of s.hour) {
      for (const mi of s.minute) {
        if (h * 60 + mi >= minuteOfDay) return day * DAY_MS + (h * 60 + mi) * MINUTE_MS - EPOCH_MS;
      }
    }
  }
  return undefined;
}
