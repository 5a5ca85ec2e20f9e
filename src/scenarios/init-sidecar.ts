// Walkthrough 10 — Init containers and a sidecar: a log shipper declared as an init container with
// restartPolicy: Always (a sidecar) starts first and keeps running; the next init container waits
// until the sidecar has started, runs to completion, and only then does the app container start.
// The STATUS column reads Init:0/2, Init:1/2, PodInitializing, Running on the way.
import type { KObject } from '../engine';
import type { Walkthrough } from './types';

export const INIT_SIDECAR_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: web-init
spec:
  initContainers:
  - name: log-shipper
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "while true; do sleep 5; done"]
    volumeMounts:
    - name: logs
      mountPath: /var/log/nginx
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5"]
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: logs
      mountPath: /var/log/nginx
  volumes:
  - name: logs
    emptyDir: {}
`;

const INIT_SIDECAR_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-init', namespace: 'default' },
  spec: {
    initContainers: [
      { name: 'log-shipper', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'while true; do sleep 5; done'], volumeMounts: [{ name: 'logs', mountPath: '/var/log/nginx' }] },
      { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
    ],
    containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'logs', mountPath: '/var/log/nginx' }] }],
    volumes: [{ name: 'logs', emptyDir: {} }],
  },
} as unknown as KObject;

const POD = 'Pod/web-init';

export const initSidecar: Walkthrough = {
  id: 'init-sidecar',
  title: 'initSidecar.title',
  seed: 1,
  nodes: 3,
  setup: [],
  manifest: INIT_SIDECAR_POD_YAML,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: POD, params: { verb: 'create' } },
      narration: 'initSidecar.post', notice: 'initSidecar.post.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'apply', input: { type: 'apply', object: INIT_SIDECAR_POD } },
    },
    { match: { type: 'scheduler.decision', object: POD }, narration: 'initSidecar.decision', notice: 'initSidecar.decision.notice', highlight: { components: ['scheduler'] } },
    { match: { type: 'kubelet.admit', object: POD }, narration: 'initSidecar.admit', notice: 'initSidecar.admit.notice', highlight: { view: 'pod' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'initSidecar.init0', notice: 'initSidecar.init0.notice', derive: 'columns', highlight: { components: ['etcd'], pod: 'web-init' } },
    { match: { type: 'cri.create_container', object: POD, params: { container: 'log-shipper' } }, narration: 'initSidecar.createSidecar', notice: 'initSidecar.createSidecar.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.container_started', object: POD, params: { container: 'log-shipper' } }, narration: 'initSidecar.sidecarStarted', notice: 'initSidecar.sidecarStarted.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.create_container', object: POD, params: { container: 'migrate' } }, narration: 'initSidecar.createMigrate', notice: 'initSidecar.createMigrate.notice', highlight: { view: 'pod' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'initSidecar.init1', notice: 'initSidecar.init1.notice', derive: 'columns', highlight: { components: ['etcd'], pod: 'web-init' } },
    { match: { type: 'cri.container_started', object: POD, params: { container: 'migrate' } }, narration: 'initSidecar.migrateStarted', notice: 'initSidecar.migrateStarted.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.container_exited', object: POD, params: { container: 'migrate' } }, narration: 'initSidecar.migrateDone', notice: 'initSidecar.migrateDone.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.pull_image', object: POD, params: { container: 'nginx' } }, narration: 'initSidecar.pullApp', notice: 'initSidecar.pullApp.notice', derive: 'pull', highlight: { view: 'pod' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'initSidecar.podInitializing', notice: 'initSidecar.podInitializing.notice', derive: 'columns', highlight: { components: ['etcd'], pod: 'web-init' } },
    { match: { type: 'cri.container_started', object: POD, params: { container: 'nginx' } }, narration: 'initSidecar.appStarted', notice: 'initSidecar.appStarted.notice', highlight: { view: 'pod' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'initSidecar.running', notice: 'initSidecar.running.notice', derive: 'columns', highlight: { components: ['etcd'], pod: 'web-init' } },
  ],
};
