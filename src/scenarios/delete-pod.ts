// Walkthrough 3 — Delete a Pod: seed 002's deletion in its 8 steps, from kubectl delete to the etcd
// delete. The pod sits behind a Service and has a preStop hook, so the endpoint removal and the hook
// are real events of the run: Terminating and deletionTimestamp, the endpoints, preStop, the stop
// signal, the grace countdown, SIGKILL (or why none was needed), cleanup, the etcd delete.
import { NGINX_POD_PRESTOP, WEB_SERVICE, WEB_SERVICE_AND_POD_YAML } from './manifests';
import type { Walkthrough } from './types';

const POD = 'Pod/nginx';

export const deletePod: Walkthrough = {
  id: 'delete-pod',
  title: 'deletePod.title',
  seed: 1,
  nodes: 3,
  setup: [{ type: 'apply', object: WEB_SERVICE }, { type: 'apply', object: NGINX_POD_PRESTOP }],
  manifest: WEB_SERVICE_AND_POD_YAML,
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
    { match: { type: 'controller.sync', object: 'Service/web', params: { controller: 'endpointslice' } }, narration: 'deletePod.endpoints', notice: 'deletePod.endpoints.notice', highlight: { components: ['controller-manager'], view: 'controllers' } },
    { match: { type: 'kubelet.kill', object: POD }, narration: 'deletePod.kill', notice: 'deletePod.kill.notice', highlight: { view: 'pod' } },
    { match: { type: 'kubelet.prestop', object: POD }, narration: 'deletePod.preStop', notice: 'deletePod.preStop.notice', highlight: { view: 'pod' } },
    { match: { type: 'etcd.put', object: 'EndpointSlice/web-*' }, narration: 'deletePod.slice', notice: 'deletePod.slice.notice', derive: 'slice', highlight: { components: ['etcd'] } },
    { match: { type: 'cri.stop_container', object: POD }, narration: 'deletePod.stop', notice: 'deletePod.stop.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.container_exited', object: POD }, narration: 'deletePod.exited', notice: 'deletePod.exited.notice' },
    { match: { type: 'cri.stop_pod_sandbox', object: POD }, narration: 'deletePod.sandbox', notice: 'deletePod.sandbox.notice' },
    { match: { type: 'kube-proxy.sync', from: 'kube-proxy:*', params: { changed: true } }, narration: 'deletePod.proxy', notice: 'deletePod.proxy.notice', highlight: { components: ['node:node-1', 'node:node-2', 'node:node-3'] } },
    { match: { type: 'kubelet.volumes_unmounted', object: POD }, narration: 'deletePod.volumes', notice: 'deletePod.volumes.notice' },
    { match: { type: 'apiserver.request', object: POD, params: { verb: 'delete', resource: 'pods' } }, narration: 'deletePod.finalDelete', notice: 'deletePod.finalDelete.notice', highlight: { components: ['kube-apiserver'] } },
    { match: { type: 'etcd.delete', object: POD }, narration: 'deletePod.etcdDelete', notice: 'deletePod.etcdDelete.notice', highlight: { components: ['etcd'], view: 'etcd' } },
    { match: { type: 'cri.remove_pod_sandbox', object: POD }, narration: 'deletePod.removed', notice: 'deletePod.removed.notice' },
  ],
};
