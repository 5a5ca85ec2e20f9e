// Walkthrough 14 — A Service and kube-proxy routing: a Service selects the two pods of Deployment
// web; the API server gives it a ClusterIP, the EndpointSlice controller lists the pods' IPs, and
// the kube-proxy on every node writes the iptables rules that send the ClusterIP's traffic to one
// of the pods at random (probability 0.5, then the rest).
import type { KObject } from '../engine';
import type { Walkthrough } from './types';

export const WEB_CLUSTERIP_YAML = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

const WEB2 = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } } },
} as unknown as KObject;

const SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
} as unknown as KObject;

const NODES = { components: ['node:node-1', 'node:node-2', 'node:node-3'] };

export const serviceRouting: Walkthrough = {
  id: 'service-routing',
  title: 'serviceRouting.title',
  seed: 1,
  nodes: 3,
  setup: [{ type: 'apply', object: WEB2 }],
  manifest: WEB_CLUSTERIP_YAML,
  steps: [
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Service/web', params: { verb: 'create' } },
      narration: 'serviceRouting.post', notice: 'serviceRouting.post.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'applyService', input: { type: 'apply', object: SERVICE } },
    },
    { match: { type: 'etcd.put', object: 'Service/web' }, narration: 'serviceRouting.stored', notice: 'serviceRouting.stored.notice', derive: 'service', highlight: { components: ['etcd'] } },
    { match: { type: 'watch.event', to: 'kube-proxy:*', object: 'Service/web' }, narration: 'serviceRouting.proxyWatch', notice: 'serviceRouting.proxyWatch.notice', highlight: NODES },
    { match: { type: 'controller.sync', object: 'Service/web', params: { controller: 'endpointslice' } }, narration: 'serviceRouting.sliceSync', notice: 'serviceRouting.sliceSync.notice', highlight: { components: ['controller-manager'], view: 'controllers' } },
    { match: { type: 'kube-proxy.sync', params: { changed: true } }, narration: 'serviceRouting.reject', notice: 'serviceRouting.reject.notice', derive: 'proxy', highlight: NODES },
    { match: { type: 'etcd.put', object: 'EndpointSlice/web-*' }, narration: 'serviceRouting.slice', notice: 'serviceRouting.slice.notice', derive: 'slice', highlight: { components: ['etcd'] } },
    { match: { type: 'watch.event', to: 'kube-proxy:*', object: 'EndpointSlice/web-*' }, narration: 'serviceRouting.sliceWatch', notice: 'serviceRouting.sliceWatch.notice', highlight: NODES },
    { match: { type: 'kube-proxy.sync', params: { changed: true } }, narration: 'serviceRouting.rules', notice: 'serviceRouting.rules.notice', derive: 'proxy', highlight: { ...NODES, view: 'services' } },
    { match: { type: 'kube-proxy.sync', params: { changed: true } }, narration: 'serviceRouting.rules2', notice: 'serviceRouting.rules2.notice', derive: 'proxy', highlight: { ...NODES, view: 'services' } },
  ],
};
