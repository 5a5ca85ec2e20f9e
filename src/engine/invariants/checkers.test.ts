// Each VOPR invariant checker catches a hand-made violation (and passes the same situation done
// right), so a checker cannot silently pass everything.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import type { TraceEvent } from '../kernel/types';
import { BindingOnce, ObjectMirror, RevisionsIncrease, TraceMonitor, TraceOrder, WatchStreams } from './trace-monitor';
import { CommittedEntries, type EtcdMemberView, mvccAgree } from './etcd-agreement';
import { daemonSetsConverged, deploymentsConverged, endpointSlicesMatch, noOrphans, replicaSetsConverged, statefulSetsConverged } from './convergence';
import { informersMatchEtcd, watchCacheMatchesEtcd } from './informers';
import { podRequests } from './resources';
import { parseFieldSelector, parseLabelSelector } from '../api/selectors';
import type { InformerState } from '../client/component';

type Obj = Record<string, any>;
let seq = 0;
const ev = (type: string, params: Obj, extra: Obj = {}): TraceEvent => ({ seq: seq++, t: seq, type, from: 'kube-apiserver', to: 'etcd-0', key: type, params, ...extra }) as unknown as TraceEvent;
const kobj = (kind: string, name: string, rest: Obj = {}, meta: Obj = {}): KObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: kind === 'Node' ? undefined : 'default', uid: `uid-${name}`, ...meta }, ...rest });
const put = (o: KObject, rv: number) => ev('etcd.put', { key: `/registry/${o.kind}/${o.metadata.name}`, revision: rv }, { detail: { value: { ...o, metadata: { ...o.metadata, resourceVersion: String(rv) } } } });
const del = (o: KObject, rv: number) => ev('etcd.delete', { key: `/registry/${o.kind}/${o.metadata.name}`, revision: rv }, { detail: { value: o } });
const feed = (events: TraceEvent[]) => {
  const m = new TraceMonitor();
  return events.flatMap((e) => m.observe(e)).map((v) => `${v.invariant}: ${v.message}`);
};
const pod = (name: string, nodeName: string | undefined, cpu: string, status: Obj = { phase: 'Running' }) => kobj('Pod', name, { spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'x', resources: { requests: { cpu } } }] }, status });
const node = (name: string, cpu = '1') => kobj('Node', name, { status: { allocatable: { cpu, memory: '1Gi', pods: '10' } } });

describe('trace checkers', () => {
  it('trace order: seq counts up by one, time never goes back', () => {
    const c = new TraceOrder();
    const e = (s: number, t: number) => ({ ...ev('x', {}), seq: s, t });
    expect([e(1, 5), e(2, 5)].flatMap((x) => c.observe(x))).toEqual([]);
    expect(c.observe(e(4, 6))).toEqual(['trace seq jumps from 2 to 4']);
    expect(c.observe(e(5, 1))).toEqual(['trace time goes back from 6 to 1']);
  });

  it('revisions strictly increase across etcd writes', () => {
    const c = new RevisionsIncrease();
    expect(c.observe(ev('etcd.put', { key: 'a', revision: 5 }))).toEqual([]);
    expect(c.observe(ev('etcd.delete', { key: 'b', revision: 5 }))).toEqual(['etcd revision 5 written after 5 (b)']);
  });

  it('one binding per pod', () => {
    const m = new ObjectMirror();
    const c = new BindingOnce();
    const obs = (e: TraceEvent) => c.observe(e, m.observe(e));
    expect([put(pod('p', undefined, '1m'), 2), put(pod('p', 'n1', '1m'), 3)].flatMap(obs)).toEqual([]);
    expect(obs(put(pod('p', 'n2', '1m'), 4))).toEqual(['pod default/p moved from n1 to n2 at revision 4']);
  });

  it('a node never holds more than its allocatable of scheduler-bound pods; pods created bound are the kubelet’s to refuse', () => {
    const bind = (name: string, cpu: string, rv: number) => [put(pod(name, undefined, cpu), rv), put(pod(name, 'n1', cpu), rv + 1)];
    expect(feed([put(node('n1'), 1), ...bind('a', '600m', 2)])).toEqual([]);
    expect(feed([put(node('n1'), 1), ...bind('a', '600m', 2), ...bind('b', '600m', 4)])).toEqual(['node-capacity: node n1: cpu requests 1200m > allocatable 1 (a, b)']);
    // created with spec.nodeName, then failed by the kubelet: not the scheduler's promise
    expect(feed([put(node('n1'), 1), ...bind('a', '600m', 2), put(pod('m', 'n1', '600m', { phase: 'Pending' }), 4)])).toEqual([]);
    // terminated pods free their requests
    expect(feed([put(node('n1'), 1), ...bind('a', '600m', 2), put(pod('a', 'n1', '600m', { phase: 'Succeeded' }), 4), ...bind('b', '600m', 5)])).toEqual([]);
  });

  const watch = (informer: string, o: KObject, rv: number, to = 'controller-manager') =>
    ev('watch.event', { eventType: 'MODIFIED', kind: o.kind, namespace: 'default', name: o.metadata.name, informer }, { to, object: { kind: o.kind, name: o.metadata.name, resourceVersion: String(rv) } });

  it('watch streams are in order', () => {
    const m = new ObjectMirror();
    const w = new WatchStreams(m);
    expect(w.observe(watch('pods', pod('a', undefined, '1m'), 7))).toEqual([]);
    expect(w.observe(watch('pods', pod('b', undefined, '1m'), 6))).toEqual(['controller-manager|pods: MODIFIED Pod default/b at resourceVersion 6 after 7']);
    // another stream has its own order; a relist starts a stream afresh
    expect(w.observe(watch('pods', pod('b', undefined, '1m'), 6, 'scheduler'))).toEqual([]);
    w.observe(ev('informer.relist', { informer: 'pods' }, { from: 'controller-manager' }));
    expect(w.observe(watch('pods', pod('b', undefined, '1m'), 6))).toEqual([]);
  });

  it('watch streams are gap-free for what their selectors select', () => {
    const m = new ObjectMirror();
    const w = new WatchStreams(m);
    const all = { kind: 'Pod', labels: parseLabelSelector(''), fields: parseFieldSelector('') };
    const onN2 = { kind: 'Pod', labels: parseLabelSelector(''), fields: parseFieldSelector('spec.nodeName=n2') };
    for (const e of [put(pod('a', 'n1', '1m'), 10), put(pod('b', 'n1', '1m'), 11), put(pod('c', 'n1', '1m'), 12)]) m.observe(e);
    w.observe(watch('pods', pod('a', 'n1', '1m'), 10));
    w.observe(watch('pods', pod('c', 'n1', '1m'), 12));
    const gaps = w.verifyGaps(() => all);
    expect(gaps.map((g) => g.message)).toEqual(['controller-manager|pods skipped PUT Pod default/b at resourceVersion 11 (delivered 10, then 12)']);
    // a stream that selects only node n2 was right to skip b
    w.observe(watch('pods', pod('a', 'n1', '1m'), 10, 'kubelet:n2'));
    w.observe(watch('pods', pod('c', 'n1', '1m'), 12, 'kubelet:n2'));
    expect(w.verifyGaps(() => onN2)).toEqual([]);
  });
});

describe('etcd agreement', () => {
  const member = (id: string, entries: Array<[number, string]>, commit: number, applied = commit, kvs: Obj = {}): EtcdMemberView => ({
    id,
    raft: { term: 1, commit, applied, log: { offset: 0, entries: entries.map(([term, k], i) => ({ index: i + 1, term, data: { k } })) } },
    mvcc: { revision: applied + 1, kvs },
  });

  it('members agree on every committed entry', () => {
    const c = new CommittedEntries();
    expect(c.check([member('etcd-0', [[1, 'a'], [1, 'b']], 2), member('etcd-1', [[1, 'a'], [2, 'x']], 1)])).toEqual([]);
    expect(new CommittedEntries().check([member('etcd-0', [[1, 'a'], [1, 'b']], 2), member('etcd-1', [[1, 'a'], [2, 'x']], 2)])).toEqual([
      'etcd-1 and etcd-0 hold different entries at committed index 2 (terms 2 and 1)',
    ]);
  });

  it('a committed entry never changes later', () => {
    const c = new CommittedEntries();
    c.check([member('etcd-0', [[1, 'a'], [1, 'b']], 2)]);
    expect(c.check([member('etcd-0', [[1, 'a'], [3, 'b']], 2)])).toEqual(['etcd-0: committed entry 2 now has term 3, was 1 (etcd-0)']);
    expect(c.check([member('etcd-0', [[1, 'a']], 1)])).toContain('etcd-0: commit index went back from 2 to 1');
  });

  it('members that applied the same index hold the same keys', () => {
    const a = member('etcd-0', [[1, 'a']], 1, 1, { k: { modRevision: 2, version: 1 } });
    const b = member('etcd-1', [[1, 'a']], 1, 1, { k: { modRevision: 3, version: 1 } });
    expect(mvccAgree([a, b])).toEqual(['etcd-0 and etcd-1 applied up to 1 but disagree on k']);
  });
});

describe('caches', () => {
  it('the watch cache agrees with etcd at the revision it reached', () => {
    const cm = (rv: number) => kobj('ConfigMap', 'x', {}, { resourceVersion: String(rv) });
    expect(watchCacheMatchesEtcd({ rv: 9, cache: { '/registry/configmaps/default/x': cm(5) } }, { '/registry/configmaps/default/x': { modRevision: 5 } }, () => undefined)).toEqual([]);
    expect(watchCacheMatchesEtcd({ rv: 9, cache: { '/registry/configmaps/default/x': cm(5) } }, { '/registry/configmaps/default/x': { modRevision: 8 } }, () => undefined)).toEqual([
      'the watch cache (at 9) holds /registry/configmaps/default/x at 5, etcd wrote it at 8',
    ]);
    expect(watchCacheMatchesEtcd({ rv: 9, cache: { '/registry/configmaps/default/x': cm(5) } }, {}, () => 7)).toEqual(['the watch cache (at 9) still holds /registry/configmaps/default/x, deleted at 7']);
  });

  it('an informer holds what its selectors pick, at the revisions etcd has, as of its resourceVersion', () => {
    const inf = (store: Obj): InformerState => ({ name: 'pods', resource: 'pods', fieldSelector: 'spec.nodeName=n1', store, resourceVersion: '20', synced: true, ambient: false });
    const p = (name: string, nodeName: string, rv: number) => ({ ...pod(name, nodeName, '1m'), metadata: { ...pod(name, nodeName, '1m').metadata, resourceVersion: String(rv) } });
    const etcd = [p('a', 'n1', 10), p('b', 'n2', 11), p('c', 'n1', 25)];
    const list = (kind: string) => (kind === 'Pod' ? etcd : []);
    expect(informersMatchEtcd([{ component: 'kubelet:n1', informer: inf({ 'default/a': p('a', 'n1', 10) }) }], list, () => undefined)).toEqual([]);
    expect(informersMatchEtcd([{ component: 'kubelet:n1', informer: inf({}) }], list, () => undefined)).toEqual(['kubelet:n1 informer pods at resourceVersion 20 lacks Pod default/a (written at 10)']);
    expect(informersMatchEtcd([{ component: 'kubelet:n1', informer: inf({ 'default/a': p('a', 'n1', 10), 'default/d': p('d', 'n1', 3) }) }], list, () => 15)).toEqual([
      'kubelet:n1 informer pods at resourceVersion 20 still holds Pod default/d, deleted at 15',
    ]);
  });
});

describe('settled state', () => {
  const owned = (o: KObject, owner: KObject) => ({ ...o, metadata: { ...o.metadata, ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: String(owner.metadata.uid), controller: true }] } });
  const lister = (objs: KObject[]) => (kind: string) => objs.filter((o) => o.kind === kind);
  const ready = (p: KObject, ip = '10.0.0.1') => ({ ...p, status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] } });

  it('no orphaned dependents, no owner stuck on a system finalizer', () => {
    const rs = kobj('ReplicaSet', 'rs');
    expect(noOrphans(lister([rs, owned(pod('p', 'n1', '1m'), rs)]), ['ReplicaSet', 'Pod'])).toEqual([]);
    expect(noOrphans(lister([owned(pod('p', 'n1', '1m'), rs)]), ['ReplicaSet', 'Pod'])).toEqual(['Pod default/p is orphaned: owners ReplicaSet/rs are gone']);
    const stuck = kobj('ConfigMap', 'c', {}, { deletionTimestamp: 'x', finalizers: ['foregroundDeletion'] });
    expect(noOrphans(lister([stuck]), ['ConfigMap'])).toEqual(['ConfigMap default/c is stuck being deleted (finalizers foregroundDeletion)']);
    expect(noOrphans(lister([{ ...stuck, metadata: { ...stuck.metadata, finalizers: ['example.com/mine'] } }]), ['ConfigMap'])).toEqual([]);
  });

  it('ReplicaSets: status counts their pods, and there are spec.replicas of them', () => {
    const rs = (status: Obj) => kobj('ReplicaSet', 'rs', { spec: { replicas: 2 }, status: { observedGeneration: 1, ...status } }, { generation: 1 });
    const pods = (r: KObject) => [owned(ready(pod('a', 'n1', '1m')), r), owned(pod('b', 'n1', '1m', { phase: 'Pending' }), r)];
    const good = rs({ replicas: 2, readyReplicas: 1 });
    expect(replicaSetsConverged(lister([good, ...pods(good)]))).toEqual([]);
    const bad = rs({ replicas: 1 });
    expect(replicaSetsConverged(lister([bad, ...pods(bad)]))).toEqual(['ReplicaSet default/rs: status replicas=1 (pods say 2), readyReplicas=0 (pods say 1)']);
    expect(replicaSetsConverged(lister([good, pods(good)[0]]))).toEqual(['ReplicaSet default/rs: status replicas=2 (pods say 1)', 'ReplicaSet default/rs: 1 pods, spec.replicas 2']);
    expect(replicaSetsConverged(lister([good, pods(good)[0]]), { mayBeRefused: () => true })).toEqual(['ReplicaSet default/rs: status replicas=2 (pods say 1)']);
  });

  it('Deployments: status sums their ReplicaSets; all pods ready ⇒ the rollout is complete on the current template', () => {
    const tmpl = { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'v2' }] } };
    const d = kobj('Deployment', 'd', { spec: { replicas: 1, template: tmpl }, status: { observedGeneration: 2, replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 } }, { generation: 2 });
    const rs = (name: string, replicas: number, image: string) => owned(kobj('ReplicaSet', name, { spec: { replicas, template: { ...tmpl, spec: { containers: [{ name: 'c', image }] } } }, status: { replicas, readyReplicas: replicas, availableReplicas: replicas } }, { labels: { 'pod-template-hash': name } }), d);
    const cur = rs('new', 1, 'v2');
    expect(deploymentsConverged(lister([d, cur, owned(ready(pod('p', 'n1', '1m')), cur)]))).toEqual([]);
    const stale = rs('old', 1, 'v1');
    expect(deploymentsConverged(lister([d, stale, owned(ready(pod('p', 'n1', '1m')), stale)]))).toEqual(['Deployment default/d: the scaled-up ReplicaSet old (hash old) does not run the current template']);
    expect(deploymentsConverged(lister([{ ...d, metadata: { ...d.metadata, generation: 3 } }, cur]))).toEqual(['Deployment default/d: observedGeneration 2 != generation 3']);
  });

  it('StatefulSets: with every pod ready, spec.replicas of them at the update revision', () => {
    const ss = kobj('StatefulSet', 'ss', { spec: { replicas: 2 }, status: { replicas: 1, readyReplicas: 1, updateRevision: 'r2' } });
    const p = (rev: string) => owned({ ...ready(pod('ss-0', 'n1', '1m')), metadata: { ...pod('ss-0', 'n1', '1m').metadata, labels: { 'controller-revision-hash': rev } } }, ss);
    expect(statefulSetsConverged(lister([ss, p('r2')]))).toEqual(['StatefulSet default/ss: every pod is ready but there are 1, spec.replicas 2']);
    const one = { ...ss, spec: { replicas: 1 } };
    expect(statefulSetsConverged(lister([one, p('r1')]))).toEqual(['StatefulSet default/ss: every pod is ready but not every pod is at revision r2']);
  });

  it('DaemonSets: a pod on each node the nodeSelector picks, and status says so', () => {
    const ds = kobj('DaemonSet', 'ds', { spec: { template: { spec: { nodeSelector: { role: 'edge' } } } }, status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1 } });
    const n = (name: string, role: string) => ({ ...node(name), metadata: { ...node(name).metadata, labels: { role } } });
    const dp = (nodeName: string) => owned({ ...ready(pod(`ds-${nodeName}`, nodeName, '1m')) }, ds);
    expect(daemonSetsConverged(lister([ds, n('n1', 'edge'), n('n2', 'core'), dp('n1')]))).toEqual([]);
    expect(daemonSetsConverged(lister([ds, n('n1', 'edge'), n('n2', 'core'), dp('n2')]))).toEqual([
      'DaemonSet default/ds: no pod on n1',
      'DaemonSet default/ds: pods on n2, which its nodeSelector does not pick',
      'DaemonSet default/ds: status currentNumberScheduled=1 (pods say 0), numberMisscheduled=0 (pods say 1)',
    ]);
    // a Failed daemon pod the controller has not deleted yet (a kubelet refused it: OutOfcpu) still counts
    // as scheduled, as daemon_controller.go groups pods; once it is being deleted it no longer does
    const failed = (deletionTimestamp?: string) => {
      const p = dp('n1');
      return { ...p, metadata: { ...p.metadata, ...(deletionTimestamp ? { deletionTimestamp } : {}) }, status: { phase: 'Failed', reason: 'OutOfcpu' } };
    };
    const refused = { ...ds, status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 0 } };
    const mayBeRefused = () => true;
    expect(daemonSetsConverged(lister([refused, n('n1', 'edge'), failed()]), { mayBeRefused })).toEqual([]);
    expect(daemonSetsConverged(lister([refused, n('n1', 'edge'), failed('2025-01-01T00:00:00Z')]), { mayBeRefused })).toEqual([
      'DaemonSet default/ds: status currentNumberScheduled=1 (pods say 0)',
    ]);
  });

  it('EndpointSlices list exactly the ready pods of their Service', () => {
    const svc = kobj('Service', 'web', { spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const p = (name: string, isReady: boolean) => {
      const base = pod(name, 'n1', '1m');
      const withLabels = { ...base, metadata: { ...base.metadata, labels: { app: 'web' } } };
      return isReady ? ready(withLabels) : { ...withLabels, status: { phase: 'Running', podIP: '10.0.0.9' } };
    };
    const slice = (names: string[]) => kobj('EndpointSlice', 'web-x', { endpoints: names.map((n) => ({ addresses: ['10.0.0.1'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: n } })) }, { labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } });
    expect(endpointSlicesMatch(lister([svc, p('a', true), p('b', false), slice(['a'])]))).toEqual([]);
    expect(endpointSlicesMatch(lister([svc, p('a', true), p('b', false), slice(['a', 'b'])]))).toEqual(['Service default/web: EndpointSlices list ready [a, b], ready pods are [a]']);
  });
});

describe('pod requests (resource helpers PodRequests)', () => {
  it.each([
    [{ containers: [{ resources: { requests: { cpu: '100m' } } }, { resources: { requests: { cpu: '200m' } } }] }, 300],
    [{ containers: [{ resources: { requests: { cpu: '100m' } } }], initContainers: [{ resources: { requests: { cpu: '500m' } } }] }, 500],
    // a sidecar (restartable init container) adds to both
    [{ containers: [{ resources: { requests: { cpu: '100m' } } }], initContainers: [{ restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } }, { resources: { requests: { cpu: '120m' } } }] }, 170],
    [{ containers: [{ resources: { requests: { cpu: '100m' } } }], overhead: { cpu: '10m' } }, 110],
  ])('%j → %i m', (spec, cpu) => {
    expect(podRequests({ spec }).cpu).toBe(cpu);
  });
});
