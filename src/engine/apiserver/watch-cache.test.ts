import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import type { ComponentId, Msg, TraceEvent } from '../kernel/types';
import { Etcd } from '../etcd/etcd';
import { ApiServer } from './apiserver';
import type { ApiRequest, ApiResponse, WatchEvent, WatchEventType } from '../api/wire';
import type { KObject } from '../api/types';
import { Component, type ComponentState, type Purpose, newClientState } from '../client/component';
import { COMPACT_REV_KEY } from './compactor';

const ADMIN = { user: 'kubernetes-admin', groups: ['system:masters'] };

/** etcd + kube-apiserver on a kernel, a fake client that records answers, and the trace. */
function setup() {
  const k = new Kernel(1);
  k.register(new Etcd('etcd-0', k));
  k.register(new ApiServer(k, 'etcd-0'));
  const got: Msg[] = [];
  const trace: TraceEvent[] = [];
  k.onTrace((e) => trace.push(e));
  k.register({ id: 'client', s: {}, receive: (m) => got.push(m) });
  k.send('test', 'kube-apiserver', { type: 'START' });
  const settle = () => {
    while (k.hasStoryWork() && k.runOne());
  };
  settle();
  let reqId = 1;
  const call = (r: Partial<ApiRequest>): ApiResponse => {
    const id = reqId++;
    k.send('client', 'kube-apiserver', { type: 'API_REQUEST', reqId: id, credential: ADMIN, ...r } as ApiRequest, 1);
    settle();
    return got.find((m) => m.type === 'API_RESPONSE' && (m as ApiResponse).reqId === id) as ApiResponse;
  };
  /** run virtual time forward, periodic work included */
  const advance = (ms: number) => {
    k.runUntil(k.now() + ms);
    settle();
  };
  const configMap = (name: string, labels: Record<string, string> = {}) =>
    call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { k: name } } as never });
  return { k, got, trace, call, advance, configMap, settle };
}

const rvOf = (r: ApiResponse) => Number(r.object!.metadata.resourceVersion);

describe('etcd compaction by kube-apiserver (storage/etcd3/compact.go)', () => {
  it('runs every 5 minutes and compacts to the revision seen one round earlier', () => {
    const { trace, advance, configMap } = setup();
    const revAt: number[] = [];
    for (let i = 0; i < 4; i++) {
      configMap(`cm-${i}`);
      advance(300_000 - 1_000);
      revAt.push(Math.max(...trace.filter((e) => e.type === 'etcd.put').map((e) => Number(e.params.revision))));
      advance(1_000);
    }
    // the CAS on compact_rev_key happens at every round: 5, 10, 15, 20 min
    const cas = trace.filter((e) => e.type === 'etcd.put').filter((e) => e.params.key === COMPACT_REV_KEY);
    expect(cas.map((e) => Math.floor(e.t / 1000))).toEqual([300, 600, 900, 1200]);
    expect(cas.every((e) => e.ambient)).toBe(true);
    // no compaction on the first round; then each round compacts to the revision the previous CAS left
    const compactions = trace.filter((e) => e.type === 'etcd.compact');
    expect(compactions.map((e) => Math.floor(e.t / 1000))).toEqual([600, 900, 1200]);
    expect(compactions.map((e) => e.params.revision)).toEqual(cas.slice(0, 3).map((e) => e.params.revision));
    expect(compactions.every((e) => e.ambient)).toBe(true);
    // each compaction target is at least the newest write before its previous round
    compactions.forEach((e, i) => expect(Number(e.params.revision)).toBeGreaterThan(revAt[i]));
  });

  it('answers a list at a compacted revision with 410 Expired, and serves one still held exactly', () => {
    const { call, advance, configMap } = setup();
    const a = rvOf(configMap('a'));
    advance(600_000 + 10_000); // two rounds: the second compacts past `a`
    const b = rvOf(configMap('b'));
    const old = call({ verb: 'list', resource: 'configmaps', namespace: 'default', options: { resourceVersion: String(a), resourceVersionMatch: 'Exact' } });
    expect(old.code).toBe(410);
    expect(old.status).toMatchObject({ code: 410, reason: 'Expired', message: 'The resourceVersion for the provided list is too old.' });
    configMap('c');
    const atB = call({ verb: 'list', resource: 'configmaps', namespace: 'default', options: { resourceVersion: String(b), resourceVersionMatch: 'Exact' } });
    expect(atB.code).toBe(200);
    expect(atB.resourceVersion).toBe(String(b));
    expect(atB.items?.map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });
});

describe('watch cache window and 410 Gone (cacher/watch_cache.go)', () => {
  it('sends an ERROR event with the exact Status to a watch from a resourceVersion the window no longer holds', () => {
    const { call, got, advance, configMap } = setup();
    // one ConfigMap a second for 200 s: older than eventFreshDuration (75 s), so the 100-event buffer does not grow
    const rvs: number[] = [];
    for (let i = 0; i < 200; i++) {
      rvs.push(rvOf(configMap(`cm-${i}`)));
      advance(1_000);
    }
    const oldest = rvs[rvs.length - 100];
    const w = call({ verb: 'watch', resource: 'configmaps', namespace: 'default', options: { resourceVersion: String(rvs[0]) } });
    expect(w.code).toBe(200);
    const err = got.find((m) => m.type === 'WATCH_EVENT' && (m as WatchEvent).watchId === w.watchId) as WatchEvent;
    expect(err.eventType).toBe('ERROR');
    expect(err.object).toMatchObject({ kind: 'Status', status: 'Failure', code: 410, reason: 'Expired', message: `too old resource version: ${rvs[0]} (${oldest - 1})` });
    // from just before the oldest event kept, the watch is served: 100 ADDED events
    const ok = call({ verb: 'watch', resource: 'configmaps', namespace: 'default', options: { resourceVersion: String(oldest - 1) } });
    const evs = got.filter((m) => m.type === 'WATCH_EVENT' && (m as WatchEvent).watchId === ok.watchId) as WatchEvent[];
    expect(evs.length).toBe(100);
    expect(evs.every((e) => e.eventType === 'ADDED')).toBe(true);
  });

  it('grows the buffer instead of dropping events younger than 75 s', () => {
    const { call, got, configMap } = setup();
    const rvs: number[] = [];
    for (let i = 0; i < 300; i++) rvs.push(rvOf(configMap(`cm-${i}`)));
    const w = call({ verb: 'watch', resource: 'configmaps', namespace: 'default', options: { resourceVersion: String(rvs[0]) } });
    const evs = got.filter((m) => m.type === 'WATCH_EVENT' && (m as WatchEvent).watchId === w.watchId) as WatchEvent[];
    expect(evs.length).toBe(299);
  });
});

/** A client-go style component with one ConfigMap informer; while `partitioned` it hears nothing. */
class Watcher extends Component<ComponentState & { seen: string[] }> {
  partitioned = false;
  constructor(k: Kernel, selector?: string) {
    super('test-informer', k, { client: newClientState(), seen: [] }, ADMIN);
    this.selector = selector;
  }
  private readonly selector?: string;
  start() {
    this.startInformer('configmaps', 'configmaps', { namespace: 'default', labelSelector: this.selector });
  }
  override receive(msg: Msg, from: ComponentId): void {
    if (this.partitioned) return;
    super.receive(msg, from);
  }
  store(): string[] {
    return Object.keys(this.informer('configmaps').store).sort();
  }
  rv(): number {
    return Number(this.informer('configmaps').resourceVersion);
  }
  protected onResponse(_p: Purpose, _r: ApiResponse): void {}
  protected onWatch(_i: string, type: WatchEventType, obj: KObject): void {
    this.s.seen.push(`${type} ${obj.metadata.name}`);
  }
  protected onMessage(): void {}
}

describe('informers: bookmarks, watch timeouts, relist after 410', () => {
  it('advances the resourceVersion with BOOKMARKs about every minute while nothing it selects changes', () => {
    const { k, trace, advance, configMap } = setup();
    const inf = new Watcher(k, 'app=mine');
    k.register(inf);
    inf.start();
    advance(1_000);
    const start = inf.rv();
    for (let i = 0; i < 100; i++) {
      configMap(`other-${i}`, { app: 'other' });
      advance(1_000);
    }
    // 100 s later: events it does not select did not reach it, but a bookmark moved it past most of them
    expect(inf.s.seen).toEqual([]);
    const bookmarks = trace.filter((e) => e.type === 'watch.bookmark');
    expect(bookmarks.length).toBeGreaterThan(0);
    expect(bookmarks.every((e) => e.ambient)).toBe(true);
    const first = bookmarks[0];
    expect(first.t).toBeGreaterThanOrEqual(60_000);
    expect(first.t).toBeLessThan(63_000);
    expect(inf.rv()).toBe(Number(first.params.resourceVersion));
    expect(inf.rv()).toBeGreaterThan(start + 50);
  });

  it('watches again from where it was when the server ends the watch at its 5–10 min timeout', () => {
    const { k, trace, advance, configMap } = setup();
    const inf = new Watcher(k);
    k.register(inf);
    inf.start();
    advance(1_000);
    const watches = () => trace.filter((e) => e.type === 'apiserver.request' && e.params.verb === 'watch' && e.from === 'test-informer');
    expect(watches().length).toBe(1);
    advance(600_000);
    expect(watches().length).toBe(2);
    const again = watches()[1].t;
    expect(again).toBeGreaterThanOrEqual(300_000);
    expect(again).toBeLessThan(601_000);
    configMap('late');
    expect(inf.s.seen).toEqual(['ADDED late']);
    expect(trace.some((e) => e.type === 'watch.expired' || e.type === 'informer.relist')).toBe(false);
  });

  it('relists after a 410 when it comes back from a partition longer than the window, and ends with the right store', () => {
    const { k, trace, advance, call, configMap } = setup();
    const inf = new Watcher(k);
    k.register(inf);
    configMap('kept');
    configMap('doomed');
    inf.start();
    advance(1_000);
    expect(inf.store()).toEqual(['default/doomed', 'default/kept']);
    const before = inf.rv();
    // the client hears nothing for 200 s while 200 ConfigMaps come and one goes
    inf.partitioned = true;
    call({ verb: 'delete', resource: 'configmaps', namespace: 'default', name: 'doomed' });
    for (let i = 0; i < 200; i++) {
      configMap(`cm-${i}`);
      advance(1_000);
    }
    inf.partitioned = false;
    // the connection broke: the reflector watches again from the resourceVersion it had
    const watchId = Number(Object.keys(inf.s.client.watches)[0]);
    k.send('kube-apiserver', 'test-informer', { type: 'WATCH_CLOSED', watchId }, 1);
    advance(5_000);
    const expired = trace.find((e) => e.type === 'watch.expired');
    expect(expired?.params).toMatchObject({ informer: 'configmaps', code: 410, reason: 'Expired', resourceVersion: String(before) });
    expect(String(expired?.params.message)).toMatch(new RegExp(`^too old resource version: ${before} \\(\\d+\\)$`));
    const relist = trace.find((e) => e.type === 'informer.relist');
    expect(relist).toBeDefined();
    // BackoffUntil: 800 ms to 1.6 s after the watch ended
    expect(relist!.t - expired!.t).toBeGreaterThanOrEqual(800);
    expect(relist!.t - expired!.t).toBeLessThan(1_600);
    expect(inf.store().length).toBe(201);
    expect(inf.store()).not.toContain('default/doomed');
    expect(inf.s.seen).toContain('DELETED doomed');
    expect(inf.s.seen.filter((s) => s.startsWith('ADDED cm-')).length).toBe(200);
    // and it is watching again: a new ConfigMap arrives as a watch event
    configMap('after');
    expect(inf.store()).toContain('default/after');
  });
});
