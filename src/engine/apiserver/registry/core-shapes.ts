// The known fields of the core/v1 and small-group kinds for strict decoding (see decode.ts):
// unknown fields are a 400 "strict decoding error", wrong JSON types "cannot unmarshal", a bad
// quantity or base64 value fails as the JSON decoder of resource.Quantity / []byte does.
// Deeply nested parts the simulation never reads are left open.
import { ANY, ARR, B, I, MAP, OBJ, S, type Shape, labelSelector, objectMeta, strictDecodeWith } from './decode';
import { isValidQuantity } from '../../api/quantity';
import { base64Error } from '../../api/base64';

type Obj = Record<string, any>;

const TM = { apiVersion: S, kind: S, metadata: objectMeta };
const RL = MAP('v1.ResourceList');
const STRS = ARR('[]string', S);

const port = OBJ('v1.EndpointPort', { name: S, port: I, protocol: S, appProtocol: S });
const objectRef = OBJ('v1.ObjectReference', { kind: S, namespace: S, name: S, uid: S, apiVersion: S, resourceVersion: S, fieldPath: S });
const address = OBJ('v1.EndpointAddress', { ip: S, hostname: S, nodeName: S, targetRef: objectRef });
const typedLocalRef = OBJ('v1.TypedLocalObjectReference', { apiGroup: S, kind: S, name: S });
const nodeSelector = ANY;
const limitItem = OBJ('v1.LimitRangeItem', { type: S, max: RL, min: RL, default: RL, defaultRequest: RL, maxLimitRequestRatio: RL });

const ROOTS: Record<string, Shape> = {
  Namespace: OBJ('v1.Namespace', { ...TM, spec: OBJ('v1.NamespaceSpec', { finalizers: STRS }), status: ANY }),
  ConfigMap: OBJ('v1.ConfigMap', { ...TM, data: MAP('map[string]string'), binaryData: MAP('map[string][]uint8'), immutable: B }),
  Secret: OBJ('v1.Secret', { ...TM, data: MAP('map[string][]uint8'), stringData: MAP('map[string]string'), type: S, immutable: B }),
  ServiceAccount: OBJ('v1.ServiceAccount', {
    ...TM, secrets: ARR('[]v1.ObjectReference', objectRef), imagePullSecrets: ARR('[]v1.LocalObjectReference', OBJ('v1.LocalObjectReference', { name: S })),
    automountServiceAccountToken: B,
  }),
  Lease: OBJ('v1.Lease', {
    ...TM,
    spec: OBJ('v1.LeaseSpec', {
      holderIdentity: S, leaseDurationSeconds: I, acquireTime: ANY, renewTime: ANY, leaseTransitions: I, strategy: S, preferredHolder: S,
    }),
  }),
  Event: OBJ('v1.Event', {
    ...TM, involvedObject: objectRef, reason: S, message: S, source: OBJ('v1.EventSource', { component: S, host: S }), firstTimestamp: ANY,
    lastTimestamp: ANY, count: I, type: S, eventTime: ANY, series: ANY, action: S, related: objectRef, reportingComponent: S, reportingInstance: S,
  }),
  Endpoints: OBJ('v1.Endpoints', {
    ...TM,
    subsets: ARR('[]v1.EndpointSubset', OBJ('v1.EndpointSubset', {
      addresses: ARR('[]v1.EndpointAddress', address), notReadyAddresses: ARR('[]v1.EndpointAddress', address), ports: ARR('[]v1.EndpointPort', port),
    })),
  }),
  EndpointSlice: OBJ('v1.EndpointSlice', {
    ...TM, addressType: S, ports: ARR('[]v1.EndpointPort', port),
    endpoints: ARR('[]v1.Endpoint', OBJ('v1.Endpoint', {
      addresses: STRS, conditions: OBJ('v1.EndpointConditions', { ready: B, serving: B, terminating: B }), hostname: S, targetRef: objectRef,
      deprecatedTopology: MAP('map[string]string'), nodeName: S, zone: S, hints: ANY,
    })),
  }),
  PersistentVolumeClaim: OBJ('v1.PersistentVolumeClaim', {
    ...TM, status: ANY,
    spec: OBJ('v1.PersistentVolumeClaimSpec', {
      accessModes: STRS, selector: labelSelector, resources: OBJ('v1.VolumeResourceRequirements', { limits: RL, requests: RL }), volumeName: S,
      storageClassName: S, volumeMode: S, dataSource: typedLocalRef, dataSourceRef: ANY, volumeAttributesClassName: S,
    }),
  }),
  PersistentVolume: OBJ('v1.PersistentVolume', {
    ...TM, status: ANY,
    spec: OBJ('v1.PersistentVolumeSpec', {
      capacity: RL, accessModes: STRS, claimRef: objectRef, persistentVolumeReclaimPolicy: S, storageClassName: S, mountOptions: STRS, volumeMode: S,
      nodeAffinity: OBJ('v1.VolumeNodeAffinity', { required: nodeSelector }), volumeAttributesClassName: S,
      hostPath: OBJ('v1.HostPathVolumeSource', { path: S, type: S }), local: OBJ('v1.LocalVolumeSource', { path: S, fsType: S }),
      nfs: OBJ('v1.NFSVolumeSource', { server: S, path: S, readOnly: B }), csi: ANY, gcePersistentDisk: ANY, awsElasticBlockStore: ANY,
      glusterfs: ANY, rbd: ANY, iscsi: ANY, cinder: ANY, cephfs: ANY, fc: ANY, flocker: ANY, flexVolume: ANY, azureFile: ANY, vsphereVolume: ANY,
      quobyte: ANY, azureDisk: ANY, photonPersistentDisk: ANY, portworxVolume: ANY, scaleIO: ANY, storageos: ANY,
    }),
  }),
  PriorityClass: OBJ('v1.PriorityClass', { ...TM, value: I, globalDefault: B, description: S, preemptionPolicy: S }),
  LimitRange: OBJ('v1.LimitRange', { ...TM, spec: OBJ('v1.LimitRangeSpec', { limits: ARR('[]v1.LimitRangeItem', limitItem) }) }),
  ResourceQuota: OBJ('v1.ResourceQuota', {
    ...TM, status: ANY,
    spec: OBJ('v1.ResourceQuotaSpec', { hard: RL, scopes: STRS, scopeSelector: ANY }),
  }),
  PodDisruptionBudget: OBJ('v1.PodDisruptionBudget', {
    ...TM, status: ANY,
    spec: OBJ('v1.PodDisruptionBudgetSpec', { minAvailable: ANY, selector: labelSelector, maxUnavailable: ANY, unhealthyPodEvictionPolicy: S }),
  }),
  Node: OBJ('v1.Node', {
    ...TM, status: ANY,
    spec: OBJ('v1.NodeSpec', {
      podCIDR: S, podCIDRs: STRS, providerID: S, unschedulable: B, configSource: ANY, externalID: S,
      taints: ARR('[]v1.Taint', OBJ('v1.Taint', { key: S, value: S, effect: S, timeAdded: ANY })),
    }),
  }),
};

const QUANTITY_ERR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** resource.Quantity's UnmarshalJSON on each value of the ResourceLists the kind holds. */
function quantityMaps(kind: string, o: Obj): Array<Obj | undefined> {
  switch (kind) {
    case 'PersistentVolumeClaim':
      return [o.spec?.resources?.requests, o.spec?.resources?.limits];
    case 'PersistentVolume':
      return [o.spec?.capacity];
    case 'ResourceQuota':
      return [o.spec?.hard];
    case 'LimitRange':
      return (o.spec?.limits ?? []).flatMap((l: Obj) => [l?.max, l?.min, l?.default, l?.defaultRequest, l?.maxLimitRequestRatio]);
    default:
      return [];
  }
}

export function strictDecodeCore(kind: string, version: string, obj: Obj): string | undefined {
  const root = ROOTS[kind];
  if (!root) return undefined;
  const err = strictDecodeWith(root, kind, version, obj);
  if (err) return err;
  const prefix = `${kind} in version "${version}" cannot be handled as a ${kind}`;
  for (const m of quantityMaps(kind, obj)) {
    if (!m || typeof m !== 'object') continue;
    for (const v of Object.values(m)) if (!isValidQuantity(v)) return `${prefix}: ${QUANTITY_ERR}`;
  }
  // []byte fields are base64 in JSON (encoding/json: "illegal base64 data at input byte N")
  const bytes = kind === 'Secret' ? obj.data : kind === 'ConfigMap' ? obj.binaryData : undefined;
  if (bytes && typeof bytes === 'object') {
    for (const v of Object.values(bytes)) {
      if (typeof v !== 'string') continue;
      const at = base64Error(v);
      if (at >= 0) return `${prefix}: illegal base64 data at input byte ${at}`;
    }
  }
  return undefined;
}
