// The controllers' pod look-ups through the informer's indexes (client/informer-index.ts), as upstream
// controllers use the pod Indexer instead of listing every pod: by namespace (the listers'
// Pods(ns).List) and by node (GetPodsByNodeNameFunc's "spec.nodeName" index). A host without
// indexes (a unit test's) gets the same answer from a scan of the store.
import { type KObject, metaNamespaceKey } from '../api/types';
import type { ControllerHost } from './controller';

/** `Object.values(pods).filter(p => p.metadata.namespace === ns)`, in the store's order. */
export function podsInNamespace(host: ControllerHost, ns: string | undefined): KObject[] {
  if (host.indexed) return host.indexed('pods', 'namespace', ns ?? '');
  return Object.values(host.lister('pods')).filter((p) => p.metadata.namespace === ns);
}

/** The pods bound to `node` as [key, pod], sorted by key. */
export function podsOnNode(host: ControllerHost, node: string): Array<[string, KObject]> {
  const pods: Array<[string, KObject]> = host.indexed
    ? host.indexed('pods', 'spec.nodeName', node).map((p) => [metaNamespaceKey(p), p])
    : Object.entries(host.lister('pods')).filter(([, p]) => (p.spec as { nodeName?: string } | undefined)?.nodeName === node);
  return pods.sort(([a], [b]) => (a < b ? -1 : 1));
}
