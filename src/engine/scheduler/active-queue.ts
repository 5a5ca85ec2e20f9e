// The scheduler's activeQ as heaps (pkg/scheduler/backend/queue/scheduling_queue.go activeQ/podBackoffQ
// over pkg/scheduler/backend/heap/heap.go) instead of a linear scan of one array. It pops exactly
// what the scan popped: among the pods whose back-off has ended, PrioritySort's order (higher
// priority, then earlier timestamp), then the order they were queued in (`seq`; the scan's array
// index). Pods still backing off wait in a second heap by back-off end and move over when `now`
// reaches it. A pod removed (deleted) stays in the heaps as a dead entry, skipped when it surfaces
// and dropped in a compaction once the dead outnumber the live. Plain data: it lives in actor state.

export interface QueuedPod {
  key: string;
  priority: number;
  /** when it entered the queue (PrioritySort tie-break) */
  timestampMs: number;
  attempts: number;
  /** unschedulable since, or backoff until */
  sinceMs: number;
  backoffUntilMs: number;
  /** plugins that rejected the pod in its last cycle (QueuedPodInfo.UnschedulablePlugins) */
  unschedulablePlugins?: string[];
}

interface Entry {
  seq: number;
  pod: QueuedPod;
}

export interface ActiveQueue {
  /** back-off over: ordered by lessActive */
  ready: Entry[];
  /** still backing off: ordered by back-off end */
  backoff: Entry[];
  nextSeq: number;
  /** live entries per pod key (a key may be queued twice, as the array allowed) */
  count: Record<string, number>;
  /** entries of a key with a seq below this were removed */
  removedBefore: Record<string, number>;
  live: number;
  dead: number;
}

export function newActiveQueue(): ActiveQueue {
  return { ready: [], backoff: [], nextSeq: 0, count: {}, removedBefore: {}, live: 0, dead: 0 };
}

/** PrioritySort's Less (queuesort/priority_sort.go), then queue order. */
function lessActive(a: Entry, b: Entry): boolean {
  if (a.pod.priority !== b.pod.priority) return a.pod.priority > b.pod.priority;
  if (a.pod.timestampMs !== b.pod.timestampMs) return a.pod.timestampMs < b.pod.timestampMs;
  return a.seq < b.seq;
}

function lessBackoff(a: Entry, b: Entry): boolean {
  if (a.pod.backoffUntilMs !== b.pod.backoffUntilMs) return a.pod.backoffUntilMs < b.pod.backoffUntilMs;
  return a.seq < b.seq;
}

function heapPush(h: Entry[], e: Entry, less: (a: Entry, b: Entry) => boolean): void {
  h.push(e);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(h[i], h[p])) break;
    [h[i], h[p]] = [h[p], h[i]];
    i = p;
  }
}

function heapPop(h: Entry[], less: (a: Entry, b: Entry) => boolean): Entry | undefined {
  if (h.length === 0) return undefined;
  const top = h[0];
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    siftDown(h, 0, less);
  }
  return top;
}

function siftDown(h: Entry[], i: number, less: (a: Entry, b: Entry) => boolean): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < h.length && less(h[l], h[m])) m = l;
    if (r < h.length && less(h[r], h[m])) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m], h[i]];
    i = m;
  }
}

function isLive(q: ActiveQueue, e: Entry): boolean {
  return e.seq >= (q.removedBefore[e.pod.key] ?? 0);
}

export function queuePush(q: ActiveQueue, pod: QueuedPod, nowMs: number): void {
  const e = { seq: q.nextSeq++, pod };
  q.count[pod.key] = (q.count[pod.key] ?? 0) + 1;
  q.live++;
  if (pod.backoffUntilMs <= nowMs) heapPush(q.ready, e, lessActive);
  else heapPush(q.backoff, e, lessBackoff);
}

export function queueHas(q: ActiveQueue, key: string): boolean {
  return (q.count[key] ?? 0) > 0;
}

/** Every queued entry of `key` goes (the pod was deleted). */
export function queueRemove(q: ActiveQueue, key: string): void {
  const n = q.count[key] ?? 0;
  if (n === 0) return;
  delete q.count[key];
  q.removedBefore[key] = q.nextSeq;
  q.live -= n;
  q.dead += n;
  if (q.dead > 64 && q.dead > q.live) compact(q);
}

function compact(q: ActiveQueue): void {
  const keep = (h: Entry[]) => h.filter((e) => isLive(q, e));
  q.ready = keep(q.ready);
  q.backoff = keep(q.backoff);
  // a filtered heap is re-heapified bottom-up; the orders are total (seq breaks ties), so any valid heap pops the same
  for (let i = (q.ready.length >> 1) - 1; i >= 0; i--) siftDown(q.ready, i, lessActive);
  for (let i = (q.backoff.length >> 1) - 1; i >= 0; i--) siftDown(q.backoff, i, lessBackoff);
  q.removedBefore = {};
  q.dead = 0;
}

/** Back-offs ended by `nowMs` move to the ready heap; dead entries on top of it are dropped. */
function settle(q: ActiveQueue, nowMs: number): void {
  while (q.backoff.length && q.backoff[0].pod.backoffUntilMs <= nowMs) {
    const e = heapPop(q.backoff, lessBackoff)!;
    if (isLive(q, e)) heapPush(q.ready, e, lessActive);
    else q.dead--;
  }
  while (q.ready.length && !isLive(q, q.ready[0])) {
    heapPop(q.ready, lessActive);
    q.dead--;
  }
}

/** Is a pod ready to schedule (its back-off over)? */
export function queueHasReady(q: ActiveQueue, nowMs: number): boolean {
  settle(q, nowMs);
  return q.ready.length > 0;
}

/** The next pod to schedule, if any has finished its back-off. */
export function queuePop(q: ActiveQueue, nowMs: number): QueuedPod | undefined {
  settle(q, nowMs);
  const e = heapPop(q.ready, lessActive);
  if (!e) return undefined;
  const n = (q.count[e.pod.key] ?? 1) - 1;
  if (n > 0) q.count[e.pod.key] = n;
  else delete q.count[e.pod.key];
  q.live--;
  return e.pod;
}
