// Checkpoints for seek: a snapshot every `interval` trace events, at most `max` of them. When the
// list is full every other one is dropped and the interval doubles, so memory stays bounded
// (max × one snapshot) while a seek replays at most `interval` events after its checkpoint.

export interface Checkpoint<S> {
  /** trace events emitted when it was taken: it is the state just after event seq-1's delivery */
  seq: number;
  snap: S;
}

/** 256 events replay in a few ms; 48 × one snapshot of a small cluster stays near 100 MiB. */
export const CHECKPOINT_INTERVAL = 256;
export const CHECKPOINT_MAX = 48;

export class Checkpoints<S> {
  list: Checkpoint<S>[] = [];
  interval: number;

  constructor(
    interval = CHECKPOINT_INTERVAL,
    private readonly max = CHECKPOINT_MAX,
  ) {
    this.interval = interval;
  }

  /** Take a checkpoint when the trace has moved `interval` events past the last one. */
  maybeTake(seq: number, take: () => S): void {
    const last = this.list[this.list.length - 1];
    if (last && seq < last.seq + this.interval) return;
    if (!last && seq < this.interval) return;
    this.list.push({ seq, snap: take() });
    if (this.list.length > this.max) this.thin();
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
