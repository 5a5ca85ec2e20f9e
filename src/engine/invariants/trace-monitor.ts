// Invariants checked after every trace event (the VOPR's monitor, after TigerBeetle's
// src/vopr.zig state checker): the trace alone — the leader's etcd.put/etcd.delete events carry
// each stored object — is enough to mirror etcd and watch every component's watch streams.
import type { KObject } from '../api/types';
import type { TraceEvent } from '../kernel/types';
import { type FieldSelector, type Selector, matchesFields, matchesSelector } from '../api/selectors';
import { bytes, cpuMilli } from '../api/quantity';
import { podRequests } from './resources';

type Obj = Record<string, any>;

/** A trace event's params read by name, whatever the event's type says they are. */
const param = (e: TraceEvent, name: string): unknown => (e.params as Record<string, unknown>)[name];

export interface Violation {
  invariant: string;
  message: string;
  /** the trace event at which it was seen */
  seq: number;
  t: number;
  type: string;
}

/** One etcd write as the trace shows it, with the object it replaced. */
export interface Write {
  rv: number;
  seq: number;
  /** virtual ms of the trace event */
  t: number;
  kind: string;
  key: string;
  type: 'PUT' | 'DELETE';
  obj: KObject;
  prev?: KObject;
}

/** etcd's objects, kept from the etcd.put / etcd.delete events (the leader traces each write once). */
export class ObjectMirror {
  readonly objects = new Map<string, KObject>();
  readonly writesByKind = new Map<string, Write[]>();
  /** etcd key → revision of its last delete */
  readonly deletedAt = new Map<string, number>();
  /** the last write traced */
  last?: Write;

  observe(e: TraceEvent): Write | undefined {
    if (e.type !== 'etcd.put' && e.type !== 'etcd.delete') return undefined;
    const obj = (e.detail as { value?: KObject } | undefined)?.value;
    if (!obj || typeof obj !== 'object' || !obj.kind || !obj.metadata) return undefined;
    const key = String(param(e, 'key'));
    const w: Write = { rv: Number(param(e, 'revision')), seq: e.seq, t: e.t, kind: obj.kind, key, type: e.type === 'etcd.put' ? 'PUT' : 'DELETE', obj, prev: this.objects.get(key) };
    if (w.type === 'PUT') this.objects.set(key, obj);
    else {
      this.objects.delete(key);
      this.deletedAt.set(key, w.rv);
    }
    let list = this.writesByKind.get(w.kind);
    if (!list) this.writesByKind.set(w.kind, (list = []));
    list.push(w);
    this.last = w;
    return w;
  }

  /** Writes of `kind` with from < rv < to, in revision order. */
  writesBetween(kind: string, from: number, to: number): Write[] {
    const list = this.writesByKind.get(kind) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].rv <= from) lo = mid + 1;
      else hi = mid;
    }
    const out: Write[] = [];
    for (let i = lo; i < list.length && list[i].rv < to; i++) out.push(list[i]);
    return out;
  }
}

/** A checker sees each event after the mirror has taken its write; it returns its violations. */
export interface TraceChecker {
  readonly invariant: string;
  observe(e: TraceEvent, w: Write | undefined): string[];
}

/** The trace itself: seq counts up by one, virtual time never goes back. */
export class TraceOrder implements TraceChecker {
  readonly invariant = 'trace-order';
  private last?: TraceEvent;
  observe(e: TraceEvent): string[] {
    const p = this.last;
    this.last = e;
    if (!p) return [];
    if (e.seq !== p.seq + 1) return [`trace seq jumps from ${p.seq} to ${e.seq}`];
    if (e.t < p.t) return [`trace time goes back from ${p.t} to ${e.t}`];
    return [];
  }
}

/** resourceVersion (the etcd revision) strictly increases across etcd writes. */
export class RevisionsIncrease implements TraceChecker {
  readonly invariant = 'revision-order';
  private last = 0;
  observe(e: TraceEvent): string[] {
    if (e.type !== 'etcd.put' && e.type !== 'etcd.delete') return [];
    const rev = Number(param(e, 'revision'));
    const last = this.last;
    this.last = Math.max(last, rev);
    return rev > last ? [] : [`etcd revision ${rev} written after ${last} (${param(e, 'key')})`];
  }
}

/** One binding per pod: once spec.nodeName is set it never changes (pods/binding is a one-shot). */
export class BindingOnce implements TraceChecker {
  readonly invariant = 'binding-once';
  observe(_e: TraceEvent, w: Write | undefined): string[] {
    if (!w || w.kind !== 'Pod' || w.type !== 'PUT' || !w.prev) return [];
    const before = (w.prev.spec as Obj | undefined)?.nodeName;
    const after = (w.obj.spec as Obj | undefined)?.nodeName;
    if (w.prev.metadata.uid !== w.obj.metadata.uid || !before || before === after) return [];
    return [`pod ${w.obj.metadata.namespace}/${w.obj.metadata.name} moved from ${before} to ${after || '(none)'} at revision ${w.rv}`];
  }
}

/**
 * What the scheduler promised: the non-terminated pods it bound to a node fit the node's
 * allocatable cpu, memory and pod count. Pods created with spec.nodeName bypass the scheduler
 * (the kubelet's admission refuses those that do not fit, OutOfcpu), so they are not counted.
 */
export class NodeCapacity implements TraceChecker {
  readonly invariant = 'node-capacity';
  /** uids of pods that arrived already bound */
  private readonly manual = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly byNode = new Map<string, Map<string, Obj>>();
  private readonly nodes = new Map<string, Obj>();

  observe(_e: TraceEvent, w: Write | undefined): string[] {
    if (!w) return [];
    if (w.kind === 'Node') {
      if (w.type === 'PUT') this.nodes.set(w.obj.metadata.name, w.obj);
      else this.nodes.delete(w.obj.metadata.name);
      return this.check(w.obj.metadata.name);
    }
    if (w.kind !== 'Pod') return [];
    const uid = String(w.obj.metadata.uid);
    const nodeName = (w.obj.spec as Obj | undefined)?.nodeName as string | undefined;
    if (!this.seen.has(uid)) {
      this.seen.add(uid);
      if (nodeName) this.manual.add(uid);
    }
    const before = (w.prev?.spec as Obj | undefined)?.nodeName as string | undefined;
    if (before) this.byNode.get(before)?.delete(w.key);
    const phase = (w.obj.status as Obj | undefined)?.phase;
    if (w.type === 'PUT' && nodeName && !this.manual.has(uid) && phase !== 'Succeeded' && phase !== 'Failed') {
      let pods = this.byNode.get(nodeName);
      if (!pods) this.byNode.set(nodeName, (pods = new Map()));
      pods.set(w.key, w.obj);
    }
    return nodeName ? this.check(nodeName) : [];
  }

  private check(node: string): string[] {
    const pods = this.byNode.get(node);
    const n = this.nodes.get(node);
    if (!pods || !pods.size || !n) return [];
    const alloc = n.status?.allocatable ?? {};
    let cpu = 0;
    let mem = 0;
    for (const p of pods.values()) {
      const r = podRequests(p);
      cpu += r.cpu;
      mem += r.mem;
    }
    const out: string[] = [];
    const names = () => [...pods.values()].map((p) => p.metadata.name).join(', ');
    if (alloc.cpu !== undefined && cpu > cpuMilli(alloc.cpu)) out.push(`node ${node}: cpu requests ${cpu}m > allocatable ${alloc.cpu} (${names()})`);
    if (alloc.memory !== undefined && mem > bytes(alloc.memory)) out.push(`node ${node}: memory requests ${mem} > allocatable ${alloc.memory} (${names()})`);
    if (alloc.pods !== undefined && pods.size > Number(alloc.pods)) out.push(`node ${node}: ${pods.size} pods > allocatable ${alloc.pods}`);
    return out;
  }
}

/** What an informer's watch asks for (reflector ListWatch options). */
export interface StreamSpec {
  kind: string;
  namespace?: string;
  labels: Selector;
  fields: FieldSelector;
}

interface PendingGap {
  from: number;
  to: number;
  seq: number;
  t: number;
  type: string;
}

interface Stream {
  lastRv: number;
  pending: PendingGap[];
}

function matchesStream(s: StreamSpec, o: KObject | undefined): boolean {
  if (!o) return false;
  if (s.namespace && o.metadata.namespace !== s.namespace) return false;
  return matchesSelector(s.labels, o.metadata.labels as Record<string, string> | undefined) && matchesFields(s.fields, o);
}

/** Whether a watcher with this spec is sent the write (cacher.go: in the selector before or after). */
export function streamSees(s: StreamSpec, w: Pick<Write, 'kind' | 'type' | 'obj' | 'prev'>): boolean {
  if (w.kind !== s.kind) return false;
  if (w.type === 'DELETE') return matchesStream(s, w.prev ?? w.obj);
  return matchesStream(s, w.obj) || matchesStream(s, w.prev);
}

/**
 * Each informer's watch stream (component × informer) is in order — resourceVersions strictly
 * increase — and gap-free: between two events it delivers, no write it should have been sent
 * was skipped. A relist (informer.relist, watch.expired) or a kubelet restart starts the stream
 * afresh, since a list replaces what the watch missed. The gap half needs each stream's
 * selectors, which live in the components' state: `verifyGaps` runs when the caller has them.
 */
export class WatchStreams implements TraceChecker {
  readonly invariant = 'watch-stream';
  readonly streams = new Map<string, Stream>();

  constructor(private readonly mirror: ObjectMirror) {}

  observe(e: TraceEvent): string[] {
    if (e.type === 'informer.relist') this.reset(`${e.from}|${param(e, 'informer')}`);
    else if (e.type === 'watch.expired') this.reset(`${e.to}|${param(e, 'informer')}`);
    else if (e.type === 'node.stop' || e.type === 'node.start') {
      const prefix = `kubelet:${param(e, 'node')}|`;
      for (const k of this.streams.keys()) if (k.startsWith(prefix)) this.reset(k);
    } else if (e.type === 'watch.event') {
      const key = `${e.to}|${param(e, 'informer')}`;
      const rv = Number(e.object?.resourceVersion);
      let s = this.streams.get(key);
      if (!s) this.streams.set(key, (s = { lastRv: 0, pending: [] }));
      const last = s.lastRv;
      if (last && rv <= last) return [`${key}: ${param(e, 'eventType')} ${param(e, 'kind')} ${param(e, 'namespace')}/${param(e, 'name')} at resourceVersion ${rv} after ${last}`];
      if (last) s.pending.push({ from: last, to: rv, seq: e.seq, t: e.t, type: e.type });
      s.lastRv = rv;
    }
    return [];
  }

  private reset(key: string): void {
    const s = this.streams.get(key);
    if (s) s.lastRv = 0;
  }

  /** Check the gaps seen so far for every stream whose spec is known. */
  verifyGaps(specOf: (component: string, informer: string) => StreamSpec | undefined): Violation[] {
    const out: Violation[] = [];
    for (const [key, s] of this.streams) {
      if (!s.pending.length) continue;
      const bar = key.indexOf('|');
      const spec = specOf(key.slice(0, bar), key.slice(bar + 1));
      if (!spec) continue;
      for (const g of s.pending) {
        const missed = this.mirror.writesBetween(spec.kind, g.from, g.to).find((w) => streamSees(spec, w));
        if (missed) {
          const m = missed.obj.metadata;
          out.push({ invariant: this.invariant, seq: g.seq, t: g.t, type: g.type, message: `${key} skipped ${missed.type} ${missed.kind} ${m.namespace ?? ''}/${m.name} at resourceVersion ${missed.rv} (delivered ${g.from}, then ${g.to})` });
        }
      }
      s.pending = [];
    }
    return out;
  }
}

/** The checkers above over one mirror: feed it every trace event. */
export class TraceMonitor {
  readonly mirror = new ObjectMirror();
  readonly watch = new WatchStreams(this.mirror);
  readonly checkers: TraceChecker[] = [new TraceOrder(), new RevisionsIncrease(), new BindingOnce(), new NodeCapacity(), this.watch];

  observe(e: TraceEvent): Violation[] {
    const w = this.mirror.observe(e);
    let out: Violation[] | undefined;
    for (const c of this.checkers) {
      for (const message of c.observe(e, w)) (out ??= []).push({ invariant: c.invariant, message, seq: e.seq, t: e.t, type: e.type });
    }
    return out ?? [];
  }
}
