// The derived narration parameters: durations in seconds, an EndpointSlice's endpoints as stored.
import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent } from '../engine';
import { narrationParams } from './params';

const ev = (type: string, params: Record<string, unknown>, object?: { kind: string; name: string }): AnyTraceEvent =>
  ({ seq: 1, t: 0, type, from: 'a', to: 'b', key: type, params, ...(object ? { object: { ...object, namespace: 'default', uid: 'u', resourceVersion: '1' } } : {}) }) as unknown as AnyTraceEvent;

describe('narrationParams', () => {
  it('gives every *Ms param in seconds too, rounded to a tenth', () => {
    const p = narrationParams(ev('kubelet.prestop', { durationMs: 5000, deadlineMs: 35_017 }));
    expect(p).toMatchObject({ durationMs: 5000, durationS: 5, deadlineS: 35 });
    expect(narrationParams(ev('x', { silentMs: 1250 })).silentS).toBe(1.3);
  });

  it("'slice' reads an EndpointSlice's endpoints and conditions as stored", () => {
    const slice = {
      endpoints: [
        { addresses: ['10.244.2.2'], conditions: { ready: false, serving: true, terminating: true } },
        { addresses: ['10.244.1.3'], conditions: { ready: true, serving: true, terminating: false } },
      ],
    };
    const p = narrationParams(ev('etcd.put', { revision: 67 }, { kind: 'EndpointSlice', name: 'web-1' }), 'slice', slice);
    expect(p.sliceEndpoints).toBe(2);
    expect(p.sliceReady).toBe(1);
    expect(p.sliceConditions).toBe('10.244.2.2 (ready=false, serving=true, terminating=true) and 10.244.1.3 (ready=true, serving=true, terminating=false)');
    expect(narrationParams(ev('etcd.put', {}), 'slice', { endpoints: [] })).toMatchObject({ sliceEndpoints: 0, sliceReady: 0, sliceConditions: '' });
  });

  it("'columns' prints READY, STATUS and RESTARTS as kubectl get pods does, init containers and sidecars included", () => {
    const pod = {
      metadata: { name: 'web-init' },
      spec: { initContainers: [{ name: 'log-shipper', restartPolicy: 'Always' }, { name: 'migrate' }], containers: [{ name: 'nginx' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'log-shipper', started: true, ready: true, state: { running: {} } },
          { name: 'migrate', state: { running: {} } },
        ],
        containerStatuses: [{ name: 'nginx', state: { waiting: { reason: 'PodInitializing' } } }],
      },
    };
    expect(narrationParams(ev('etcd.put', { revision: 60 }, { kind: 'Pod', name: 'web-init' }), 'columns', pod as never)).toMatchObject({ podStatus: 'Init:1/2', podReady: '1/2', podRestarts: 0 });
  });

  it("'node' reads a Node's Ready condition and taints; 'eviction' a pod's time-limited NoExecute tolerations and DisruptionTarget", () => {
    const node = {
      spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] },
      status: { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }] },
    };
    expect(narrationParams(ev('etcd.put', {}, { kind: 'Node', name: 'node-2' }), 'node', node, 'zh-CN')).toMatchObject({
      nodeReady: 'Unknown', nodeReason: 'NodeStatusUnknown', taintCount: 2,
      taints: 'node.kubernetes.io/unreachable:NoSchedule 和 node.kubernetes.io/unreachable:NoExecute',
    });
    const pod = {
      spec: { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'x', effect: 'NoSchedule' }] },
      status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }] },
    };
    expect(narrationParams(ev('etcd.put', {}), 'eviction', pod)).toMatchObject({
      tolerations: 'node.kubernetes.io/unreachable:NoExecute (tolerationSeconds=300)', tolerationSeconds: 300, disruptionReason: 'DeletionByTaintManager',
    });
  });

  it('gives the virtual clock at the event in seconds', () => {
    expect(narrationParams({ ...ev('x', {}), t: 65_106 } as AnyTraceEvent)).toMatchObject({ atS: 65.1, clock: '00:01:05.106' });
  });

  it("'service' reads a Service as stored; 'proxy' a kube-proxy sync's rules for the Service port", () => {
    const svc = { spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } };
    expect(narrationParams(ev('etcd.put', {}), 'service', svc as never)).toMatchObject({ clusterIP: '10.96.0.20', svcType: 'ClusterIP', ports: '80/TCP → 8080', selector: 'app=web' });
    const detail = { services: [{ name: 'default/web', clusterIP: '10.96.0.20', port: 80, chain: 'KUBE-SVC-X', reject: false, endpoints: [{ endpoint: '10.244.1.2:80', probability: '0.5000000000' }, { endpoint: '10.244.2.2:80', probability: null }] }] };
    const e = { ...ev('kube-proxy.sync', { node: 'node-1' }), detail } as unknown as AnyTraceEvent;
    expect(narrationParams(e, 'proxy')).toMatchObject({ svc: 'default/web', svcChain: 'KUBE-SVC-X', reject: false, backendCount: 2, backends: '10.244.1.2:80 (--probability 0.5000000000) and 10.244.2.2:80' });
  });
});
