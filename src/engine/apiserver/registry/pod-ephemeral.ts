// The pods/ephemeralcontainers subresource: pkg/registry/core/pod/strategy.go
// podEphemeralContainersStrategy (only spec.ephemeralContainers of the request is taken, defaulted
// as containers are) and pkg/apis/core/validation ValidatePodEphemeralContainersUpdate /
// validateEphemeralContainers (unique names across all containers, an existing non-ephemeral
// target, no ports/probes/resources/lifecycle, no subPath, none removed or changed).
import { type FieldError, duplicate, forbidden, invalid, notFound, required } from '../validation/field-errors';
import { isDNS1123Label } from '../validation/names';
import { defaultImagePullPolicy } from './pod-defaults';

type Obj = Record<string, any>;

/** Fields of EphemeralContainerCommon that must stay unset (allowedEphemeralContainerFields is the complement). */
const DISALLOWED = ['ports', 'resources', 'resizePolicy', 'lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe', 'restartPolicy'];
const NOT_ALLOWED = 'cannot be set for an Ephemeral Container';

/** PrepareForUpdate: the stored pod with only the request's ephemeral containers, defaulted (SetDefaults_EphemeralContainer). */
export function prepareEphemeralContainersUpdate(next: Obj, old: Obj): Obj {
  const out = structuredClone(old);
  const list: Obj[] = Array.isArray(next.spec?.ephemeralContainers) ? structuredClone(next.spec.ephemeralContainers) : [];
  for (const c of list) {
    if (!c || typeof c !== 'object') continue;
    if (typeof c.image === 'string' && c.image) c.imagePullPolicy ??= defaultImagePullPolicy(c.image);
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
  }
  out.spec = { ...out.spec, ephemeralContainers: list };
  if (list.length === 0) delete out.spec.ephemeralContainers;
  return out;
}

const isSet = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'object' && Object.keys(v as object).length === 0) && v !== '';

/** validateEphemeralContainers + the update rules of ValidatePodEphemeralContainersUpdate. */
export function validatePodEphemeralContainersUpdate(next: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const path = 'spec.ephemeralContainers';
  const list: Obj[] = next.spec?.ephemeralContainers ?? [];
  const others = new Set<string>([...(next.spec?.containers ?? []), ...(next.spec?.initContainers ?? [])].map((c: Obj) => c.name));
  const all = new Set(others);
  const volumes = new Set<string>((next.spec?.volumes ?? []).map((v: Obj) => v.name));
  list.forEach((ec, i) => {
    const p = `${path}[${i}]`;
    if (!ec.name) errs.push(required(`${p}.name`));
    else {
      for (const m of isDNS1123Label(String(ec.name))) errs.push(invalid(`${p}.name`, ec.name, m));
      if (all.has(ec.name)) errs.push(duplicate(`${p}.name`, ec.name));
      else all.add(ec.name);
    }
    if (!ec.image) errs.push(required(`${p}.image`));
    if (ec.targetContainerName && !others.has(ec.targetContainerName)) errs.push(notFound(`${p}.targetContainerName`, ec.targetContainerName));
    for (const f of DISALLOWED) if (isSet(ec[f])) errs.push(forbidden(`${p}.${f}`, NOT_ALLOWED));
    (ec.volumeMounts ?? []).forEach((vm: Obj, j: number) => {
      if (vm.subPath) errs.push(forbidden(`${p}.volumeMounts[${j}].subPath`, NOT_ALLOWED));
      if (vm.subPathExpr) errs.push(forbidden(`${p}.volumeMounts[${j}].subPathExpr`, NOT_ALLOWED));
      if (vm.name && !volumes.has(vm.name)) errs.push(notFound(`${p}.volumeMounts[${j}].name`, vm.name));
    });
  });
  // existing ephemeral containers may not be removed or changed (the messages end with a newline upstream)
  const byName = new Map(list.map((c, i) => [c.name, i]));
  for (const o of (old.spec?.ephemeralContainers ?? []) as Obj[]) {
    const i = byName.get(o.name);
    if (i === undefined) errs.push(forbidden(path, `existing ephemeral containers "${o.name}" may not be removed\n`));
    else if (JSON.stringify(sorted(o)) !== JSON.stringify(sorted(list[i]))) errs.push(forbidden(`${path}[${i}]`, `existing ephemeral containers "${o.name}" may not be changed\n`));
  }
  return errs;
}

function sorted(o: unknown): unknown {
  if (Array.isArray(o)) return o.map(sorted);
  if (o && typeof o === 'object') return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sorted((o as Obj)[k])]));
  return o;
}
