// Walkthrough 7 — ImagePullBackOff from a misspelt image (ngnix for nginx): the pull fails with
// ErrImagePull, the kubelet backs off between attempts and the STATUS column turns to ImagePullBackOff.
import { parse } from 'yaml';
import type { KObject } from '../engine';
import type { Walkthrough } from './types';

export const IMAGE_TYPO_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: ngnix:1.27
`;

const TYPO = { ...(parse(IMAGE_TYPO_YAML) as Record<string, unknown>), metadata: { name: 'nginx', namespace: 'default' } } as unknown as KObject;
const POD = 'Pod/nginx';
const backoff = (b: string) => ({ type: 'kubelet.backoff', object: POD, params: { reason: 'ImagePullBackOff', backoff: b } });

export const imagePullBackOff: Walkthrough = {
  id: 'image-pull-backoff',
  title: 'imagePull.title',
  seed: 1,
  nodes: 3,
  setup: [],
  manifest: IMAGE_TYPO_YAML,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: POD, params: { verb: 'create' } },
      narration: 'imagePull.create', notice: 'imagePull.create.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyTypo', input: { type: 'apply', object: TYPO } },
    },
    { match: { type: 'scheduler.decision', object: POD }, narration: 'imagePull.scheduled', notice: 'imagePull.scheduled.notice', highlight: { components: ['scheduler'] } },
    { match: { type: 'cri.image_status', object: POD }, narration: 'imagePull.status', notice: 'imagePull.status.notice', derive: 'pull' },
    { match: { type: 'cri.pull_image', object: POD }, narration: 'imagePull.pull', notice: 'imagePull.pull.notice' },
    { match: { type: 'cri.image_pull_failed', object: POD }, narration: 'imagePull.failed', notice: 'imagePull.failed.notice', highlight: { pod: 'nginx', view: 'pod' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'imagePull.errStatus', notice: 'imagePull.errStatus.notice', derive: 'pod', highlight: { components: ['etcd'], pod: 'nginx' } },
    { match: { type: 'cri.pull_image', object: POD }, narration: 'imagePull.retry', notice: 'imagePull.retry.notice' },
    { match: { type: 'cri.image_pull_failed', object: POD }, narration: 'imagePull.failed2', notice: 'imagePull.failed2.notice' },
    { match: backoff('20s'), narration: 'imagePull.backoff', notice: 'imagePull.backoff.notice', highlight: { pod: 'nginx', view: 'pod' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'imagePull.backoffStatus', notice: 'imagePull.backoffStatus.notice', derive: 'pod', highlight: { components: ['etcd'], pod: 'nginx' } },
    { match: backoff('40s'), narration: 'imagePull.backoff2', notice: 'imagePull.backoff2.notice', highlight: { pod: 'nginx' } },
    { match: backoff('5m0s'), narration: 'imagePull.cap', notice: 'imagePull.cap.notice', highlight: { pod: 'nginx', view: 'pod' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'imagePull.final', notice: 'imagePull.final.notice', derive: 'pod', highlight: { components: ['etcd'], pod: 'nginx' } },
  ],
};
