// Subresources served by the REST layer itself: pods/log (with follow), the scale subresource of
// the workload kinds, and SelfSubjectAccessReview (kubectl auth can-i).
import { type Cluster, type KObject, type KindInfo, EPOCH_MS } from '../engine';
import type { RequestInfo } from './request-info';
import { type Obj, type RestContext, type RestRequest, type RestResponse, type Stream, answer, fail, identity, json, notFound, parseBody, status } from './http';
import { PatchError, applyPatch } from './patch';

/**
 * POST selfsubjectaccessreviews (kubectl auth can-i): the authorizer's answer for the requester
 * (pkg/registry/authorization/selfsubjectaccessreview/rest.go), 201 with status.allowed.
 */
export function accessReview(ctx: RestContext, req: RestRequest): RestResponse {
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

export function reviewOf(body: Obj): Obj {
  return { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null, ...(body.metadata ?? {}) }, spec: body.spec ?? {} };
}


/** pods/{name}/log (pkg/registry/core/pod/rest/log.go): the container's log as text/plain; `follow=true` streams it. */
export function podLog(c: Cluster, namespace: string, name: string, q: URLSearchParams): RestResponse {
  // what the container has written by now (the model plans a program's whole output at its start)
  const opts = { container: q.get('container') ?? undefined, previous: q.get('previous') === 'true', nowMs: c.now() };
  const r = c.logs({ namespace, name }, opts);
  if (!r.ok) return fail(r.code, r.reason, r.message, r.code === 404 ? { name, kind: 'pods' } : undefined);
  const stamped = q.get('timestamps') === 'true';
  let lines = r.lines.map((l, i) => logLine(l, r.times[i], stamped));
  const tail = q.get('tailLines');
  if (tail !== null && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
  const text = lines.join('');
  if (q.get('follow') !== 'true' || opts.previous) return { code: 200, contentType: 'text/plain', body: text };
  return { code: 200, contentType: 'text/plain', body: '', watch: new LogStream(c, namespace, name, r.container, r.containerId, r.lines.length, text, stamped) };
}

/**
 * One line as the kubelet's log reader writes it: with `timestamps`, the CRI log's time first, in
 * RFC 3339 with nine fraction digits (pkg/kubelet/kuberuntime/logs/logs.go timeFormatOut).
 */
function logLine(text: string, atMs: number, stamped: boolean): string {
  if (!stamped) return `${text}\n`;
  const iso = new Date(EPOCH_MS + atMs).toISOString(); // 2025-01-01T00:00:05.123Z
  return `${iso.slice(0, 23)}000000Z ${text}\n`;
}

/**
 * `kubectl logs -f`: what the container writes from now on, until it stops (the kubelet's
 * follow reader ends at the container's exit, pkg/kubelet/kuberuntime/logs) or the pod goes.
 */
export class LogStream implements Stream {
  ended = false;
  constructor(
    private readonly c: Cluster,
    private readonly namespace: string,
    private readonly name: string,
    private readonly container: string,
    private readonly containerId: string,
    private sent: number,
    private readonly first: string,
    private readonly stamped = false,
  ) {}
  start(): string[] {
    return this.first ? [this.first] : [];
  }
  poll(): string[] {
    if (this.ended) return [];
    const r = this.c.logs({ namespace: this.namespace, name: this.name }, { container: this.container, nowMs: this.c.now() });
    if (!r.ok || r.containerId !== this.containerId) {
      this.ended = true;
      return [];
    }
    const fresh = r.lines.slice(this.sent).map((l, i) => logLine(l, r.times[this.sent + i], this.stamped).slice(0, -1));
    this.sent = r.lines.length;
    const pod = this.c.get('Pod', this.namespace, this.name);
    const statuses = [...(((pod?.status as Obj | undefined)?.containerStatuses as Obj[] | undefined) ?? []), ...(((pod?.status as Obj | undefined)?.initContainerStatuses as Obj[] | undefined) ?? [])];
    const st = statuses.find((s) => s.name === this.container);
    if (!pod || st?.state?.terminated) this.ended = true;
    return fresh.length ? [fresh.map((l) => `${l}\n`).join('')] : [];
  }
}

/** autoscaling/v1 Scale of a Deployment, ReplicaSet or StatefulSet (pkg/registry/apps/deployment/storage ScaleREST). */
export function scaleOf(o: KObject): Obj {
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

export function scale(ctx: RestContext, req: RestRequest, info: RequestInfo, kind: KindInfo, namespace: string): RestResponse {
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

