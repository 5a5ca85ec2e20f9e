import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../protocol/messages';
import { en } from './en';
import { narrate } from './narrate';

let seq = 0;
function ev(type: string, from: string, to: string, params: TraceEvent['params'] = {}, more: Partial<TraceEvent> = {}): TraceEvent {
  return { seq: seq++, t: 0, type, key: type, from, to, params, ...more };
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
