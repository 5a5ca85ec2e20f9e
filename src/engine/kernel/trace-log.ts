// The recorded timeline of a run: every trace event by seq, kept to seek in. A long run on a large
// cluster records millions of events (about a KiB of heap each at 1,000 nodes), so a host may give
// it a codec: whole pages of old events are then packed (the worker deflates their JSON) and
// unpacked again when a seek or a fold reads them. Nothing the engine decides reads the log.
import type { TraceEvent } from './types';

/** What reads a timeline needs: an array is one, a TraceLog is one. */
export interface TraceView {
  readonly length: number;
  at(i: number): TraceEvent | undefined;
  slice(start?: number, end?: number): TraceEvent[];
}

/** Packs a page of events into something smaller and back (a JSON round trip: equal, not the same objects). */
export interface TracePageCodec {
  pack(events: readonly TraceEvent[]): unknown;
  unpack(packed: unknown): TraceEvent[];
  /** events a page holds (default 4,096) */
  pageSize?: number;
  /** events kept unpacked at the end of the log (default 8 pages) */
  keepLoose?: number;
  /** bytes a packed page holds (memory figures) */
  bytes?(packed: unknown): number;
}

const PAGE = 4096;
/** unpacked pages kept for reading: a fold walks forward through one, a step back reads the one before */
const CACHED_PAGES = 3;

export class TraceLog implements TraceView {
  /** the oldest events, `page` at a time, packed; `loose` holds the rest */
  private packed: unknown[] = [];
  private loose: TraceEvent[] = [];
  private codec: TracePageCodec | undefined;
  private page = PAGE;
  private keep = 8 * PAGE;
  private cache: { index: number; events: TraceEvent[] }[] = [];

  /** Pack old pages from now on (and the ones already old enough). */
  setCodec(codec: TracePageCodec | undefined): void {
    if (codec === this.codec) return;
    // packed pages go back to events first: a new codec may not read the old one's pages
    if (this.packed.length) {
      this.loose = this.slice(0, this.length);
      this.packed = [];
      this.cache = [];
    }
    this.codec = codec;
    this.page = codec?.pageSize ?? PAGE;
    this.keep = codec?.keepLoose ?? 8 * this.page;
    this.packOld();
  }

  /** bytes the packed pages hold, as the codec counts them (memory figures for benchmarks) */
  get packedBytes(): number {
    let n = 0;
    for (const p of this.packed) n += this.codec?.bytes?.(p) ?? 0;
    return n;
  }

  /** events in packed pages */
  get packedEvents(): number {
    return this.packed.length * this.page;
  }

  get length(): number {
    return this.packedEvents + this.loose.length;
  }

  /** Cut the log to its first `n` events (a fork or a restore: what came after is no longer this run's). */
  truncate(n: number): void {
    if (n >= this.length) return;
    const base = this.packedEvents;
    if (n >= base) {
      this.loose.length = n - base;
      return;
    }
    // the cut falls inside a packed page: that page's head becomes the loose tail
    const p = Math.floor(n / this.page);
    const head = this.unpack(p).slice(0, n - p * this.page);
    this.packed.length = p;
    this.loose = head;
    this.cache = this.cache.filter((c) => c.index < p);
  }

  at(i: number): TraceEvent | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const base = this.packedEvents;
    if (i >= base) return this.loose[i - base];
    const p = Math.floor(i / this.page);
    return this.unpack(p)[i - p * this.page];
  }

  /**
   * Record event `e` at its seq: appended, or (a replay after a seek) written over the event the
   * same run emitted there before. A replay is deterministic, so a packed page already holds an
   * equal event and is left as it is.
   */
  record(e: TraceEvent): void {
    const base = this.packedEvents;
    if (e.seq < base) return;
    if (e.seq - base < this.loose.length) this.loose[e.seq - base] = e;
    else {
      this.loose.push(e);
      if (this.codec && this.loose.length >= this.keep + this.page) this.packOld();
    }
  }

  slice(start = 0, end = this.length): TraceEvent[] {
    const n = this.length;
    const a = Math.max(0, start < 0 ? n + start : Math.min(start, n));
    const b = Math.max(a, end < 0 ? n + end : Math.min(end, n));
    const base = this.packedEvents;
    if (a >= base) return this.loose.slice(a - base, b - base);
    const out: TraceEvent[] = [];
    for (let p = Math.floor(a / this.page); p * this.page < Math.min(b, base); p++) {
      const events = this.unpack(p);
      const from = Math.max(a - p * this.page, 0);
      const to = Math.min(b - p * this.page, this.page);
      for (let i = from; i < to; i++) out.push(events[i]);
    }
    if (b > base) for (let i = 0; i < b - base; i++) out.push(this.loose[i]);
    return out;
  }

  /** The whole log as an array: the loose events themselves while nothing is packed (tests, small runs). */
  all(): readonly TraceEvent[] {
    return this.packed.length ? this.slice() : this.loose;
  }

  private packOld(): void {
    const codec = this.codec;
    if (!codec) return;
    while (this.loose.length >= this.keep + this.page) {
      const events = this.loose.slice(0, this.page);
      this.packed.push(codec.pack(events));
      this.loose = this.loose.slice(this.page);
    }
  }

  private unpack(p: number): TraceEvent[] {
    const hit = this.cache.findIndex((c) => c.index === p);
    if (hit >= 0) {
      const c = this.cache[hit];
      if (hit > 0) {
        this.cache.splice(hit, 1);
        this.cache.unshift(c);
      }
      return c.events;
    }
    const events = this.codec!.unpack(this.packed[p]);
    this.cache.unshift({ index: p, events });
    if (this.cache.length > CACHED_PAGES) this.cache.pop();
    return events;
  }
}
