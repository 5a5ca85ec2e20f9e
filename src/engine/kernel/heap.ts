// A binary min-heap of envelopes ordered by (dueAtMs, seq). Plain array storage so the
// whole pending work of the simulation is structured-cloneable data (DESIGN.md principle 3).
import type { Envelope } from './types';

function less(a: Envelope, b: Envelope): boolean {
  return a.dueAtMs < b.dueAtMs || (a.dueAtMs === b.dueAtMs && a.seq < b.seq);
}

export function heapPush(h: Envelope[], e: Envelope): void {
  h.push(e);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(h[i], h[p])) break;
    [h[i], h[p]] = [h[p], h[i]];
    i = p;
  }
}

export function heapPop(h: Envelope[]): Envelope | undefined {
  if (h.length === 0) return undefined;
  const top = h[0];
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && less(h[l], h[m])) m = l;
      if (r < h.length && less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
  return top;
}

export function heapPeek(h: Envelope[]): Envelope | undefined {
  return h[0];
}
