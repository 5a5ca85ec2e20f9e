// Twin of staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go (Add, Subtract, Mask,
// LessThanOrEqual, IsZero, Equals) over ResourceLists of Quantity strings, plus the canonical
// Quantity.String() of apimachinery's quantity.go (DecimalSI / BinarySI), which is what quota
// status fields and quota error messages show. Values are kept in integer milli-units.
import { parseQuantity } from '../quantity';

export type ResourceList = Record<string, string>;

type Format = 'DecimalSI' | 'BinarySI';

const formatOf = (q: string | number): Format => (typeof q === 'string' && /[KMGTPE]i$/.test(q.trim()) ? 'BinarySI' : 'DecimalSI');

/** The quantity in milli-units (1 = 1000, 500m = 500), rounded up as the apiserver rounds to milli scale. */
export function milli(q: string | number): number {
  return Math.ceil(Math.round(parseQuantity(q) * 1e6) / 1e3);
}

const DECIMAL_SUFFIXES: Array<[number, string]> = [[1e18, 'E'], [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
const BINARY_SUFFIXES: Array<[number, string]> = [[2 ** 60, 'Ei'], [2 ** 50, 'Pi'], [2 ** 40, 'Ti'], [2 ** 30, 'Gi'], [2 ** 20, 'Mi'], [2 ** 10, 'Ki']];

/** Quantity.String(): the canonical form of a value in milli-units in the given format. */
export function formatMilli(m: number, format: Format = 'DecimalSI'): string {
  if (m === 0) return '0';
  if (format === 'BinarySI' && m % 1000 === 0 && Math.abs(m) >= 1024 * 1000) {
    // BinarySI: the largest power of 1024 that divides the value; below 1Ki or fractional ⇒ DecimalSI
    const v = m / 1000;
    for (const [size, suffix] of BINARY_SUFFIXES) if (v % size === 0) return `${v / size}${suffix}`;
    return String(v);
  }
  if (m % 1000 !== 0) return `${m}m`;
  // DecimalSI: the largest exponent that is a multiple of 3 and leaves an integer mantissa
  const v = m / 1000;
  for (const [size, suffix] of DECIMAL_SUFFIXES) if (v % size === 0) return `${v / size}${suffix}`;
  return String(v);
}

/** Canonical string of a quantity as written (e.g. 1000m → 1, 1024Mi → 1Gi, 1500 → 1500). */
export function canonical(q: string | number): string {
  return formatMilli(milli(q), formatOf(q));
}

export function canonicalList(l: ResourceList | undefined): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(l ?? {})) out[k] = canonical(v);
  return out;
}

/** a + b (keys of both); a value keeps the format of the first operand that had it. */
export function add(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = { ...a };
  // Quantity.Add: a zero receiver takes the other operand's format
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? formatMilli(milli(a[k]) + milli(v), formatOf(milli(a[k]) === 0 ? v : a[k])) : v;
  return out;
}

/** a - b, never below zero (SubtractWithNonNegativeResult). */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(a)) out[k] = formatMilli(Math.max(0, milli(v) - (k in b ? milli(b[k]) : 0)), formatOf(v));
  return out;
}

/** The entries of `l` whose names are in `names`. */
export function mask(l: ResourceList, names: string[]): ResourceList {
  const out: ResourceList = {};
  for (const n of names) if (n in l) out[n] = l[n];
  return out;
}

export function resourceNames(l: ResourceList | undefined): string[] {
  return Object.keys(l ?? {});
}

/** LessThanOrEqual: whether a ≤ b for every key of a that b limits, and the keys that exceed. */
export function lessThanOrEqual(a: ResourceList, b: ResourceList): { allowed: boolean; exceeded: string[] } {
  const exceeded: string[] = [];
  for (const [k, v] of Object.entries(a)) if (k in b && milli(v) > milli(b[k])) exceeded.push(k);
  return { allowed: exceeded.length === 0, exceeded };
}

export function isZero(l: ResourceList): boolean {
  return Object.values(l).every((v) => milli(v) === 0);
}

/** Equals: same keys and the same values. */
export function equals(a: ResourceList | undefined, b: ResourceList | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => b && k in b && milli(a![k]) === milli(b[k]));
}

/** plugin/pkg/admission/resourcequota controller.go prettyPrint: `k=v` sorted by name, comma-joined. */
export function prettyPrint(l: ResourceList): string {
  return Object.keys(l)
    .sort()
    .map((k) => `${k}=${canonical(l[k])}`)
    .join(',');
}
