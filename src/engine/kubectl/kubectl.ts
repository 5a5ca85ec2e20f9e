// kubectl as a client actor: `apply` is GET then POST (created) or PATCH (configured) or
// nothing (unchanged), as kubectl apply does; `delete` is a DELETE. Each operation's result is
// kept as data until the Cluster facade collects it.
import type { Kernel } from '../kernel/kernel';
import type { ComponentId, Msg } from '../kernel/types';
import type { ApplyResult, KObject } from '../api/types';
import { resolveResource } from '../api/scheme';
import type { ApiResponse, Credential, RequestOptions, Verb, WatchEventType } from '../api/wire';
import { Component, type ComponentState, type Purpose, newClientState } from '../client/component';
import { LAST_APPLIED, threeWayMergePatch, withLastApplied } from './apply';
import { type KubectlDebugMsg, debugPatch, ephemeralContainer } from './debug';
import { type Cascade, deleteOptionsFor } from './delete';

export const KUBECTL = 'kubectl';

/** kubeadm's admin.conf identity (since 1.29 the group is kubeadm:cluster-admins, bound to cluster-admin by RBAC). */
export const DEFAULT_KUBECTL_USER: Credential = { user: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] };

interface KubectlState extends ComponentState {
  results: Record<number, ApplyResult>;
  /** answers to raw requests (KUBECTL_REQUEST), until the Cluster facade collects them; absent until the first one */
  responses?: Record<number, ApiResponse>;
}

/**
 * One REST request as the real kubectl sends it, already decoded by src/rest: the verb the
 * apiserver's RequestInfoFactory derives from method and path, the resource and the body.
 * A `patch` body is applied by the apiserver as a JSON merge patch (src/rest turns strategic
 * merge and JSON patches into one).
 */
export interface RawRequest {
  verb: Verb;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  body?: KObject;
  options?: RequestOptions;
}

export interface KubectlRequestMsg extends Msg {
  type: 'KUBECTL_REQUEST';
  opId: number;
  request: RawRequest;
  credential: Credential;
}

export interface KubectlApplyMsg extends Msg {
  type: 'KUBECTL_APPLY';
  opId: number;
  object: KObject;
  credential: Credential;
}

export interface KubectlDeleteMsg extends Msg {
  type: 'KUBECTL_DELETE';
  opId: number;
  kind: string;
  namespace?: string;
  name: string;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  /** kubectl delete --cascade (a propagationPolicy given directly wins) */
  cascade?: Cascade;
  credential: Credential;
}

export class Kubectl extends Component<KubectlState> {
  constructor(k: Kernel) {
    super(KUBECTL, k, { client: newClientState(), results: {} }, DEFAULT_KUBECTL_USER);
  }

  /** Take the answer to a raw request, if it has come. */
  takeResponse(opId: number): ApiResponse | undefined {
    const r = this.s.responses?.[opId];
    if (r) delete this.s.responses![opId];
    return r;
  }

  /** Take the result of an operation, if it has finished. */
  takeResult(opId: number): ApplyResult | undefined {
    const r = this.s.results[opId];
    if (r) delete this.s.results[opId];
    return r;
  }

  protected onMessage(msg: Msg, _from: ComponentId): void {
    if (msg.type === 'KUBECTL_APPLY') {
      const m = msg as KubectlApplyMsg;
      const o = m.object;
      const info = resolveResource(o.kind)!;
      this.request(
        { verb: 'get', resource: info.resource, namespace: o.metadata.namespace, name: o.metadata.name, credential: m.credential },
        { kind: 'apply.get', opId: m.opId, object: o, credential: m.credential },
      );
    } else if (msg.type === 'KUBECTL_REQUEST') {
      // a raw request: sent as it came, its answer kept whole (code, object or items, Status)
      const m = msg as KubectlRequestMsg;
      this.request({ ...m.request, credential: m.credential }, { kind: 'raw', opId: m.opId });
    } else if (msg.type === 'KUBECTL_DEBUG') {
      // kubectl debug: GET the pod, then PATCH pods/ephemeralcontainers (debug.ts)
      const m = msg as KubectlDebugMsg;
      this.request({ verb: 'get', resource: 'pods', namespace: m.namespace, name: m.name, credential: m.credential }, { kind: 'debug.get', opId: m.opId, msg: m });
    } else if (msg.type === 'KUBECTL_DELETE') {
      const m = msg as KubectlDeleteMsg;
      const info = resolveResource(m.kind)!;
      const options = deleteOptionsFor(m);
      this.request(
        { verb: 'delete', resource: info.resource, namespace: m.namespace, name: m.name, options, credential: m.credential },
        { kind: 'delete', opId: m.opId, ref: { kind: info.kind, namespace: m.namespace, name: m.name } },
      );
    }
  }

  protected onResponse(p: Purpose, resp: ApiResponse): void {
    const opId = Number(p.opId);
    if (p.kind === 'raw') {
      (this.s.responses ??= {})[opId] = resp;
      return;
    }
    if (p.kind === 'apply.get') return this.afterGet(p, resp);
    if (p.kind === 'debug.get') return this.afterDebugGet(p.msg as KubectlDebugMsg, resp);
    const ref = (p.ref ?? {}) as { kind: string; namespace?: string; name: string };
    const action = p.kind === 'delete' ? 'deleted' : p.kind === 'apply.create' ? 'created' : 'configured';
    const name = resp.object?.metadata.name ?? ref.name;
    const result: ApplyResult = { ok: resp.code < 300, kind: ref.kind, name };
    if (ref.namespace) result.namespace = ref.namespace;
    if (result.ok) result.action = action;
    else if (resp.status) result.status = resp.status;
    this.s.results[opId] = result;
  }

  private afterDebugGet(m: KubectlDebugMsg, resp: ApiResponse): void {
    const ref = { kind: 'Pod', namespace: m.namespace, name: m.name };
    if (resp.code !== 200 || !resp.object) {
      this.s.results[m.opId] = { ok: false, ...ref, status: resp.status };
      return;
    }
    const body = debugPatch(resp.object, ephemeralContainer(m.options, m.options.container ?? ''));
    this.request({ verb: 'patch', resource: 'pods', subresource: 'ephemeralcontainers', namespace: m.namespace, name: m.name, body, credential: m.credential }, { kind: 'debug.patch', opId: m.opId, ref });
  }

  private afterGet(p: Purpose, resp: ApiResponse): void {
    const o = p.object as KObject;
    const credential = p.credential as Credential;
    const info = resolveResource(o.kind)!;
    const ref = { kind: info.kind, namespace: info.namespaced ? o.metadata.namespace : undefined, name: o.metadata.name };
    const modified = withLastApplied(o);
    if (resp.code === 404) {
      this.request({ verb: 'create', resource: info.resource, namespace: o.metadata.namespace, body: modified as KObject, credential }, { kind: 'apply.create', opId: p.opId, ref });
      return;
    }
    if (resp.code !== 200 || !resp.object) {
      this.s.results[Number(p.opId)] = { ok: false, ...ref, status: resp.status };
      return;
    }
    const current = resp.object as Record<string, any>;
    const lastRaw = current.metadata?.annotations?.[LAST_APPLIED];
    const original = lastRaw ? safeParse(lastRaw) : undefined;
    const patch = threeWayMergePatch(original, modified, current);
    if (Object.keys(patch).length === 0) {
      this.s.results[Number(p.opId)] = { ok: true, ...ref, action: 'unchanged' };
      return;
    }
    this.request({ verb: 'patch', resource: info.resource, namespace: o.metadata.namespace, name: o.metadata.name, body: patch as KObject, credential }, { kind: 'apply.patch', opId: p.opId, ref });
  }

  protected onWatch(_i: string, _t: WatchEventType, _o: KObject): void {}
}

function safeParse(s: string): Record<string, any> | undefined {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
