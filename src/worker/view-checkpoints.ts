// Checkpoints of the views: folds are values, so a checkpoint is a reference (no copy) taken every
// VIEW_CHECKPOINT_EVERY events; a seek folds forward from the nearest one. A reference still holds
// its own copies of the views' maps (a fold copies a map it writes), so on a large cluster they are
// spaced by the number of objects: one per that many events keeps them within ~MAX × objects entries
// whatever the run's length, and a seek folds at most that many events (tens of ms).
import type { TraceView } from '../engine';
import { stepViews, type Views } from '../folds/registry';

export const VIEW_CHECKPOINT_EVERY = 256;
/** beyond this many the older half is thinned (every other one dropped) */
const MAX = 400;

export class ViewCheckpoints {
  private list: Views[] = [];

  /** Fold `events` up to `end` (the next ones after `v.seq`) into `v`, checkpointing on the way;
   * a TraceLog is read a page at a time, never built whole. */
  foldFrom(v: Views, events: TraceView, end = events.length): Views {
    let views = v;
    let i = 0;
    while (i < end) {
      const last = this.list[this.list.length - 1];
      const due = (last ? last.seq : -1) + Math.max(VIEW_CHECKPOINT_EVERY, views.objects.size);
      // fold up to the next checkpoint position (at least one event), take it, go on
      let j = i + 1;
      while (j < end && events.at(j)!.seq <= due) j++;
      views = stepViews(views, events.slice(i, j));
      i = j;
      if (views.seq >= due) this.take(views);
    }
    return views;
  }

  /** The views just after event `seq` of `trace` (the timeline from 0). */
  viewsAt(seq: number, trace: TraceView, init: Views): Views {
    let cp: Views | undefined;
    for (let i = this.list.length - 1; i >= 0; i--) {
      if (this.list[i].seq <= seq) {
        cp = this.list[i];
        break;
      }
    }
    const base = cp ?? init;
    // fold without taking checkpoints past the ones we already have
    return stepViews(base, trace.slice(base.seq + 1, seq + 1));
  }

  /** Forget checkpoints after `seq` (a fork). */
  dropAfter(seq: number): void {
    while (this.list.length && this.list[this.list.length - 1].seq > seq) this.list.pop();
  }

  get count(): number {
    return this.list.length;
  }

  private take(v: Views): void {
    const last = this.list[this.list.length - 1];
    if (last && last.seq >= v.seq) return;
    this.list.push(v);
    if (this.list.length > MAX) this.list = this.list.filter((_, i) => i % 2 === 1 || i >= MAX / 2);
  }
}
