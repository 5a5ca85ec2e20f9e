// registry/generic/registry/store.go, reduced: turns a write request into the etcd txn that
// performs it (create: If(mod_revision==0) Put; update: If(mod_revision==rv) Put; delete) after
// decoding, defaulting, mutating admission and validation. Pure data in, pure data out, so the
// apiserver can run it stage by stage or all at once.
import type { Kernel } from '../kernel/kernel';
import type { K8sStatus, KObject } from '../api/types';
import { type KindInfo, apiVersionOf, etcdKey, qualifiedResource, resourceInfo } from '../api/scheme';
import { rfc3339 } from '../api/time';
import type { ApiRequest } from '../api/wire';
import type { TxnOp } from '../etcd/mvcc';
import { statusFor } from './http';
import { mergePatch } from './merge-patch';
import { strategyFor, stripForStorage } from './registry/strategy';
import { invalidStatus } from './validation/field-errors';
import { admitPod } from './admission';

export interface PreparedWrite {
  /** where a failure happened, with its Status */
  stage?: 'admit' | 'validate';
  status?: K8sStatus;
  defaulted: string[];
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
}

type Obj = Record<string, any>;

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function failed(stage: 'admit' | 'validate', status: K8sStatus, base: Partial<PreparedWrite> = {}): PreparedWrite {
  return { stage, status, defaulted: [], key: '', expectModRevision: 0, ops: [], successCode: 0, retryable: false, conflict: status, ...base };
}

function uuid(k: Kernel): string {
  const r = k.rng('kube-apiserver/uid');
  const hex = [r.next(), r.next(), r.next(), r.next()].map((n) => n.toString(16).padStart(8, '0')).join('');
  const v = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 32)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`;
}

/** names.SimpleNameGenerator: base (truncated to 58) + 5 random chars from utilrand's alphabet. */
function generateName(k: Kernel, base: string): string {
  const r = k.rng('kube-apiserver/names');
  let s = '';
  for (let i = 0; i < 5; i++) s += GENERATE_ALPHABET[r.int(GENERATE_ALPHABET.length)];
  return `${base.slice(0, 58)}${s}`;
}

const conflictOn = (info: KindInfo, name: string): K8sStatus =>
  statusFor(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, group: info.group || undefined, kind: info.resource });

const notFound = (info: KindInfo, name: string): K8sStatus =>
  statusFor(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`, { name, group: info.group || undefined, kind: info.resource });

export function prepareWrite(req: ApiRequest, cache: Record<string, KObject>, k: Kernel): PreparedWrite {
  const info = resourceInfo(req.resource);
  if (!info) return failed('admit', statusFor(404, 'NotFound', 'the server could not find the requested resource'));
  if (req.verb === 'create' && req.subresource === 'binding') return bind(req, info, cache, k);
  if (req.verb === 'create') return create(req, info, cache, k);
  if (req.verb === 'delete') return del(req, info, cache, k);
  return update(req, info, cache);
}

function create(req: ApiRequest, info: KindInfo, cache: Record<string, KObject>, k: Kernel): PreparedWrite {
  const body = structuredClone(req.body ?? ({} as KObject)) as Obj;
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
    // NamespaceLifecycle admission
    const ns = cache[`/registry/namespaces/${meta.namespace}`];
    if (!ns) return failed('admit', statusFor(404, 'NotFound', `namespaces "${meta.namespace}" not found`, { name: meta.namespace, kind: 'namespaces' }));
    if ((ns.status as Obj | undefined)?.phase === 'Terminating') {
      return failed('admit', statusFor(403, 'Forbidden', `unable to create new content in namespace ${meta.namespace} because it is being terminated`));
    }
  }
  if (!meta.name && meta.generateName) meta.name = generateName(k, meta.generateName);
  const defaulted = strategy.defaults(body);
  if (info.kind === 'Pod') defaulted.push(...admitPod(body));
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
  if (errs.length) return failed('validate', invalidStatus(info.kind, info.group, name, errs), { defaulted });
  const key = etcdKey(info, meta.namespace, name);
  const result = body as KObject;
  return {
    defaulted,
    key,
    expectModRevision: 0,
    ops: [{ op: 'put', key, value: JSON.stringify(stripForStorage(result)) }],
    result,
    successCode: 201,
    retryable: false,
    conflict: statusFor(409, 'AlreadyExists', `${qualifiedResource(info)} "${name}" already exists`, { name, group: info.group || undefined, kind: info.resource }),
  };
}

function update(req: ApiRequest, info: KindInfo, cache: Record<string, KObject>): PreparedWrite {
  const name = req.name ?? req.body?.metadata?.name ?? '';
  const key = etcdKey(info, req.namespace, name);
  const old = cache[key];
  if (!old) return failed('admit', notFound(info, name));
  const strategy = strategyFor(info.kind);
  let next: Obj;
  if (req.verb === 'patch') next = mergePatch(structuredClone(old), req.body ?? {}) as Obj;
  else next = structuredClone(req.body ?? {}) as Obj;
  const rv = req.verb === 'patch' ? undefined : next.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) return failed('admit', conflictOn(info, name));
  next.metadata ??= {};
  if (req.subresource === 'status') next = { ...structuredClone(old), status: next.status };
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
  const errs = req.subresource === 'status' ? [] : strategy.validateUpdate(next, old);
  if (errs.length) return failed('validate', invalidStatus(info.kind, info.group, name, errs), { defaulted });
  const result = next as KObject;
  const value = JSON.stringify(stripForStorage(result));
  const unchanged = value === JSON.stringify(stripForStorage(old));
  return {
    defaulted,
    key,
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
  const next = structuredClone(old);
  next.spec.nodeName = target;
  const conds = (next.status.conditions ?? []).filter((c: Obj) => c.type !== 'PodScheduled');
  // pkg/api/v1/pod/util.go UpdatePodCondition stamps the transition time
  conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(k.now()) });
  next.status.conditions = conds;
  delete next.metadata.resourceVersion;
  return {
    defaulted: [],
    key,
    expectModRevision: Number(old.metadata.resourceVersion),
    ops: [{ op: 'put', key, value: JSON.stringify(next) }],
    result: next as KObject,
    successCode: 201,
    retryable: true,
    conflict: conflictOn(info, name),
  };
}

function del(req: ApiRequest, info: KindInfo, cache: Record<string, KObject>, k: Kernel): PreparedWrite {
  const name = req.name ?? '';
  const key = etcdKey(info, req.namespace, name);
  const old = cache[key] as Obj | undefined;
  if (!old) return failed('admit', notFound(info, name));
  const base = { defaulted: [], key, expectModRevision: Number(old.metadata.resourceVersion), successCode: 200, retryable: true, conflict: conflictOn(info, name) };
  const immediate = (): PreparedWrite => ({ ...base, ops: [{ op: 'delete', key }], result: old as KObject });
  if (info.kind !== 'Pod') return immediate();
  // pkg/registry/core/pod/strategy.go CheckGracefulDelete
  let grace: number = req.options?.gracePeriodSeconds ?? old.spec.terminationGracePeriodSeconds ?? 30;
  if (!old.spec.nodeName) grace = 0; // never scheduled: nothing to stop
  if (old.status?.phase === 'Failed' || old.status?.phase === 'Succeeded') grace = 0; // already terminal
  if (grace === 0) return immediate();
  const deadline = k.now() + grace * 1000;
  if (old.metadata.deletionTimestamp) {
    // a second DELETE may only shorten the grace period (rest/delete.go BeforeDelete)
    if (old.metadata.deletionGracePeriodSeconds <= grace) return { ...base, ops: [], result: old as KObject, noop: true };
  }
  const next = structuredClone(old);
  next.metadata.deletionTimestamp = rfc3339(deadline);
  next.metadata.deletionGracePeriodSeconds = grace;
  delete next.metadata.resourceVersion;
  return { ...base, ops: [{ op: 'put', key, value: JSON.stringify(next) }], result: next as KObject };
}
