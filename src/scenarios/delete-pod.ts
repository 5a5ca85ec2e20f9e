// Walkthrough 3 — Delete a Pod: seed 002's deletion, from kubectl delete to the etcd delete.
import { NGINX_POD, NGINX_POD_YAML } from './manifests';
import type { Walkthrough } from './types';

const POD = 'Pod/nginx';

export const deletePod: Walkthrough = {
  id: 'delete-pod',
  title: 'deletePod.title',
  seed: 1,
  nodes: 3,
  setup: [{ type: 'apply', object: NGINX_POD }],
  manifest: NGINX_POD_YAML,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: POD, params: { verb: 'delete' } },
      narration: 'deletePod.request', notice: 'deletePod.request.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'], pod: 'nginx' },
      action: { label: 'delete', input: { type: 'delete', ref: { kind: 'Pod', namespace: 'default', name: 'nginx' } } },
    },
    { match: { type: 'etcd.put', object: POD }, narration: 'deletePod.terminating', notice: 'deletePod.terminating.notice', derive: 'terminating', highlight: { components: ['etcd'], pod: 'nginx' } },
    { match: { type: 'apiserver.response', to: 'kubectl', object: POD, params: { verb: 'delete' } }, narration: 'deletePod.accepted', notice: 'deletePod.accepted.notice', highlight: { components: ['kubectl'], pod: 'nginx' } },
    { match: { type: 'watch.event', to: 'kubelet:*', object: POD, params: { eventType: 'MODIFIED', terminating: true } }, narration: 'deletePod.kubeletWatch', notice: 'deletePod.kubeletWatch.notice' },
    { match: { type: 'kubelet.kill', object: POD }, narration: 'deletePod.kill', notice: 'deletePod.kill.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.stop_container', object: POD }, narration: 'deletePod.stop', notice: 'deletePod.stop.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.container_exited', object: POD }, narration: 'deletePod.exited', notice: 'deletePod.exited.notice' },
    { match: { type: 'cri.stop_pod_sandbox', object: POD }, narration: 'deletePod.sandbox', notice: 'deletePod.sandbox.notice' },
    { match: { type: 'kubelet.volumes_unmounted', object: POD }, narration: 'deletePod.volumes', notice: 'deletePod.volumes.notice' },
    { match: { type: 'apiserver.request', object: POD, params: { verb: 'delete', resource: 'pods' } }, narration: 'deletePod.finalDelete', notice: 'deletePod.finalDelete.notice', highlight: { components: ['kube-apiserver'] } },
    { match: { type: 'etcd.delete', object: POD }, narration: 'deletePod.etcdDelete', notice: 'deletePod.etcdDelete.notice', highlight: { components: ['etcd'], view: 'etcd' } },
    { match: { type: 'cri.remove_pod_sandbox', object: POD }, narration: 'deletePod.removed', notice: 'deletePod.removed.notice' },
  ],
};
