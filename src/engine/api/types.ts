// The object model: plain Kubernetes JSON objects. Field shapes come from kubernetes-types
// (generated from the Kubernetes OpenAPI); the engine treats objects as immutable values.
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

export type { Pod, Node, PodSpec, PodStatus, Container, ContainerStatus, Event as CoreEvent, Namespace, Taint, Toleration } from 'kubernetes-types/core/v1';
export type { Lease } from 'kubernetes-types/coordination/v1';
export type { ObjectMeta };

/** Any Kubernetes object: apiVersion, kind, metadata and whatever else its kind carries. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string };
  [field: string]: unknown;
}

/** A Kubernetes `Status` (apimachinery metav1.Status) as the apiserver returns it on failure. */
export interface K8sStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  code: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ reason: string; message: string; field?: string }>;
  };
}

export interface ApplyResult {
  ok: boolean;
  kind: string;
  namespace?: string;
  name: string;
  action?: 'created' | 'configured' | 'unchanged' | 'deleted';
  status?: K8sStatus;
  /** 1-based line in the submitted YAML the result points at (the document, or the failing field) */
  line?: number;
}

/** `Kind/namespace/name` (namespace empty for cluster-scoped kinds): the UI's and the CLI's object key. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** client-go's cache.MetaNamespaceKeyFunc: `namespace/name`, or `name` when cluster-scoped. */
export function metaNamespaceKey(obj: { metadata: { namespace?: string; name?: string } }): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : String(obj.metadata.name);
}
