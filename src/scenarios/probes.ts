// Walkthrough 9 — Probes: a readiness probe takes a pod out of its Service (the endpoint leaves the
// EndpointSlice's ready set, every kube-proxy drops it), then a liveness probe has it restarted.
// The pod's own script removes /tmp/ready, later /tmp/healthy, as the Kubernetes docs' liveness-exec
// example does; the restart runs the script again, and the pod comes back into the Service.
import type { KObject } from '../engine';
import { WEB_SERVICE } from './manifests';
import type { Walkthrough } from './types';

export const PROBES_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: probes
  labels:
    app: web
spec:
  containers:
  - name: app
    image: busybox:1.36
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy /tmp/ready; sleep 20; rm -f /tmp/ready; sleep 20; rm -f /tmp/healthy; sleep 600
    readinessProbe:
      exec:
        command: [cat, /tmp/ready]
      periodSeconds: 5
    livenessProbe:
      exec:
        command: [cat, /tmp/healthy]
      initialDelaySeconds: 5
      periodSeconds: 5
`;

const PROBES_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'probes', namespace: 'default', labels: { app: 'web' } },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'busybox:1.36',
        args: ['/bin/sh', '-c', 'touch /tmp/healthy /tmp/ready; sleep 20; rm -f /tmp/ready; sleep 20; rm -f /tmp/healthy; sleep 600'],
        readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 },
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
      },
    ],
  },
} as unknown as KObject;

const POD = 'Pod/probes';
const CM = { components: ['controller-manager'] };
const NODES = { components: ['node:node-1', 'node:node-2', 'node:node-3'] };

export const probes: Walkthrough = {
  id: 'probes',
  title: 'probes.title',
  seed: 1,
  nodes: 3,
  setup: [{ type: 'apply', object: WEB_SERVICE }],
  manifest: PROBES_POD_YAML,
  runForMs: 90_000,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: POD, params: { verb: 'create' } },
      narration: 'probes.post', notice: 'probes.post.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'apply', input: { type: 'apply', object: PROBES_POD } },
    },
    { match: { type: 'cri.start_container', object: POD }, narration: 'probes.start', notice: 'probes.start.notice', highlight: { view: 'pod' } },
    { match: { type: 'kubelet.probe', object: POD, params: { probe: 'readiness', result: 'success', changed: true } }, narration: 'probes.ready', notice: 'probes.ready.notice', highlight: { view: 'pod' } },
    { match: { type: 'controller.sync', object: 'Service/web', params: { controller: 'endpointslice' } }, narration: 'probes.sliceIn', notice: 'probes.sliceIn.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'kube-proxy.sync', params: { changed: true } }, narration: 'probes.proxyIn', notice: 'probes.proxyIn.notice', highlight: NODES },
    { match: { type: 'kubelet.probe', object: POD, params: { probe: 'readiness', result: 'failure' } }, narration: 'probes.readyFail', notice: 'probes.readyFail.notice', highlight: { view: 'pod' } },
    { match: { type: 'kubelet.probe', object: POD, params: { probe: 'readiness', result: 'failure', consecutive: 3 } }, narration: 'probes.notReady', notice: 'probes.notReady.notice', highlight: { view: 'pod' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'probes.statusNotReady', notice: 'probes.statusNotReady.notice', derive: 'status', highlight: { components: ['etcd'], pod: 'probes' } },
    { match: { type: 'controller.sync', object: 'Service/web', params: { controller: 'endpointslice' } }, narration: 'probes.sliceOut', notice: 'probes.sliceOut.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'etcd.put', object: 'EndpointSlice/web-*' }, narration: 'probes.slicePut', notice: 'probes.slicePut.notice', derive: 'slice', highlight: { components: ['etcd'] } },
    { match: { type: 'kube-proxy.sync', params: { changed: true } }, narration: 'probes.proxyOut', notice: 'probes.proxyOut.notice', highlight: NODES },
    { match: { type: 'kubelet.probe', object: POD, params: { probe: 'liveness', result: 'failure' } }, narration: 'probes.liveFail', notice: 'probes.liveFail.notice', highlight: { view: 'pod' } },
    { match: { type: 'kubelet.probe', object: POD, params: { probe: 'liveness', result: 'failure', consecutive: 3 } }, narration: 'probes.liveThreshold', notice: 'probes.liveThreshold.notice', highlight: { view: 'pod' } },
    { match: { type: 'kubelet.kill', object: POD }, narration: 'probes.kill', notice: 'probes.kill.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.stop_container', object: POD }, narration: 'probes.stop', notice: 'probes.stop.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.container_exited', object: POD }, narration: 'probes.exited', notice: 'probes.exited.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.create_container', object: POD }, narration: 'probes.restart', notice: 'probes.restart.notice', highlight: { pod: 'probes' } },
    { match: { type: 'kubelet.probe', object: POD, params: { probe: 'readiness', result: 'success', changed: true } }, narration: 'probes.readyAgain', notice: 'probes.readyAgain.notice', highlight: { view: 'pod' } },
    { match: { type: 'kube-proxy.sync', params: { changed: true } }, narration: 'probes.proxyBack', notice: 'probes.proxyBack.notice', highlight: NODES },
  ],
};
