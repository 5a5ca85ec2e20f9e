// The strategic-merge and list metadata of the built-in types' list fields, which kubernetes-types
// (the source of the generated schemas) does not carry: the `patchStrategy`/`patchMergeKey` struct
// tags and `+listType`/`+listMapKey` markers of staging/src/k8s.io/api/{core,apps,batch,policy}/v1/
// types.go and apimachinery/pkg/apis/meta/v1/types.go. One table for both the OpenAPI documents
// (x-kubernetes-patch-strategy, -patch-merge-key, -list-type, -list-map-keys; src/rest/openapi.ts)
// and the strategic merge patch (src/rest/patch.ts).

export interface ListMeta {
  patchStrategy?: 'merge' | 'merge,retainKeys';
  patchMergeKey?: string;
  listType: 'map' | 'set' | 'atomic';
  listMapKeys?: string[];
}

const byName = (key: string, strategy: ListMeta['patchStrategy'] = 'merge'): ListMeta => ({ patchStrategy: strategy, patchMergeKey: key, listType: 'map', listMapKeys: [key] });
const CONDITIONS = byName('type');
const CONTAINER: Record<string, ListMeta> = {
  ports: { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] },
  env: byName('name'),
  volumeMounts: byName('mountPath'),
  volumeDevices: byName('devicePath'),
};

/** definition (upstream OpenAPI name) → list field → metadata */
export const LIST_META: Record<string, Record<string, ListMeta>> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    finalizers: { patchStrategy: 'merge', listType: 'set' },
    ownerReferences: byName('uid'),
  },
  'io.k8s.api.core.v1.PodSpec': {
    volumes: byName('name', 'merge,retainKeys'),
    initContainers: byName('name'),
    containers: byName('name'),
    ephemeralContainers: byName('name'),
    imagePullSecrets: byName('name'),
    hostAliases: byName('ip'),
    topologySpreadConstraints: { patchStrategy: 'merge', patchMergeKey: 'topologyKey', listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'] },
    schedulingGates: byName('name'),
    resourceClaims: byName('name', 'merge,retainKeys'),
    tolerations: { listType: 'atomic' },
  },
  'io.k8s.api.core.v1.Container': CONTAINER,
  'io.k8s.api.core.v1.EphemeralContainer': CONTAINER,
  'io.k8s.api.core.v1.PodStatus': {
    conditions: CONDITIONS,
    podIPs: byName('ip'),
    hostIPs: { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'atomic' },
  },
  'io.k8s.api.core.v1.ServiceAccount': { secrets: byName('name') },
  'io.k8s.api.core.v1.ServiceSpec': {
    ports: { patchStrategy: 'merge', patchMergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'] },
  },
  'io.k8s.api.core.v1.ServiceStatus': { conditions: CONDITIONS },
  'io.k8s.api.core.v1.NodeSpec': { podCIDRs: { patchStrategy: 'merge', listType: 'set' } },
  'io.k8s.api.core.v1.NodeStatus': { conditions: CONDITIONS, addresses: CONDITIONS },
  'io.k8s.api.core.v1.NamespaceStatus': { conditions: CONDITIONS },
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': { conditions: CONDITIONS },
  'io.k8s.api.apps.v1.DeploymentStatus': { conditions: CONDITIONS },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions: CONDITIONS },
  'io.k8s.api.apps.v1.StatefulSetStatus': { conditions: CONDITIONS },
  'io.k8s.api.apps.v1.DaemonSetStatus': { conditions: CONDITIONS },
  'io.k8s.api.batch.v1.JobStatus': { conditions: { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'atomic' } },
  'io.k8s.api.policy.v1.PodDisruptionBudgetStatus': { conditions: CONDITIONS },
};

/**
 * The strategic merge patch's view of the table, by field name as src/rest/patch.ts looks lists up
 * (it has no schema path): list field → merge key, and the lists of scalars merged as sets.
 */
export function mergeKeysByField(): { keys: Record<string, string>; primitives: Set<string> } {
  const keys: Record<string, string> = {};
  const primitives = new Set<string>();
  for (const fields of Object.values(LIST_META)) {
    for (const [f, m] of Object.entries(fields)) {
      if (!m.patchStrategy) continue;
      if (m.patchMergeKey) keys[f] ??= m.patchMergeKey;
      else primitives.add(f);
    }
  }
  return { keys, primitives };
}
