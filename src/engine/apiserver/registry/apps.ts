// apps/v1 Deployment, ReplicaSet, StatefulSet and DaemonSet: defaulting (pkg/apis/apps/v1/defaults.go)
// and validation (pkg/apis/apps/validation/validation.go ValidateDeployment, ValidateReplicaSet,
// ValidateStatefulSet(Update), ValidateDaemonSet(Update)), reduced; the DaemonSet's template
// generation (pkg/registry/apps/daemonset/strategy.go).
import { type FieldError, forbidden, invalid, notSupported, required } from '../validation/field-errors';
import { isDNS1123Subdomain, validateObjectMeta } from '../validation/names';
import { defaultPodSpec } from './pod-defaults';
import { validatePodSpec } from './pod-validation';
import { labelSelectorAsSelector, matchesSelector } from '../../api/selectors';

type Obj = Record<string, any>;

function setIfMissing(o: Obj, field: string, value: unknown, path: string, added: string[]): void {
  if (o[field] === undefined || o[field] === null) {
    o[field] = value;
    added.push(path);
  }
}

function defaultTemplate(spec: Obj, added: string[]): void {
  if (spec.template && typeof spec.template === 'object') {
    spec.template.metadata ??= {};
    spec.template.spec ??= {};
    // templates get PodSpec defaults but not the Pod-only ones (requests from limits, enableServiceLinks)
    defaultPodSpec(spec.template.spec, 'spec.template.spec', added, false);
  }
}

/** SetDefaults_Deployment */
export function defaultDeployment(o: Obj): string[] {
  const added: string[] = [];
  const spec = (o.spec ??= {});
  setIfMissing(spec, 'replicas', 1, 'spec.replicas', added);
  spec.strategy ??= {};
  setIfMissing(spec.strategy, 'type', 'RollingUpdate', 'spec.strategy.type', added);
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    setIfMissing(spec.strategy.rollingUpdate, 'maxUnavailable', '25%', 'spec.strategy.rollingUpdate.maxUnavailable', added);
    setIfMissing(spec.strategy.rollingUpdate, 'maxSurge', '25%', 'spec.strategy.rollingUpdate.maxSurge', added);
  }
  setIfMissing(spec, 'revisionHistoryLimit', 10, 'spec.revisionHistoryLimit', added);
  setIfMissing(spec, 'progressDeadlineSeconds', 600, 'spec.progressDeadlineSeconds', added);
  defaultTemplate(spec, added);
  return added;
}

/** SetDefaults_ReplicaSet */
export function defaultReplicaSet(o: Obj): string[] {
  const added: string[] = [];
  const spec = (o.spec ??= {});
  setIfMissing(spec, 'replicas', 1, 'spec.replicas', added);
  defaultTemplate(spec, added);
  return added;
}

function validateSelectorAndTemplate(spec: Obj, kindWord = 'deployment'): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.selector) return [required('spec.selector')];
  let sel;
  try {
    sel = labelSelectorAsSelector(spec.selector);
  } catch (e) {
    return [invalid('spec.selector', spec.selector, String((e as Error).message))];
  }
  if (sel && sel.length === 0) errs.push(invalid('spec.selector', spec.selector, `empty selector is invalid for ${kindWord}`));
  const labels = spec.template?.metadata?.labels ?? {};
  if (!spec.template) errs.push(required('spec.template'));
  else if (!matchesSelector(sel, labels)) {
    const shown = `map[string]string{${Object.entries(labels).map(([k, v]) => `"${k}":"${v}"`).join(', ')}}`;
    errs.push({ type: 'FieldValueInvalid', field: 'spec.template.metadata.labels', value: labels, goValue: shown, detail: '`selector` does not match template `labels`' });
  }
  if (spec.template?.spec) {
    errs.push(...validatePodSpec(spec.template.spec, 'spec.template.spec'));
    const rp = spec.template.spec.restartPolicy;
    if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  }
  return errs;
}

function nonNegative(v: unknown, field: string): FieldError[] {
  if (v === undefined) return [];
  return Number.isInteger(v) && (v as number) >= 0 ? [] : [invalid(field, v, 'must be greater than or equal to 0')];
}

export function validateDeployment(o: Obj): FieldError[] {
  const spec = o.spec ?? {};
  const errs = [...validateObjectMeta(o.metadata ?? {}, true, isDNS1123Subdomain), ...nonNegative(spec.replicas, 'spec.replicas')];
  errs.push(...validateSelectorAndTemplate(spec));
  const type = spec.strategy?.type;
  if (type !== 'RollingUpdate' && type !== 'Recreate') errs.push(notSupported('spec.strategy.type', type, ['Recreate', 'RollingUpdate']));
  if (type === 'Recreate' && spec.strategy.rollingUpdate) {
    errs.push({ type: 'FieldValueForbidden', field: 'spec.strategy.rollingUpdate', detail: 'may not be specified when strategy `type` is \'Recreate\'' });
  }
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  return errs;
}

export function validateReplicaSet(o: Obj): FieldError[] {
  const spec = o.spec ?? {};
  return [...validateObjectMeta(o.metadata ?? {}, true, isDNS1123Subdomain), ...nonNegative(spec.replicas, 'spec.replicas'), ...validateSelectorAndTemplate(spec)];
}

/** The selector of apps/v1 objects is immutable after creation. */
export function validateSelectorImmutable(next: Obj, old: Obj): FieldError[] {
  if (JSON.stringify(next.spec?.selector) === JSON.stringify(old.spec?.selector)) return [];
  return [invalid('spec.selector', next.spec?.selector, 'field is immutable')];
}

// ---- StatefulSet ----

/** SetDefaults_StatefulSet (+ SetDefaults_PersistentVolumeClaim on the claim templates). */
export function defaultStatefulSet(o: Obj): string[] {
  const added: string[] = [];
  const spec = (o.spec ??= {});
  setIfMissing(spec, 'podManagementPolicy', 'OrderedReady', 'spec.podManagementPolicy', added);
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    setIfMissing(spec.updateStrategy, 'type', 'RollingUpdate', 'spec.updateStrategy.type', added);
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate) {
    setIfMissing(spec.updateStrategy.rollingUpdate, 'partition', 0, 'spec.updateStrategy.rollingUpdate.partition', added);
  }
  // StatefulSetAutoDeletePVC (GA in 1.32): both policies default to Retain
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  setIfMissing(spec.persistentVolumeClaimRetentionPolicy, 'whenDeleted', 'Retain', 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', added);
  setIfMissing(spec.persistentVolumeClaimRetentionPolicy, 'whenScaled', 'Retain', 'spec.persistentVolumeClaimRetentionPolicy.whenScaled', added);
  setIfMissing(spec, 'replicas', 1, 'spec.replicas', added);
  setIfMissing(spec, 'revisionHistoryLimit', 10, 'spec.revisionHistoryLimit', added);
  defaultTemplate(spec, added);
  (Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []).forEach((t: Obj, i: number) => {
    if (!t || typeof t !== 'object') return;
    // the templates are PersistentVolumeClaims: typed, volumeMode Filesystem, status Pending
    t.apiVersion ??= 'v1';
    t.kind ??= 'PersistentVolumeClaim';
    t.spec ??= {};
    setIfMissing(t.spec, 'volumeMode', 'Filesystem', `spec.volumeClaimTemplates[${i}].spec.volumeMode`, added);
    t.status ??= { phase: 'Pending' };
  });
  return added;
}

function validateTemplateForController(spec: Obj, kind: string): FieldError[] {
  const ads = spec.template?.spec?.activeDeadlineSeconds;
  return ads !== undefined && ads !== null ? [forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`)] : [];
}

/** ValidateStatefulSetSpec */
export function validateStatefulSet(o: Obj): FieldError[] {
  const spec = o.spec ?? {};
  const errs = [...validateObjectMeta(o.metadata ?? {}, true, isDNS1123Subdomain)];
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = spec.updateStrategy ?? {};
  if (!us.type) errs.push(required('spec.updateStrategy'));
  else if (us.type === 'OnDelete') {
    if (us.rollingUpdate) errs.push(invalid('spec.updateStrategy.rollingUpdate', us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (us.type === 'RollingUpdate') {
    errs.push(...nonNegative(us.rollingUpdate?.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  } else errs.push(invalid('spec.updateStrategy', us, "must be 'RollingUpdate' or 'OnDelete'"));
  const policy = spec.persistentVolumeClaimRetentionPolicy ?? {};
  for (const f of ['whenDeleted', 'whenScaled']) {
    if (policy[f] !== 'Retain' && policy[f] !== 'Delete') errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, policy[f], ['Retain', 'Delete']));
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'), ...nonNegative(spec.ordinals?.start, 'spec.ordinals.start'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateSelectorAndTemplate(spec, 'statefulset'), ...validateTemplateForController(spec, 'StatefulSet'));
  (Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []).forEach((t: Obj, i: number) => {
    const p = `spec.volumeClaimTemplates[${i}]`;
    if (!t?.metadata?.name) errs.push(required(`${p}.metadata.name`));
    if (!Array.isArray(t?.spec?.accessModes) || t.spec.accessModes.length === 0) errs.push(required(`${p}.spec.accessModes`, 'at least 1 access mode is required'));
    if (!t?.spec?.resources?.requests?.storage) errs.push(required(`${p}.spec.resources[storage]`));
  });
  return errs;
}

/** ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, the PVC retention policy and minReadySeconds may change. */
export function validateStatefulSetUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateStatefulSet(next);
  const mutable = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
  const strip = (s: Obj | undefined) => JSON.stringify(Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !mutable.includes(k)).sort(([a], [b]) => (a < b ? -1 : 1))));
  if (strip(next.spec) !== strip(old.spec)) {
    // 1.34 adds 'revisionHistoryLimit' to this list (kubernetes#130263); 1.33 still forbids it
    errs.push(forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  }
  return errs;
}

// ---- DaemonSet ----

/** v1.DeprecatedTemplateGeneration: the internal spec.templateGeneration as v1 shows it */
export const DEPRECATED_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/** SetDefaults_DaemonSet */
export function defaultDaemonSet(o: Obj): string[] {
  const added: string[] = [];
  const spec = (o.spec ??= {});
  spec.updateStrategy ??= {};
  setIfMissing(spec.updateStrategy, 'type', 'RollingUpdate', 'spec.updateStrategy.type', added);
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    setIfMissing(spec.updateStrategy.rollingUpdate, 'maxUnavailable', 1, 'spec.updateStrategy.rollingUpdate.maxUnavailable', added);
    setIfMissing(spec.updateStrategy.rollingUpdate, 'maxSurge', 0, 'spec.updateStrategy.rollingUpdate.maxSurge', added);
  }
  setIfMissing(spec, 'revisionHistoryLimit', 10, 'spec.revisionHistoryLimit', added);
  defaultTemplate(spec, added);
  return added;
}

/** daemonset strategy PrepareForCreate: templateGeneration 1. */
export function prepareDaemonSetForCreate(o: Obj): void {
  delete o.status;
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [DEPRECATED_TEMPLATE_GENERATION]: '1' };
}

/** daemonset strategy PrepareForUpdate: status kept; a template change bumps templateGeneration. */
export function prepareDaemonSetForUpdate(next: Obj, old: Obj): void {
  if (old.status !== undefined) next.status = old.status;
  else delete next.status;
  const gen = Number(old.metadata?.annotations?.[DEPRECATED_TEMPLATE_GENERATION] ?? 1);
  const changed = JSON.stringify(next.spec?.template) !== JSON.stringify(old.spec?.template);
  next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [DEPRECATED_TEMPLATE_GENERATION]: String(changed ? gen + 1 : gen) };
}

const intOrPercent = (v: unknown): number => (typeof v === 'string' && v.endsWith('%') ? Number(v.slice(0, -1)) : Number(v ?? 0));

/** ValidateDaemonSetSpec */
export function validateDaemonSet(o: Obj): FieldError[] {
  const spec = o.spec ?? {};
  const errs = [...validateObjectMeta(o.metadata ?? {}, true, isDNS1123Subdomain)];
  errs.push(...validateSelectorAndTemplate(spec, 'daemonset'), ...validateTemplateForController(spec, 'DaemonSet'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'), ...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const us = spec.updateStrategy ?? {};
  if (us.type !== 'OnDelete' && us.type !== 'RollingUpdate') errs.push(notSupported('spec.updateStrategy.type', us.type ?? '', ['OnDelete', 'RollingUpdate']));
  if (us.type === 'RollingUpdate') {
    const ru = us.rollingUpdate ?? {};
    if (intOrPercent(ru.maxUnavailable) === 0 && intOrPercent(ru.maxSurge) === 0) errs.push(invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}

/** ValidateDaemonSetUpdate: the selector is immutable. */
export function validateDaemonSetUpdate(next: Obj, old: Obj): FieldError[] {
  return [...validateDaemonSet(next), ...validateSelectorImmutable(next, old)];
}
