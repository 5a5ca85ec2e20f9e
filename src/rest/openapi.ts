// /openapi/v3, reduced: the root lists one document per group version (staging/src/k8s.io/
// kube-openapi/pkg/handler3/handler.go: {"paths": {"apis/apps/v1": {"serverRelativeURL": …}}}), and
// each document has the object and collection paths of its resources with their operations and
// the `fieldValidation` query parameter on PATCH, tagged `x-kubernetes-group-version-kind`. That is
// what kubectl reads to decide that the server validates fields itself (cli-runtime
// resource/query_param_verifier_v3.go), so kubectl skips client-side schema validation. Each
// document also has the `components.schemas` its kinds reach (what `kubectl explain` reads),
// generated from kubernetes-types by scripts/gen-openapi-schemas.mjs, with the kinds'
// x-kubernetes-group-version-kind and the list extensions of src/rest/patch-meta.ts added here.
import { KINDS, type KindInfo } from '../engine';
import { groups } from './discovery';
import { LIST_META } from './patch-meta';
import GENERATED from './openapi-schemas.json';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** a stable content hash, as the real handler puts in serverRelativeURL so clients may cache it */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).toUpperCase().padStart(8, '0');
}

let root: object | undefined;
export function openapiV3Root(): object {
  return (root ??= buildRoot());
}

function buildRoot(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const g of groups()) {
    const p = gvPath(g.group, g.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash(JSON.stringify(openapiV3GroupVersion(p)))}` };
  }
  return { paths };
}

const QUERY = (name: string) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });

function operations(k: KindInfo, named: boolean): object {
  const gvk = { 'x-kubernetes-group-version-kind': { group: k.group, version: k.version, kind: k.kind } };
  const op = (action: string, params: string[] = []) => ({ ...gvk, 'x-kubernetes-action': action, parameters: params.map(QUERY), responses: {} });
  if (named) return { get: op('get'), put: op('put', ['dryRun', 'fieldManager', 'fieldValidation']), patch: op('patch', ['dryRun', 'fieldManager', 'fieldValidation', 'force']), delete: op('delete', ['dryRun', 'gracePeriodSeconds', 'propagationPolicy']) };
  return { get: op('list', ['labelSelector', 'fieldSelector', 'watch', 'resourceVersion', 'limit']), post: op('post', ['dryRun', 'fieldManager', 'fieldValidation']) };
}

/** /openapi/v3/api/v1, /openapi/v3/apis/<group>/<version>: built once per group version (they are large) */
const documents = new Map<string, object | undefined>();
export function openapiV3GroupVersion(p: string): object | undefined {
  if (!documents.has(p)) documents.set(p, buildDocument(p));
  return documents.get(p);
}

function buildDocument(p: string): object | undefined {
  const g = groups().find((x) => gvPath(x.group, x.version) === p);
  if (!g) return undefined;
  const paths: Record<string, object> = {};
  for (const k of KINDS.filter((x) => x.group === g.group && x.version === g.version)) {
    const base = k.namespaced ? `/${p}/namespaces/{namespace}/${k.resource}` : `/${p}/${k.resource}`;
    paths[base] = operations(k, false);
    paths[`${base}/{name}`] = operations(k, true);
  }
  const kinds = KINDS.filter((x) => x.group === g.group && x.version === g.version);
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.33.0' }, paths, components: { schemas: schemasFor(kinds) } };
}

type Schema = Record<string, unknown>;
const ALL_SCHEMAS = (GENERATED as { schemas: Record<string, Schema> }).schemas;
const REF = '#/components/schemas/';

/** kubernetes-types module of a kind → the upstream definition name (io.k8s.api.apps.v1.Deployment) */
export function definitionName(k: { group: string; version: string; kind: string }): string {
  return `io.k8s.api.${k.group ? k.group.split('.')[0] : 'core'}.${k.version}.${k.kind}`;
}

/** The kinds' definitions and every definition they reach, with the extensions kube-openapi adds. */
function schemasFor(kinds: KindInfo[]): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const visit = (name: string) => {
    if (name in out || !ALL_SCHEMAS[name]) return;
    const s = decorate(name, ALL_SCHEMAS[name]);
    out[name] = s;
    JSON.stringify(s, (key, v) => (key === '$ref' && typeof v === 'string' && v.startsWith(REF) ? (visit(v.slice(REF.length)), v) : v));
  };
  for (const k of kinds) visit(definitionName(k));
  for (const k of kinds) {
    const name = definitionName(k);
    if (out[name]) out[name] = { ...out[name], 'x-kubernetes-group-version-kind': [{ group: k.group, kind: k.kind, version: k.version }] };
  }
  return Object.fromEntries(Object.keys(out).sort().map((n) => [n, out[n]]));
}

/** the x-kubernetes-list-* and patch extensions on the list fields (patch-meta.ts) */
function decorate(name: string, s: Schema): Schema {
  const meta = LIST_META[name];
  if (!meta || !s.properties) return s;
  const properties = { ...(s.properties as Record<string, Schema>) };
  for (const [field, m] of Object.entries(meta)) {
    if (!properties[field]) continue;
    const ext: Schema = {};
    if (m.listMapKeys) ext['x-kubernetes-list-map-keys'] = m.listMapKeys;
    ext['x-kubernetes-list-type'] = m.listType;
    if (m.patchMergeKey) ext['x-kubernetes-patch-merge-key'] = m.patchMergeKey;
    if (m.patchStrategy) ext['x-kubernetes-patch-strategy'] = m.patchStrategy;
    properties[field] = { ...properties[field], ...ext };
  }
  return { ...s, properties };
}
