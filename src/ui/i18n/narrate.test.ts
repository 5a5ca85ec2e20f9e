import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent, TraceEvent } from '../../protocol/messages';
const en = 'en' as const;
import { narrate } from './narrate';

let seq = 0;
/** A fixture: only the params and detail a sentence reads, as the catalogue must cope with any missing (or an unknown type). */
const fixture = (e: AnyTraceEvent) => e as TraceEvent;
function ev(type: string, from: string, to: string, params: AnyTraceEvent['params'] = {}, more: Partial<AnyTraceEvent> = {}): TraceEvent {
  return fixture({ seq: seq++, t: 0, type, key: type, from, to, params, ...more });
}
const pod = { kind: 'Pod', namespace: 'default', name: 'nginx' };

describe('narrate (en)', () => {
  it.each([
    [ev('apiserver.request', 'kubectl', 'kube-apiserver', { verb: 'create', method: 'POST', path: '/api/v1/namespaces/default/pods', user: 'admin', resource: 'pods', name: 'nginx', namespace: 'default' }),
      'kubectl sends POST /api/v1/namespaces/default/pods to kube-apiserver'],
    [ev('apiserver.authorize', 'kube-apiserver', 'kube-apiserver', { user: 'admin', verb: 'create', resource: 'pods', namespace: 'default', allowed: true, reason: '' }),
      'RBAC allows admin to create pods in namespace default'],
    [ev('apiserver.authorize', 'kube-apiserver', 'kube-apiserver', { user: 'bob', verb: 'create', resource: 'pods', allowed: false, reason: 'no RBAC policy matched' }),
      'RBAC denies bob to create pods: no RBAC policy matched'],
    [ev('apiserver.authorize', 'kube-apiserver', 'kube-apiserver', { user: 'bob', verb: 'create', resource: 'pods', namespace: 'default', allowed: false, reason: '' }),
      'RBAC denies bob to create pods in namespace default: no binding grants it'],
    [ev('apiserver.admit', 'kube-apiserver', 'kube-apiserver', { changed: true }, { detail: { defaulted: ['spec.restartPolicy', 'spec.dnsPolicy'] } }),
      'Admission: defaults were filled in for 2 fields (spec.restartPolicy, spec.dnsPolicy)'],
    [ev('etcd.put', 'kube-apiserver', 'etcd-0', { key: '/registry/pods/default/nginx', revision: 42, size: 1830 }),
      'kube-apiserver writes /registry/pods/default/nginx to etcd: revision 42, 1.8 kB'],
    [ev('apiserver.response', 'kube-apiserver', 'kubectl', { code: 201, verb: 'create', resource: 'pods', name: 'nginx' }),
      'kube-apiserver answers 201: create pods nginx succeeded'],
    [ev('apiserver.response', 'kube-apiserver', 'kubectl', { code: 422, verb: 'create', resource: 'pods', name: 'x', reason: 'Invalid', message: 'Pod "x" is invalid' }),
      'kube-apiserver answers 422 Invalid: Pod "x" is invalid'],
    [ev('watch.event', 'kube-apiserver', 'scheduler', { eventType: 'ADDED', kind: 'Pod', namespace: 'default', name: 'nginx' }),
      'Watch: kube-apiserver tells the scheduler that Pod nginx was added'],
    [ev('cri.sandbox_ready', 'runtime:node-2', 'kubelet:node-2', { ip: '10.244.2.5' }, { object: pod }),
      'The sandbox of pod nginx is ready; the network plugin gave it IP 10.244.2.5'],
    [ev('cri.image_pulled', 'runtime:node-1', 'kubelet:node-1', { image: 'nginx:1.27', durationMs: 4321, sizeBytes: 72_300_000 }),
      'Image nginx:1.27 pulled in 4.32 s (72.3 MB)'],
    [ev('cri.pull_image', 'kubelet:node-3', 'runtime:node-3', { image: 'nginx:1.27' }),
      'The container runtime on node-3 pulls image nginx:1.27'],
  ])('%#: %s', (e, sentence) => {
    expect(narrate(e, en)).toBe(sentence);
  });

  it('explains a scheduling decision with filter reasons and scores', () => {
    const e = ev('scheduler.decision', 'scheduler', 'scheduler', { pod: 'nginx', node: 'node-1', message: '' }, {
      detail: {
        pod: 'default/nginx',
        filter: { 'node-1': [], 'node-2': ['Insufficient cpu'], 'node-3': [] },
        scores: {},
        weights: {},
        total: { 'node-3': 75, 'node-1': 87 },
        chosen: 'node-1',
        message: '',
      },
    });
    expect(narrate(e, en)).toBe('The scheduler filtered 3 nodes: node-2 lacks cpu; scored node-1 87, node-3 75 → node-1');
  });

  it('says when a tie between the best nodes was broken at random', () => {
    const e = ev('scheduler.decision', 'scheduler', 'scheduler', { pod: 'default/nginx', node: 'node-2' }, {
      detail: { filter: { 'node-1': [], 'node-2': [] }, total: { 'node-1': 397, 'node-2': 397 }, chosen: 'node-2' },
    });
    expect(narrate(e, en)).toBe('The scheduler filtered 2 nodes; scored node-1 397, node-2 397 → node-2 (a tie, broken at random)');
  });

  it('gives the FailedScheduling message when nothing fits', () => {
    const message = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    const e = ev('scheduler.decision', 'scheduler', 'scheduler', { pod: 'big' }, { detail: { pod: 'big', filter: {}, total: {}, chosen: null, message } });
    expect(narrate(e, en)).toBe(`No node fits pod big: ${message}`);
  });

  it('falls back to a readable sentence for unknown keys and for missing params', () => {
    expect(narrate(ev('cri.remove_container', 'kubelet:node-1', 'runtime:node-1', {}, { object: pod }), en)).toBe(
      'The kubelet on node-1 → the container runtime on node-1: cri remove container (Pod nginx)',
    );
    expect(narrate(ev('cri.pull_image', 'kubelet:node-1', 'runtime:node-1', {}), en)).toBe(
      'The kubelet on node-1 → the container runtime on node-1: cri pull image',
    );
  });
});

describe('narrate (en): an etcd election', () => {
  it.each([
    [ev('etcd.stop', 'user', 'etcd-0', { member: 'etcd-0', role: 'leader', term: 1 }), 'etcd-0 is stopped: the leader of term 1 is gone, so its heartbeats stop'],
    [ev('raft.election_timeout', 'etcd-1', 'etcd-1', { member: 'etcd-1', term: 1, role: 'follower', silentMs: 1412 }), 'etcd-1 heard no heartbeat for 1.4 s and calls an election for term 2'],
    [ev('raft.election_timeout', 'etcd-1', 'etcd-1', { member: 'etcd-1', term: 2, role: 'candidate' }), 'etcd-1 has not heard from a leader in time and calls an election again for term 3'],
    [ev('raft.pre_vote', 'etcd-2', 'etcd-1', { from: 'etcd-2', term: 2, granted: false }), 'etcd-2 asks etcd-1 whether it would vote for it in term 2 (pre-vote): no'],
    [ev('raft.vote_request', 'etcd-1', 'etcd-2', { from: 'etcd-1', term: 2, granted: true }), 'etcd-1 asks etcd-2 for its vote in term 2: granted'],
    [ev('raft.vote', 'etcd-2', 'etcd-1', { to: 'etcd-1', term: 2, granted: true, pre: false }), 'etcd-2 votes for etcd-1 (term 2)'],
    [ev('raft.vote', 'etcd-2', 'etcd-1', { to: 'etcd-1', term: 2, granted: true, pre: true }), 'etcd-2 would vote for etcd-1 in term 2 (pre-vote)'],
    [ev('raft.leader', 'etcd-2', 'etcd-1', { member: 'etcd-1', term: 2, lastIndex: 39 }), 'etcd-1 is the new leader (term 2)'],
    [ev('apiserver.etcd_failover', 'etcd-0', 'etcd-1', { from: 'etcd-0', to: 'etcd-1', revision: 41 }), 'kube-apiserver gets no answer from etcd-0 and switches to etcd-1, watching again from revision 41'],
    [ev('etcd.start', 'user', 'etcd-0', { member: 'etcd-0', term: 1, lastIndex: 41, applied: 41 }), 'etcd-0 starts again from its data on disk (log up to index 41) and rejoins as a follower'],
  ])('%#: %s', (e, sentence) => {
    expect(narrate(e, en)).toBe(sentence);
  });
});

describe('narrate (en): node faults', () => {
  it('says a node lost power and came back', () => {
    expect(narrate(ev('node.stop', 'user', 'kubelet:node-2', { node: 'node-2', pods: 2 }), en)).toBe('node-2 loses power: its kubelet and container runtime stop, with 2 pod(s) on it');
    expect(narrate(ev('node.start', 'user', 'kubelet:node-2', { node: 'node-2', boot: 2 }), en)).toBe('node-2 is powered on again: its container runtime and kubelet start');
  });
});

describe('graceful deletion narration (seed 002, deletion step 2)', () => {
  const base = { seq: 1, t: 0, from: 'kube-apiserver', to: 'kubectl', object: { kind: 'Pod', namespace: 'default', name: 'nginx' } };
  it('says the pod is Terminating with its grace period', () => {
    const e = fixture({ ...base, type: 'apiserver.response', key: 'apiserver.response', params: { code: 200, verb: 'delete', resource: 'pods', namespace: 'default', name: 'nginx', terminating: true, graceSeconds: 30 } });
    expect(narrate(e, en)).toBe('kube-apiserver answers 200: pod nginx is now Terminating — deletionTimestamp set, grace period 30 s; the kubelet will stop it');
  });
  it('tells the kubelet the pod is being deleted', () => {
    const e = fixture({ ...base, to: 'kubelet:node-2', type: 'watch.event', key: 'watch.event', params: { eventType: 'MODIFIED', kind: 'Pod', namespace: 'default', name: 'nginx', terminating: true } });
    expect(narrate(e, en)).toMatch(/that Pod nginx is being deleted \(deletionTimestamp set\)$/);
  });
});
