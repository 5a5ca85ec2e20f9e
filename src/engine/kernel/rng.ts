// Seeded PRNG (mulberry32) with named forks, as TigerBeetle's vopr does with child seeds:
// each component draws from its own stream, so one extra draw never changes another's choices.
// The state is one uint32 per stream, kept by the kernel, so a snapshot is plain data.

/** FNV-1a 32-bit hash of a string, used to derive child seeds. */
export function fnv1a32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** One mulberry32 step: returns [nextState, uint32 output]. */
export function mulberry32(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [next, (t ^ (t >>> 14)) >>> 0];
}

export function childSeed(rootSeed: number, stream: string): number {
  return fnv1a32(stream, fnv1a32(String(rootSeed >>> 0)));
}

/** A stream view over the kernel-held state map. */
export class Rng {
  constructor(
    private readonly states: Record<string, number>,
    private readonly rootSeed: number,
    readonly stream: string,
  ) {
    if (states[stream] === undefined) states[stream] = childSeed(rootSeed, stream);
  }
  /** uint32 */
  next(): number {
    const [s, out] = mulberry32(this.states[this.stream]);
    this.states[this.stream] = s;
    return out;
  }
  /** integer in [0, n) */
  int(n: number): number {
    if (n <= 0) throw new Error('rng.int: n must be positive');
    return Math.floor((this.next() / 0x100000000) * n);
  }
  /** true with probability num/den (integer ratio, as TigerBeetle's `chance`) */
  chance(num: number, den: number): boolean {
    return this.int(den) < num;
  }
  fork(name: string): Rng {
    return new Rng(this.states, this.rootSeed, `${this.stream}/${name}`);
  }
}
