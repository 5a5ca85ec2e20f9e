// Walkthrough 15 — OOMKilled and QoS eviction: a container that allocates more than its memory limit
// is killed by the cgroup OOM killer (OOMKilled, exit code 137; restartPolicy Never keeps it down); then a BestEffort pod
// that fills a node's memory drives memory.available under the kubelet's hard eviction threshold,
// and the kubelet evicts the pod using the most beyond its request — the BestEffort one — while a
// Burstable pod within its request runs on.
import type { KObject } from '../engine';
import type { Walkthrough } from './types';

export const OOM_QOS_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo
spec:
  restartPolicy: Never
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`;

const WEB = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default' },
  spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { memory: '64Mi' } } }] },
} as unknown as KObject;

const OOM = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'memory-demo', namespace: 'default' },
  spec: {
    restartPolicy: 'Never',
    containers: [{
      name: 'memory-demo-ctr', image: 'polinux/stress', resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
      command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
    }],
  },
} as unknown as KObject;

const HOG = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'hog', namespace: 'default' },
  spec: { nodeName: 'node-1', containers: [{ name: 'hog', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '7600M', '--vm-hang', '1'] }] },
} as unknown as KObject;

export const oomQos: Walkthrough = {
  id: 'oom-qos',
  title: 'oomQos.title',
  seed: 1,
  nodes: 3,
  setup: [{ type: 'apply', object: WEB }],
  manifest: OOM_QOS_YAML,
  runForMs: 30_000,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Pod/memory-demo', params: { verb: 'create' } },
      narration: 'oomQos.post', notice: 'oomQos.post.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyOom', input: { type: 'apply', object: OOM } },
    },
    { match: { type: 'kubelet.admit', object: 'Pod/memory-demo' }, narration: 'oomQos.admit', notice: 'oomQos.admit.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.run_pod_sandbox', object: 'Pod/memory-demo' }, narration: 'oomQos.cgroup', notice: 'oomQos.cgroup.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.start_container', object: 'Pod/memory-demo' }, narration: 'oomQos.start', notice: 'oomQos.start.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.container_exited', object: 'Pod/memory-demo' }, narration: 'oomQos.oomKilled', notice: 'oomQos.oomKilled.notice', highlight: { view: 'pod' } },
    { match: { type: 'etcd.put', object: 'Pod/memory-demo' }, narration: 'oomQos.status', notice: 'oomQos.status.notice', derive: 'columns', highlight: { components: ['etcd'], pod: 'memory-demo' } },
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Pod/hog', params: { verb: 'create' } },
      narration: 'oomQos.hog', notice: 'oomQos.hog.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyHog', input: { type: 'apply', object: HOG } },
    },
    { match: { type: 'kubelet.admit', object: 'Pod/hog' }, narration: 'oomQos.hogAdmit', notice: 'oomQos.hogAdmit.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.container_started', object: 'Pod/hog' }, narration: 'oomQos.hogStarted', notice: 'oomQos.hogStarted.notice', highlight: { components: ['node:node-1'] } },
    { match: { type: 'kubelet.evict', object: 'Pod/hog' }, narration: 'oomQos.evict', notice: 'oomQos.evict.notice', highlight: { components: ['node:node-1'], pod: 'hog' } },
    { match: { type: 'kubelet.node_condition', params: { condition: 'MemoryPressure' } }, narration: 'oomQos.pressure', notice: 'oomQos.pressure.notice', highlight: { components: ['node:node-1'] } },
    { match: { type: 'cri.stop_container', object: 'Pod/hog' }, narration: 'oomQos.stop', notice: 'oomQos.stop.notice', highlight: { view: 'pod' } },
    { match: { type: 'etcd.put', object: 'Pod/hog' }, narration: 'oomQos.evicted', notice: 'oomQos.evicted.notice', derive: 'columns', highlight: { components: ['etcd'], pod: 'hog' } },
    { match: { type: 'controller.sync', object: 'Node/node-1', params: { controller: 'nodelifecycle' } }, narration: 'oomQos.taint', notice: 'oomQos.taint.notice', highlight: { components: ['controller-manager'], view: 'controllers' } },
  ],
};
