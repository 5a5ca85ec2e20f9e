// POST /api/v1/namespaces/{ns}/pods/{name}/eviction (policy/v1 or policy/v1beta1 Eviction): the
// eviction's deleteOptions become the pod delete's options and the engine's apiserver decides
// (src/engine/apiserver/registry/pod-eviction.ts, a twin of pkg/registry/core/pod/storage/eviction.go).
// An eviction that deleted the pod answers 201 with a bare Status Success, as EvictionREST.Create
// returns &metav1.Status{Status: metav1.StatusSuccess}.
import type { Cluster, RawRequest, RequestOptions } from '../engine';
import { type Obj, type RestRequest, type RestResponse, answer, fail, identity, json, parseBody } from './http';

export function evictPod(c: Cluster, req: RestRequest, namespace: string, name: string): RestResponse {
  const parsed = parseBody(req);
  if ('error' in parsed) return parsed.error;
  const body = parsed.body as Obj | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(400, 'BadRequest', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  if (body.apiVersion && !['policy/v1', 'policy/v1beta1'].includes(body.apiVersion)) {
    return fail(400, 'BadRequest', `${body.apiVersion}, Kind=${body.kind ?? ''} is not suitable for converting to "policy/v1" in scope`);
  }
  const d = (body.deleteOptions ?? {}) as Obj;
  // propagateDryRun: the eviction's own deleteOptions.dryRun (kubectl drain --dry-run=server sends it
  // there); like every dry run here, refused rather than made for real
  if (Array.isArray(d.dryRun) && d.dryRun.length) return fail(400, 'BadRequest', 'dryRun is not supported by this server yet (Kube Orrery): the request was not made');
  const options: RequestOptions = {};
  if (d.gracePeriodSeconds !== undefined && d.gracePeriodSeconds !== null) options.gracePeriodSeconds = Number(d.gracePeriodSeconds);
  let policy = d.propagationPolicy;
  if (!policy && typeof d.orphanDependents === 'boolean') policy = d.orphanDependents ? 'Orphan' : 'Background';
  if (policy) options.propagationPolicy = policy;
  const r: RawRequest = { verb: 'create', resource: 'pods', subresource: 'eviction', namespace, name, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: body.metadata?.name ?? name, namespace } } as never };
  if (Object.keys(options).length) r.options = options;
  const res = c.request(r, identity(req));
  if (res.code >= 300) return answer(res);
  return json(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
}
