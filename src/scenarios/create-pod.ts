// Walkthrough 1 — Create a Pod: every step of seeds 000 and 002, from kubectl to the status written back.
import { NGINX_POD, NGINX_POD_YAML } from './manifests';
import type { Walkthrough } from './types';

const POD = 'Pod/nginx';
const API = { components: ['kube-apiserver'] };

export const createPod: Walkthrough = {
  id: 'create-pod',
  title: 'createPod.title',
  seed: 1,
  nodes: 3,
  setup: [],
  manifest: NGINX_POD_YAML,
  steps: [
    {
      match: { type: 'apiserver.response', to: 'kubectl', object: POD, params: { verb: 'get', code: 404 } },
      narration: 'createPod.get', notice: 'createPod.get.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'apply', input: { type: 'apply', object: NGINX_POD } },
    },
    { match: { type: 'apiserver.request', from: 'kubectl', object: POD, params: { verb: 'create' } }, narration: 'createPod.post', notice: 'createPod.post.notice', highlight: { components: ['kubectl', 'kube-apiserver'] } },
    { match: { type: 'apiserver.authenticate' }, narration: 'createPod.authn', notice: 'createPod.authn.notice', highlight: { ...API, stage: 'authn' } },
    { match: { type: 'apiserver.authorize' }, narration: 'createPod.authz', notice: 'createPod.authz.notice', highlight: { ...API, stage: 'authz' } },
    { match: { type: 'apiserver.admit' }, narration: 'createPod.admit', notice: 'createPod.admit.notice', derive: 'defaulted', highlight: { ...API, stage: 'mutating' } },
    { match: { type: 'apiserver.validate' }, narration: 'createPod.validate', notice: 'createPod.validate.notice', highlight: { ...API, stage: 'validation' } },
    { match: { type: 'raft.propose', object: POD }, narration: 'createPod.propose', notice: 'createPod.propose.notice', highlight: { components: ['kube-apiserver', 'etcd'], stage: 'etcd' } },
    { match: { type: 'raft.commit' }, narration: 'createPod.commit', notice: 'createPod.commit.notice', highlight: { components: ['etcd'], stage: 'etcd' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'createPod.put', notice: 'createPod.put.notice', highlight: { components: ['etcd'], stage: 'etcd', view: 'etcd' } },
    { match: { type: 'apiserver.response', to: 'kubectl', object: POD, params: { verb: 'create' } }, narration: 'createPod.created', notice: 'createPod.created.notice', highlight: { components: ['kubectl'], pod: 'nginx' } },
    { match: { type: 'watch.event', to: 'scheduler', object: POD, params: { eventType: 'ADDED' } }, narration: 'createPod.schedWatch', notice: 'createPod.schedWatch.notice', highlight: { components: ['kube-apiserver', 'scheduler'] } },
    { match: { type: 'scheduler.filter', object: POD }, narration: 'createPod.filter', notice: 'createPod.filter.notice', derive: 'filter', highlight: { components: ['scheduler'], view: 'scheduler' } },
    { match: { type: 'scheduler.score', object: POD }, narration: 'createPod.score', notice: 'createPod.score.notice', derive: 'score', highlight: { components: ['scheduler'], view: 'scheduler' } },
    { match: { type: 'scheduler.decision', object: POD }, narration: 'createPod.decision', notice: 'createPod.decision.notice', highlight: { components: ['scheduler'] } },
    { match: { type: 'apiserver.request', from: 'scheduler', object: POD, params: { resource: 'pods/binding' } }, narration: 'createPod.bind', notice: 'createPod.bind.notice', highlight: { components: ['scheduler', 'kube-apiserver'] } },
    { match: { type: 'etcd.put', object: POD }, narration: 'createPod.bound', notice: 'createPod.bound.notice', highlight: { components: ['etcd'], pod: 'nginx' } },
    { match: { type: 'watch.event', from: 'kube-apiserver', to: 'kubelet:*', object: POD, params: { eventType: 'ADDED' } }, narration: 'createPod.kubeletWatch', notice: 'createPod.kubeletWatch.notice', highlight: { components: ['kube-apiserver'] } },
    { match: { type: 'kubelet.admit', object: POD }, narration: 'createPod.kubeletAdmit', notice: 'createPod.kubeletAdmit.notice' },
    { match: { type: 'kubelet.volumes', object: POD }, narration: 'createPod.volumes', notice: 'createPod.volumes.notice', highlight: { view: 'pod' } },
    { match: { type: 'cri.run_pod_sandbox', object: POD }, narration: 'createPod.sandbox', notice: 'createPod.sandbox.notice' },
    { match: { type: 'cri.sandbox_ready', object: POD }, narration: 'createPod.sandboxReady', notice: 'createPod.sandboxReady.notice', highlight: { pod: 'nginx' } },
    { match: { type: 'cri.image_status', object: POD }, narration: 'createPod.imageStatus', notice: 'createPod.imageStatus.notice', derive: 'pull' },
    { match: { type: 'cri.pull_image', object: POD }, narration: 'createPod.pull', notice: 'createPod.pull.notice', derive: 'pull' },
    { match: { type: 'cri.image_pulled', object: POD }, narration: 'createPod.pulled', notice: 'createPod.pulled.notice' },
    { match: { type: 'cri.create_container', object: POD }, narration: 'createPod.createContainer', notice: 'createPod.createContainer.notice' },
    { match: { type: 'cri.start_container', object: POD }, narration: 'createPod.start', notice: 'createPod.start.notice' },
    { match: { type: 'cri.container_started', object: POD }, narration: 'createPod.started', notice: 'createPod.started.notice', highlight: { pod: 'nginx' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'createPod.status', notice: 'createPod.status.notice', derive: 'status', highlight: { components: ['etcd'], pod: 'nginx' } },
  ],
};
