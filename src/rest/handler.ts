// The Kubernetes REST API over a Cluster, pure and synchronous: one HTTP request in (method, URL,
// headers, body), one response out, or a Stream (a watch, `logs -f`) the host feeds to the client as the clock
// moves. The path is decoded as kube-apiserver's RequestInfoFactory does (request-info.ts); reads
// are served from the store (Cluster.get/list, untraced, as the watch cache serves them); writes go
// through the engine's traced apiserver pipeline as kubectl's requests (Cluster.request), recorded in
// the input log so time travel replays them. Errors are metav1.Status bodies with the apiserver's codes
// (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/status.go).
import { type Cluster, type KObject, type KindInfo, type RawRequest, type RequestOptions, KINDS, apiVersionOf, matchesFields, matchesSelector, parseFieldSelector, parseLabelSelector } from '../engine';
import { requestInfo, type RequestInfo } from './request-info';
import { DISCOVERY_VERSION, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery';
import { openapiV3Root, openapiV3GroupVersion } from './openapi';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, wantsAggregated } from './discovery-aggregated';
import { toTable } from './table';
import { PATCH_TYPES, PatchError, applyPatch, createMergePatch } from './patch';
import { WatchStream } from './watch';
import { type Obj, type RestContext, type RestRequest, type RestResponse, answer, fail, identity, json, notFound, notFoundPath, parseBody, status } from './http';
import { accessReview, podLog, scale } from './subresources';
import { serverSideApply } from './apply';
import { evictPod } from './eviction';
import { podExecRequest } from './exec';
import { pageList } from './paging';
import { METRICS_GROUP, METRICS_VERSION, metrics } from './metrics';

export { MAX_REQUEST_BODY_BYTES } from './http';
export type { RestContext, RestRequest, RestResponse, Stream } from './http';

export function handle(ctx: RestContext, req: RestRequest): RestResponse {
  const url = new URL(req.url, 'http://orrery.invalid');
  const path = url.pathname;
  const info = requestInfo(req.method, path, url.searchParams);
  if (!info.isResourceRequest) return nonResource(ctx, req, path);
  return resource(ctx, req, info, url.searchParams);
}

function nonResource(ctx: RestContext, req: RestRequest, path: string): RestResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/version') return json(200, DISCOVERY_VERSION);
  if (p === '/healthz' || p === '/livez' || p === '/readyz') return { code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };
  if ((p === '/api' || p === '/apis') && wantsAggregated(req.headers.accept)) return { code: 200, contentType: AGGREGATED_CONTENT_TYPE, body: JSON.stringify(aggregatedDiscovery(p === '/api')) };
  if (p === '/api') return json(200, apiVersions(ctx.serverAddress));
  if (p === '/apis') return json(200, apiGroupList());
  if (p === '/openapi/v3') return json(200, openapiV3Root());
  const oa = /^\/openapi\/v3\/(api\/v1|apis\/[^/]+\/[^/]+)$/.exec(p);
  if (oa) {
    const doc = openapiV3GroupVersion(oa[1]);
    return doc ? json(200, doc) : notFoundPath();
  }
  if (p === '/api/v1') return json(200, apiResourceList('', 'v1'));
  const g = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(p);
  if (g) {
    const doc = g[2] ? apiResourceList(g[1], g[2]) : apiGroup(g[1]);
    return doc ? json(200, doc) : notFoundPath();
  }
  return notFoundPath();
}

function kindFor(info: RequestInfo): KindInfo | undefined {
  return KINDS.find((k) => k.group === info.apiGroup && k.version === info.apiVersion && k.resource === info.resource);
}

function isTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

function selectorError(q: URLSearchParams): RestResponse | undefined {
  try {
    parseLabelSelector(q.get('labelSelector') ?? undefined);
  } catch (e) {
    return fail(400, 'BadRequest', (e as Error).message);
  }
  try {
    parseFieldSelector(q.get('fieldSelector') ?? undefined);
  } catch (e) {
    return fail(400, 'BadRequest', (e as Error).message);
  }
  return undefined;
}

function resource(ctx: RestContext, req: RestRequest, info: RequestInfo, q: URLSearchParams): RestResponse {
  if (info.apiGroup === 'authorization.k8s.io' && info.apiVersion === 'v1' && info.resource === 'selfsubjectaccessreviews' && !info.name) {
    return info.verb === 'create' ? accessReview(ctx, req) : fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
  if (info.apiGroup === METRICS_GROUP && info.apiVersion === METRICS_VERSION) return metrics(ctx.cluster, req.method, info, q);
  const kind = kindFor(info);
  if (!kind) return notFoundPath();
  if (!info.verb) return fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  // namespaces/{name}: the namespace is the object itself
  const namespace = kind.namespaced ? info.namespace || undefined : undefined;
  if (kind.namespaced && !namespace && info.name) return notFoundPath();
  const c = ctx.cluster;
  const sub = info.subresource;
  if (sub === 'log' && kind.kind === 'Pod' && info.verb === 'get') return podLog(c, namespace!, info.name, q);
  if (sub === 'exec' && kind.kind === 'Pod' && (req.method === 'GET' || req.method === 'POST')) return podExecRequest(c, req, namespace!, info.name, q);
  if (sub === 'scale' && ['Deployment', 'ReplicaSet', 'StatefulSet'].includes(kind.kind)) return scale(ctx, req, info, kind, namespace!);
  if (sub && !['status', 'ephemeralcontainers', 'finalize', 'binding', 'eviction'].includes(sub)) return notFoundPath();
  // an impersonated read (kubectl --as) goes through the pipeline, so RBAC decides it; kubeadm's
  // admin reads from the store directly (system:masters may read everything)
  const as = identity(req);
  if (as && (info.verb === 'get' || info.verb === 'list' || info.verb === 'watch')) {
    const r = c.request({ verb: info.verb === 'get' ? 'get' : 'list', resource: kind.resource, namespace, ...(info.name ? { name: info.name } : {}) }, as);
    if (r.code >= 300) return answer(r);
  }
  // dryRun=All would need the pipeline to stop before etcd; refuse rather than write for real
  if (q.has('dryRun') && ['create', 'update', 'patch', 'delete', 'deletecollection'].includes(info.verb)) {
    return fail(400, 'BadRequest', 'dryRun is not supported by this server yet (Kube Orrery): the request was not made');
  }
  switch (info.verb) {
    case 'get': {
      const o = c.get(kind.kind, namespace, info.name);
      if (!o) return status(notFound(kind, info.name));
      return isTable(req.headers.accept) ? json(200, toTable(kind.kind, [o], c.now(), undefined, { includeObject: q.get('includeObject') ?? undefined })) : json(200, o);
    }
    case 'list':
      return list(ctx, req, kind, namespace, q);
    case 'watch': {
      const bad = selectorError(q);
      if (bad) return bad;
      const timeout = Number(q.get('timeoutSeconds') ?? 0);
      const watch = new WatchStream(c, kind, {
        namespace,
        labelSelector: q.get('labelSelector') ?? undefined,
        fieldSelector: q.get('fieldSelector') ?? undefined,
        resourceVersion: q.get('resourceVersion') ?? undefined,
        table: isTable(req.headers.accept),
        includeObject: q.get('includeObject') ?? undefined,
        deadlineMs: timeout > 0 ? c.now() + timeout * 1000 : undefined,
      });
      return { code: 200, contentType: 'application/json', body: '', watch };
    }
    case 'create':
    case 'update': {
      const parsed = parseBody(req);
      if ('error' in parsed) return parsed.error;
      const body = parsed.body as Obj | undefined;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(400, 'BadRequest', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
      if (info.verb === 'update' && body.metadata?.name && body.metadata.name !== info.name) {
        return fail(400, 'BadRequest', `the name of the object (${body.metadata.name}) does not match the name on the URL (${info.name})`);
      }
      const r: RawRequest = { verb: info.verb, resource: kind.resource, namespace, body: body as KObject };
      if (sub) r.subresource = sub;
      if (info.name) r.name = info.name;
      if (sub === 'eviction') return kind.kind === 'Pod' && info.verb === 'create' ? evictPod(c, req, namespace!, info.name) : fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return answer(c.request(r, identity(req)));
    }
    case 'patch':
      if (!sub && (req.headers['content-type'] ?? '').split(';')[0].trim() === PATCH_TYPES.apply) return serverSideApply(c, req, kind, namespace, info.name, q);
      return patch(ctx, req, kind, namespace, info.name, sub);
    case 'delete':
      return del(c, req, kind, namespace, info.name, q);
    case 'deletecollection': {
      if (kind.resource === 'namespaces') return fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      const bad = selectorError(q);
      if (bad) return bad;
      // store.go DeleteCollection: the label and the field selector pick the objects
      const fields = parseFieldSelector(q.get('fieldSelector') ?? undefined);
      const items = c.list(kind.kind, namespace, q.get('labelSelector') ?? undefined).filter((o) => matchesFields(fields, o));
      const deleted: KObject[] = [];
      for (const o of items) {
        const r = del(c, req, kind, o.metadata.namespace, o.metadata.name, q);
        if (r.code >= 300) return r;
        const body = JSON.parse(r.body);
        deleted.push(body.kind === 'Status' ? o : body);
      }
      return json(200, { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: { resourceVersion: String(c.revision()) }, items: deleted });
    }
  }
  return fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

function list(ctx: RestContext, req: RestRequest, kind: KindInfo, namespace: string | undefined, q: URLSearchParams): RestResponse {
  const bad = selectorError(q);
  if (bad) return bad;
  const c = ctx.cluster;
  const fields = parseFieldSelector(q.get('fieldSelector') ?? undefined);
  if ((q.get('limit') || q.get('continue')) && typeof c.listAt === 'function') {
    // limit/continue: pages at one revision (paging.ts)
    const labels = parseLabelSelector(q.get('labelSelector') ?? undefined);
    const page = pageList(c, kind.kind, namespace, q, (o) => matchesSelector(labels, o.metadata.labels as Record<string, string> | undefined) && matchesFields(fields, o));
    if ('code' in page) return page;
    const meta: Record<string, unknown> = { resourceVersion: String(page.revision) };
    if (page.continue) meta.continue = page.continue;
    if (page.remainingItemCount !== undefined) meta.remainingItemCount = page.remainingItemCount;
    if (isTable(req.headers.accept)) return json(200, { ...toTable(kind.kind, page.items, c.now(), undefined, { includeObject: q.get('includeObject') ?? undefined }), metadata: meta });
    return json(200, { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: meta, items: page.items });
  }
  const rv = String(c.revision());
  const items = c.list(kind.kind, namespace, q.get('labelSelector') ?? undefined).filter((o) => matchesFields(fields, o));
  if (isTable(req.headers.accept)) return json(200, toTable(kind.kind, items, c.now(), rv, { includeObject: q.get('includeObject') ?? undefined }));
  return json(200, { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: { resourceVersion: rv }, items });
}

/**
 * PATCH (handlers/patch.go): the patch is applied to the object as stored now, and what it changes
 * is sent as a JSON merge patch through the apiserver's pipeline (the engine's patch verb applies a
 * merge patch to its latest copy, as patch.go's applyPatch retries on a conflict).
 */
function patch(ctx: RestContext, req: RestRequest, kind: KindInfo, namespace: string | undefined, name: string, sub: string): RestResponse {
  const c = ctx.cluster;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type === PATCH_TYPES.apply || !Object.values(PATCH_TYPES).includes(type as never)) {
    return fail(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.json}, ${PATCH_TYPES.merge}, ${PATCH_TYPES.strategic}`);
  }
  const parsed = parseBody(req);
  if ('error' in parsed) return parsed.error;
  const current = c.get(kind.kind, namespace, name);
  if (!current) return status(notFound(kind, name));
  let desired: unknown;
  try {
    desired = applyPatch(structuredClone(current), parsed.body ?? {}, type);
  } catch (e) {
    if (e instanceof PatchError) return fail(e.code, e.code === 422 ? 'Invalid' : 'BadRequest', e.message);
    throw e;
  }
  const body = createMergePatch(current, desired) as KObject;
  const r: RawRequest = { verb: 'patch', resource: kind.resource, namespace, name, body };
  if (sub) r.subresource = sub;
  return answer(c.request(r, identity(req)));
}

function del(c: Cluster, req: RestRequest, kind: KindInfo, namespace: string | undefined, name: string, q: URLSearchParams): RestResponse {
  const parsed = parseBody(req);
  if ('error' in parsed) return parsed.error;
  const body = (parsed.body ?? {}) as Obj;
  const options: RequestOptions = {};
  const grace = body.gracePeriodSeconds ?? (q.has('gracePeriodSeconds') ? Number(q.get('gracePeriodSeconds')) : undefined);
  if (grace !== undefined && grace !== null) options.gracePeriodSeconds = Number(grace);
  let policy = body.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
  // the deprecated orphanDependents (DeleteOptions): true is Orphan, false is Background
  if (!policy && typeof body.orphanDependents === 'boolean') policy = body.orphanDependents ? 'Orphan' : 'Background';
  if (policy) {
    if (!['Foreground', 'Background', 'Orphan'].includes(policy)) {
      return fail(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
    }
    options.propagationPolicy = policy;
  }
  const pre = body.preconditions as Obj | undefined;
  if (pre && (pre.uid != null || pre.resourceVersion != null)) {
    options.preconditions = {};
    if (pre.uid != null) options.preconditions.uid = String(pre.uid);
    if (pre.resourceVersion != null) options.preconditions.resourceVersion = String(pre.resourceVersion);
  }
  const r: RawRequest = { verb: 'delete', resource: kind.resource, namespace, name };
  if (Object.keys(options).length) r.options = options;
  const res = c.request(r, identity(req));
  // store.go finalizeDelete: an object gone at once is answered with a Success Status naming it,
  // except by the registries that set ReturnDeletedObject (pods, services); one still held by a
  // grace period or finalizers comes back as it is now
  const o = res.object;
  if (res.code === 200 && o && !o.metadata.deletionTimestamp && kind.kind !== 'Pod' && kind.kind !== 'Service') {
    const details: Obj = { name: o.metadata.name };
    if (kind.group) details.group = kind.group;
    Object.assign(details, { kind: kind.resource, uid: o.metadata.uid });
    return json(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details });
  }
  return answer(res);
}
