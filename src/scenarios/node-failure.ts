// Walkthrough 11 — A node dies and its pods move: the kubelet stops posting status, the node
// lifecycle controller marks the node Ready Unknown after the grace period and taints it
// node.kubernetes.io/unreachable:NoExecute; the pods tolerate that taint for 300 s (the default
// tolerationSeconds admission added), then are evicted, and the ReplicaSet creates replacements
// that the scheduler places on the nodes still alive.
import type { KObject } from '../engine';
import { WEB_DEPLOYMENT_YAML } from './create-deployment';
import type { Walkthrough } from './types';

const WEB3 = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
} as unknown as KObject;

const DEAD = 'node-2';
const CM = { components: ['controller-manager'] };

export const nodeFailure: Walkthrough = {
  id: 'node-failure',
  title: 'nodeFailure.title',
  seed: 1,
  nodes: 3,
  setup: [{ type: 'apply', object: WEB3 }],
  manifest: WEB_DEPLOYMENT_YAML.replace('replicas: 2', 'replicas: 3'),
  runForMs: 420_000,
  steps: [
    {
      match: { type: 'node.stop', params: { node: DEAD } },
      narration: 'nodeFailure.stop', notice: 'nodeFailure.stop.notice',
      highlight: { components: [`node:${DEAD}`] },
      action: { label: 'stopNode', input: { type: 'inject', fault: { type: 'node.stop', target: DEAD } } },
    },
    { match: { type: 'controller.sync', params: { controller: 'nodelifecycle', key: 'monitor' } }, narration: 'nodeFailure.monitor', notice: 'nodeFailure.monitor.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'etcd.put', object: `Node/${DEAD}` }, narration: 'nodeFailure.unknown', notice: 'nodeFailure.unknown.notice', derive: 'node', highlight: { components: ['etcd', `node:${DEAD}`] } },
    { match: { type: 'controller.sync', object: `Node/${DEAD}`, params: { controller: 'nodelifecycle' } }, narration: 'nodeFailure.noSchedule', notice: 'nodeFailure.noSchedule.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'etcd.put', object: 'Pod/web-*' }, narration: 'nodeFailure.podNotReady', notice: 'nodeFailure.podNotReady.notice', derive: 'status', highlight: { components: ['etcd'] } },
    { match: { type: 'controller.sync', params: { controller: 'nodelifecycle', key: 'noexec' } }, narration: 'nodeFailure.noExecute', notice: 'nodeFailure.noExecute.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'etcd.put', object: `Node/${DEAD}` }, narration: 'nodeFailure.tainted', notice: 'nodeFailure.tainted.notice', derive: 'node', highlight: { components: ['etcd', `node:${DEAD}`] } },
    { match: { type: 'controller.sync', object: 'Pod/web-*', params: { controller: 'taint-eviction-controller' } }, narration: 'nodeFailure.evict', notice: 'nodeFailure.evict.notice', derive: 'eviction', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'etcd.put', object: 'Pod/web-*' }, narration: 'nodeFailure.disruption', notice: 'nodeFailure.disruption.notice', derive: 'eviction', highlight: { components: ['etcd'] } },
    { match: { type: 'apiserver.request', from: 'controller-manager', object: 'Pod/web-*', params: { verb: 'delete' } }, narration: 'nodeFailure.delete', notice: 'nodeFailure.delete.notice', highlight: { components: ['controller-manager', 'kube-apiserver'] } },
    { match: { type: 'etcd.put', object: 'Pod/web-*' }, narration: 'nodeFailure.terminating', notice: 'nodeFailure.terminating.notice', derive: 'terminating', highlight: { components: ['etcd'] } },
    { match: { type: 'controller.sync', object: 'ReplicaSet/web-*', params: { controller: 'replicaset', action: 'create 1 pod(s)' } }, narration: 'nodeFailure.replace', notice: 'nodeFailure.replace.notice', highlight: { ...CM, view: 'controllers' } },
    { match: { type: 'scheduler.filter', object: 'Pod/web-*' }, narration: 'nodeFailure.filter', notice: 'nodeFailure.filter.notice', derive: 'filter', highlight: { components: ['scheduler'], view: 'scheduler' } },
    { match: { type: 'scheduler.decision', object: 'Pod/web-*' }, narration: 'nodeFailure.decision', notice: 'nodeFailure.decision.notice', highlight: { components: ['scheduler'] } },
    { match: { type: 'cri.container_started', object: 'Pod/web-*' }, narration: 'nodeFailure.started', notice: 'nodeFailure.started.notice' },
    { match: { type: 'controller.sync', object: 'ReplicaSet/web-*', params: { controller: 'replicaset' } }, narration: 'nodeFailure.settled', notice: 'nodeFailure.settled.notice', highlight: { ...CM, view: 'controllers' } },
  ],
};
