// Twin of k8s.io/component-helpers/apimachinery/lease/controller.go as the kubelet runs it
// (pkg/kubelet/kubelet.go: leaseDurationSeconds 40, renewInterval = 0.25 × 40 s): a Lease in
// kube-node-lease named after the node, owned by the Node, renewed every 10 s.
import type { KObject } from '../api/types';
import { rfc3339Micro } from '../api/time';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
export const RENEW_INTERVAL_MS = 10_000;

/** newLease: the Lease the kubelet creates, owned by its Node so it goes when the Node goes. */
export function newLease(nodeName: string, nodeUid: string | undefined, nowMs: number): KObject {
  const lease: KObject = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: nodeName, namespace: NODE_LEASE_NAMESPACE },
    spec: { holderIdentity: nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: rfc3339Micro(nowMs) },
  };
  if (nodeUid) lease.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }];
  return lease;
}

/** The renewed copy: same object (with its resourceVersion, for optimistic concurrency), new renewTime. */
export function renewedLease(lease: KObject, nowMs: number): KObject {
  const spec = { ...(lease.spec as Record<string, unknown>), renewTime: rfc3339Micro(nowMs) };
  return { ...lease, spec };
}
