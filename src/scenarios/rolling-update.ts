// Walkthrough 5 — Rolling update and rollback: 4 replicas of nginx:1.27 are updated to nginx:1.28
// (a new ReplicaSet scaled up while the old one scales down, within maxSurge and maxUnavailable, both
// 25%), then rolled back: the old ReplicaSet's template comes back and its revision annotation moves
// on. `kubectl rollout undo` copies that ReplicaSet's template into the Deployment; here the learner's
// action applies the same template, which is the same request to the API server.
import { parse } from 'yaml';
import type { KObject } from '../engine';
import type { Walkthrough } from './types';

const manifest = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
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
        image: ${image}
`;

export const ROLLING_UPDATE_YAML = manifest('nginx:1.28');
const web = (image: string) => ({ ...(parse(manifest(image)) as Record<string, unknown>), metadata: { name: 'web', namespace: 'default' } }) as unknown as KObject;

/** the ReplicaSets' names end in their pod template's hash (the engine's, pinned by the golden trace) */
const OLD = 'ReplicaSet/web-7f9fb87fb4';
const NEW = 'ReplicaSet/web-58c8d757c7';
const CM = { components: ['controller-manager'], view: 'controllers' };
const dsync = (action: string) => ({ type: 'controller.sync', object: 'Deployment/web', params: { controller: 'deployment', action } });

export const rollingUpdate: Walkthrough = {
  id: 'rolling-update',
  title: 'rollingUpdate.title',
  seed: 1,
  nodes: 3,
  setup: [{ type: 'apply', object: web('nginx:1.27') }],
  manifest: ROLLING_UPDATE_YAML,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Deployment/web', params: { verb: 'patch' } },
      narration: 'rollingUpdate.patch', notice: 'rollingUpdate.patch.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'updateImage', input: { type: 'apply', object: web('nginx:1.28') } },
    },
    { match: { type: 'controller.sync', object: 'Deployment/web', params: { controller: 'deployment' } }, narration: 'rollingUpdate.sync', notice: 'rollingUpdate.sync.notice', derive: 'rollout', highlight: CM },
    { match: { type: 'etcd.put', object: NEW }, narration: 'rollingUpdate.newRs', notice: 'rollingUpdate.newRs.notice', derive: 'rollout', highlight: { components: ['etcd'], view: 'ownership' } },
    { match: { type: 'controller.sync', object: NEW, params: { controller: 'replicaset' } }, narration: 'rollingUpdate.newPod', notice: 'rollingUpdate.newPod.notice', highlight: CM },
    { match: { type: 'controller.sync', object: OLD, params: { controller: 'replicaset' } }, narration: 'rollingUpdate.oldDown', notice: 'rollingUpdate.oldDown.notice', highlight: CM },
    { match: { type: 'controller.sync', object: 'Deployment/web', params: { controller: 'deployment' } }, narration: 'rollingUpdate.surge', notice: 'rollingUpdate.surge.notice', highlight: CM },
    { match: { type: 'cri.container_started', object: 'Pod/web-58c8d757c7-*' }, narration: 'rollingUpdate.started', notice: 'rollingUpdate.started.notice' },
    { match: { type: 'controller.sync', object: 'Deployment/web', params: { controller: 'deployment' } }, narration: 'rollingUpdate.next', notice: 'rollingUpdate.next.notice', highlight: CM },
    { match: dsync('scale web-7f9fb87fb4 1→0'), narration: 'rollingUpdate.lastOld', notice: 'rollingUpdate.lastOld.notice', highlight: CM },
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Deployment/web', params: { verb: 'patch' } },
      narration: 'rollingUpdate.undo', notice: 'rollingUpdate.undo.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'rollback', input: { type: 'apply', object: web('nginx:1.27') } },
    },
    { match: { type: 'controller.sync', object: 'Deployment/web', params: { controller: 'deployment' } }, narration: 'rollingUpdate.undoSync', notice: 'rollingUpdate.undoSync.notice', highlight: CM },
    { match: { type: 'etcd.put', object: OLD }, narration: 'rollingUpdate.revision', notice: 'rollingUpdate.revision.notice', derive: 'rollout', highlight: { components: ['etcd'], view: 'ownership' } },
    { match: { type: 'controller.sync', object: OLD, params: { controller: 'replicaset' } }, narration: 'rollingUpdate.oldBack', notice: 'rollingUpdate.oldBack.notice', highlight: CM },
    { match: dsync('scale web-58c8d757c7 1→0'), narration: 'rollingUpdate.done', notice: 'rollingUpdate.done.notice', derive: 'rollout', highlight: CM },
  ],
};
