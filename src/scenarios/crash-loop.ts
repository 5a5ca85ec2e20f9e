// Walkthrough 6 — CrashLoopBackOff: a container that exits with an error is restarted by the kubelet
// (restartPolicy Always), at once the first time, then after a back-off that doubles with each crash
// (10 s, 20 s, 40 s …) up to the kubelet's cap; the pod's STATUS column reads CrashLoopBackOff while
// the kubelet waits.
import { parse } from 'yaml';
import type { KObject } from '../engine';
import type { Walkthrough } from './types';

export const CRASH_LOOP_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: crashy
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo reading /etc/app/config; sleep 2; exit 1"]
`;

const CRASHY = { ...(parse(CRASH_LOOP_YAML) as Record<string, unknown>), metadata: { name: 'crashy', namespace: 'default' } } as unknown as KObject;
const POD = 'Pod/crashy';
const backoff = (b: string) => ({ type: 'kubelet.backoff', object: POD, params: { reason: 'CrashLoopBackOff', backoff: b } });

export const crashLoop: Walkthrough = {
  id: 'crash-loop',
  title: 'crashLoop.title',
  seed: 1,
  nodes: 3,
  setup: [],
  manifest: CRASH_LOOP_YAML,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: POD, params: { verb: 'create' } },
      narration: 'crashLoop.create', notice: 'crashLoop.create.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyCrashing', input: { type: 'apply', object: CRASHY } },
    },
    { match: { type: 'scheduler.decision', object: POD }, narration: 'crashLoop.scheduled', notice: 'crashLoop.scheduled.notice', highlight: { components: ['scheduler'] } },
    { match: { type: 'cri.start_container', object: POD }, narration: 'crashLoop.start', notice: 'crashLoop.start.notice', highlight: { pod: 'crashy' } },
    { match: { type: 'cri.container_exited', object: POD }, narration: 'crashLoop.exit1', notice: 'crashLoop.exit1.notice', highlight: { pod: 'crashy', view: 'pod' } },
    { match: { type: 'cri.create_container', object: POD, params: { attempt: 1 } }, narration: 'crashLoop.restart1', notice: 'crashLoop.restart1.notice' },
    { match: { type: 'cri.container_exited', object: POD }, narration: 'crashLoop.exit2', notice: 'crashLoop.exit2.notice' },
    { match: backoff('10s'), narration: 'crashLoop.backoff1', notice: 'crashLoop.backoff1.notice', highlight: { pod: 'crashy', view: 'pod' } },
    // the kubelet writes the status twice: the exited container (STATUS Error), then the waiting one
    { match: { type: 'etcd.put', object: POD }, narration: 'crashLoop.statusError', notice: 'crashLoop.statusError.notice', derive: 'pod', highlight: { components: ['etcd'], pod: 'crashy' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'crashLoop.status', notice: 'crashLoop.status.notice', derive: 'pod', highlight: { components: ['etcd'], pod: 'crashy' } },
    { match: { type: 'cri.create_container', object: POD, params: { attempt: 2 } }, narration: 'crashLoop.restart2', notice: 'crashLoop.restart2.notice' },
    { match: backoff('20s'), narration: 'crashLoop.backoff2', notice: 'crashLoop.backoff2.notice', highlight: { pod: 'crashy' } },
    { match: backoff('40s'), narration: 'crashLoop.backoff3', notice: 'crashLoop.backoff3.notice', highlight: { pod: 'crashy' } },
    { match: backoff('1m20s'), narration: 'crashLoop.backoff4', notice: 'crashLoop.backoff4.notice', highlight: { pod: 'crashy' } },
    { match: backoff('2m40s'), narration: 'crashLoop.backoff5', notice: 'crashLoop.backoff5.notice', highlight: { pod: 'crashy' } },
    { match: backoff('5m0s'), narration: 'crashLoop.cap', notice: 'crashLoop.cap.notice', highlight: { pod: 'crashy', view: 'pod' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'crashLoop.finalError', notice: 'crashLoop.finalError.notice', derive: 'pod', highlight: { components: ['etcd'], pod: 'crashy' } },
    { match: { type: 'etcd.put', object: POD }, narration: 'crashLoop.final', notice: 'crashLoop.final.notice', derive: 'pod', highlight: { components: ['etcd'], pod: 'crashy' } },
  ],
};
