// Twin of plugin/pkg/admission/serviceaccount/admission.go (1.33): on Pod CREATE, default
// spec.serviceAccountName to `default`, refuse a ServiceAccount that does not exist, and unless
// automountServiceAccountToken is false (the pod's choice wins over the ServiceAccount's) add the
// bound token as the projected volume kube-api-access-<5 chars> (TokenVolumeSource) mounted
// read-only at /var/run/secrets/kubernetes.io/serviceaccount in every init and app container.
// Simplified: no live GET retries when the cache misses, no mountable-secrets enforcement.
import { type AdmissionContext, type Attributes, type MutationPlugin, type Obj, type ValidationPlugin, forbidden } from './interfaces';

export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
export const SERVICE_ACCOUNT_VOLUME_NAME = 'kube-api-access';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: one hour and seven seconds */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 60 * 60 + 7;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** TokenVolumeSource, as stored (v1 defaulting adds defaultMode 420 and fieldRef apiVersion v1). */
export function tokenVolumeSource(): Obj {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
      { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
    ],
  };
}

function shouldIgnore(a: Attributes): boolean {
  return a.info.kind !== 'Pod' || !!a.subresource || a.operation !== 'CREATE' || !a.object?.spec;
}

const isMirror = (pod: Obj) => pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;

/** getServiceAccount: from the informer; NewNotFound(Resource("serviceaccount")) is singular. */
function lookup(a: Attributes, ctx: AdmissionContext, name: string) {
  const sa = ctx.get('ServiceAccount', a.namespace, name);
  if (sa) return { sa };
  return { status: forbidden(a, `error looking up service account ${a.namespace}/${name}: serviceaccount "${name}" not found`) };
}

function shouldAutomount(sa: Obj, pod: Obj): boolean {
  if (typeof pod.spec.automountServiceAccountToken === 'boolean') return pod.spec.automountServiceAccountToken;
  if (typeof sa.automountServiceAccountToken === 'boolean') return sa.automountServiceAccountToken;
  return true;
}

/** mountServiceAccountToken: reuse a kube-api-access-* volume if there is one, mount it where no mount uses the path. */
function mountServiceAccountToken(pod: Obj, ctx: AdmissionContext): string[] {
  const spec = pod.spec;
  const changed: string[] = [];
  const volumes: Obj[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  const existing = volumes.find((v) => typeof v.name === 'string' && v.name.startsWith(`${SERVICE_ACCOUNT_VOLUME_NAME}-`));
  const volumeName: string = existing?.name ?? ctx.generateName(`${SERVICE_ACCOUNT_VOLUME_NAME}-`);
  let needsVolume = false;
  for (const field of ['initContainers', 'containers'] as const) {
    const list: Obj[] = Array.isArray(spec[field]) ? spec[field] : [];
    list.forEach((c, i) => {
      const mounts: Obj[] = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
      if (mounts.some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) return;
      mounts.push({ mountPath: DEFAULT_API_TOKEN_MOUNT_PATH, name: volumeName, readOnly: true });
      c.volumeMounts = mounts;
      changed.push(`spec.${field}[${i}].volumeMounts[${mounts.length - 1}]`);
      needsVolume = true;
    });
  }
  if (!existing && needsVolume) {
    volumes.push({ name: volumeName, projected: tokenVolumeSource() });
    spec.volumes = volumes;
    changed.push(`spec.volumes[${volumes.length - 1}]`);
  }
  return changed;
}

export const serviceAccountMutation: MutationPlugin = {
  name: 'ServiceAccount',
  admit(a, ctx) {
    if (shouldIgnore(a)) return undefined;
    const pod = a.object;
    if (isMirror(pod)) return serviceAccountValidation.validate(a, ctx);
    const changed: string[] = [];
    if (!pod.spec.serviceAccountName) {
      pod.spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT_NAME;
      changed.push('spec.serviceAccountName');
    }
    const { sa, status } = lookup(a, ctx, pod.spec.serviceAccountName);
    if (!sa) return { status };
    if (shouldAutomount(sa, pod)) changed.push(...mountServiceAccountToken(pod, ctx));
    const pullSecrets = (sa as Obj).imagePullSecrets;
    if (!(Array.isArray(pod.spec.imagePullSecrets) && pod.spec.imagePullSecrets.length) && Array.isArray(pullSecrets) && pullSecrets.length) {
      pod.spec.imagePullSecrets = pullSecrets.map((s: Obj) => ({ name: s.name }));
      changed.push('spec.imagePullSecrets');
    }
    return { changed };
  },
};

export const serviceAccountValidation: ValidationPlugin = {
  name: 'ServiceAccount',
  validate(a, ctx) {
    if (shouldIgnore(a)) return undefined;
    const pod = a.object;
    if (isMirror(pod)) {
      if (pod.spec.serviceAccountName) return { status: forbidden(a, 'a mirror pod may not reference service accounts') };
      const projected = (pod.spec.volumes ?? []).some((v: Obj) => (v.projected?.sources ?? []).some((s: Obj) => s.serviceAccountToken));
      if (projected) return { status: forbidden(a, 'a mirror pod may not use ServiceAccountToken volume projections') };
      return undefined;
    }
    const { status } = lookup(a, ctx, pod.spec.serviceAccountName);
    return status ? { status } : undefined;
  },
};
