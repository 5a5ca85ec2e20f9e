// A binary min-heap of envelopes ordered by (dueAtMs, seq). Plain array storage so the
// whole pending work of the simulation is structured-cloneable data (DESIGN.md principle 3).
import type { Envelope } from './types';

function less(a: Envelope, b: Envelope): boolean {
  return a.dueAtMs < b.dueAtMs || (a.dueAtMs === b.dueAtMs && a.seq < b.seq);
}

export function heapPush(h: Envelope[], e: Envelope): void {
  // sift up by moving parents down into the hole (no swaps: this runs for every message sent)
  let i = h.length;
  h.push(e);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(e, h[p])) break;
    h[i] = h[p];
    i = p;
  }
  h[i] = e;
}

export function heapPop(h: Envelope[]): Envelope | undefined {
  if (h.length === 0) return undefined;
  const top = h[0];
  const last = h.pop()!;
  const n = h.length;
  if (n > 0) {
    // sift `last` down from the root into the hole
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && less(h[r], h[l]) ? r : l;
      if (!less(h[m], last)) break;
      h[i] = h[m];
      i = m;
    }
    h[i] = last;
  }
  return top;
}

export function heapPeek(h: Envelope[]): Envelope | undefined {
  return h[0];
}
