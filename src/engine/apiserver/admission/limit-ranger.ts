// Twin of plugin/pkg/admission/limitranger/admission.go: for each LimitRange in the namespace,
// Admit fills a Pod's missing container requests/limits from the Container item's
// defaultRequest/default (annotating the pod kubernetes.io/limit-ranger), and Validate enforces
// min, max and maxLimitRequestRatio per Container and per Pod (and min/max storage per PVC).
// Pod updates are ignored (containers' resources are immutable there). Constraints are checked in
// resource-name order, where upstream ranges over a map.
import { milli } from '../../api/quota/resources';
import { canonical, type ResourceList } from '../../api/quota/resources';
import { podResourceList } from '../../api/quota/evaluators';
import { type AdmissionContext, type Attributes, type MutationPlugin, type Obj, type ValidationPlugin, aggregate, forbidden } from './interfaces';

const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

/**
 * SetDefaults_LimitRangeItem (pkg/apis/core/v1/defaults.go) for Container items: default limit
 * from max, default request from the default limit, else from min. Applied on read here.
 */
export function defaultLimitRangeItem(item: Obj): Obj {
  if (item.type !== 'Container') return item;
  const out = { ...item, default: { ...(item.default ?? {}) }, defaultRequest: { ...(item.defaultRequest ?? {}) } };
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in out.default)) out.default[k] = v;
  for (const [k, v] of Object.entries(out.default)) if (!(k in out.defaultRequest)) out.defaultRequest[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in out.defaultRequest)) out.defaultRequest[k] = v;
  return out;
}

function supports(a: Attributes): boolean {
  if (a.subresource) return false;
  if (a.info.kind === 'Pod') return a.operation === 'CREATE';
  return a.info.kind === 'PersistentVolumeClaim' && (a.operation === 'CREATE' || a.operation === 'UPDATE');
}

function limitRanges(a: Attributes, ctx: AdmissionContext): Obj[] {
  if (a.oldObject?.metadata?.deletionTimestamp) return []; // objects marked for deletion are left alone
  return (ctx.list('LimitRange', a.namespace) as Obj[]).slice().sort((x, y) => (x.metadata.name < y.metadata.name ? -1 : 1));
}

const itemsOf = (lr: Obj): Obj[] => (Array.isArray(lr.spec?.limits) ? lr.spec.limits : []).map(defaultLimitRangeItem);

/** mergeContainerResources: fill what the container left out; returns the annotation parts. */
function mergeContainer(c: Obj, field: string, i: number, defaults: { requests: ResourceList; limits: ResourceList }, prefix: string, changed: string[]): string[] {
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  const res = (c.resources ??= {});
  for (const [k, v] of Object.entries(defaults.limits)) {
    if (res.limits?.[k] !== undefined) continue;
    (res.limits ??= {})[k] = v;
    setLimits.push(k);
    changed.push(`spec.${field}[${i}].resources.limits.${k}`);
  }
  for (const [k, v] of Object.entries(defaults.requests)) {
    if (res.requests?.[k] !== undefined) continue;
    (res.requests ??= {})[k] = v;
    setRequests.push(k);
    changed.push(`spec.${field}[${i}].resources.requests.${k}`);
  }
  if (Object.keys(res).length === 0) delete c.resources;
  const out: string[] = [];
  if (setRequests.length) out.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) out.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
  return out;
}

/** PodMutateLimitFunc for one LimitRange. */
function mutatePod(lr: Obj, pod: Obj, changed: string[]): void {
  const defaults = { requests: {} as ResourceList, limits: {} as ResourceList };
  for (const item of itemsOf(lr)) {
    if (item.type !== 'Container') continue;
    Object.assign(defaults.requests, item.defaultRequest);
    Object.assign(defaults.limits, item.default);
  }
  const notes: string[] = [];
  for (const [field, prefix] of [['containers', 'container'], ['initContainers', 'init container']] as const) {
    (pod.spec[field] ?? []).forEach((c: Obj, i: number) => notes.push(...mergeContainer(c, field, i, defaults, prefix, changed)));
  }
  if (notes.length) {
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
    changed.push(`metadata.annotations.${LIMIT_RANGER_ANNOTATION}`);
  }
}

export const limitRangerMutation: MutationPlugin = {
  name: 'LimitRanger',
  admit(a, ctx) {
    if (!supports(a) || a.info.kind !== 'Pod' || !a.object?.spec) return undefined;
    const changed: string[] = [];
    for (const lr of limitRanges(a, ctx)) mutatePod(lr, a.object, changed);
    return { changed };
  },
};

const str = (q: unknown) => canonical(q as string);

function minConstraint(type: string, name: string, enforced: string, req: ResourceList, lim: ResourceList): string | undefined {
  if (req[name] === undefined) return `minimum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (milli(req[name]) < milli(enforced)) return `minimum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req[name])}`;
  if (lim[name] !== undefined && milli(lim[name]) < milli(enforced)) return `minimum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim[name])}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: string, req: ResourceList, lim: ResourceList): string | undefined {
  if (lim[name] === undefined) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No limit is specified`;
  if (milli(lim[name]) > milli(enforced)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim[name])}`;
  if (req[name] !== undefined && milli(req[name]) > milli(enforced)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req[name])}`;
  return undefined;
}

/** maxRequestConstraint: for PVCs, whose limits are not user input. */
function maxRequestConstraint(type: string, name: string, enforced: string, req: ResourceList): string | undefined {
  if (req[name] === undefined) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (milli(req[name]) > milli(enforced)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req[name])}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: string, req: ResourceList, lim: ResourceList): string | undefined {
  const r = req[name] === undefined ? 0 : milli(req[name]);
  const l = lim[name] === undefined ? 0 : milli(lim[name]);
  if (r === 0) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no request is specified or request is 0`;
  if (l === 0) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no limit is specified or limit is 0`;
  const ratio = l / r;
  // %f: six decimals
  if (ratio * 1000 > milli(enforced)) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function check(errs: string[], item: Obj, type: string, req: ResourceList, lim: ResourceList): void {
  const sorted = (l: ResourceList | undefined) => Object.entries(l ?? {}).sort(([x], [y]) => (x < y ? -1 : 1));
  for (const [k, v] of sorted(item.min)) errs.push(minConstraint(type, k, v, req, lim) ?? '');
  for (const [k, v] of sorted(item.max)) errs.push(maxConstraint(type, k, v, req, lim) ?? '');
  for (const [k, v] of sorted(item.maxLimitRequestRatio)) errs.push(ratioConstraint(type, k, v, req, lim) ?? '');
}

/** PodValidateLimitFunc and PersistentVolumeClaimValidateLimitFunc for one LimitRange. */
function validateAgainst(lr: Obj, a: Attributes): string[] {
  const errs: string[] = [];
  const obj = a.object;
  for (const item of itemsOf(lr)) {
    if (a.info.kind === 'PersistentVolumeClaim') {
      if (item.type !== 'PersistentVolumeClaim') continue;
      const req: ResourceList = obj.spec?.resources?.requests ?? {};
      for (const [k, v] of Object.entries(item.min ?? {})) errs.push(minConstraint(item.type, k, v as string, req, {}) ?? '');
      for (const [k, v] of Object.entries(item.max ?? {})) errs.push(maxRequestConstraint(item.type, k, v as string, req) ?? '');
      continue;
    }
    if (item.type === 'Container') {
      for (const c of [...(obj.spec.containers ?? []), ...(obj.spec.initContainers ?? [])] as Obj[]) check(errs, item, 'Container', c.resources?.requests ?? {}, c.resources?.limits ?? {});
    } else if (item.type === 'Pod') {
      check(errs, item, 'Pod', podResourceList(obj, 'requests'), podResourceList(obj, 'limits'));
    }
  }
  return errs.filter(Boolean);
}

export const limitRangerValidation: ValidationPlugin = {
  name: 'LimitRanger',
  validate(a, ctx) {
    if (!supports(a) || !a.object?.spec) return undefined;
    for (const lr of limitRanges(a, ctx)) {
      const msg = aggregate(validateAgainst(lr, a));
      if (msg) return { status: forbidden(a, msg) };
    }
    return undefined;
  },
};
