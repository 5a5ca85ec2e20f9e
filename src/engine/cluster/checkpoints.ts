// Checkpoints for seek: a snapshot every `interval` trace events, at most `max` of them. When the
// list is full every other one is dropped and the interval doubles, so memory stays bounded
// (max × one snapshot) while a seek replays at most `interval` events after its checkpoint.
// A snapshot's size (its JSON length) is estimated now and then: a large cluster gets fewer, sparser
// checkpoints, so they stay within MEMORY_BUDGET_BYTES and their cloning costs at most about half
// of the engine's own work between them. Measured on a 3-node run (npm run bench:seek): a snapshot
// of 9 MB of JSON takes ~25 ms to clone and ~5 MB of heap; the engine replays ~10 events per ms.

export interface Checkpoint<S> {
  /** trace events emitted when it was taken: it is the state just after event seq-1's delivery */
  seq: number;
  snap: S;
}

/** 256 events replay in a few ms; 48 × one snapshot of a small cluster stays near 100 MiB. */
export const CHECKPOINT_INTERVAL = 256;
export const CHECKPOINT_MAX = 48;
/** what all checkpoints together may hold */
export const MEMORY_BUDGET_BYTES = 192 * 2 ** 20;
/** a snapshot of S bytes of JSON is taken at most every S / JSON_BYTES_PER_EVENT events */
export const JSON_BYTES_PER_EVENT = 16_384;
/** heap bytes per byte of a snapshot's JSON (structured clones share nothing but are compact) */
export const HEAP_PER_JSON_BYTE = 0.6;
/** the size is estimated again every this many checkpoints (the cluster grows; stringify costs) */
const ESTIMATE_EVERY = 16;

/** the count scales a measure taken with at least this many objects (a bootstrap's first checkpoint
 * has a few objects and most of the nodes' state: its ratio says nothing of a pod's share); below
 * it, a grown state's next checkpoint is measured */
const MIN_OBJECTS_TO_SCALE = 500;

/** Calls `take` now, or not (a checkpoint is a structured clone of the whole state: long on a large cluster). */
export type CheckpointGate = (take: () => void) => void;

export class Checkpoints<S> {
  list: Checkpoint<S>[] = [];
  interval: number;
  /** estimated heap bytes of one snapshot (last measured) */
  snapshotBytes = 0;
  private taken = 0;
  /** the last measured JSON size, and the state's size (`hint`) when it was measured */
  private measuredJson = 0;
  private measuredHint = 0;
  private hintSeq = -Infinity;
  /** measure the next one: the state grew past a measure too small to scale */
  private remeasure = false;

  /** `hint`: a cheap measure of the state's size (its object count): when it has grown by a quarter
   * since the last measured snapshot, the size is scaled by it before the next checkpoint. A large
   * Apply grows the state tenfold between two measures, and 16 checkpoints sized for the small
   * cluster were 1.5 GiB of a browser worker's heap at 1,000 nodes. */
  constructor(
    private readonly estimate: (s: S) => number = () => 0,
    interval = CHECKPOINT_INTERVAL,
    private max = CHECKPOINT_MAX,
    private readonly hint?: () => number,
  ) {
    this.interval = interval;
  }

  /** Take a checkpoint when the trace has moved `interval` events past the last one. A `gate` (the
   * host's, which can time it) decides whether to take it now: if not, it is due again at the next event. */
  maybeTake(seq: number, take: () => S, gate?: CheckpointGate): void {
    const last = this.list[this.list.length - 1];
    if (last && seq < last.seq + this.interval) return;
    if (!last && seq < this.interval) return;
    if (this.hint && this.measuredHint > 0 && seq >= this.hintSeq + CHECKPOINT_INTERVAL) {
      // asked at most once per CHECKPOINT_INTERVAL events (a gate may put a due checkpoint off)
      this.hintSeq = seq;
      const h = this.hint();
      if (h > this.measuredHint * 1.25) {
        if (this.measuredHint < MIN_OBJECTS_TO_SCALE) this.remeasure = true;
        else {
          this.fit((this.measuredJson * h) / this.measuredHint);
          if (last && seq < last.seq + this.interval) return;
        }
      }
    }
    const run = (): void => {
      const snap = take();
      if (this.taken++ % ESTIMATE_EVERY === 0 || this.remeasure) {
        this.remeasure = false;
        this.measuredJson = this.estimate(snap);
        this.measuredHint = this.hint?.() ?? 0;
        this.fit(this.measuredJson);
      }
      this.list.push({ seq, snap });
      while (this.list.length > this.max) this.thin();
    };
    if (gate) gate(run);
    else run();
  }

  /** Sparser and fewer checkpoints for a larger state. */
  private fit(jsonBytes: number): void {
    if (jsonBytes <= 0) return;
    this.snapshotBytes = Math.round(jsonBytes * HEAP_PER_JSON_BYTE);
    this.interval = Math.max(this.interval, Math.ceil(jsonBytes / JSON_BYTES_PER_EVENT));
    this.max = Math.max(4, Math.min(CHECKPOINT_MAX, Math.floor(MEMORY_BUDGET_BYTES / this.snapshotBytes)));
  }

  /** The latest checkpoint at or before `seq` (events emitted). */
  nearest(seq: number): Checkpoint<S> | undefined {
    let lo = 0;
    let hi = this.list.length - 1;
    let found: Checkpoint<S> | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid].seq <= seq) {
        found = this.list[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Forget checkpoints taken after `seq` events (a fork makes them another branch's). */
  dropAfter(seq: number): void {
    while (this.list.length && this.list[this.list.length - 1].seq > seq) this.list.pop();
  }

  private thin(): void {
    // every other one, keeping the newest (just taken: the nearest to where the run goes on)
    const keep = (this.list.length - 1) % 2;
    this.list = this.list.filter((_, i) => i % 2 === keep);
    this.interval *= 2;
  }
}
