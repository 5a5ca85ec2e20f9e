#!/usr/bin/env node
// Generates src/rest/openapi-schemas.json, the `components.schemas` the apiserver serves under
// /openapi/v3 (src/rest/openapi.ts), from the same source as the editor's schema: the kubernetes-types
// declarations, walked by scripts/gen-k8s-schema.mjs. Converted to OpenAPI v3 as kube-apiserver
// publishes it (api/openapi-spec/v3/*.json): definitions named io.k8s.api.core.v1.Pod, …, a field
// of a named type is `allOf: [{$ref}]` beside its description, integers are `integer`, Quantity and
// IntOrString are `oneOf` (their OpenAPIV3OneOfTypes), Time is a `date-time` string. The
// x-kubernetes-group-version-kind and list extensions are added at run time (src/rest/openapi.ts,
// src/rest/patch-meta.ts).
//
//   node scripts/gen-openapi-schemas.mjs          write the file
//   node scripts/gen-openapi-schemas.mjs --check  exit 1 if the committed file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './gen-k8s-schema.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'src/rest/openapi-schemas.json');

/** kubernetes-types module → the Go package the upstream definition names carry */
function upstreamName(key) {
  const i = key.lastIndexOf('.');
  const mod = key.slice(0, i);
  const name = key.slice(i + 1);
  const pkg = { 'meta.v1': 'io.k8s.apimachinery.pkg.apis.meta.v1', runtime: 'io.k8s.apimachinery.pkg.runtime', 'api.resource': 'io.k8s.apimachinery.pkg.api.resource' }[mod] ?? `io.k8s.api.${mod}`;
  return `${pkg}.${name}`;
}

// The `+enum` string types of staging/src/k8s.io/api/{core,apps,batch,policy}/v1/types.go (their
// declared constants, sorted as kube-openapi writes them): kubernetes-types keeps neither the enum
// nor the "Possible enum values" text, and `kubectl explain` prints them (`enum: Recreate, RollingUpdate`).
const PROTOCOL = ['SCTP', 'TCP', 'UDP'];
const EFFECT = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
const CONTAINER = { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['FallbackToLogsOnError', 'File'] };
const ENUMS = {
  'io.k8s.api.core.v1.Container': CONTAINER,
  'io.k8s.api.core.v1.EphemeralContainer': CONTAINER,
  'io.k8s.api.core.v1.PodSpec': { restartPolicy: ['Always', 'Never', 'OnFailure'], dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'], preemptionPolicy: ['Never', 'PreemptLowerPriority'] },
  'io.k8s.api.core.v1.PodStatus': { phase: ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'], qosClass: ['BestEffort', 'Burstable', 'Guaranteed'] },
  'io.k8s.api.core.v1.ContainerPort': { protocol: PROTOCOL },
  'io.k8s.api.core.v1.ServicePort': { protocol: PROTOCOL },
  'io.k8s.api.core.v1.ServiceSpec': {
    type: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
    sessionAffinity: ['ClientIP', 'None'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    ipFamilyPolicy: ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
  },
  'io.k8s.api.core.v1.Taint': { effect: EFFECT },
  'io.k8s.api.core.v1.Toleration': { effect: EFFECT, operator: ['Equal', 'Exists'] },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'] },
  'io.k8s.api.core.v1.NamespaceStatus': { phase: ['Active', 'Terminating'] },
  'io.k8s.api.core.v1.NodeStatus': { phase: ['Pending', 'Running', 'Terminated'] },
  'io.k8s.api.core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'io.k8s.api.core.v1.TopologySpreadConstraint': { whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'], nodeAffinityPolicy: ['Honor', 'Ignore'], nodeTaintsPolicy: ['Honor', 'Ignore'] },
  'io.k8s.api.core.v1.SeccompProfile': { type: ['Localhost', 'RuntimeDefault', 'Unconfined'] },
  'io.k8s.api.core.v1.PodSecurityContext': { fsGroupChangePolicy: ['Always', 'OnRootMismatch'] },
  'io.k8s.api.core.v1.VolumeMount': { mountPropagation: ['Bidirectional', 'HostToContainer', 'None'] },
  'io.k8s.api.core.v1.HostPathVolumeSource': { type: ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'] },
  'io.k8s.api.core.v1.PersistentVolumeSpec': { persistentVolumeReclaimPolicy: ['Delete', 'Recycle', 'Retain'], volumeMode: ['Block', 'Filesystem'] },
  'io.k8s.api.core.v1.PersistentVolumeStatus': { phase: ['Available', 'Bound', 'Failed', 'Pending', 'Released'] },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { volumeMode: ['Block', 'Filesystem'] },
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': { phase: ['Bound', 'Lost', 'Pending'] },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: ['OnDelete', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: ['OnDelete', 'RollingUpdate'] },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.batch.v1.JobSpec': { completionMode: ['Indexed', 'NonIndexed'], podReplacementPolicy: ['Failed', 'TerminatingOrFailed'] },
  'io.k8s.api.batch.v1.PodFailurePolicyRule': { action: ['Count', 'FailIndex', 'FailJob', 'Ignore'] },
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': { operator: ['In', 'NotIn'] },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: ['AlwaysAllow', 'IfHealthyBudget'] },
};

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const ref = (name) => ({ $ref: `#/components/schemas/${name}` });

/** one schema of the editor's draft-07 form → OpenAPI v3 as kube-openapi writes it */
function convert(s, inItems = false) {
  if (!s || typeof s !== 'object') return s;
  if (s.$ref) {
    const r = ref(upstreamName(s.$ref.replace('#/definitions/', '')));
    // a struct element of a list is `allOf: [{$ref}]` with `default: {}` (builder3 for non-pointer members)
    return inItems ? { allOf: [r], default: {} } : r;
  }
  // `number | string`: intstr.IntOrString, inlined by kubernetes-types
  if (Array.isArray(s.type) && s.type.includes('number') && s.type.includes('string')) {
    return { allOf: [ref(INT_OR_STRING)], ...(s.description ? { description: s.description } : {}) };
  }
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'additionalProperties' && v === false) continue; // the apiserver's schemas leave it out
    if (k === 'enum') continue; // kubernetes-types' literal apiVersion/kind: upstream has no enum on them
    if (k === 'type' && v === 'number') out.type = 'integer'; // every number of the served kinds is an int32/int64
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, convert(p)]));
    else if (k === 'items') out.items = convert(v, true);
    else if (k === 'additionalProperties') out.additionalProperties = convert(v, true);
    else if (k === 'allOf' || k === 'anyOf') out[k] = v.map((x) => convert(x));
    else out[k] = v;
  }
  return out;
}

export function generateOpenAPI() {
  const src = generate({ aliasRefs: true });
  const schemas = {};
  for (const [key, def] of Object.entries(src.definitions)) {
    const name = upstreamName(key);
    if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') schemas[name] = { description: def.description, oneOf: [{ type: 'string' }, { type: 'number' }] };
    else if (name.endsWith('meta.v1.Time') || name.endsWith('meta.v1.MicroTime')) schemas[name] = { description: def.description, type: 'string', format: 'date-time' };
    else schemas[name] = convert(def);
  }
  for (const [def, fields] of Object.entries(ENUMS)) {
    for (const [field, values] of Object.entries(fields)) {
      const p = schemas[def]?.properties?.[field];
      if (!p || p.type !== 'string') throw new Error(`enum table: ${def}.${field} is not a string field of the served kinds`);
      p.enum = values;
    }
  }
  // staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go: the type's doc comment and OpenAPIV3OneOfTypes
  schemas[INT_OR_STRING] = {
    description: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  };
  return { $comment: `Generated by scripts/gen-openapi-schemas.mjs from ${src.$comment.replace(/^Generated by scripts\/gen-k8s-schema.mjs from /, '')}`, schemas: Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]])) };
}

export function render() {
  return `${JSON.stringify(generateOpenAPI())}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = render();
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT, 'utf8') !== text) {
      console.error(`${relative(ROOT, OUT)} is out of date: run node scripts/gen-openapi-schemas.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(OUT, text);
    console.log(`wrote ${relative(ROOT, OUT)} (${text.length} bytes)`);
  }
}
