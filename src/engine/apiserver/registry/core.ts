// Strategies for the core/v1 and small-group kinds that are plain data to the simulation:
// defaulting (pkg/apis/core/v1/defaults.go, pkg/apis/scheduling/v1/defaults.go, discovery/v1),
// create/update preparation (pkg/registry/core/<kind>/strategy.go) and validation
// (pkg/apis/core/validation/validation.go, policy/, scheduling/, discovery/, coordination/),
// reduced to the checks a manifest typically trips over. Field paths and messages are upstream's.
import { type FieldError, forbidden, invalid, notSupported, required, duplicate } from '../validation/field-errors';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, validateObjectMeta } from '../validation/names';
import { parseQuantity } from '../../api/quantity';
import { strictDecodeCore } from './core-shapes';
import { base64Encode as base64 } from '../../api/base64';
import type { Strategy } from './strategy';

type Obj = Record<string, any>;

/** core.MaxSecretSize: ConfigMaps and Secrets hold at most 1 MiB */
export const MAX_SECRET_SIZE = 1024 * 1024;
const tooLong = (field: string, max: number): FieldError => ({ type: 'FieldValueTooLong', field, detail: `must have at most ${max} bytes` });
const immutable = (field: string, value: unknown): FieldError => invalid(field, value, 'field is immutable');
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sortedKeys = (o: unknown) => (o && typeof o === 'object' ? Object.keys(o).sort() : []);

const keepStatus = (next: Obj, old: Obj) => {
  if (old.status !== undefined) next.status = old.status;
  else delete next.status;
};
const meta = (o: Obj, namespaced: boolean, nameFn = isDNS1123Subdomain) => validateObjectMeta(o.metadata ?? {}, namespaced, nameFn);

type Parts = Partial<Strategy> & { validate: (o: Obj) => FieldError[]; nameFn?: (name: string) => string[] };

/** A strategy whose validate() also checks ObjectMeta (ValidateObjectMeta with the kind's name rule). */
function strategy(kind: string, namespaced: boolean, parts: Parts): Strategy {
  const { nameFn = isDNS1123Subdomain, validate, ...rest } = parts;
  const full = (o: Obj) => [...meta(o, namespaced, nameFn), ...validate(o)];
  return {
    decode: (o, v) => strictDecodeCore(kind, v, o),
    defaults: () => [],
    prepareForCreate: () => {},
    prepareForUpdate: () => {},
    hasStatus: false,
    ...rest,
    validate: full,
    validateUpdate: rest.validateUpdate ?? full,
  };
}

// ---- validation helpers (apimachinery/pkg/util/validation)

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** validation.IsConfigMapKey */
export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(v)) errs.push(CONFIG_KEY_MSG);
  if (v === '.') errs.push("must not be '.'");
  else if (v === '..') errs.push("must not be '..'");
  else if (v.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIPv4 = (s: unknown) => typeof s === 'string' && IPV4.test(s);
const isIPv6 = (s: unknown) => typeof s === 'string' && s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s);

function quantity(v: unknown): number | undefined {
  try {
    return parseQuantity(v as string);
  } catch {
    return undefined;
  }
}

/** ValidateNonnegativeQuantity / ValidatePositiveQuantityValue */
function nonNegative(field: string, v: unknown): FieldError[] {
  const q = quantity(v);
  return q !== undefined && q < 0 ? [invalid(field, String(v), 'must be greater than or equal to 0')] : [];
}

// ---- Namespace

const namespaceStrategy = strategy('Namespace', false, {
  nameFn: isDNS1123Label,
  // SetDefaults_Namespace: the immutable name label (kubernetes.io/metadata.name)
  defaults: (o) => {
    o.metadata ??= {};
    o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
    return [];
  },
  // pkg/registry/core/namespace/strategy.go PrepareForCreate: phase Active, the "kubernetes" finalizer
  prepareForCreate: (o) => {
    o.status = { phase: 'Active' };
    const fin: string[] = Array.isArray(o.spec?.finalizers) ? o.spec.finalizers : [];
    o.spec = { ...(o.spec ?? {}), finalizers: fin.includes('kubernetes') ? fin : [...fin, 'kubernetes'] };
  },
  // spec.finalizers change only through the finalize subresource; status through /status
  prepareForUpdate: (n, o) => {
    n.spec = o.spec;
    keepStatus(n, o);
  },
  validate: (o) => {
    const errs: FieldError[] = [];
    (o.spec?.finalizers ?? []).forEach((f: string, i: number) => {
      for (const m of isQualifiedName(String(f))) errs.push(invalid(`spec.finalizers[${i}]`, f, m));
    });
    return errs;
  },
  hasStatus: true,
});

// ---- ConfigMap and Secret

function validateConfigMap(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of sortedKeys(o.data)) {
    total += String(o.data[k] ?? '').length;
    for (const m of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, k, m));
    if (o.binaryData && k in o.binaryData) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
  }
  for (const k of sortedKeys(o.binaryData)) {
    total += base64Length(String(o.binaryData[k] ?? ''));
    for (const m of isConfigMapKey(k)) errs.push(invalid(`binaryData[${k}]`, k, m));
  }
  // field.NewPath("") prints as "[]": the error is about the whole object
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('[]', MAX_SECRET_SIZE));
  return errs;
}

/** ValidateConfigMapUpdate / ValidateSecretUpdate: once immutable, data and immutable stay. */
function immutableData(n: Obj, o: Obj, fields: string[]): FieldError[] {
  if (o.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (n.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!same(n[f], o[f])) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

const configMapStrategy = strategy('ConfigMap', true, {
  validate: validateConfigMap,
  validateUpdate: (n, o) => [...meta(n, true), ...validateConfigMap(n), ...immutableData(n, o, ['data', 'binaryData'])],
});

/** The decoded length of a base64 string. */
function base64Length(s: string): number {
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.floor((s.length * 3) / 4) - pad;
}

const SECRET_TYPES_REQUIRED: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
};

function validateSecret(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of sortedKeys(o.data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, k, m));
    total += base64Length(String(o.data[k] ?? ''));
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  const type = o.type ?? 'Opaque';
  const data = o.data ?? {};
  if (type === 'kubernetes.io/service-account-token' && !o.metadata?.annotations?.['kubernetes.io/service-account.name']) {
    errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
    errs.push(required('data[username]'), required('data[password]'));
  }
  for (const key of SECRET_TYPES_REQUIRED[type] ?? []) if (!(key in data)) errs.push(required(`data[${key}]`));
  return errs;
}

const secretStrategy = strategy('Secret', true, {
  // SetDefaults_Secret; the v1 → internal conversion moves stringData into data (stringData is write-only)
  defaults: (o) => {
    const added: string[] = [];
    if (!o.type) {
      o.type = 'Opaque';
      added.push('type');
    }
    if (o.stringData && typeof o.stringData === 'object') {
      o.data = { ...(o.data ?? {}) };
      for (const [k, v] of Object.entries(o.stringData)) o.data[k] = base64(String(v));
      delete o.stringData;
    }
    return added;
  },
  validate: validateSecret,
  validateUpdate: (n, o) => {
    const errs = [...meta(n, true), ...validateSecret(n)];
    if ((n.type ?? 'Opaque') !== (o.type ?? 'Opaque')) errs.push(immutable('type', n.type));
    return [...errs, ...immutableData(n, o, ['data'])];
  },
});

// ---- ServiceAccount, Lease, Event

const serviceAccountStrategy = strategy('ServiceAccount', true, { validate: () => [] });

const leaseStrategy = strategy('Lease', true, {
  // pkg/apis/coordination/validation ValidateLeaseSpec
  validate: (o) => {
    const errs: FieldError[] = [];
    const s = o.spec ?? {};
    if (s.leaseDurationSeconds != null && s.leaseDurationSeconds <= 0) errs.push(invalid('spec.leaseDurationSeconds', s.leaseDurationSeconds, 'must be greater than 0'));
    if (s.leaseTransitions != null && s.leaseTransitions < 0) errs.push(invalid('spec.leaseTransitions', s.leaseTransitions, 'must be greater than or equal to 0'));
    return errs;
  },
});

const eventStrategy = strategy('Event', true, {
  // legacyValidateEvent (core/v1 Events without eventTime): the namespaces must agree
  validate: (o) => {
    const errs: FieldError[] = [];
    if (!o.involvedObject) return [required('involvedObject')];
    const ns = o.metadata?.namespace ?? '';
    const ins = o.involvedObject.namespace ?? '';
    if (ins === '' ? ns !== '' && ns !== 'default' : ns !== ins) errs.push(invalid('involvedObject.namespace', ins, 'does not match event.namespace'));
    if (o.type && !['Normal', 'Warning'].includes(o.type)) errs.push(notSupported('type', o.type, ['Normal', 'Warning']));
    return errs;
  },
});

// ---- Endpoints and EndpointSlice

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validatePort(errs: FieldError[], path: string, p: Obj, nameRequired: boolean): void {
  if (nameRequired && !p.name) errs.push(required(`${path}.name`));
  else if (p.name) for (const m of isDNS1123Label(p.name)) errs.push(invalid(`${path}.name`, p.name, m));
  if (p.port != null && (p.port < 1 || p.port > 65535)) errs.push(invalid(`${path}.port`, p.port, 'must be between 1 and 65535, inclusive'));
  if (p.protocol && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
}

const defaultPorts = (ports: Obj[] | undefined) => {
  for (const p of ports ?? []) if (p && typeof p === 'object') p.protocol ??= 'TCP';
};

const endpointsStrategy = strategy('Endpoints', true, {
  defaults: (o) => {
    for (const s of o.subsets ?? []) defaultPorts(s?.ports);
    return [];
  },
  validate: (o) => {
    const errs: FieldError[] = [];
    (o.subsets ?? []).forEach((s: Obj, i: number) => {
      const path = `subsets[${i}]`;
      for (const kind of ['addresses', 'notReadyAddresses']) {
        (s[kind] ?? []).forEach((a: Obj, j: number) => {
          if (!isIPv4(a.ip) && !isIPv6(a.ip)) errs.push(invalid(`${path}.${kind}[${j}].ip`, a.ip ?? '', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
        });
      }
      (s.ports ?? []).forEach((p: Obj, j: number) => validatePort(errs, `${path}.ports[${j}]`, p, (s.ports ?? []).length > 1));
    });
    return errs;
  },
});

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const endpointSliceStrategy = strategy('EndpointSlice', true, {
  defaults: (o) => {
    defaultPorts(o.ports);
    return [];
  },
  validate: (o) => validateEndpointSlice(o),
  validateUpdate: (n, o) => {
    const errs = [...meta(n, true), ...validateEndpointSlice(n)];
    if (n.addressType !== o.addressType) errs.push(immutable('addressType', n.addressType));
    return errs;
  },
});

/** pkg/apis/discovery/validation ValidateEndpointSlice, reduced. */
function validateEndpointSlice(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (!o.addressType) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(o.addressType)) errs.push(notSupported('addressType', o.addressType, ADDRESS_TYPES));
  (o.endpoints ?? []).forEach((e: Obj, i: number) => {
    const path = `endpoints[${i}].addresses`;
    if (!e.addresses?.length) errs.push(required(path, 'must contain at least 1 address'));
    (e.addresses ?? []).forEach((a: string, j: number) => {
      if (o.addressType === 'IPv4' && !isIPv4(a)) errs.push(invalid(`${path}[${j}]`, a, 'must be a valid IPv4 address'));
      if (o.addressType === 'IPv6' && !isIPv6(a)) errs.push(invalid(`${path}[${j}]`, a, 'must be a valid IPv6 address'));
    });
  });
  (o.ports ?? []).forEach((p: Obj, i: number) => validatePort(errs, `ports[${i}]`, p, false));
  return errs;
}

// ---- PersistentVolumeClaim and PersistentVolume

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function validateAccessModes(errs: FieldError[], modes: unknown, detail: string): void {
  if (!Array.isArray(modes) || modes.length === 0) {
    errs.push(required('spec.accessModes', detail));
    return;
  }
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) errs.push(forbidden('spec.accessModes', 'may not use ReadWriteOncePod with other access modes'));
}

function validatePVCSpec(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const s = o.spec ?? {};
  validateAccessModes(errs, s.accessModes, 'at least 1 access mode is required');
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) errs.push(required('spec.resources[storage]'));
  else if ((quantity(storage) ?? 0) <= 0) errs.push(invalid('spec.resources[storage]', String(storage), 'must be greater than zero'));
  if (s.volumeMode && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported('spec.volumeMode', s.volumeMode, VOLUME_MODES));
  if (s.storageClassName) for (const m of isDNS1123Subdomain(s.storageClassName)) errs.push(invalid('spec.storageClassName', s.storageClassName, m));
  return errs;
}

const pvcStrategy = strategy('PersistentVolumeClaim', true, {
  // SetDefaults_PersistentVolumeClaimSpec; the status of a new claim is Pending (SetDefaults_PersistentVolumeClaim)
  defaults: (o) => {
    const spec = (o.spec ??= {});
    if (!spec.volumeMode) {
      spec.volumeMode = 'Filesystem';
      return ['spec.volumeMode'];
    }
    return [];
  },
  prepareForCreate: (o) => {
    o.status = { phase: 'Pending' };
  },
  prepareForUpdate: keepStatus,
  validate: validatePVCSpec,
  validateUpdate: (n, o) => {
    const errs = [...meta(n, true), ...validatePVCSpec(n)];
    // ValidatePersistentVolumeClaimUpdate: only a bound claim may grow resources.requests.storage
    const bound = o.status?.phase === 'Bound';
    const a = structuredClone(n.spec ?? {});
    const b = structuredClone(o.spec ?? {});
    if (bound && a.resources?.requests && b.resources?.requests) a.resources.requests.storage = b.resources.requests.storage;
    // the PV controller binds by setting volumeName: allowed once
    if (!b.volumeName) b.volumeName = a.volumeName;
    if (b.volumeName === undefined) delete b.volumeName;
    if (!same(a, b)) errs.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
    else if (bound && (quantity(n.spec?.resources?.requests?.storage) ?? 0) < (quantity(o.spec?.resources?.requests?.storage) ?? 0)) {
      errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
    }
    return errs;
  },
  hasStatus: true,
});

const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc', 'flocker',
  'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
];
const RECLAIM = ['Delete', 'Recycle', 'Retain'];

function validatePV(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const s = o.spec ?? {};
  validateAccessModes(errs, s.accessModes, '');
  const cap = s.capacity;
  if (!cap || Object.keys(cap).length === 0) errs.push(required('spec.capacity'));
  else if (!('storage' in cap) || Object.keys(cap).length > 1) errs.push({ ...notSupported('spec.capacity', cap, ['storage']), goValue: `core.ResourceList{${Object.keys(cap).map((k) => `"${k}":resource.Quantity{…}`).join(', ')}}` });
  else if ((quantity(cap.storage) ?? 0) <= 0) errs.push(invalid('spec.capacity[storage]', String(cap.storage), 'must be greater than zero'));
  const sources = PV_SOURCES.filter((k) => s[k] != null);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  else if (sources.length > 1) errs.push(forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
  if (s.persistentVolumeReclaimPolicy && !RECLAIM.includes(s.persistentVolumeReclaimPolicy)) {
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', s.persistentVolumeReclaimPolicy, RECLAIM));
  }
  if (s.volumeMode && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported('spec.volumeMode', s.volumeMode, VOLUME_MODES));
  if (s.hostPath && !s.hostPath.path) errs.push(required('spec.hostPath.path'));
  if (s.local && !s.local.path) errs.push(required('spec.local.path'));
  if (s.local && !s.nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  return errs;
}

const pvStrategy = strategy('PersistentVolume', false, {
  // SetDefaults_PersistentVolume: Retain, Filesystem; a new volume is Pending
  defaults: (o) => {
    const spec = (o.spec ??= {});
    const added: string[] = [];
    if (!spec.persistentVolumeReclaimPolicy) (spec.persistentVolumeReclaimPolicy = 'Retain'), added.push('spec.persistentVolumeReclaimPolicy');
    if (!spec.volumeMode) (spec.volumeMode = 'Filesystem'), added.push('spec.volumeMode');
    return added;
  },
  prepareForCreate: (o) => {
    o.status = { phase: 'Pending' };
  },
  prepareForUpdate: keepStatus,
  validate: validatePV,
  validateUpdate: (n, o) => {
    const errs = [...meta(n, false), ...validatePV(n)];
    // ValidatePersistentVolumeUpdate: the volume source cannot change
    for (const k of PV_SOURCES) if ((n.spec?.[k] || o.spec?.[k]) && !same(n.spec?.[k], o.spec?.[k])) errs.push(forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
    return errs.filter((e, i) => errs.findIndex((x) => x.field === e.field && x.detail === e.detail) === i);
  },
  hasStatus: true,
});

// ---- PriorityClass (pkg/apis/scheduling)

/** scheduling.SystemPriorityClasses: the only names allowed the system- prefix, with their values */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const PREEMPTION = ['Never', 'PreemptLowerPriority'];

function validatePriorityClass(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const name = String(o.metadata?.name ?? '');
  if (name.startsWith('system-')) {
    const known = SYSTEM_PRIORITY_CLASSES[name];
    let err = '';
    if (known === undefined) err = `${name} is not a known system priority class`;
    else if (o.value !== known) err = `value of ${name} PriorityClass must be ${known}`;
    else if (o.globalDefault) err = `globalDefault of ${name} PriorityClass must be false`;
    if (err) errs.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`));
  } else if (o.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (o.preemptionPolicy && !PREEMPTION.includes(o.preemptionPolicy)) errs.push(notSupported('preemptionPolicy', o.preemptionPolicy, PREEMPTION));
  return errs;
}

const priorityClassStrategy = strategy('PriorityClass', false, {
  defaults: (o) => {
    if (o.preemptionPolicy) return [];
    o.preemptionPolicy = 'PreemptLowerPriority';
    return ['preemptionPolicy'];
  },
  validate: validatePriorityClass,
  validateUpdate: (n, o) => {
    const errs = [...meta(n, false), ...validatePriorityClass(n)];
    if (n.value !== o.value) errs.push(forbidden('value', 'may not be changed in an update.'));
    if (n.preemptionPolicy !== o.preemptionPolicy) errs.push(immutable('preemptionPolicy', n.preemptionPolicy));
    return errs;
  },
});

// ---- LimitRange and ResourceQuota

const LIMIT_TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

function validateLimitRange(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (o.spec?.limits ?? []).forEach((l: Obj, i: number) => {
    const p = `spec.limits[${i}]`;
    if (!l.type) errs.push(required(`${p}.type`));
    else if (seen.has(l.type)) errs.push(duplicate(`${p}.type`, l.type));
    seen.add(l.type);
    if (l.type === 'Pod') {
      if (l.default) errs.push(forbidden(`${p}.default`, "may not be specified when `type` is 'Pod'"));
      if (l.defaultRequest) errs.push(forbidden(`${p}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
    }
    const q = (bag: string, k: string) => quantity(l[bag]?.[k]);
    const names = new Set([...sortedKeys(l.min), ...sortedKeys(l.max), ...sortedKeys(l.default), ...sortedKeys(l.defaultRequest)]);
    for (const k of [...names].sort()) {
      const min = q('min', k);
      const max = q('max', k);
      const def = q('default', k);
      const req = q('defaultRequest', k);
      const s = (bag: string) => String(l[bag][k]);
      if (min !== undefined && max !== undefined && min > max) errs.push(invalid(`${p}.min[${k}]`, s('min'), `min value ${s('min')} is greater than max value ${s('max')}`));
      if (req !== undefined && min !== undefined && min > req) errs.push(invalid(`${p}.defaultRequest[${k}]`, s('defaultRequest'), `min value ${s('min')} is greater than default request value ${s('defaultRequest')}`));
      if (req !== undefined && max !== undefined && req > max) errs.push(invalid(`${p}.defaultRequest[${k}]`, s('defaultRequest'), `default request value ${s('defaultRequest')} is greater than max value ${s('max')}`));
      if (req !== undefined && def !== undefined && req > def) errs.push(invalid(`${p}.defaultRequest[${k}]`, s('defaultRequest'), `default request value ${s('defaultRequest')} is greater than default limit value ${s('default')}`));
      if (def !== undefined && min !== undefined && min > def) errs.push(invalid(`${p}.default[${k}]`, s('default'), `min value ${s('min')} is greater than default value ${s('default')}`));
      if (def !== undefined && max !== undefined && def > max) errs.push(invalid(`${p}.default[${k}]`, s('default'), `default value ${s('default')} is greater than max value ${s('max')}`));
    }
    if (l.type && !LIMIT_TYPES.includes(l.type) && !l.type.includes('/')) errs.push(notSupported(`${p}.type`, l.type, LIMIT_TYPES));
  });
  return errs;
}

const limitRangeStrategy = strategy('LimitRange', true, { validate: validateLimitRange });

const QUOTA_SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating', 'VolumeAttributesClass'];

function validateResourceQuota(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(o.spec?.hard)) {
    for (const m of isQualifiedName(k)) errs.push(invalid(`spec.hard[${k}]`, k, m));
    errs.push(...nonNegative(`spec.hard[${k}]`, o.spec.hard[k]));
  }
  (o.spec?.scopes ?? []).forEach((s: string) => {
    if (!QUOTA_SCOPES.includes(s)) errs.push(notSupported('spec.scopes', s, QUOTA_SCOPES));
  });
  return errs;
}

const resourceQuotaStrategy = strategy('ResourceQuota', true, {
  // pkg/registry/core/resourcequota/strategy.go: status is the quota controller's
  prepareForCreate: (o) => void delete o.status,
  prepareForUpdate: keepStatus,
  validate: validateResourceQuota,
  hasStatus: true,
});

// ---- PodDisruptionBudget (pkg/apis/policy/validation)

const PERCENT = /^[0-9]+%$/;
function intOrPercent(errs: FieldError[], field: string, v: unknown): void {
  if (v == null) return;
  if (typeof v === 'number') {
    if (v < 0) errs.push(invalid(field, v, 'must be greater than or equal to 0'));
    return;
  }
  if (!PERCENT.test(String(v))) {
    errs.push(invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
    return;
  }
  if (Number(String(v).slice(0, -1)) > 100) errs.push(invalid(field, v, 'must not be greater than 100%'));
}

const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
function validateLabelSelector(errs: FieldError[], path: string, sel: Obj | undefined): void {
  if (!sel) return;
  (sel.matchExpressions ?? []).forEach((e: Obj, i: number) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!SELECTOR_OPS.includes(e.operator)) errs.push(invalid(`${p}.operator`, e.operator ?? '', 'not a valid selector operator'));
    else if ((e.operator === 'In' || e.operator === 'NotIn') && !e.values?.length) errs.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && e.values?.length) errs.push(forbidden(`${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    for (const m of isQualifiedName(String(e.key ?? ''))) errs.push(invalid(`${p}.key`, e.key ?? '', m));
  });
}

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];
function validatePDB(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const s = o.spec ?? {};
  if (s.minAvailable != null && s.maxUnavailable != null) {
    // field.Invalid(spec, spec, …) prints the Go struct with %#v: its pointer fields are addresses
    errs.push({
      ...invalid('spec', s, 'minAvailable and maxUnavailable cannot be both set'),
      goValue: 'policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a1e020), Selector:(*v1.LabelSelector)(0xc000a1e040), MaxUnavailable:(*intstr.IntOrString)(0xc000a1e060), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}',
    });
  }
  intOrPercent(errs, 'spec.minAvailable', s.minAvailable);
  intOrPercent(errs, 'spec.maxUnavailable', s.maxUnavailable);
  validateLabelSelector(errs, 'spec.selector', s.selector);
  if (s.unhealthyPodEvictionPolicy && !EVICTION_POLICIES.includes(s.unhealthyPodEvictionPolicy)) {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', s.unhealthyPodEvictionPolicy, EVICTION_POLICIES));
  }
  return errs;
}

const pdbStrategy = strategy('PodDisruptionBudget', true, {
  // pkg/registry/policy/poddisruptionbudget/strategy.go: status reset, generation counts spec changes
  prepareForCreate: (o) => {
    o.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  prepareForUpdate: keepStatus,
  validate: validatePDB,
  hasStatus: true,
  hasGeneration: true,
});

// ---- Node (basic): pkg/apis/core/validation ValidateNode

const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
function validateNode(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  (o.spec?.taints ?? []).forEach((t: Obj, i: number) => {
    const p = `spec.taints[${i}]`;
    for (const m of isQualifiedName(String(t.key ?? ''))) errs.push(invalid(`${p}.key`, t.key ?? '', m));
    if (!t.effect) errs.push(required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
  });
  const cidr = o.spec?.podCIDR;
  if (cidr && !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(cidr) && !/^[0-9a-fA-F:]+\/\d+$/.test(cidr)) errs.push(invalid('spec.podCIDR', cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  return errs;
}

const nodeStrategy = strategy('Node', false, {
  prepareForUpdate: keepStatus,
  validate: validateNode,
  validateUpdate: (n, o) => {
    const errs = [...meta(n, false), ...validateNode(n)];
    // ValidateNodeUpdate: podCIDR may be set once
    if (o.spec?.podCIDR && n.spec?.podCIDR !== o.spec.podCIDR) errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    return errs;
  },
  hasStatus: true,
});

export const CORE_STRATEGIES: Record<string, Strategy> = {
  Namespace: namespaceStrategy,
  ConfigMap: configMapStrategy,
  Secret: secretStrategy,
  ServiceAccount: serviceAccountStrategy,
  Lease: leaseStrategy,
  Event: eventStrategy,
  Endpoints: endpointsStrategy,
  EndpointSlice: endpointSliceStrategy,
  PersistentVolumeClaim: pvcStrategy,
  PersistentVolume: pvStrategy,
  PriorityClass: priorityClassStrategy,
  LimitRange: limitRangeStrategy,
  ResourceQuota: resourceQuotaStrategy,
  PodDisruptionBudget: pdbStrategy,
  Node: nodeStrategy,
};
