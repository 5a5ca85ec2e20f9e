// /openapi/v3, reduced: the root lists one document per group version (staging/src/k8s.io/
// kube-openapi/pkg/handler3/handler.go: {"paths": {"apis/apps/v1": {"serverRelativeURL": …}}}), and
// each document has the object and collection paths of its resources with their operations and
// the `fieldValidation` query parameter on PATCH, tagged `x-kubernetes-group-version-kind`. That is
// what kubectl reads to decide that the server validates fields itself (cli-runtime
// resource/query_param_verifier_v3.go), so kubectl skips client-side schema validation. No schemas
// are served yet (`kubectl explain` does not work).
import { KINDS, type KindInfo } from '../engine';
import { groups } from './discovery';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** a stable content hash, as the real handler puts in serverRelativeURL so clients may cache it */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).toUpperCase().padStart(8, '0');
}

export function openapiV3Root(): object {
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

/** /openapi/v3/api/v1, /openapi/v3/apis/<group>/<version> */
export function openapiV3GroupVersion(p: string): object | undefined {
  const g = groups().find((x) => gvPath(x.group, x.version) === p);
  if (!g) return undefined;
  const paths: Record<string, object> = {};
  for (const k of KINDS.filter((x) => x.group === g.group && x.version === g.version)) {
    const base = k.namespaced ? `/${p}/namespaces/{namespace}/${k.resource}` : `/${p}/${k.resource}`;
    paths[base] = operations(k, false);
    paths[`${base}/{name}`] = operations(k, true);
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.33.0' }, paths, components: { schemas: {} } };
}
