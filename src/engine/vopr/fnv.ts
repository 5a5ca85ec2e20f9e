// FNV-1a/64 over UTF-16 code units, in two 32-bit halves (no BigInt on the hot path): the VOPR
// hashes a whole trace, one JSON event at a time, to compare a run with its replay.

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
/** the 64-bit FNV prime 0x100000001b3 = 2^40 + 0x1b3 */
const PRIME_LO = 0x1b3;

export class Fnv64 {
  private hi = OFFSET_HI;
  private lo = OFFSET_LO;

  update(s: string): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < s.length; i++) {
      lo = (lo ^ s.charCodeAt(i)) >>> 0;
      // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64: lo·0x1b3 < 2^41 and hi·0x1b3 < 2^41 stay exact
      const loProduct = lo * PRIME_LO;
      const carry = Math.floor(loProduct / 0x100000000);
      hi = (hi * PRIME_LO + carry + ((lo << 8) >>> 0)) % 0x100000000;
      lo = loProduct >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** 16 lowercase hex digits */
  digest(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

export function fnv1a64(s: string): string {
  return new Fnv64().update(s).digest();
}

/** The trace's hash: each event's JSON, newline-terminated, in order. */
export function traceHash(events: Iterable<unknown>): string {
  const h = new Fnv64();
  for (const e of events) h.update(JSON.stringify(e)).update('\n');
  return h.digest();
}
