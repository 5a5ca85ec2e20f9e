// The UI's object state is what has been played: derived from etcd.put / etcd.delete trace events
// (their detail.value is the stored object), coalesced so a frame sends each key once.
import { objectKey, type KubeObject, type ObjectChange, type TraceEvent } from '../protocol/messages';

type EtcdWrite = TraceEvent<'etcd.put' | 'etcd.delete'>;
const isEtcdWrite = (e: TraceEvent): e is EtcdWrite => e.type === 'etcd.put' || e.type === 'etcd.delete';

function keyOf(e: EtcdWrite): string | undefined {
  const v = e.detail?.value;
  if (v?.kind && v.metadata?.name) return objectKey(v.kind, v.metadata.namespace, v.metadata.name);
  if (e.object) return objectKey(e.object.kind, e.object.namespace, e.object.name);
  return undefined;
}

/** The last write per key, and whether that write was background (ambient) traffic. */
export function objectWrites(events: readonly TraceEvent[]): Array<{ change: ObjectChange; ambient: boolean }> {
  const writes = new Map<string, { change: ObjectChange; ambient: boolean }>();
  for (const e of events) {
    if (!isEtcdWrite(e)) continue;
    const key = keyOf(e);
    if (!key) continue;
    const value = e.detail?.value;
    // delete + set keeps the map in the order of each key's last write
    writes.delete(key);
    const ambient = !!e.ambient;
    if (e.type === 'etcd.delete') writes.set(key, { change: { op: 'remove', key }, ambient });
    else if (value) writes.set(key, { change: { op: 'upsert', key, object: value }, ambient });
  }
  return [...writes.values()];
}

export function objectChangesFrom(events: readonly TraceEvent[]): ObjectChange[] {
  return objectWrites(events).map((w) => w.change);
}

/** The changes that turn the objects the UI has into `next`. The UI has `sent`, except for `stale` keys
 * (background changes not sent yet). Values compare by identity: the folds keep an unchanged object's. */
export function objectsDelta(sent: ReadonlyMap<string, KubeObject>, stale: ReadonlySet<string>, next: ReadonlyMap<string, KubeObject>): ObjectChange[] {
  const out: ObjectChange[] = [];
  for (const [key, object] of next) if (sent.get(key) !== object || stale.has(key)) out.push({ op: 'upsert', key, object });
  for (const key of sent.keys()) if (!next.has(key)) out.push({ op: 'remove', key });
  for (const key of stale) if (!next.has(key) && !sent.has(key)) out.push({ op: 'remove', key });
  return out;
}

/** etcd events travel without their stored object: it reaches the UI once, as an ObjectChange. */
export { withoutStoredValue } from '../folds/trace';

/** At most `keep` ambient events survive; story events are always kept, in order. */
export function thinAmbient(events: readonly TraceEvent[], keep: number): { trace: TraceEvent[]; dropped: number } {
  const ambient = events.reduce((n, e) => n + (e.ambient ? 1 : 0), 0);
  let toDrop = Math.max(0, ambient - keep);
  const dropped = toDrop;
  const trace = events.filter((e) => !(e.ambient && toDrop-- > 0));
  return { trace, dropped };
}
