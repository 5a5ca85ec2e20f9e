// registry/generic/registry/store.go, reduced: turns a write request into the etcd txn that
// performs it (create: If(mod_revision==0) Put; update: If(mod_revision==rv) Put; delete) after
// decoding, defaulting, mutating admission and validation. Pure data in, pure data out, so the
// apiserver can run it stage by stage or all at once.
import type { Kernel } from '../kernel/kernel';
import { deepClone, jsonClone } from '../kernel/clone';
import type { K8sStatus, KObject } from '../api/types';
import { type KindInfo, apiVersionOf, etcdKey, qualifiedResource, resourceInfo } from '../api/scheme';
import { rfc3339 } from '../api/time';
import type { ApiRequest } from '../api/wire';
import type { Compare, TxnOp } from '../etcd/mvcc';
import { statusFor } from './http';
import { mergePatch } from './merge-patch';
import { prepareEphemeralContainersUpdate, validatePodEphemeralContainersUpdate } from './registry/pod-ephemeral';
import { strategyFor, stripForStorage } from './registry/strategy';
import { invalidStatus } from './validation/field-errors';
import { type PluginChange, runMutating, runValidating } from './admission/chain';
import type { AdmissionContext, Attributes } from './admission/interfaces';
import { admitNamespaceLifecycle } from './admission/namespace-lifecycle';
import { evict } from './registry/pod-eviction';
import { planDelete, planNamespaceDelete, shouldDeleteDuringUpdate, validateNoNewFinalizers } from './store-delete';
import { etcdPrefix, kindInfo } from '../api/scheme';

export interface PreparedWrite {
  /** where a failure happened, with its Status */
  stage?: 'admit' | 'validate' | 'validating_admission';
  status?: K8sStatus;
  defaulted: string[];
  /** the mutating admission plugins that ran and what each changed */
  plugins?: PluginChange[];
  /** the admission plugin that refused the request */
  plugin?: string;
  /** compares besides the object's own (ResourceQuota: the quotas charged in the same txn) */
  compares?: Compare[];
  key: string;
  expectModRevision: number;
  ops: TxnOp[];
  result?: KObject;
  successCode: number;
  /** nothing to write (e.g. a second graceful delete that does not shorten the grace period) */
  noop?: boolean;
  /** an unconditional update: on a stale cache the apiserver re-reads and tries again */
  retryable: boolean;
  /** the Status for a failed compare (AlreadyExists or Conflict) */
  conflict: K8sStatus;
  /** what decoding the put of `key` will give (`JSON.parse` of its value): the apiserver's watch
   * takes it instead of parsing the value again (a parse was 3% of a large run) */
  twin?: KObject;
}

/** The value stored for an object, and its twin: the object a decode of that value gives. */
function encode(o: KObject): { value: string; twin: KObject } {
  const twin = jsonClone(stripForStorage(o));
  return { value: JSON.stringify(twin), twin };
}

type Obj = Record<string, any>;

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function failed(stage: NonNullable<PreparedWrite['stage']>, status: K8sStatus, base: Partial<PreparedWrite> = {}): PreparedWrite {
  return { stage, status, defaulted: [], key: '', expectModRevision: 0, ops: [], successCode: 0, retryable: false, conflict: status, ...base };
}

function uuid(k: Kernel): string {
  const r = k.rng('kube-apiserver/uid');
  const hex = [r.next(), r.next(), r.next(), r.next()].map((n) => n.toString(16).padStart(8, '0')).join('');
  const v = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 32)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`;
}

/** names.SimpleNameGenerator: base (truncated to 58) + 5 random chars from utilrand's alphabet. */
function generateName(k: Kernel, base: string, stream = 'kube-apiserver/names'): string {
  const r = k.rng(stream);
  let s = '';
  for (let i = 0; i < 5; i++) s += GENERATE_ALPHABET[r.int(GENERATE_ALPHABET.length)];
  return `${base.slice(0, 58)}${s}`;
}

const conflictOn = (info: KindInfo, name: string): K8sStatus =>
  statusFor(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, group: info.group || undefined, kind: info.resource });

const notFound = (info: KindInfo, name: string): K8sStatus =>
  statusFor(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`, { name, group: info.group || undefined, kind: info.resource });

/** Objects of one kind (in a namespace) for the admission plugins: kube-apiserver's index over its watch cache. */
export type KindLister = (kind: string, namespace?: string) => KObject[];

export function prepareWrite(req: ApiRequest, cache: Record<string, KObject>, k: Kernel, lister?: KindLister): PreparedWrite {
  const info = resourceInfo(req.resource);
  if (!info) return failed('admit', statusFor(404, 'NotFound', 'the server could not find the requested resource'));
  if (req.verb === 'create' && req.subresource === 'binding') return bind(req, info, cache, k);
  if (req.verb === 'create' && req.subresource === 'eviction' && info.kind === 'Pod') return eviction(req, info, cache, k);
  if (req.verb === 'create') return create(req, info, cache, k, lister);
  if (req.verb === 'delete') return del(req, info, cache, k);
  return update(req, info, cache, k, lister);
}

function create(req: ApiRequest, info: KindInfo, cache: Record<string, KObject>, k: Kernel, lister?: KindLister): PreparedWrite {
  const body = deepClone(req.body ?? ({} as KObject)) as Obj;
  const strategy = strategyFor(info.kind);
  const decodeErr = strategy.decode(body, info.version);
  if (decodeErr) return failed('admit', statusFor(400, 'BadRequest', decodeErr));
  body.metadata ??= {};
  const meta = body.metadata;
  if (info.namespaced) {
    meta.namespace ??= req.namespace;
    if (req.namespace && meta.namespace !== req.namespace) {
      return failed('admit', statusFor(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request'));
    }
    const lifecycle = admitNamespaceLifecycle({ operation: 'CREATE', info, namespace: meta.namespace, object: body }, cacheGetter(cache));
    if (lifecycle) return failed('admit', lifecycle);
  }
  const defaulted = strategy.defaults(body);
  // mutating admission (admission/chain.ts), before the name is generated (rest.BeforeCreate)
  const actx = admissionContext(cache, k, lister);
  const attrs: Attributes = { operation: 'CREATE', info, namespace: info.namespaced ? meta.namespace : undefined, object: body };
  const mutating = runMutating(attrs, actx);
  defaulted.push(...mutating.changed);
  const admitted = { defaulted, plugins: mutating.plugins };
  if (mutating.status) return failed('admit', mutating.status, { ...admitted, plugin: mutating.plugin });
  if (!meta.name && meta.generateName) meta.name = generateName(k, meta.generateName);
  meta.uid = uuid(k);
  meta.creationTimestamp = rfc3339(k.now());
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  body.apiVersion = apiVersionOf(info);
  body.kind = info.kind;
  strategy.prepareForCreate(body);
  if (strategy.hasGeneration) meta.generation = 1;
  const errs = strategy.validate(body);
  if (errs.length === 0 && strategy.allocate) errs.push(...strategy.allocate(body, cache, k));
  const name = meta.name ?? '';
  if (errs.length) return failed('validate', invalidStatus(info.kind, info.group, name, errs), admitted);
  // validating admission (store.go Create's createValidation), ResourceQuota last
  const validating = runValidating(attrs, actx);
  if (validating.status) return failed('validating_admission', validating.status, { ...admitted, plugin: validating.plugin });
  const key = etcdKey(info, meta.namespace, name);
  const result = body as KObject;
  const { value, twin } = encode(result);
  return {
    ...admitted,
    key,
    twin,
    expectModRevision: 0,
    ops: [{ op: 'put', key, value }, ...validating.writes.map((w) => w.op)],
    compares: validating.writes.map((w) => ({ key: w.key, modRevision: w.modRevision })),
    result,
    successCode: 201,
    retryable: false,
    conflict: statusFor(409, 'AlreadyExists', `${qualifiedResource(info)} "${name}" already exists`, { name, group: info.group || undefined, kind: info.resource }),
  };
}

function update(req: ApiRequest, info: KindInfo, cache: Record<string, KObject>, k: Kernel, lister?: KindLister): PreparedWrite {
  const name = req.name ?? req.body?.metadata?.name ?? '';
  const key = etcdKey(info, req.namespace, name);
  const old = cache[key];
  if (!old) return failed('admit', notFound(info, name));
  const strategy = strategyFor(info.kind);
  let next: Obj;
  if (req.verb === 'patch') next = mergePatch(deepClone(old), req.body ?? {}) as Obj;
  else next = deepClone(req.body ?? {}) as Obj;
  // a patch that carries metadata.resourceVersion makes it a precondition, as an update's does
  // (kubectl apply of a manifest with a stale resourceVersion: 409 Conflict)
  const rv = req.verb === 'patch' ? (req.body?.metadata as Obj | undefined)?.resourceVersion : next.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) return failed('admit', conflictOn(info, name));
  next.metadata ??= {};
  if (req.subresource === 'status') next = { ...deepClone(old), status: next.status };
  // namespaces/finalize: only spec.finalizers changes (pkg/registry/core/namespace/strategy.go namespaceFinalizeStrategy)
  else if (req.subresource === 'finalize') next = { ...deepClone(old), spec: { ...(old.spec as Obj), finalizers: next.spec?.finalizers ?? [] } };
  // pods/ephemeralcontainers: only spec.ephemeralContainers changes (registry/pod-ephemeral.ts)
  else if (req.subresource === 'ephemeralcontainers' && info.kind === 'Pod') next = prepareEphemeralContainersUpdate(next, old);
  else if (strategy.hasStatus) strategy.prepareForUpdate(next, old);
  const decodeErr = strategy.decode(next, info.version);
  if (decodeErr) return failed('admit', statusFor(400, 'BadRequest', decodeErr));
  const defaulted = req.subresource === 'status' ? [] : strategy.defaults(next);
  // identity and server-owned metadata cannot be changed by an update
  for (const f of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generateName', 'namespace', 'name', 'generation'] as const) {
    if ((old.metadata as Obj)[f] !== undefined) next.metadata[f] = (old.metadata as Obj)[f];
    else delete next.metadata[f];
  }
  next.apiVersion = old.apiVersion;
  next.kind = old.kind;
  delete next.metadata.resourceVersion;
  if (strategy.hasGeneration) {
    // registry strategies bump generation on a spec change only (e.g. deployment strategy PrepareForUpdate)
    const gen = Number(old.metadata.generation ?? 1);
    next.metadata.generation = req.subresource !== 'status' && JSON.stringify(next.spec) !== JSON.stringify(old.spec) ? gen + 1 : gen;
  }
  // admission runs on updates of the main resource too (Priority keeps spec.priority, …)
  const attrs: Attributes = { operation: 'UPDATE', info, namespace: info.namespaced ? req.namespace : undefined, object: next, oldObject: old, subresource: req.subresource };
  const actx = admissionContext(cache, k, lister);
  const mutating = req.subresource ? undefined : runMutating(attrs, actx);
  if (mutating) defaulted.push(...mutating.changed);
  if (mutating?.status) return failed('admit', mutating.status, { defaulted, plugins: mutating.plugins, plugin: mutating.plugin });
  const errs = req.subresource === 'status' ? [] : req.subresource === 'ephemeralcontainers' ? validatePodEphemeralContainersUpdate(next, old) : strategy.validateUpdate(next, old);
  errs.push(...validateNoNewFinalizers(next, old));
  if (errs.length) return failed('validate', invalidStatus(info.kind, info.group, name, errs), { defaulted });
  const validating = req.subresource ? undefined : runValidating(attrs, actx);
  if (validating?.status) return failed('validating_admission', validating.status, { defaulted, plugins: mutating?.plugins, plugin: validating.plugin });
  const result = next as KObject;
  if (shouldDeleteDuringUpdate(info.kind, next, old)) {
    // the last finalizer of a deleting object is gone: the update deletes it (store.go Update, errEmptiedFinalizers)
    return { defaulted, key, expectModRevision: Number(old.metadata.resourceVersion), ops: [{ op: 'delete', key }], result, successCode: 200, retryable: !rv, conflict: conflictOn(info, name) };
  }
  const { value, twin } = encode(result);
  const unchanged = value === JSON.stringify(stripForStorage(old));
  return {
    defaulted,
    key,
    twin: unchanged ? undefined : twin,
    expectModRevision: Number(old.metadata.resourceVersion),
    ops: [{ op: 'put', key, value }],
    result: unchanged ? old : result,
    noop: unchanged,
    successCode: 200,
    retryable: !rv,
    conflict: conflictOn(info, name),
  };
}

function bind(req: ApiRequest, info: KindInfo, cache: Record<string, KObject>, k: Kernel): PreparedWrite {
  const name = req.name ?? req.body?.metadata?.name ?? '';
  const key = etcdKey(info, req.namespace, name);
  const old = cache[key] as Obj | undefined;
  if (!old) return failed('admit', notFound(info, name));
  const target = (req.body as Obj | undefined)?.target?.name;
  if (!target) return failed('validate', statusFor(422, 'Invalid', `Binding "${name}" is invalid: target.name: Required value`));
  // pkg/registry/core/pod/storage/storage.go assignPod: refuses a second binding, sets PodScheduled
  if (old.spec.nodeName) {
    return failed('validate', statusFor(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${old.spec.nodeName}"`));
  }
  if (old.metadata.deletionTimestamp) {
    return failed('validate', statusFor(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`));
  }
  const next = deepClone(old);
  next.spec.nodeName = target;
  const conds = (next.status.conditions ?? []).filter((c: Obj) => c.type !== 'PodScheduled');
  // pkg/api/v1/pod/util.go UpdatePodCondition stamps the transition time
  conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(k.now()) });
  next.status.conditions = conds;
  delete next.metadata.resourceVersion;
  // stripForStorage changes nothing here (no resourceVersion, the name in place): the same bytes
  const { value, twin } = encode(next as KObject);
  return {
    defaulted: [],
    key,
    twin,
    expectModRevision: Number(old.metadata.resourceVersion),
    ops: [{ op: 'put', key, value }],
    result: next as KObject,
    successCode: 201,
    retryable: true,
    conflict: conflictOn(info, name),
  };
}

/** pods/eviction (registry/pod-eviction.ts): the pod's deletion, with the PDB's status in the same txn. */
function eviction(req: ApiRequest, info: KindInfo, cache: Record<string, KObject>, k: Kernel): PreparedWrite {
  const name = req.name ?? '';
  const w = evict(req, info, cache, k);
  if (w.status) return failed(w.status.code === 404 || w.status.code === 400 ? 'admit' : 'validate', w.status);
  return { defaulted: [], key: w.key, expectModRevision: w.expectModRevision, compares: w.compares, ops: w.ops, result: w.result, noop: w.noop, successCode: 201, retryable: true, conflict: conflictOn(info, name) };
}

function del(req: ApiRequest, info: KindInfo, cache: Record<string, KObject>, k: Kernel): PreparedWrite {
  const name = req.name ?? '';
  const key = etcdKey(info, req.namespace, name);
  const old = cache[key] as Obj | undefined;
  if (!old) return failed('admit', notFound(info, name));
  const pre = preconditionFailure(info, old, req.options?.preconditions);
  if (pre) return failed('validate', pre);
  const lifecycle = admitNamespaceLifecycle({ operation: 'DELETE', info, namespace: req.namespace, object: old, oldObject: old }, cacheGetter(cache));
  if (lifecycle) return failed('admit', lifecycle);
  const base = { defaulted: [], key, expectModRevision: Number(old.metadata.resourceVersion), successCode: 200, retryable: true, conflict: conflictOn(info, name) };
  // store.go Delete (BeforeDelete, finalizers for the propagation policy, markAsDeleting)
  const opts = req.options ?? {};
  const plan = info.kind === 'Namespace' ? planNamespaceDelete(old, opts, k.now()) : planDelete(info.kind, old, opts, k.now());
  if (plan.action === 'delete') return { ...base, ops: [{ op: 'delete', key }], result: old as KObject };
  if (plan.action === 'noop') return { ...base, ops: [], result: old as KObject, noop: true };
  const next = plan.next;
  delete next.metadata.resourceVersion;
  const { value, twin } = encode(next as KObject);
  return { ...base, twin, ops: [{ op: 'put', key, value }], result: next as KObject };
}

/**
 * DeleteOptions.preconditions, checked before anything else is done: rest/delete.go BeforeDelete
 * names the Kind (GroupResource{Group, Resource: Kind}); the namespace REST's Delete checks first
 * with its own words (pkg/registry/core/namespace/storage/storage.go).
 */
function preconditionFailure(info: KindInfo, old: Obj, pre: { uid?: string; resourceVersion?: string } | undefined): K8sStatus | undefined {
  if (!pre) return undefined;
  const name: string = old.metadata.name;
  const ns = info.kind === 'Namespace';
  const on = ns ? 'namespaces' : info.group ? `${info.kind}.${info.group}` : info.kind;
  const details = { name, group: info.group || undefined, kind: ns ? 'namespaces' : info.kind };
  const uid: string = old.metadata.uid;
  const rv: string = old.metadata.resourceVersion;
  let why: string | undefined;
  if (pre.uid !== undefined && pre.uid !== uid) {
    why = ns ? `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${uid}` : `the UID in the precondition (${pre.uid}) does not match the UID in record (${uid}). The object might have been deleted and then recreated`;
  } else if (pre.resourceVersion !== undefined && pre.resourceVersion !== rv) {
    why = ns ? `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${rv}` : `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${rv}). The object might have been modified`;
  }
  return why ? statusFor(409, 'Conflict', `Operation cannot be fulfilled on ${on} "${name}": ${why}`, details) : undefined;
}

/** The admission plugins' view: listers over the watch cache (upstream: informers of the loopback client). */
function admissionContext(cache: Record<string, KObject>, k: Kernel, lister?: KindLister): AdmissionContext {
  const { get } = cacheGetter(cache);
  const list = (kind: string, namespace?: string): KObject[] => {
    const i = kindInfo(kind);
    if (!i) return [];
    const ns = i.namespaced ? namespace : undefined;
    const found = lister ? lister(kind, ns) : Object.entries(cache).filter(([key]) => key.startsWith(etcdPrefix(i, ns))).map(([, o]) => o);
    // a retry overlays fresher objects on the cache: prefer them
    return found.map((o) => cache[etcdKey(i, o.metadata.namespace, o.metadata.name)] ?? o);
  };
  return { get, list, nowMs: k.now(), generateName: (base) => generateName(k, base, 'kube-apiserver/serviceaccount') };
}

/** The watch cache as the admission plugins' lister (upstream: informers of the loopback client). */
function cacheGetter(cache: Record<string, KObject>) {
  return {
    get: (kind: string, namespace: string | undefined, name: string) => {
      const i = kindInfo(kind);
      return i ? cache[etcdKey(i, namespace, name)] : undefined;
    },
  };
}
