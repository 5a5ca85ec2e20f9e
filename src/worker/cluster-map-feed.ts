// Worker → UI for large clusters (issue 12): the map's node rows go as per-frame deltas, and Pod and
// Node objects go whole only for what a view asks about (the inspected object, the node whose detail
// is open and its pods; Events likewise): a 1,000-node UI keeps compact rows, not thousands of whole
// objects (a Node is ~20 kB of JSON, and its status is rewritten by every heartbeat).
import type { ClusterMapDelta, KubeObject, ObjectChange } from '../protocol/messages';
import { cellEdits, changedRows, isLarge, type ClusterMap } from '../folds/cluster-map';

/** From this many pods a changed row may go as its changes (ClusterMapDelta.edited). */
export const EDIT_ROWS_FROM = 64;

export class ClusterMapFeed {
  /** the node whose detail the UI shows (MAP_FOCUS) */
  focus: string | null = null;
  /** the inspected object (INSPECT) */
  inspected: string | null = null;
  /** whether the objects the UI has were filtered (the cluster was large when they were sent) */
  private sentLarge: boolean | undefined;

  /** A Pod or Node object travels whole only when a view needs it; everything else always does. */
  ships(key: string, map: ClusterMap): boolean {
    if (!isLarge(map)) return true;
    if (key.startsWith('Node/')) return key === this.inspected || (this.focus !== null && key === `Node//${this.focus}`);
    // Events (about five a pod: Scheduled, Pulled, Created, Started…) were 99% of a large cluster's
    // object changes, and no view lists them: one goes whole when inspected, as a Pod does
    if (key.startsWith('Event/')) return key === this.inspected;
    if (!key.startsWith('Pod/')) return true;
    return key === this.inspected || (this.focus !== null && map.podIndex.get(key)?.node === this.focus);
  }

  /** The objects the UI holds, as this feed ships them. */
  filter(objects: ReadonlyMap<string, KubeObject>, map: ClusterMap): Map<string, KubeObject> {
    if (!isLarge(map)) return objects as Map<string, KubeObject>;
    const out = new Map<string, KubeObject>();
    for (const [k, o] of objects) if (this.ships(k, map)) out.set(k, o);
    return out;
  }

  /** A frame's object changes without the Pods nobody looks at (removals always go: harmless). */
  changes(changes: ObjectChange[], map: ClusterMap): ObjectChange[] {
    if (!isLarge(map)) return changes;
    return changes.filter((c) => c.op === 'remove' || this.ships(c.key, map));
  }

  /** On reset: can the reset be a delta of what the UI has (same filtering as before)? */
  canDelta(map: ClusterMap): boolean {
    const large = isLarge(map);
    const same = this.sentLarge === large;
    this.sentLarge = large;
    return same;
  }

  /** The rows for a reset (all) or a frame (those that changed); undefined when the cluster is small. */
  rows(sent: ClusterMap | undefined, next: ClusterMap, full: boolean): ClusterMapDelta | undefined {
    if (!isLarge(next)) return undefined;
    if (full) return { full: true, rows: [...next.rows.values()], removed: [] };
    const d: ClusterMapDelta = changedRows(sent, next);
    // a long row that changed a little goes as its changes, when that is less than half of it
    for (let i = d.rows.length - 1; i >= 0; i--) {
      const r = d.rows[i];
      const before = sent?.rows.get(r.name);
      if (!before || r.pods.length < EDIT_ROWS_FROM) continue;
      const e = cellEdits(before.pods, r.pods);
      if (2 * (e.set.length + e.removed.length) >= r.pods.length) continue;
      const { pods: _, ...head } = r;
      (d.edited ??= []).push({ row: head, ...e });
      d.rows.splice(i, 1);
    }
    return d.rows.length || d.removed.length || d.edited ? d : undefined;
  }

  /** The UI's objects after `change()` moved the wanted set: send what it now needs, drop what it does not. */
  refocus(objects: ReadonlyMap<string, KubeObject>, map: ClusterMap, change: () => void): ObjectChange[] {
    if (!isLarge(map)) {
      change();
      return [];
    }
    const before = new Set(this.wanted(map));
    change();
    const out: ObjectChange[] = [];
    const now = new Set(this.wanted(map));
    for (const k of before) if (!now.has(k)) out.push({ op: 'remove', key: k });
    for (const k of now) {
      const o = objects.get(k);
      if (!before.has(k) && o) out.push({ op: 'upsert', key: k, object: o });
    }
    return out;
  }

  /** the Pod and Node objects a view needs whole now */
  private *wanted(map: ClusterMap): Iterable<string> {
    if (this.inspected && /^(Pod|Node|Event)\//.test(this.inspected)) yield this.inspected;
    if (this.focus === null) return;
    yield `Node//${this.focus}`;
    for (const c of map.rows.get(this.focus)?.pods ?? []) yield c.key;
  }
}
