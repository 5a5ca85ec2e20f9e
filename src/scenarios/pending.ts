// Walkthrough 8 — Pending: three pods no node will take. Every node carries the taint
// dedicated=team-a:NoSchedule; pod plain does not tolerate it; pod big tolerates it but requests more
// CPU than any node has; pod picky tolerates it but asks for a node label no node has. Each
// FailedScheduling message is quoted exactly as the scheduler wrote it.
import { parseAllDocuments } from 'yaml';
import type { KObject } from '../engine';
import type { InputAction } from '../engine/cluster/inputs';
import type { Walkthrough } from './types';

export const PENDING_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
  - name: app
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  tolerations:
  - key: dedicated
    operator: Equal
    value: team-a
    effect: NoSchedule
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "8"
---
apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  tolerations:
  - key: dedicated
    operator: Equal
    value: team-a
    effect: NoSchedule
  nodeSelector:
    disktype: ssd
  containers:
  - name: app
    image: nginx:1.27
`;

const [PLAIN, BIG, PICKY] = parseAllDocuments(PENDING_YAML).map((d) => {
  const o = d.toJSON() as { metadata: { name: string } };
  return { ...o, metadata: { ...o.metadata, namespace: 'default' } } as unknown as KObject;
});

/** kubectl taint nodes node-N dedicated=team-a:NoSchedule, as an apply of the node's taints */
const taint = (node: string): InputAction => ({
  type: 'apply',
  object: { apiVersion: 'v1', kind: 'Node', metadata: { name: node }, spec: { taints: [{ key: 'dedicated', value: 'team-a', effect: 'NoSchedule' }] } } as unknown as KObject,
});

const SCHED = { components: ['scheduler'], view: 'scheduler' };
const create = (name: string) => ({ type: 'apiserver.request', from: 'kubectl', object: `Pod/${name}`, params: { verb: 'create' } });

export const pending: Walkthrough = {
  id: 'pending',
  title: 'pending.title',
  seed: 1,
  nodes: 3,
  setup: [taint('node-1'), taint('node-2'), taint('node-3')],
  manifest: PENDING_YAML,
  steps: [
    {
      match: create('plain'), narration: 'pending.createPlain', notice: 'pending.createPlain.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyPlain', input: { type: 'apply', object: PLAIN } },
    },
    { match: { type: 'scheduler.filter', object: 'Pod/plain' }, narration: 'pending.filterPlain', notice: 'pending.filterPlain.notice', derive: 'rejections', highlight: SCHED },
    { match: { type: 'scheduler.decision', object: 'Pod/plain' }, narration: 'pending.decisionPlain', notice: 'pending.decisionPlain.notice', derive: 'rejections', highlight: SCHED },
    { match: { type: 'etcd.put', object: 'Pod/plain' }, narration: 'pending.statusPlain', notice: 'pending.statusPlain.notice', derive: 'pod', highlight: { components: ['etcd'], pod: 'plain' } },
    {
      match: create('big'), narration: 'pending.createBig', notice: 'pending.createBig.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyBig', input: { type: 'apply', object: BIG } },
    },
    { match: { type: 'scheduler.filter', object: 'Pod/big' }, narration: 'pending.filterBig', notice: 'pending.filterBig.notice', derive: 'rejections', highlight: SCHED },
    { match: { type: 'scheduler.decision', object: 'Pod/big' }, narration: 'pending.decisionBig', notice: 'pending.decisionBig.notice', derive: 'rejections', highlight: SCHED },
    {
      match: create('picky'), narration: 'pending.createPicky', notice: 'pending.createPicky.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyPicky', input: { type: 'apply', object: PICKY } },
    },
    { match: { type: 'scheduler.filter', object: 'Pod/picky' }, narration: 'pending.filterPicky', notice: 'pending.filterPicky.notice', derive: 'rejections', highlight: SCHED },
    { match: { type: 'scheduler.decision', object: 'Pod/picky' }, narration: 'pending.decisionPicky', notice: 'pending.decisionPicky.notice', derive: 'rejections', highlight: SCHED },
    { match: { type: 'etcd.put', object: 'Pod/picky' }, narration: 'pending.statusPicky', notice: 'pending.statusPicky.notice', derive: 'pod', highlight: { components: ['etcd'], pod: 'picky' } },
  ],
};
