// Twin of k8s.io/apimachinery/pkg/api/resource/quantity.go, reduced to what the simulator needs:
// parse a Quantity string into integer millis (cpu) or integer units (bytes, pods). Integers only.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY_RE = /^([+-]?[0-9]+(?:\.[0-9]*)?|[+-]?\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/;

export class QuantityError extends Error {}

/** The quantity's value as a float (units). Throws QuantityError on bad syntax. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    return q;
  }
  const m = QUANTITY_RE.exec(String(q).trim());
  if (!m) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  const num = Number(m[1]);
  if (m[2] !== undefined) return num * (BINARY[m[2]] ?? DECIMAL[m[2]]);
  if (m[3] !== undefined) return num * 10 ** Number(m[3]);
  return num;
}

export function isValidQuantity(q: unknown): boolean {
  if (typeof q !== 'string' && typeof q !== 'number') return false;
  try {
    parseQuantity(q);
    return true;
  } catch {
    return false;
  }
}

/** CPU in millicores, rounded up as the apiserver rounds resource lists up to milli scale. */
export function cpuMilli(q: string | number | undefined): number {
  if (q === undefined) return 0;
  return Math.ceil(Math.round(parseQuantity(q) * 1e6) / 1e3);
}

/** Memory (or any byte quantity) in bytes, rounded up to a whole byte. */
export function bytes(q: string | number | undefined): number {
  if (q === undefined) return 0;
  return Math.ceil(parseQuantity(q) - 1e-9);
}

/** Generic value for a named resource: cpu in millicores, everything else in units. */
export function resourceValue(name: string, q: string | number | undefined): number {
  return name === 'cpu' ? cpuMilli(q) : bytes(q);
}

/** Format bytes the way kubectl shows capacities (e.g. 8Gi, 128Mi), falling back to plain bytes. */
export function formatBytes(n: number): string {
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (n >= size && n % size === 0) return `${n / size}${suffix}`;
  }
  return String(n);
}

export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}
