// Walkthrough 13 — RBAC: a user who may not create pods. alice may read pods (Role pod-reader, bound to
// her) but not create them: kubectl apply's GET passes, its POST is refused 403 Forbidden with
// Kubernetes' own message. An admin binds the Role pod-creator to her with a RoleBinding; her same
// request then passes authorization, and the pod is created and runs.
import type { KObject } from '../engine';
import { NGINX_POD } from './manifests';
import type { Walkthrough } from './types';

export const POD_CREATOR_YAML = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-creator
  namespace: default
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: alice-creates-pods
  namespace: default
subjects:
- kind: User
  name: alice
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-creator
  apiGroup: rbac.authorization.k8s.io
`;

const READER = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'pod-reader', namespace: 'default' },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
} as unknown as KObject;

const READS = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'alice-reads-pods', namespace: 'default' },
  subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }],
  roleRef: { kind: 'Role', name: 'pod-reader', apiGroup: 'rbac.authorization.k8s.io' },
} as unknown as KObject;

const ROLE = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'pod-creator', namespace: 'default' },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }],
} as unknown as KObject;

const BINDING = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'alice-creates-pods', namespace: 'default' },
  subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }],
  roleRef: { kind: 'Role', name: 'pod-creator', apiGroup: 'rbac.authorization.k8s.io' },
} as unknown as KObject;

const ALICE = { user: 'alice', groups: [] as string[] };

export const rbac: Walkthrough = {
  id: 'rbac',
  title: 'rbac.title',
  seed: 1,
  nodes: 3,
  setup: [{ type: 'apply', object: READER }, { type: 'apply', object: READS }, { type: 'apply', object: ROLE }],
  manifest: POD_CREATOR_YAML,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Pod/nginx', params: { user: 'alice', verb: 'get' } },
      narration: 'rbac.aliceGet', notice: 'rbac.aliceGet.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyAsAlice', input: { type: 'apply', object: NGINX_POD, as: ALICE } },
    },
    { match: { type: 'apiserver.response', to: 'kubectl', object: 'Pod/nginx', params: { verb: 'get' } }, narration: 'rbac.getAnswer', notice: 'rbac.getAnswer.notice', highlight: { components: ['kubectl', 'kube-apiserver'] } },
    { match: { type: 'apiserver.request', from: 'kubectl', object: 'Pod/nginx', params: { user: 'alice', verb: 'create' } }, narration: 'rbac.post', notice: 'rbac.post.notice', highlight: { components: ['kubectl', 'kube-apiserver'] } },
    { match: { type: 'apiserver.authenticate', params: { user: 'alice' } }, narration: 'rbac.authn', notice: 'rbac.authn.notice', highlight: { components: ['kube-apiserver'], stage: 'authentication' } },
    { match: { type: 'apiserver.authorize', params: { user: 'alice', verb: 'create' } }, narration: 'rbac.denied', notice: 'rbac.denied.notice', highlight: { components: ['kube-apiserver'], stage: 'authorization' } },
    { match: { type: 'apiserver.response', to: 'kubectl', object: 'Pod/nginx', params: { code: 403 } }, narration: 'rbac.forbidden', notice: 'rbac.forbidden.notice', highlight: { components: ['kubectl', 'kube-apiserver'] } },
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'RoleBinding/alice-creates-pods', params: { verb: 'create' } },
      narration: 'rbac.bind', notice: 'rbac.bind.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyBinding', input: { type: 'apply', object: BINDING } },
    },
    { match: { type: 'etcd.put', object: 'RoleBinding/alice-creates-pods' }, narration: 'rbac.bindStored', notice: 'rbac.bindStored.notice', highlight: { components: ['etcd'] } },
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Pod/nginx', params: { user: 'alice', verb: 'create' } },
      narration: 'rbac.again', notice: 'rbac.again.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyAsAlice', input: { type: 'apply', object: NGINX_POD, as: ALICE } },
    },
    { match: { type: 'apiserver.authorize', params: { user: 'alice', verb: 'create' } }, narration: 'rbac.allowed', notice: 'rbac.allowed.notice', highlight: { components: ['kube-apiserver'], stage: 'authorization' } },
    { match: { type: 'apiserver.response', to: 'kubectl', object: 'Pod/nginx', params: { code: 201 } }, narration: 'rbac.created', notice: 'rbac.created.notice', highlight: { components: ['kubectl', 'kube-apiserver'] } },
    { match: { type: 'scheduler.decision', object: 'Pod/nginx' }, narration: 'rbac.decision', notice: 'rbac.decision.notice', highlight: { components: ['scheduler'] } },
    { match: { type: 'cri.container_started', object: 'Pod/nginx' }, narration: 'rbac.started', notice: 'rbac.started.notice', highlight: { pod: 'nginx' } },
    { match: { type: 'etcd.put', object: 'Pod/nginx' }, narration: 'rbac.running', notice: 'rbac.running.notice', derive: 'columns', highlight: { components: ['etcd'], pod: 'nginx' } },
  ],
};
