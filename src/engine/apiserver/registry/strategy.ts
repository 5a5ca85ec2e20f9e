// Per-kind REST strategies (pkg/registry/<group>/<resource>/strategy.go): defaulting,
// create-time preparation, validation, update rules and the status subresource.
import type { KObject } from '../../api/types';
import { type FieldError, invalid, required } from '../validation/field-errors';
import { isDNS1035Label, isDNS1123Subdomain, isValidPathSegmentName, validateObjectMeta } from '../validation/names';
import { kindInfo } from '../../api/scheme';
import { defaultPod } from './pod-defaults';
import { validatePodCreate, validatePodUpdate } from './pod-validation';
import { strictDecodeError } from './decode';
import { getPodQOS } from '../../api/helper/qos';
import { allocateService, defaultService, prepareServiceUpdate, validateService, validateServiceUpdate } from './service';
import type { Kernel } from '../../kernel/kernel';
import { defaultDeployment, defaultReplicaSet, validateDeployment, validateReplicaSet, validateSelectorImmutable } from './apps';
import { defaultDaemonSet, defaultStatefulSet, prepareDaemonSetForCreate, prepareDaemonSetForUpdate, validateDaemonSet, validateDaemonSetUpdate, validateStatefulSet, validateStatefulSetUpdate } from './apps';
import { defaultCronJob, defaultJob, prepareJobForCreate, validateCronJob, validateJob, validateJobUpdate } from './batch';
import { CORE_STRATEGIES } from './core';

type Obj = Record<string, any>;

export interface Strategy {
  /** strict decoding (400) */
  decode(obj: Obj, version: string): string | undefined;
  /** SetDefaults_*: returns the field paths it filled */
  defaults(obj: Obj): string[];
  /** PrepareForCreate: clear/initialise status */
  prepareForCreate(obj: Obj): void;
  validate(obj: Obj): FieldError[];
  /** PrepareForUpdate of the main resource: status is kept from the old object */
  prepareForUpdate(next: Obj, old: Obj): void;
  validateUpdate(next: Obj, old: Obj): FieldError[];
  hasStatus: boolean;
  /** metadata.generation starts at 1 and counts spec changes (observedGeneration follows it) */
  hasGeneration?: boolean;
  /** allocate cluster resources at create (Service ClusterIP and NodePorts); errors are Invalid */
  allocate?(obj: Obj, cache: Record<string, KObject>, k: Kernel): FieldError[];
}

const keepStatus = (next: Obj, old: Obj) => {
  if (old.status !== undefined) next.status = old.status;
  else delete next.status;
};

const meta = (namespaced: boolean, nameFn = isDNS1123Subdomain) => (o: Obj) => validateObjectMeta(o.metadata ?? {}, namespaced, nameFn);

const base = (namespaced: boolean, nameFn = isDNS1123Subdomain): Strategy => ({
  decode: () => undefined,
  defaults: () => [],
  prepareForCreate: () => {},
  validate: meta(namespaced, nameFn),
  prepareForUpdate: () => {},
  validateUpdate: meta(namespaced, nameFn),
  hasStatus: false,
});

/** RBAC objects: path-segment names (ValidateRBACName) and an immutable roleRef on bindings. */
const rbacStrategy = (kind: string, namespaced: boolean, binding: boolean): Strategy => ({
  ...base(namespaced, isValidPathSegmentName),
  decode: (o, v) => strictDecodeError(kind, v, o),
  validate: (o) => {
    const errs = meta(namespaced, isValidPathSegmentName)(o);
    if (binding && !o.roleRef?.name) errs.push(required('roleRef.name'));
    return errs;
  },
  validateUpdate: (n, o) => {
    const errs = meta(namespaced, isValidPathSegmentName)(n);
    if (binding && JSON.stringify(n.roleRef) !== JSON.stringify(o.roleRef)) errs.push(invalid('roleRef', n.roleRef, 'cannot change roleRef'));
    return errs;
  },
});

const podStrategy: Strategy = {
  decode: (o, v) => strictDecodeError('Pod', v, o),
  defaults: (o) => defaultPod(o),
  prepareForCreate: (o) => {
    // pkg/registry/core/pod/strategy.go PrepareForCreate: status reset to Pending, QoS class computed
    o.status = { phase: 'Pending', qosClass: getPodQOS(o as never) };
  },
  validate: (o) => validatePodCreate(o),
  prepareForUpdate: keepStatus,
  validateUpdate: (n, o) => validatePodUpdate(n, o),
  hasStatus: true,
};

const appsStrategy = (kind: 'Deployment' | 'ReplicaSet'): Strategy => ({
  decode: (o, v) => strictDecodeError(kind, v, o),
  defaults: kind === 'Deployment' ? defaultDeployment : defaultReplicaSet,
  prepareForCreate: (o) => {
    delete o.status;
  },
  validate: kind === 'Deployment' ? validateDeployment : validateReplicaSet,
  prepareForUpdate: keepStatus,
  validateUpdate: (n, o) => [...(kind === 'Deployment' ? validateDeployment(n) : validateReplicaSet(n)), ...validateSelectorImmutable(n, o)],
  hasStatus: true,
  hasGeneration: true,
});

/** pkg/registry/batch/job/strategy.go and cronjob/strategy.go: status subresource, generation. */
const batchStrategy = (kind: 'Job' | 'CronJob'): Strategy => ({
  decode: (o, v) => strictDecodeError(kind, v, o),
  defaults: kind === 'Job' ? defaultJob : defaultCronJob,
  prepareForCreate: kind === 'Job' ? prepareJobForCreate : (o) => void delete o.status,
  validate: kind === 'Job' ? validateJob : validateCronJob,
  prepareForUpdate: keepStatus,
  validateUpdate: kind === 'Job' ? validateJobUpdate : (n) => validateCronJob(n),
  hasStatus: true,
  hasGeneration: true,
});

const STRATEGIES: Record<string, Strategy> = {
  Job: batchStrategy('Job'),
  CronJob: batchStrategy('CronJob'),
  Deployment: appsStrategy('Deployment'),
  ReplicaSet: appsStrategy('ReplicaSet'),
  // pkg/registry/apps/statefulset/strategy.go and daemonset/strategy.go: status subresource, generation
  StatefulSet: { decode: (o, v) => strictDecodeError('StatefulSet', v, o), defaults: defaultStatefulSet, prepareForCreate: (o) => void delete o.status, validate: validateStatefulSet, prepareForUpdate: keepStatus, validateUpdate: validateStatefulSetUpdate, hasStatus: true, hasGeneration: true },
  DaemonSet: { decode: (o, v) => strictDecodeError('DaemonSet', v, o), defaults: defaultDaemonSet, prepareForCreate: prepareDaemonSetForCreate, validate: validateDaemonSet, prepareForUpdate: prepareDaemonSetForUpdate, validateUpdate: validateDaemonSetUpdate, hasStatus: true, hasGeneration: true },
  Pod: podStrategy,
  Role: rbacStrategy('Role', true, false),
  ClusterRole: rbacStrategy('ClusterRole', false, false),
  RoleBinding: rbacStrategy('RoleBinding', true, true),
  ClusterRoleBinding: rbacStrategy('ClusterRoleBinding', false, true),
  ControllerRevision: { ...base(true), decode: (o, v) => strictDecodeError('ControllerRevision', v, o) },
  Service: {
    ...base(true, isDNS1035Label),
    decode: (o, v) => strictDecodeError('Service', v, o),
    defaults: defaultService,
    validate: validateService,
    prepareForUpdate: prepareServiceUpdate,
    validateUpdate: validateServiceUpdate,
    allocate: allocateService,
    hasStatus: true,
  },
  // core/v1, coordination, discovery, policy and scheduling kinds (registry/core.ts)
  ...CORE_STRATEGIES,
};

export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? base(kindInfo(kind)?.namespaced ?? true);
}

export function stripForStorage(o: KObject): KObject {
  const { resourceVersion: _rv, ...m } = o.metadata;
  return { ...o, metadata: { ...m, name: o.metadata.name } };
}
