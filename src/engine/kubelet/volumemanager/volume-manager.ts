// Twin of pkg/kubelet/volumemanager (WaitForAttachAndMount, the reconciler's MountVolume with
// nestedpendingoperations' exponential back-off) and the SetUp of the volume plugins a pod spec
// names inline: pkg/volume/configmap, secret, downwardapi, projected, emptydir, hostpath. Each
// volume becomes a map of file path → contents (AtomicWriter's payload); the runtime bind-mounts it.
// Simplifications: volumes are set up once (no periodic remount picks up later ConfigMap changes);
// the serviceAccountToken is minted by the kubelet itself instead of a TokenRequest.
import type { KeyToPath, Pod, Volume } from 'kubernetes-types/core/v1';
import type { KObject } from '../../api/types';
import { EPOCH_MS } from '../../api/time';
import { base64Decode, base64Encode } from '../../api/base64';
import { notFoundMessage, type ObjectKind } from '../util/manager/watch-based-manager';
import { containerResourceRuntimeValue, extractFieldPathAsString, type DownwardContext } from '../fieldpath';
import type { KubeletHost, PodWorker } from '../pod-workers';

/** nestedpendingoperations / exponentialbackoff: 500 ms after the first failure, doubling, at most 2m2s. */
export const MOUNT_BACKOFF_INITIAL_MS = 500;
export const MOUNT_BACKOFF_MAX_MS = 122_000;
/** The reconciler loop period: how soon a mount waiting for its object's cache is tried again. */
export const RECONCILER_LOOP_MS = 100;

export type Files = Record<string, string>;
export type SetUpResult = { files: Files } | { error: string } | { pending: true };

type Payload = { files: Files } | { error: string } | { pending: true };

function objectData(kind: ObjectKind, obj: KObject): Record<string, string> {
  const o = obj as unknown as { data?: Record<string, string>; binaryData?: Record<string, string>; stringData?: Record<string, string> };
  if (kind === 'configmap') {
    const bin = Object.fromEntries(Object.entries(o.binaryData ?? {}).map(([k, v]) => [k, base64Decode(v) ?? '']));
    return { ...(o.data ?? {}), ...bin };
  }
  // Secret data is base64 on the wire; stringData is merged into data by the apiserver
  const data = Object.fromEntries(Object.entries(o.data ?? {}).map(([k, v]) => [k, base64Decode(v) ?? '']));
  return { ...data, ...(o.stringData ?? {}) };
}

/** configmap.go / secret.go MakePayload: all keys, or the listed items at their paths. */
function makePayload(kind: ObjectKind, items: KeyToPath[] | undefined, data: Record<string, string>, optional: boolean): Payload {
  if (!items || items.length === 0) return { files: { ...data } };
  const files: Files = {};
  for (const ktp of items) {
    if (data[ktp.key] === undefined) {
      if (optional) continue;
      return { error: kind === 'configmap' ? `configmap references non-existent config key: ${ktp.key}` : `references non-existent secret key: ${ktp.key}` };
    }
    files[ktp.path] = data[ktp.key];
  }
  return { files };
}

function objectPayload(kl: KubeletHost, pod: Pod, kind: ObjectKind, name: string, items: KeyToPath[] | undefined, optional: boolean): Payload {
  const ns = pod.metadata?.namespace ?? 'default';
  const found = kl.getObject(kind, ns, name);
  if (!found.synced) return { pending: true };
  if (!found.obj) return optional ? { files: {} } : { error: notFoundMessage(kind, name) };
  return makePayload(kind, items, objectData(kind, found.obj), optional);
}

function downwardPayload(kl: KubeletHost, pw: PodWorker, items: NonNullable<Volume['downwardAPI']>['items']): Payload {
  const ctx: DownwardContext = { podIP: pw.sandbox?.ip, hostIP: kl.hostIP, allocatable: kl.allocatable };
  const files: Files = {};
  for (const it of items ?? []) {
    if (it.fieldRef) files[it.path] = extractFieldPathAsString(pw.pod, it.fieldRef.fieldPath);
    else if (it.resourceFieldRef) {
      const c = (pw.pod.spec?.containers ?? []).find((x) => x.name === it.resourceFieldRef!.containerName);
      if (!c) return { error: `failed to find container ${it.resourceFieldRef.containerName}` };
      files[it.path] = containerResourceRuntimeValue(it.resourceFieldRef, pw.pod, c, ctx);
    }
  }
  return { files };
}

/**
 * A bound service account token (a JWT as the apiserver's TokenRequest would sign it): header,
 * the claims of serviceaccount/claims.go, and a signature the model does not verify.
 */
function serviceAccountToken(kl: KubeletHost, pw: PodWorker, expirationSeconds: number, audience?: string): string {
  const r = kl.rng();
  const hex = () => r.int(0x100000000).toString(16).padStart(8, '0');
  const m = pw.pod.metadata ?? {};
  const sa = pw.pod.spec?.serviceAccountName ?? 'default';
  const iat = Math.floor((EPOCH_MS + kl.now()) / 1000);
  const iss = 'https://kubernetes.default.svc.cluster.local';
  const claims = {
    aud: [audience ?? iss], exp: iat + expirationSeconds, iat, iss, jti: `${hex()}-${hex().slice(0, 4)}-${hex().slice(0, 4)}-${hex().slice(0, 4)}-${hex()}${hex().slice(0, 4)}`,
    'kubernetes.io': { namespace: m.namespace, node: { name: kl.nodeName }, pod: { name: m.name, uid: m.uid }, serviceaccount: { name: sa } },
    nbf: iat, sub: `system:serviceaccount:${m.namespace}:${sa}`,
  };
  const header = { alg: 'RS256', kid: `${hex()}${hex()}` };
  const sig = Array.from({ length: 8 }, hex).join('');
  return `${base64Encode(JSON.stringify(header), true)}.${base64Encode(JSON.stringify(claims), true)}.${base64Encode(sig, true)}`;
}

/** projected.go collectData: the sources merged into one directory. */
function projectedPayload(kl: KubeletHost, pw: PodWorker, v: NonNullable<Volume['projected']>): Payload {
  const files: Files = {};
  for (const src of v.sources ?? []) {
    let p: Payload = { files: {} };
    if (src.configMap) p = objectPayload(kl, pw.pod, 'configmap', src.configMap.name ?? '', src.configMap.items, src.configMap.optional === true);
    else if (src.secret) p = objectPayload(kl, pw.pod, 'secret', src.secret.name ?? '', src.secret.items, src.secret.optional === true);
    else if (src.downwardAPI) p = downwardPayload(kl, pw, src.downwardAPI.items);
    else if (src.serviceAccountToken) {
      const t = src.serviceAccountToken;
      p = { files: { [t.path]: serviceAccountToken(kl, pw, t.expirationSeconds ?? 3600, t.audience) } };
    }
    if (!('files' in p)) return p;
    Object.assign(files, p.files);
  }
  return { files };
}

/** SetUp of one volume of the pod. */
export function setUpVolume(kl: KubeletHost, pw: PodWorker, v: Volume): SetUpResult {
  if (v.configMap) return objectPayload(kl, pw.pod, 'configmap', v.configMap.name ?? '', v.configMap.items, v.configMap.optional === true);
  if (v.secret) return objectPayload(kl, pw.pod, 'secret', v.secret.secretName ?? '', v.secret.items, v.secret.optional === true);
  if (v.downwardAPI) return downwardPayload(kl, pw, v.downwardAPI.items);
  if (v.projected) return projectedPayload(kl, pw, v.projected);
  return { files: {} }; // emptyDir, hostPath and the rest: an empty directory
}

const sourceOf = (v: Volume) => Object.keys(v).find((k) => k !== 'name') ?? 'emptyDir';

/**
 * VOLUMES_MOUNTED: the reconciler's MountVolume for every volume not yet mounted. A failure is
 * the FailedMount event and a retry after the operation's back-off; the pod stays
 * ContainerCreating until every volume is mounted. Returns true once all are.
 */
export function mountVolumes(kl: KubeletHost, pw: PodWorker): boolean {
  const mounted = (pw.volumes ??= {});
  const retry = (pw.mountRetry ??= {});
  const now = kl.now();
  let nextMs = Infinity;
  for (const v of pw.pod.spec?.volumes ?? []) {
    if (mounted[v.name]) continue;
    const r = retry[v.name];
    if (r && r.nextMs > now) {
      nextMs = Math.min(nextMs, r.nextMs);
      continue;
    }
    const res = setUpVolume(kl, pw, v);
    if ('files' in res) {
      mounted[v.name] = res.files;
      delete retry[v.name];
    } else if ('pending' in res) nextMs = Math.min(nextMs, now + RECONCILER_LOOP_MS);
    else {
      const delayMs = r ? Math.min(r.delayMs * 2, MOUNT_BACKOFF_MAX_MS) : MOUNT_BACKOFF_INITIAL_MS;
      retry[v.name] = { delayMs, nextMs: now + delayMs };
      nextMs = Math.min(nextMs, now + delayMs);
      const message = `MountVolume.SetUp failed for volume "${v.name}" : ${res.error}`;
      kl.trace(pw, 'kubelet.mount_failed', { volume: v.name, source: sourceOf(v), message, retryMs: delayMs });
      kl.event(pw, 'Warning', 'FailedMount', message);
    }
  }
  if (nextMs === Infinity) return true;
  kl.self({ type: 'VOLUMES_MOUNTED', uid: pw.uid }, nextMs - now);
  return false;
}

/** The CRI mounts of one container: its volumeMounts over the pod's mounted volumes (subPath: one entry). */
export function containerMounts(pw: PodWorker, volumeMounts: Array<{ name: string; mountPath: string; subPath?: string; readOnly?: boolean }> | undefined) {
  const out: Array<{ containerPath: string; files: Files; readonly?: boolean }> = [];
  for (const vm of volumeMounts ?? []) {
    const files = pw.volumes?.[vm.name] ?? {};
    if (vm.subPath) {
      const sub: Files = {};
      for (const [p, c] of Object.entries(files)) {
        if (p === vm.subPath) sub[''] = c;
        else if (p.startsWith(`${vm.subPath}/`)) sub[p.slice(vm.subPath.length + 1)] = c;
      }
      out.push({ containerPath: vm.mountPath, files: sub, ...(vm.readOnly ? { readonly: true } : {}) });
    } else out.push({ containerPath: vm.mountPath, files, ...(vm.readOnly ? { readonly: true } : {}) });
  }
  return out;
}
