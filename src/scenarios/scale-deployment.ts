// Walkthrough 4 — Scale up and down: a Deployment of pods that each request 1.5 CPU is scaled from
// 2 to 7 (one pod finds no node) and back to 4. The ReplicaSet controller deletes the pods its ranking
// puts first (getPodsToDelete → ActivePodsWithRanks): not scheduled, then pending, then not ready,
// then doubled-up on a node, then the most recently ready, more restarts, newer. Each delete step shows
// the chosen pod as stored, so the learner sees why it ranked first.
import { parse } from 'yaml';
import type { KObject } from '../engine';
import type { Walkthrough } from './types';

const manifest = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
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
        resources:
          requests:
            cpu: 1500m
`;

export const SCALE_YAML = manifest(4);
const web = (replicas: number) => ({ ...(parse(manifest(replicas)) as Record<string, unknown>), metadata: { name: 'web', namespace: 'default' } }) as unknown as KObject;

const CM = { components: ['controller-manager'] };
const DEL = { type: 'apiserver.request', from: 'controller-manager', object: 'Pod/web-*', params: { verb: 'delete' } };

export const scaleDeployment: Walkthrough = {
  id: 'scale-deployment',
  title: 'scaleDeployment.title',
  seed: 1,
  nodes: 3,
  setup: [{ type: 'apply', object: web(2) }],
  manifest: SCALE_YAML,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Deployment/web', params: { verb: 'patch' } },
      narration: 'scaleDeployment.patchUp', notice: 'scaleDeployment.patchUp.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'scaleUp', input: { type: 'apply', object: web(7) } },
    },
    { match: { type: 'controller.sync', object: 'Deployment/web', params: { controller: 'deployment' } }, narration: 'scaleDeployment.syncUp', notice: 'scaleDeployment.syncUp.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'controller.sync', object: 'ReplicaSet/web-*', params: { controller: 'replicaset' } }, narration: 'scaleDeployment.createPods', notice: 'scaleDeployment.createPods.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'scheduler.decision', object: 'Pod/web-*', params: { node: '' } }, narration: 'scaleDeployment.unschedulable', notice: 'scaleDeployment.unschedulable.notice', highlight: { components: ['scheduler'], view: 'scheduler' } },
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Deployment/web', params: { verb: 'patch' } },
      narration: 'scaleDeployment.patchDown', notice: 'scaleDeployment.patchDown.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'scaleDown', input: { type: 'apply', object: web(4) } },
    },
    { match: { type: 'controller.sync', object: 'Deployment/web', params: { controller: 'deployment' } }, narration: 'scaleDeployment.syncDown', notice: 'scaleDeployment.syncDown.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'controller.sync', object: 'ReplicaSet/web-*', params: { controller: 'replicaset' } }, narration: 'scaleDeployment.choose', notice: 'scaleDeployment.choose.notice', derive: 'deleting', highlight: { ...CM, view: 'controllers' } },
    { match: DEL, narration: 'scaleDeployment.delete1', notice: 'scaleDeployment.delete1.notice', derive: 'pod', highlight: { components: ['controller-manager', 'kube-apiserver'] } },
    { match: DEL, narration: 'scaleDeployment.delete2', notice: 'scaleDeployment.delete2.notice', derive: 'pod', highlight: { components: ['controller-manager', 'kube-apiserver'] } },
    { match: DEL, narration: 'scaleDeployment.delete3', notice: 'scaleDeployment.delete3.notice', derive: 'pod', highlight: { components: ['controller-manager', 'kube-apiserver'] } },
    { match: { type: 'etcd.delete', object: 'Pod/web-*' }, narration: 'scaleDeployment.goneAtOnce', notice: 'scaleDeployment.goneAtOnce.notice', highlight: { components: ['etcd'] } },
    { match: { type: 'kubelet.kill', object: 'Pod/web-*' }, narration: 'scaleDeployment.kill', notice: 'scaleDeployment.kill.notice' },
    { match: { type: 'controller.sync', object: 'ReplicaSet/web-*', params: { controller: 'replicaset' } }, narration: 'scaleDeployment.settled', notice: 'scaleDeployment.settled.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'etcd.delete', object: 'Pod/web-*' }, narration: 'scaleDeployment.gone', notice: 'scaleDeployment.gone.notice', highlight: { components: ['etcd'] } },
    { match: { type: 'etcd.delete', object: 'Pod/web-*' }, narration: 'scaleDeployment.gone2', notice: 'scaleDeployment.gone2.notice', highlight: { components: ['etcd'] } },
  ],
};
