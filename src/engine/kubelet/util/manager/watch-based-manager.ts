// Twin of pkg/kubelet/util/manager/watch_based_manager.go with configmap/configmap_manager.go and
// secret/secret_manager.go (configMapAndSecretChangeDetectionStrategy: Watch, the default): when a
// pod is registered, the kubelet starts one reflector per referenced ConfigMap/Secret — a
// list+watch on its namespace with fieldSelector metadata.name=<name> — and reads them from that
// cache. Simplification: reflectors are not stopped when the last pod referencing them goes.
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../api/types';

export type ObjectKind = 'configmap' | 'secret';

/** What GetConfigMap/GetSecret find: not yet synced, or the object (absent ⇒ NotFound). */
export type ObjectLookup = { synced: false } | { synced: true; obj?: KObject };

/** The reflector (informer) name for one object. */
export const informerName = (kind: ObjectKind, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/** The NotFound error the manager returns (groupResource corev1 "configmap" / "secret"). */
export const notFoundMessage = (kind: ObjectKind, name: string) => `${kind} "${name}" not found`;

function allPodContainers(pod: Pod): Container[] {
  const s = pod.spec;
  return [...(s?.initContainers ?? []), ...(s?.containers ?? []), ...((s?.ephemeralContainers ?? []) as Container[])];
}

/** podutil.VisitPodConfigmapNames / VisitPodSecretNames: every ConfigMap and Secret the pod names. */
export function referencedObjects(pod: Pod): Array<{ kind: ObjectKind; name: string }> {
  const out = new Map<string, { kind: ObjectKind; name: string }>();
  const add = (kind: ObjectKind, name: string | undefined) => {
    if (name) out.set(`${kind}/${name}`, { kind, name });
  };
  for (const s of pod.spec?.imagePullSecrets ?? []) add('secret', s.name);
  for (const v of pod.spec?.volumes ?? []) {
    add('configmap', v.configMap?.name);
    add('secret', v.secret?.secretName);
    for (const src of v.projected?.sources ?? []) {
      add('configmap', src.configMap?.name);
      add('secret', src.secret?.name);
    }
  }
  for (const c of allPodContainers(pod)) {
    for (const e of c.envFrom ?? []) {
      add('configmap', e.configMapRef?.name);
      add('secret', e.secretRef?.name);
    }
    for (const e of c.env ?? []) {
      add('configmap', e.valueFrom?.configMapKeyRef?.name);
      add('secret', e.valueFrom?.secretKeyRef?.name);
    }
  }
  return [...out.values()];
}
