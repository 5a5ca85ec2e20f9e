// Twin of pkg/apis/core/validation/validation.go (ValidatePodCreate, ValidatePodSpec,
// validateContainers, ValidatePodUpdate), reduced to the checks a hand-written Pod meets.
import { isValidQuantity, resourceValue } from '../../api/quantity';
import { type FieldError, duplicate, forbidden, invalid, notSupported, required } from '../validation/field-errors';
import { isDNS1123Label, isDNS1123Subdomain, validateObjectMeta } from '../validation/names';

type Obj = Record<string, any>;

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];

function validateResources(r: Obj | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!r || typeof r !== 'object') return errs;
  for (const kind of ['limits', 'requests'] as const) {
    for (const [name, q] of Object.entries((r[kind] ?? {}) as Obj)) {
      if (!isValidQuantity(q)) errs.push(invalid(`${path}.${kind}[${name}]`, q, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
      else if (resourceValue(name, q as string) < 0) errs.push(invalid(`${path}.${kind}[${name}]`, q, 'must be greater than or equal to 0'));
    }
  }
  for (const [name, req] of Object.entries((r.requests ?? {}) as Obj)) {
    const lim = r.limits?.[name];
    if (lim === undefined || !isValidQuantity(lim) || !isValidQuantity(req)) continue;
    if (resourceValue(name, req) > resourceValue(name, lim)) {
      errs.push(invalid(`${path}.requests`, String(req), `must be less than or equal to ${name} limit of ${lim}`));
    }
  }
  return errs;
}

function validateContainer(c: Obj, path: string, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`));
  else {
    for (const m of isDNS1123Label(String(c.name))) errs.push(invalid(`${path}.name`, c.name, m));
    if (names.has(c.name)) errs.push(duplicate(`${path}.name`, c.name));
    names.add(c.name);
  }
  if (!c.image || (typeof c.image === 'string' && !c.image.trim())) errs.push(required(`${path}.image`));
  else if (typeof c.image === 'string' && c.image !== c.image.trim()) errs.push(invalid(`${path}.image`, c.image, 'must not have leading or trailing whitespace'));
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  (Array.isArray(c.ports) ? c.ports : []).forEach((p: Obj, i: number) => {
    const pp = `${path}.ports[${i}]`;
    if (p.containerPort === undefined) errs.push(required(`${pp}.containerPort`));
    else if (!(Number.isInteger(p.containerPort) && p.containerPort >= 1 && p.containerPort <= 65535)) errs.push(invalid(`${pp}.containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'));
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
  });
  errs.push(...validateResources(c.resources, `${path}.resources`));
  return errs;
}

export function validatePodSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) errs.push(required(`${path}.containers`));
  else spec.containers.forEach((c: Obj, i: number) => errs.push(...validateContainer(c, `${path}.containers[${i}]`, names)));
  (Array.isArray(spec.initContainers) ? spec.initContainers : []).forEach((c: Obj, i: number) => {
    errs.push(...validateContainer(c, `${path}.initContainers[${i}]`, names));
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') errs.push(notSupported(`${path}.initContainers[${i}].restartPolicy`, c.restartPolicy, ['Always']));
  });
  if (!RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  if (!DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  const grace = spec.terminationGracePeriodSeconds;
  if (!Number.isInteger(grace) || grace < 0) errs.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than or equal to 0'));
  if (spec.nodeName) for (const m of isDNS1123Subdomain(String(spec.nodeName))) errs.push(invalid(`${path}.nodeName`, spec.nodeName, m));
  const volNames = new Set<string>();
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: Obj, i: number) => {
    if (!v.name) errs.push(required(`${path}.volumes[${i}].name`));
    else if (volNames.has(v.name)) errs.push(duplicate(`${path}.volumes[${i}].name`, v.name));
    else volNames.add(v.name);
  });
  return errs;
}

export function validatePodCreate(pod: Obj): FieldError[] {
  return [...validateObjectMeta(pod.metadata ?? {}, true, isDNS1123Subdomain), ...validatePodSpec(pod.spec ?? {}, 'spec')];
}

/** ValidatePodUpdate: only images, activeDeadlineSeconds, tolerations additions and a few more may change. */
export function validatePodUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validatePodCreate(next);
  const strip = (spec: Obj) => {
    const s = structuredClone(spec);
    for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete c.image;
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    delete s.terminationGracePeriodSeconds;
    return JSON.stringify(s);
  };
  if (strip(next.spec ?? {}) !== strip(old.spec ?? {})) {
    errs.push(
      forbidden(
        'spec',
        'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      ),
    );
  }
  return errs;
}
