// An etcd member as an actor: serves txn/range/watch for kube-apiserver over its MVCC store.
// Raft replication across members comes with the API machinery issue; here one member
// (etcd-0) commits each write after a WAL fsync delay.
import type { Actor, Kernel } from '../kernel/kernel';
import type { ComponentId, Msg, ObjectRef } from '../kernel/types';
import { type Compare, type KeyValue, type MvccEvent, type MvccState, type TxnOp, eventsSince, newMvccState, range, get, txn } from './mvcc';

/** WAL fsync + network back to the apiserver, virtual ms (a healthy SSD-backed member). */
export const ETCD_COMMIT_MS = 2;
export const ETCD_READ_MS = 1;

export interface EtcdTxnMsg extends Msg {
  type: 'ETCD_TXN';
  txnId: number;
  compares: Compare[];
  ops: TxnOp[];
  /** for the trace only: the decoded object being written and who it is */
  object?: ObjectRef;
  value?: unknown;
  ambient?: boolean;
}

export interface EtcdTxnResult extends Msg {
  type: 'ETCD_TXN_RESULT';
  txnId: number;
  succeeded: boolean;
  revision: number;
  current?: KeyValue;
}

export interface EtcdRangeMsg extends Msg {
  type: 'ETCD_RANGE';
  txnId: number;
  key: string;
  prefix?: boolean;
  ambient?: boolean;
}

export interface EtcdRangeResult extends Msg {
  type: 'ETCD_RANGE_RESULT';
  txnId: number;
  kvs: KeyValue[];
  revision: number;
}

export interface EtcdWatchEvents extends Msg {
  type: 'ETCD_WATCH_EVENTS';
  events: MvccEvent[];
  revision: number;
  compacted?: boolean;
}

export interface EtcdState {
  mvcc: MvccState;
  /** watcher component → key prefix */
  watchers: Record<string, string>;
}

export class Etcd implements Actor<EtcdState> {
  s: EtcdState = { mvcc: newMvccState(), watchers: {} };
  constructor(
    readonly id: ComponentId,
    private readonly k: Kernel,
  ) {}

  receive(msg: Msg, from: ComponentId): void {
    switch (msg.type) {
      case 'ETCD_TXN':
        return this.onTxn(msg as EtcdTxnMsg, from);
      case 'ETCD_RANGE':
        return this.onRange(msg as EtcdRangeMsg, from);
      case 'ETCD_WATCH': {
        this.s.watchers[from] = String(msg.prefix);
        const evs = eventsSince(this.s.mvcc, Number(msg.fromRevision), String(msg.prefix));
        if (evs === 'compacted') this.k.send(this.id, from, { type: 'ETCD_WATCH_EVENTS', events: [], revision: this.s.mvcc.revision, compacted: true }, ETCD_READ_MS);
        else if (evs.length) this.k.send(this.id, from, { type: 'ETCD_WATCH_EVENTS', events: evs, revision: this.s.mvcc.revision }, ETCD_READ_MS);
        return;
      }
    }
  }

  private onTxn(m: EtcdTxnMsg, from: ComponentId): void {
    const res = txn(this.s.mvcc, m.compares, m.ops);
    const op = m.ops[0];
    if (res.succeeded && op) {
      const size = op.op === 'put' ? op.value.length : 0;
      const value = m.value && typeof m.value === 'object' ? withRv(m.value as Record<string, any>, res.revision) : undefined;
      this.k.trace({
        type: op.op === 'put' ? 'etcd.put' : 'etcd.delete',
        key: op.op === 'put' ? 'etcd.put' : 'etcd.delete',
        params: { key: op.key, revision: res.revision, size },
        object: m.object ? { ...m.object, resourceVersion: String(res.revision) } : undefined,
        detail: { value },
        ambient: m.ambient || undefined,
      });
    } else {
      this.k.trace({
        type: 'etcd.txn_failed',
        key: 'etcd.txn_failed',
        params: { key: op?.key ?? '', revision: res.revision, modRevision: res.current?.modRevision ?? 0 },
        object: m.object,
        ambient: m.ambient || undefined,
      });
    }
    const reply: EtcdTxnResult = { type: 'ETCD_TXN_RESULT', txnId: m.txnId, succeeded: res.succeeded, revision: res.revision };
    if (res.current) reply.current = res.current;
    this.k.send(this.id, from, reply, ETCD_COMMIT_MS);
    if (res.events.length) this.notify(res.events);
  }

  private notify(events: MvccEvent[]): void {
    for (const [watcher, prefix] of Object.entries(this.s.watchers)) {
      const evs = events.filter((e) => e.kv.key.startsWith(prefix));
      if (evs.length) this.k.send(this.id, watcher, { type: 'ETCD_WATCH_EVENTS', events: evs, revision: this.s.mvcc.revision }, ETCD_COMMIT_MS);
    }
  }

  private onRange(m: EtcdRangeMsg, from: ComponentId): void {
    const kvs = m.prefix ? range(this.s.mvcc, m.key) : [get(this.s.mvcc, m.key)].filter((x): x is KeyValue => !!x);
    this.k.trace({
      type: 'etcd.range',
      key: 'etcd.range',
      params: { key: m.key, count: kvs.length, revision: this.s.mvcc.revision },
      ambient: m.ambient || undefined,
    });
    const reply: EtcdRangeResult = { type: 'ETCD_RANGE_RESULT', txnId: m.txnId, kvs, revision: this.s.mvcc.revision };
    this.k.send(this.id, from, reply, ETCD_READ_MS);
  }
}

function withRv(v: Record<string, any>, rev: number): Record<string, any> {
  return { ...v, metadata: { ...v.metadata, resourceVersion: String(rev) } };
}
