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

/** Calls `take` now, or not (a checkpoint is a structured clone of the whole state: long on a large cluster). */
export type CheckpointGate = (take: () => void) => void;

export class Checkpoints<S> {
  list: Checkpoint<S>[] = [];
  interval: number;
  /** estimated heap bytes of one snapshot (last measured) */
  snapshotBytes = 0;
  private taken = 0;

  constructor(
    private readonly estimate: (s: S) => number = () => 0,
    interval = CHECKPOINT_INTERVAL,
    private max = CHECKPOINT_MAX,
  ) {
    this.interval = interval;
  }

  /** Take a checkpoint when the trace has moved `interval` events past the last one. A `gate` (the
   * host's, which can time it) decides whether to take it now: if not, it is due again at the next event. */
  maybeTake(seq: number, take: () => S, gate?: CheckpointGate): void {
    const last = this.list[this.list.length - 1];
    if (last && seq < last.seq + this.interval) return;
    if (!last && seq < this.interval) return;
    const run = (): void => {
      const snap = take();
      if (this.taken++ % ESTIMATE_EVERY === 0) this.fit(this.estimate(snap));
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
    this.list = this.list.filter((_, i) => i % 2 === 1);
    this.interval *= 2;
  }
}
