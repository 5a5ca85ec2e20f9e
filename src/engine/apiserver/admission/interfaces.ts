// Twin of staging/src/k8s.io/apiserver/pkg/admission/interfaces.go and errors.go, reduced: the
// attributes a plugin sees, the mutating (Admit) and validating (Validate) halves of a plugin,
// and NewForbidden. Plugins read other objects through listers over kube-apiserver's own watch
// cache, as upstream plugins use informers of the apiserver's loopback client.
import type { K8sStatus, KObject } from '../../api/types';
import type { KindInfo } from '../../api/scheme';
import { qualifiedResource } from '../../api/scheme';
import type { TxnOp } from '../../etcd/mvcc';
import { statusFor } from '../http';

export type Obj = Record<string, any>;
export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface Attributes {
  operation: Operation;
  info: KindInfo;
  subresource?: string;
  namespace?: string;
  /** the object as it will be stored (mutating plugins change it in place) */
  object: Obj;
  oldObject?: Obj;
}

/** What a plugin may read: listers over the watch cache, the clock and the name generator. */
export interface AdmissionContext {
  /** the objects of one kind (cluster-scoped: all; namespaced: in `namespace`) */
  list(kind: string, namespace?: string): KObject[];
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  nowMs: number;
  /** names.SimpleNameGenerator.GenerateName with kube-apiserver's random stream */
  generateName(base: string): string;
}

export interface AdmitResult {
  /** field paths this plugin set or changed */
  changed?: string[];
  status?: K8sStatus;
}

export interface ValidateResult {
  status?: K8sStatus;
  /**
   * writes that must commit with the object (ResourceQuota charges its usage into the quota's
   * status): an extra put per key, guarded by the key's mod revision in the same etcd txn
   */
  writes?: Array<{ key: string; modRevision: number; op: TxnOp }>;
}

export interface MutationPlugin {
  readonly name: string;
  admit(a: Attributes, ctx: AdmissionContext): AdmitResult | undefined;
}

export interface ValidationPlugin {
  readonly name: string;
  validate(a: Attributes, ctx: AdmissionContext): ValidateResult | undefined;
}

/**
 * admission.NewForbidden (errors.go): `<resource> "<name>" is forbidden: <reason>`; before
 * name generation the generateName stands in for the name (extractResourceName).
 */
export function forbidden(a: Attributes, reason: string): K8sStatus {
  const m = a.object?.metadata ?? {};
  const name: string = m.name || m.generateName || '';
  const res = qualifiedResource(a.info);
  const message = name ? `${res} "${name}" is forbidden: ${reason}` : `${res} is forbidden: ${reason}`;
  return statusFor(403, 'Forbidden', message, { name, group: a.info.group || undefined, kind: a.info.resource });
}

/** utilerrors.NewAggregate(errs).Error(): one message alone, several as `[a, b]`. */
export function aggregate(errs: string[]): string | undefined {
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}
