// apps/v1 Deployment and ReplicaSet: defaulting (pkg/apis/apps/v1/defaults.go) and validation
// (pkg/apis/apps/validation/validation.go ValidateDeployment, ValidateReplicaSet), reduced.
import { type FieldError, invalid, notSupported, required } from '../validation/field-errors';
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

function validateSelectorAndTemplate(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.selector) return [required('spec.selector')];
  let sel;
  try {
    sel = labelSelectorAsSelector(spec.selector);
  } catch (e) {
    return [invalid('spec.selector', spec.selector, String((e as Error).message))];
  }
  if (sel && sel.length === 0) errs.push(invalid('spec.selector', spec.selector, 'empty selector is invalid for deployment'));
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
