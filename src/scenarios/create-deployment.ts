// Walkthrough 2 — Create a Deployment: seed 001. The Deployment controller makes a ReplicaSet, the
// ReplicaSet controller makes the Pods, the scheduler places each one, the kubelets run them.
import type { KObject } from '../engine';
import type { Walkthrough } from './types';

export const WEB_DEPLOYMENT_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const WEB = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
} as unknown as KObject;

const CM = { components: ['controller-manager'] };

export const createDeployment: Walkthrough = {
  id: 'create-deployment',
  title: 'createDeployment.title',
  seed: 1,
  nodes: 3,
  setup: [],
  manifest: WEB_DEPLOYMENT_YAML,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Deployment/web', params: { verb: 'create' } },
      narration: 'createDeployment.post', notice: 'createDeployment.post.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyDeployment', input: { type: 'apply', object: WEB } },
    },
    { match: { type: 'etcd.put', object: 'Deployment/web' }, narration: 'createDeployment.put', notice: 'createDeployment.put.notice', highlight: { components: ['etcd'] } },
    { match: { type: 'watch.event', to: 'controller-manager', object: 'Deployment/web', params: { eventType: 'ADDED' } }, narration: 'createDeployment.watch', notice: 'createDeployment.watch.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'controller.sync', object: 'Deployment/web', params: { controller: 'deployment' } }, narration: 'createDeployment.sync', notice: 'createDeployment.sync.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'apiserver.request', from: 'controller-manager', object: 'ReplicaSet/web-*', params: { verb: 'create' } }, narration: 'createDeployment.createRs', notice: 'createDeployment.createRs.notice', highlight: { components: ['controller-manager', 'kube-apiserver'] } },
    { match: { type: 'etcd.put', object: 'ReplicaSet/web-*' }, narration: 'createDeployment.putRs', notice: 'createDeployment.putRs.notice', highlight: { components: ['etcd'], view: 'ownership' } },
    { match: { type: 'watch.event', to: 'controller-manager', object: 'ReplicaSet/web-*', params: { eventType: 'ADDED' } }, narration: 'createDeployment.watchRs', notice: 'createDeployment.watchRs.notice', highlight: CM },
    { match: { type: 'controller.sync', object: 'ReplicaSet/web-*', params: { controller: 'replicaset' } }, narration: 'createDeployment.syncRs', notice: 'createDeployment.syncRs.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'apiserver.request', from: 'controller-manager', object: 'Pod/web-*', params: { verb: 'create' } }, narration: 'createDeployment.createPod', notice: 'createDeployment.createPod.notice', highlight: { components: ['controller-manager', 'kube-apiserver'] } },
    { match: { type: 'etcd.put', object: 'Pod/web-*' }, narration: 'createDeployment.putPod', notice: 'createDeployment.putPod.notice', highlight: { components: ['etcd'] } },
    { match: { type: 'watch.event', to: 'scheduler', object: 'Pod/web-*', params: { eventType: 'ADDED' } }, narration: 'createDeployment.schedWatch', notice: 'createDeployment.schedWatch.notice', highlight: { components: ['scheduler'] } },
    { match: { type: 'scheduler.decision', object: 'Pod/web-*' }, narration: 'createDeployment.decision', notice: 'createDeployment.decision.notice', highlight: { components: ['scheduler'], view: 'scheduler' } },
    { match: { type: 'watch.event', to: 'kubelet:*', object: 'Pod/web-*', params: { eventType: 'ADDED' } }, narration: 'createDeployment.kubeletWatch', notice: 'createDeployment.kubeletWatch.notice' },
    { match: { type: 'scheduler.decision', object: 'Pod/web-*' }, narration: 'createDeployment.decision2', notice: 'createDeployment.decision2.notice', highlight: { components: ['scheduler'], view: 'scheduler' } },
    { match: { type: 'controller.sync', object: 'ReplicaSet/web-*', params: { controller: 'replicaset' } }, narration: 'createDeployment.syncRs2', notice: 'createDeployment.syncRs2.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'cri.container_started', object: 'Pod/web-*' }, narration: 'createDeployment.started', notice: 'createDeployment.started.notice' },
    { match: { type: 'cri.container_started', object: 'Pod/web-*' }, narration: 'createDeployment.started2', notice: 'createDeployment.started2.notice' },
    { match: { type: 'etcd.put', object: 'Pod/web-*' }, narration: 'createDeployment.status', notice: 'createDeployment.status.notice', derive: 'status', highlight: { components: ['etcd'] } },
  ],
};
