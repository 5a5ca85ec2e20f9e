// The Kubernetes REST API over a Cluster, pure and synchronous: one HTTP request in (method, URL,
// headers, body), one response out, or a Stream (a watch, `logs -f`) the host feeds to the client as the clock
// moves. The path is decoded as kube-apiserver's RequestInfoFactory does (request-info.ts); reads
// are served from the store (Cluster.get/list, untraced, as the watch cache serves them); writes go
// through the engine's traced apiserver pipeline as kubectl's requests (Cluster.request), recorded in
// the input log so time travel replays them. Errors are metav1.Status bodies with the apiserver's codes
// (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/status.go).
import { type Cluster, type K8sStatus, type KObject, type KindInfo, type RawRequest, type RequestOptions, KINDS, apiVersionOf, parseFieldSelector, parseLabelSelector, matchesFields, qualifiedResource, statusFor } from '../engine';
import { requestInfo, type RequestInfo } from './request-info';
import { DISCOVERY_VERSION, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery';
import { openapiV3Root, openapiV3GroupVersion } from './openapi';
import { toTable } from './table';
import { PATCH_TYPES, PatchError, applyPatch, createMergePatch } from './patch';
import { WatchStream } from './watch';
import { PROTOBUF, decodeProtobuf } from './protobuf';

/** handlers/rest.go limitedReadBody: kube-apiserver's --max-request-bytes default for a write body (3 MiB) */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

export interface RestRequest {
  method: string;
  /** path and query, as on the request line */
  url: string;
  headers: Record<string, string | undefined>;
  body?: string;
  /** the body's bytes, for a binary (protobuf) body */
  bodyBytes?: Uint8Array;
  /** the body was cut off at MAX_REQUEST_BODY_BYTES */
  bodyTooLarge?: boolean;
}

export interface RestResponse {
  code: number;
  contentType: string;
  body: string;
  /** a stream (a watch, `logs -f`): the host writes `start()` then `poll()` chunks after each advance of the clock, until `ended` */
  watch?: Stream;
}

/** What the host feeds to a client as the clock moves. */
export interface Stream {
  start(): string[];
  poll(): string[];
  ended: boolean;
}

export interface RestContext {
  cluster: Cluster;
  /** host:port the clients reach the server at (APIVersions.serverAddressByClientCIDRs) */
  serverAddress: string;
}

type Obj = Record<string, any>;

const json = (code: number, body: unknown): RestResponse => ({ code, contentType: 'application/json', body: JSON.stringify(body) });
const status = (s: K8sStatus): RestResponse => json(s.code, s);
const fail = (code: number, reason: string, message: string, details?: K8sStatus['details']) => status(statusFor(code, reason, message, details));
/** pkg/util/notfoundhandler (kube-apiserver) and the installer's 404 for an unknown resource */
const notFoundPath = () => json(404, { ...statusFor(404, 'NotFound', 'the server could not find the requested resource'), details: {} });

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

/** the media types this server decodes (protobuf only for the kinds kubectl's generators send, protobuf.ts) */
const ACCEPTED_MEDIA = 'application/json, application/yaml, application/vnd.kubernetes.protobuf';

function parseBody(req: RestRequest): { body: unknown } | { error: RestResponse } {
  if (req.bodyTooLarge) return { error: fail(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_REQUEST_BODY_BYTES}`) };
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type === PROTOBUF) {
    try {
      return { body: decodeProtobuf(req.bodyBytes ?? new TextEncoder().encode(req.body ?? '')) };
    } catch (e) {
      return { error: fail(400, 'BadRequest', (e as Error).message) };
    }
  }
  // handlers/rest.go negotiateInputSerializer: an undecodable body type is 415 UnsupportedMediaType
  if (type && !type.includes('json') && type !== 'application/yaml') {
    return { error: fail(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED_MEDIA}`) };
  }
  const text = req.body ?? '';
  if (text.trim() === '') return { body: undefined };
  try {
    return { body: JSON.parse(text) };
  } catch (e) {
    // the JSON serializer's error as the handler wraps it (runtime/serializer/json: "couldn't get
    // version/kind; json parse error: …"), with encoding/json's words for the two common cases
    const msg = (e as Error).message;
    const at = /at position (\d+)/.exec(msg);
    const ch = at ? text[Number(at[1])] : undefined;
    const why = ch === undefined ? 'unexpected end of JSON input' : `invalid character '${ch}' looking for beginning of ${msg.startsWith('Expected property name') ? 'object key string' : 'value'}`;
    return { error: fail(400, 'BadRequest', `couldn't get version/kind; json parse error: ${why}`) };
  }
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

/**
 * POST selfsubjectaccessreviews (kubectl auth can-i): the authorizer's answer for the requester
 * (pkg/registry/authorization/selfsubjectaccessreview/rest.go), 201 with status.allowed.
 */
function accessReview(ctx: RestContext, req: RestRequest): RestResponse {
  const parsed = parseBody(req);
  if ('error' in parsed) return parsed.error;
  const body = (parsed.body ?? {}) as Obj;
  const ra = body.spec?.resourceAttributes as Obj | undefined;
  if (!ra) {
    // non-resource URLs (/healthz, /version): kubeadm's admin may; RBAC's nonResourceURLs rules are not modelled
    if (body.spec?.nonResourceAttributes) {
      const admin = !identity(req);
      return json(201, { ...reviewOf(body), status: admin ? { allowed: true, reason: 'allowed: member of the privileged group system:masters' } : { allowed: false } });
    }
    return fail(422, 'Invalid', 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
  }
  const d = ctx.cluster.accessReview({ verb: String(ra.verb ?? ''), resource: String(ra.resource ?? ''), group: ra.group ?? '', subresource: ra.subresource, namespace: ra.namespace, name: ra.name }, identity(req));
  const status: Obj = { allowed: d.allowed };
  if (d.reason) status.reason = d.reason;
  return json(201, { ...reviewOf(body), status });
}

function reviewOf(body: Obj): Obj {
  return { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null, ...(body.metadata ?? {}) }, spec: body.spec ?? {} };
}

function resource(ctx: RestContext, req: RestRequest, info: RequestInfo, q: URLSearchParams): RestResponse {
  if (info.apiGroup === 'authorization.k8s.io' && info.apiVersion === 'v1' && info.resource === 'selfsubjectaccessreviews' && !info.name) {
    return info.verb === 'create' ? accessReview(ctx, req) : fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
  const kind = kindFor(info);
  if (!kind) return notFoundPath();
  if (!info.verb) return fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  // namespaces/{name}: the namespace is the object itself
  const namespace = kind.namespaced ? info.namespace || undefined : undefined;
  if (kind.namespaced && !namespace && info.name) return notFoundPath();
  const c = ctx.cluster;
  const sub = info.subresource;
  if (sub === 'log' && kind.kind === 'Pod' && info.verb === 'get') return podLog(c, namespace!, info.name, q);
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
      if (sub === 'eviction') return fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return answer(c.request(r, identity(req)));
    }
    case 'patch':
      return patch(ctx, req, kind, namespace, info.name, sub);
    case 'delete':
      return del(c, req, kind, namespace, info.name, q);
    case 'deletecollection': {
      if (kind.resource === 'namespaces') return fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      const items = c.list(kind.kind, namespace, q.get('labelSelector') ?? undefined);
      const deleted: KObject[] = [];
      for (const o of items) {
        const r = del(c, req, kind, o.metadata.namespace, o.metadata.name, q);
        if (r.code >= 300) return r;
        deleted.push(JSON.parse(r.body));
      }
      return json(200, { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: { resourceVersion: String(c.revision()) }, items: deleted });
    }
  }
  return fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

/** `Impersonate-User` / `Impersonate-Group` (kubectl --as / --as-group); otherwise kubeadm's admin. */
function identity(req: RestRequest): { user?: string; groups?: string[] } | undefined {
  const user = req.headers['impersonate-user'];
  if (!user) return undefined;
  const groups = (req.headers['impersonate-group'] ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  return { user, groups };
}

function notFound(kind: KindInfo, name: string): K8sStatus {
  return statusFor(404, 'NotFound', `${qualifiedResource(kind)} "${name}" not found`, { name, group: kind.group || undefined, kind: kind.resource });
}

function answer(r: { code: number; object?: KObject; status?: K8sStatus }): RestResponse {
  if (r.code >= 300 || !r.object) return status(r.status ?? statusFor(r.code, '', 'unknown error'));
  return json(r.code, r.object);
}

function list(ctx: RestContext, req: RestRequest, kind: KindInfo, namespace: string | undefined, q: URLSearchParams): RestResponse {
  const bad = selectorError(q);
  if (bad) return bad;
  const c = ctx.cluster;
  const fields = parseFieldSelector(q.get('fieldSelector') ?? undefined);
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
  const r: RawRequest = { verb: 'delete', resource: kind.resource, namespace, name };
  if (Object.keys(options).length) r.options = options;
  return answer(c.request(r, identity(req)));
}

/** pods/{name}/log (pkg/registry/core/pod/rest/log.go): the container's log as text/plain; `follow=true` streams it. */
function podLog(c: Cluster, namespace: string, name: string, q: URLSearchParams): RestResponse {
  const opts = { container: q.get('container') ?? undefined, previous: q.get('previous') === 'true' };
  const r = c.logs({ namespace, name }, opts);
  if (!r.ok) return fail(r.code, r.reason, r.message, r.code === 404 ? { name, kind: 'pods' } : undefined);
  let lines = r.lines;
  const tail = q.get('tailLines');
  if (tail !== null && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
  const text = lines.map((l) => `${l}\n`).join('');
  if (q.get('follow') !== 'true' || opts.previous) return { code: 200, contentType: 'text/plain', body: text };
  return { code: 200, contentType: 'text/plain', body: '', watch: new LogStream(c, namespace, name, r.container, r.containerId, r.lines.length, text) };
}

/**
 * `kubectl logs -f`: what the container writes from now on, until it stops (the kubelet's
 * follow reader ends at the container's exit, pkg/kubelet/kuberuntime/logs) or the pod goes.
 */
class LogStream implements Stream {
  ended = false;
  constructor(
    private readonly c: Cluster,
    private readonly namespace: string,
    private readonly name: string,
    private readonly container: string,
    private readonly containerId: string,
    private sent: number,
    private readonly first: string,
  ) {}
  start(): string[] {
    return this.first ? [this.first] : [];
  }
  poll(): string[] {
    if (this.ended) return [];
    const r = this.c.logs({ namespace: this.namespace, name: this.name }, { container: this.container });
    if (!r.ok || r.containerId !== this.containerId) {
      this.ended = true;
      return [];
    }
    const fresh = r.lines.slice(this.sent);
    this.sent = r.lines.length;
    const pod = this.c.get('Pod', this.namespace, this.name);
    const statuses = [...(((pod?.status as Obj | undefined)?.containerStatuses as Obj[] | undefined) ?? []), ...(((pod?.status as Obj | undefined)?.initContainerStatuses as Obj[] | undefined) ?? [])];
    const st = statuses.find((s) => s.name === this.container);
    if (!pod || st?.state?.terminated) this.ended = true;
    return fresh.length ? [fresh.map((l) => `${l}\n`).join('')] : [];
  }
}

/** autoscaling/v1 Scale of a Deployment, ReplicaSet or StatefulSet (pkg/registry/apps/deployment/storage ScaleREST). */
function scaleOf(o: KObject): Obj {
  const m = o.metadata;
  const sel = (o.spec as Obj)?.selector?.matchLabels ?? {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: Number((o.spec as Obj)?.replicas ?? 0) },
    status: { replicas: Number((o.status as Obj)?.replicas ?? 0), selector: Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',') },
  };
}

function scale(ctx: RestContext, req: RestRequest, info: RequestInfo, kind: KindInfo, namespace: string): RestResponse {
  const c = ctx.cluster;
  const current = c.get(kind.kind, namespace, info.name);
  if (!current) return status(notFound(kind, info.name));
  if (info.verb === 'get') return json(200, scaleOf(current));
  let desired: Obj;
  if (info.verb === 'patch') {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    const parsed = parseBody(req);
    if ('error' in parsed) return parsed.error;
    try {
      desired = applyPatch(scaleOf(current), parsed.body ?? {}, type) as Obj;
    } catch (e) {
      if (e instanceof PatchError) return fail(e.code, e.code === 422 ? 'Invalid' : 'BadRequest', e.message);
      throw e;
    }
  } else if (info.verb === 'update') {
    const parsed = parseBody(req);
    if ('error' in parsed) return parsed.error;
    desired = (parsed.body ?? {}) as Obj;
  } else return fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const replicas = desired.spec?.replicas;
  const body = { spec: { replicas } } as unknown as KObject;
  const r = c.request({ verb: 'patch', resource: kind.resource, namespace, name: info.name, body }, identity(req));
  if (r.code >= 300 || !r.object) return answer(r);
  return json(200, scaleOf(r.object));
}
