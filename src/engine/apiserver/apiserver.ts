// kube-apiserver as an actor. Twin of apiserver/pkg/server/handler chain + registry/generic/
// registry/store.go: every request passes authentication → authorization → decoding and
// defaulting → mutating admission → validation → storage in etcd, then the response. Requests
// from kubectl that write are traced stage by stage (what a learner follows); the components'
// requests run the same checks folded into one traced step. Only this actor talks to etcd.
import type { Actor, Kernel } from '../kernel/kernel';
import type { ComponentId, Msg } from '../kernel/types';
import { markShared, shareUnchanged } from '../kernel/clone';
import type { K8sStatus, KObject } from '../api/types';
import { type KindInfo, apiVersionOf, etcdKey, etcdPrefix, kindInfo, qualifiedResource, resourceInfo } from '../api/scheme';
import { parseFieldSelector, parseLabelSelector } from '../api/selectors';
import type { ApiRequest, ApiResponse, Credential, WatchEvent } from '../api/wire';
import { NETWORK_LATENCY_MS } from '../api/wire';
import type { EtcdRangeMsg, EtcdRangeResult, EtcdTxnMsg, EtcdTxnResult, EtcdWatchEvents } from '../etcd/etcd';
import { type UserInfo, authenticate } from './authn';
import { type Attributes, authorize, forbiddenMessage } from './authz';
import { bootstrapPolicy } from './rbac/bootstrap-policy';
import { systemPriorityClasses } from './admission/priority';
import type { RbacSource } from './rbac/rbac';
import { requestPath, httpMethod, statusFor } from './http';
import { type PreparedWrite, prepareWrite } from './storage';
import { type CacheEvent, MIN_REQUEST_TIMEOUT_MS, type Watcher, type WatchWindow, addToWindow, eventsAfter, listMatches, newWindow, nextBookmarkMs, tooOldMessage, watchEventFor } from './watch-cache';
import { type CompactorState, COMPACTION_INTERVAL_MS, compactRequest, compactorResult, newCompactorState } from './compactor';
import { ERR_COMPACTED, ERR_FUTURE_REV } from '../etcd/mvcc';

export const APISERVER = 'kube-apiserver';
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
/**
 * The etcd client gives up on a member that has not answered within etcd's own request timeout
 * (7 s) plus a second, and re-sends to the next --etcd-servers endpoint (clientv3's endpoint
 * balancing, reduced to a pinned endpoint that fails over in order).
 */
export const ETCD_CLIENT_TIMEOUT_MS = 8_000;
/** the etcd client's reconnect back-off for a broken watch stream (gRPC's initial backoff, 1 s) */
export const ETCD_WATCH_RETRY_MS = 1_000;
/** how often a create is evaluated again when the quotas it charges changed meanwhile */
const QUOTA_RETRIES = 5;

type Stage = 'authn' | 'authz' | 'admit' | 'validate' | 'validating_admission' | 'store' | 'folded' | 'respond';

interface Inflight {
  id: number;
  req: ApiRequest;
  from: ComponentId;
  expanded: boolean;
  user?: UserInfo;
  write?: PreparedWrite;
  /** the response, once known */
  code?: number;
  object?: KObject;
  status?: K8sStatus;
  retries: number;
  /** the etcd request in flight, where it went, and how many endpoints were tried */
  etcdMsg?: EtcdTxnMsg | EtcdRangeMsg;
  etcdMember?: ComponentId;
  etcdSeq?: number;
  etcdTries?: number;
}

export interface ApiserverState {
  nextId: number;
  inflight: Record<number, Inflight>;
  /** watch cache: etcd key → latest object */
  cache: Record<string, KObject>;
  /** how many objects `cache` holds (the seek checkpoints size themselves by it) */
  cached?: number;
  /** the cache's keys per kind, so a list walks its own kind, not every object (cacher.go keeps a store per resource) */
  kindKeys: Record<string, Record<string, 1>>;
  /** per-kind event windows (one cacher per resource) */
  windows: Record<string, WatchWindow>;
  /** the revision the cache was filled from (its etcd watch started there) */
  listRv: number;
  compactor: CompactorState;
  /** second → watcher ids due for a bookmark (cacher.go timeBucketWatchers) */
  bookmarkBuckets: Record<number, number[]>;
  /** resourceVersion of the newest event the cache has seen */
  rv: number;
  watchers: Record<number, Watcher>;
  /**
   * kind → watcher ids; pods watched with `spec.nodeName=<node>` are indexed by that node, as the
   * cacher's trigger index does (pkg/registry/core/pod/storage: NodeNameTriggerFunc), so a write
   * reaches one kubelet's watch instead of being matched against all of them.
   */
  watchIndex: Record<string, { all: number[]; byNode: Record<string, number[]> }>;
  nextWatchId: number;
  /**
   * RBAC objects, and the kinds admission plugins list (LimitRange, ResourceQuota, PriorityClass),
   * by kind → `ns/name` (or name), so authorization and admission do not scan the whole cache
   */
  rbac: Record<string, Record<string, KObject>>;
  /** ready once the bootstrap objects (namespaces, RBAC policy) are in the watch cache (readyz) */
  ready: boolean;
  bootstrapKeys: string[];
  /** requests that arrived before ready, replayed in order */
  deferred: Array<{ msg: ApiRequest; from: ComponentId }>;
  /**
   * the cluster is usable by kubectl once every bootstrap namespace has its `default`
   * ServiceAccount and `kube-root-ca.crt` ConfigMap (made by kube-controller-manager); until then
   * kubectl's requests wait, as a cluster installer waits before handing the cluster over
   */
  userReady?: boolean;
  /** a PodDisruptionBudget was stored: the controller-manager was told to start its PDB informer */
  pdbInformerStarted?: boolean;
  /** index into the --etcd-servers endpoints of the member requests and the watch go to */
  etcdPinned: number;
  etcdSeq: number;
}

const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];
/** kinds the admission plugins list (their informers): indexed like the RBAC kinds */
const ADMISSION_KINDS = ['LimitRange', 'ResourceQuota', 'PriorityClass'];
const INDEXED_KINDS = [...RBAC_KINDS, ...ADMISSION_KINDS];
/** what kubectl needs in every bootstrap namespace before its first request (see userReady) */
const USER_READY_KEYS = SYSTEM_NAMESPACES.flatMap((ns) => [`/registry/serviceaccounts/${ns}/default`, `/registry/configmaps/${ns}/kube-root-ca.crt`]);

export class ApiServer implements Actor<ApiserverState> {
  readonly id = APISERVER;
  /** the objects this apiserver encoded for its pending puts, by key (not state: a miss decodes the value) */
  private readonly twins = new Map<string, { value: string; obj: KObject }>();
  s: ApiserverState = { nextId: 1, inflight: {}, cache: {}, kindKeys: {}, windows: {}, listRv: 1, compactor: newCompactorState(), bookmarkBuckets: {}, rv: 1, watchers: {}, watchIndex: {}, nextWatchId: 1, rbac: {}, ready: false, bootstrapKeys: [], deferred: [], etcdPinned: 0, etcdSeq: 0 };

  /** `etcdServers` as --etcd-servers: the members this apiserver may talk to, in order. */
  private readonly etcdServers: ComponentId[];
  constructor(
    private readonly k: Kernel,
    etcdServers: ComponentId | ComponentId[],
  ) {
    this.etcdServers = Array.isArray(etcdServers) ? etcdServers : [etcdServers];
  }

  receive(msg: Msg, from: ComponentId): void {
    switch (msg.type) {
      case 'START':
        this.k.send(this.id, this.etcdServers[this.s.etcdPinned], { type: 'ETCD_WATCH', prefix: '/registry/', fromRevision: 1 }, 0);
        this.k.send(this.id, this.id, { type: 'BOOTSTRAP' }, 1);
        // storage/etcd3/compact.go: the first compaction round runs one interval after start
        this.k.send(this.id, this.id, { type: 'COMPACT_TICK' }, COMPACTION_INTERVAL_MS, true);
        this.k.send(this.id, this.id, { type: 'BOOKMARK_TICK' }, this.bookmarkTickMs(), true);
        return;
      case 'COMPACT_TICK':
        this.k.send(this.id, this.id, { type: 'COMPACT_TICK' }, COMPACTION_INTERVAL_MS, true);
        return this.sendCompaction(compactRequest(this.s.compactor));
      case 'BOOKMARK_TICK':
        this.k.send(this.id, this.id, { type: 'BOOKMARK_TICK' }, this.bookmarkTickMs(), true);
        return this.sendBookmarks();
      case 'WATCH_TIMEOUT':
        return this.onWatchTimeout(Number(msg.id));
      case 'BOOTSTRAP':
        return this.bootstrap();
      case 'API_REQUEST':
        return this.onRequest(msg as ApiRequest, from);
      case 'STAGE':
        return this.onStage(Number(msg.id), msg.stage as Stage);
      case 'ETCD_TXN_RESULT':
        return this.onTxnResult(msg as EtcdTxnResult);
      case 'ETCD_RANGE_RESULT':
        return this.onRangeResult(msg as EtcdRangeResult);
      case 'ETCD_WATCH_EVENTS':
        return this.onEtcdEvents(msg as EtcdWatchEvents);
      case 'ETCD_CLIENT_TIMEOUT':
        return this.onEtcdClientTimeout(Number(msg.id), Number(msg.seq));
      case 'ETCD_WATCH_CLOSED':
        // the stream ended: reconnect after the client's back-off (a background retry, like a timer guard)
        if (from === this.etcdServers[this.s.etcdPinned]) this.k.send(this.id, this.id, { type: 'ETCD_WATCH_RETRY', member: from }, ETCD_WATCH_RETRY_MS, true);
        return;
      case 'ETCD_WATCH_RETRY':
        return this.onEtcdWatchRetry(String(msg.member));
    }
  }

  /** Read the watch cache (for the Cluster facade's get/list, which are not traced requests). */
  cached(key: string): KObject | undefined {
    return this.s.cache[key];
  }

  /**
   * Post-start hooks: the bootstrap controller creates the system namespaces
   * (pkg/controlplane/controller) and rbac/bootstrap-roles stores the default policy. Clients
   * are held until both are in the watch cache.
   */
  private bootstrap(): void {
    const objects: KObject[] = [
      ...SYSTEM_NAMESPACES.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } }) as KObject),
      ...bootstrapPolicy(),
      // post-start hook scheduling/bootstrap-system-priority-classes
      ...systemPriorityClasses(),
    ];
    objects.forEach((body, i) => {
      const info = kindInfo(body.kind);
      this.s.bootstrapKeys.push(etcdKey(info!, undefined, body.metadata.name));
      const msg: ApiRequest = { type: 'API_REQUEST', reqId: -1 - i, verb: 'create', resource: info!.resource, body, credential: { user: 'system:apiserver', groups: ['system:masters'] }, ambient: true };
      this.onRequest(msg, this.id);
    });
  }

  private checkReady(): void {
    if (this.s.ready && !this.s.userReady && USER_READY_KEYS.every((k) => this.s.cache[k])) {
      this.s.userReady = true;
      const held = this.s.deferred;
      this.s.deferred = [];
      for (const d of held) this.k.send(d.from, this.id, d.msg, 0);
    }
    if (this.s.ready || !this.s.bootstrapKeys.every((k) => this.s.cache[k])) return;
    this.s.ready = true;
    this.k.trace({ type: 'apiserver.ready', key: 'apiserver.ready', params: { objects: this.s.bootstrapKeys.length }, ambient: true });
    const held = this.s.deferred;
    this.s.deferred = held.filter((d) => d.from === 'kubectl');
    for (const d of held) if (d.from !== 'kubectl') this.k.send(d.from, this.id, d.msg, 0);
  }

  /**
   * What the authorizer chain answers for a credential and request attributes, as of the watch
   * cache now (the SelfSubjectAccessReview REST's check, registry/authorization/selfsubjectaccessreview);
   * a read of state: no message, no trace.
   */
  review(credential: Credential, attrs: Attributes): { allowed: boolean; reason: string } {
    const user = authenticate(credential);
    if (!user) return { allowed: false, reason: '' };
    return authorize(user, attrs, this.rbacSource());
  }

  /** RBAC objects for the authorizer, from the watch cache. */
  private rbacSource(): RbacSource {
    const r = this.s.rbac;
    return {
      clusterRoleBindings: () => Object.values(r.ClusterRoleBinding ?? {}),
      roleBindings: (ns) => Object.entries(r.RoleBinding ?? {}).filter(([k]) => k.startsWith(`${ns}/`)).map(([, o]) => o),
      clusterRole: (name) => r.ClusterRole?.[name],
      role: (ns, name) => r.Role?.[`${ns}/${name}`],
    };
  }

  private onRequest(req: ApiRequest, from: ComponentId): void {
    if ((!this.s.ready && from !== this.id) || (from === 'kubectl' && !this.s.userReady)) {
      this.s.deferred.push({ msg: req, from });
      return;
    }
    const id = this.s.nextId++;
    const isWrite = req.verb === 'create' || req.verb === 'update' || req.verb === 'patch' || req.verb === 'delete';
    const inf: Inflight = { id, req, from, expanded: from === 'kubectl' && isWrite, retries: 0 };
    this.s.inflight[id] = inf;
    const info = resourceInfo(req.resource);
    this.k.trace({
      type: 'apiserver.request',
      key: 'apiserver.request',
      params: {
        verb: req.verb,
        method: httpMethod(req),
        path: requestPath(req, info),
        user: req.credential?.user ?? '',
        resource: req.subresource ? `${req.resource}/${req.subresource}` : req.resource,
        namespace: req.namespace ?? '',
        name: req.name ?? req.body?.metadata?.name ?? '',
      },
      object: this.refOf(req),
      ambient: req.ambient || undefined,
    });
    this.next(inf, inf.expanded ? 'authn' : 'folded');
  }

  private next(inf: Inflight, stage: Stage): void {
    this.k.send(this.id, this.id, { type: 'STAGE', id: inf.id, stage }, 0);
  }

  private onStage(id: number, stage: Stage): void {
    const inf = this.s.inflight[id];
    if (!inf) return;
    switch (stage) {
      case 'authn':
        return this.stageAuthn(inf) ? this.next(inf, 'authz') : this.next(inf, 'respond');
      case 'authz':
        return this.stageAuthz(inf) ? this.next(inf, 'admit') : this.next(inf, 'respond');
      case 'admit':
        return this.stageAdmit(inf) ? this.next(inf, 'validate') : this.next(inf, 'respond');
      case 'validate':
        return this.stageValidate(inf) ? this.next(inf, 'validating_admission') : this.next(inf, 'respond');
      case 'validating_admission':
        return this.stageValidatingAdmission(inf) ? this.next(inf, 'store') : this.next(inf, 'respond');
      case 'store':
        return this.store(inf);
      case 'folded':
        return this.folded(inf);
      case 'respond':
        return this.respond(inf);
    }
  }

  private fail(inf: Inflight, st: K8sStatus): false {
    inf.code = st.code;
    inf.status = st;
    return false;
  }

  private stageAuthn(inf: Inflight, traced = true): boolean {
    const user = authenticate(inf.req.credential);
    if (traced) {
      this.k.trace({
        type: 'apiserver.authenticate',
        key: 'apiserver.authenticate',
        params: { user: user?.username ?? 'system:anonymous', groups: (user?.groups ?? []).join(','), ok: !!user },
      });
    }
    if (!user) return this.fail(inf, statusFor(401, 'Unauthorized', 'Unauthorized'));
    inf.user = user;
    return true;
  }

  private stageAuthz(inf: Inflight, traced = true): boolean {
    const req = inf.req;
    const info = resourceInfo(req.resource);
    const attrs = {
      verb: req.verb,
      resource: req.resource,
      subresource: req.subresource,
      namespace: info?.namespaced ? req.namespace : undefined,
      name: req.name,
      apiGroup: info?.group ?? '',
    };
    const d = authorize(inf.user!, attrs, this.rbacSource());
    if (traced) {
      this.k.trace({
        type: 'apiserver.authorize',
        key: 'apiserver.authorize',
        params: { user: inf.user!.username, verb: req.verb, resource: attrs.subresource ? `${req.resource}/${attrs.subresource}` : req.resource, namespace: attrs.namespace ?? '', allowed: d.allowed, reason: d.reason },
      });
    }
    if (!d.allowed) {
      const msg = forbiddenMessage(inf.user!, attrs);
      return this.fail(inf, statusFor(403, 'Forbidden', msg, { name: req.name, group: info?.group, kind: req.resource }));
    }
    return true;
  }

  /** Decode, default, mutating admission: everything that changes the object before validation. */
  private stageAdmit(inf: Inflight, traced = true): boolean {
    const w = prepareWrite(inf.req, this.s.cache, this.k, this.lister);
    inf.write = w;
    if (traced) {
      const refused = w.stage === 'admit' && !!w.status;
      this.k.trace({
        type: 'apiserver.admit',
        key: 'apiserver.admit',
        params: { ok: !refused, changed: w.defaulted.length, message: refused ? (w.status?.message ?? '') : '', plugin: refused ? (w.plugin ?? '') : '' },
        detail: { defaulted: w.defaulted, plugins: w.plugins ?? [] },
      });
    }
    if (w.status && w.stage === 'admit') return this.fail(inf, w.status);
    return true;
  }

  private stageValidate(inf: Inflight, traced = true): boolean {
    const w = inf.write!;
    const failed = w.status && w.stage === 'validate';
    if (traced) {
      this.k.trace({
        type: 'apiserver.validate',
        key: 'apiserver.validate',
        params: { ok: !failed, message: failed ? w.status!.message : '' },
        detail: failed ? { causes: w.status!.details?.causes ?? [] } : undefined,
      });
    }
    if (failed) return this.fail(inf, w.status!);
    return true;
  }

  /** Validating admission (LimitRanger, ServiceAccount, Priority, ResourceQuota last) after object validation. */
  private stageValidatingAdmission(inf: Inflight, traced = true): boolean {
    const w = inf.write!;
    const failed = !!w.status && w.stage === 'validating_admission';
    if (traced) {
      this.k.trace({
        type: 'apiserver.validating_admission',
        key: 'apiserver.validating_admission',
        params: { ok: !failed, message: failed ? w.status!.message : '', plugin: failed ? (w.plugin ?? '') : '' },
      });
    }
    if (w.status) return this.fail(inf, w.status);
    return true;
  }

  /** The admission plugins' listers: the indexed kinds, by namespace for namespaced ones. */
  private readonly lister = (kind: string, namespace?: string): KObject[] => {
    const bucket = this.s.rbac[kind] ?? {};
    if (namespace === undefined) return Object.values(bucket);
    return Object.entries(bucket).filter(([k]) => k.startsWith(`${namespace}/`)).map(([, o]) => o);
  };

  private folded(inf: Inflight): void {
    const ok = this.stageAuthn(inf, false) && this.stageAuthz(inf, false);
    if (!ok) return this.respond(inf);
    const v = inf.req.verb;
    if (v === 'get' || v === 'list' || v === 'watch') return this.read(inf);
    if (this.stageAdmit(inf, false) && this.stageValidate(inf, false) && this.stageValidatingAdmission(inf, false)) return this.store(inf);
    this.respond(inf);
  }

  private store(inf: Inflight): void {
    const w = inf.write!;
    if (w.noop) {
      inf.code = 200;
      inf.object = w.result;
      return this.next(inf, 'respond');
    }
    const m: EtcdTxnMsg = {
      type: 'ETCD_TXN',
      txnId: inf.id,
      compares: [{ key: w.key, modRevision: w.expectModRevision }, ...(w.compares ?? [])],
      ops: w.ops,
      object: this.refOf(inf.req, w.result),
      value: w.result,
      ambient: inf.req.ambient,
      // Raft's propose/append/commit are story steps for the writes a learner makes with kubectl;
      // for the components' constant writes they are background pulses
      quietRaft: !inf.expanded || undefined,
    };
    inf.etcdTries = 0;
    if (w.twin) {
      const put = w.ops.find((o) => o.op === 'put' && o.key === w.key);
      if (put && put.op === 'put') this.twins.set(w.key, { value: put.value, obj: w.twin });
    }
    this.sendEtcd(inf, m);
  }

  /** Send to the pinned member and arm the client timeout. */
  private sendEtcd(inf: Inflight, m: EtcdTxnMsg | EtcdRangeMsg): void {
    const member = this.etcdServers[this.s.etcdPinned];
    const seq = ++this.s.etcdSeq;
    Object.assign(inf, { etcdMsg: m, etcdMember: member, etcdSeq: seq, etcdTries: (inf.etcdTries ?? 0) + 1 });
    this.k.send(this.id, member, m, NETWORK_LATENCY_MS);
    // a guard, not work: periodic, so runUntilIdle does not wait 8 s for timers of answered requests;
    // with a single endpoint there is nowhere to fail over to, and the request times out (504)
    this.k.send(this.id, this.id, { type: 'ETCD_CLIENT_TIMEOUT', id: inf.id, seq }, ETCD_CLIENT_TIMEOUT_MS, true);
  }

  /** No answer from the member: fail over to the next endpoint (and move the watch there), then re-send. */
  private onEtcdClientTimeout(id: number, seq: number): void {
    const inf = this.s.inflight[id];
    if (!inf || inf.etcdSeq !== seq || !inf.etcdMsg) return;
    if ((inf.etcdTries ?? 0) >= this.etcdServers.length) {
      // every endpoint tried: the request's context runs out (apiserver filters/timeout.go)
      this.fail(inf, statusFor(504, 'Timeout', 'Timeout: request did not complete within requested timeout - context deadline exceeded'));
      return this.respond(inf);
    }
    if (this.etcdServers[this.s.etcdPinned] === inf.etcdMember) this.failover();
    this.sendEtcd(inf, inf.etcdMsg);
  }

  private failover(): void {
    const old = this.etcdServers[this.s.etcdPinned];
    this.s.etcdPinned = (this.s.etcdPinned + 1) % this.etcdServers.length;
    const next = this.etcdServers[this.s.etcdPinned];
    this.k.trace({ type: 'apiserver.etcd_failover', key: 'apiserver.etcd_failover', from: old, to: next, params: { from: old, to: next, revision: this.s.rv } });
    // re-establish the watch on the new member from the last revision the cache has seen
    this.k.send(this.id, old, { type: 'ETCD_WATCH_CANCEL' }, NETWORK_LATENCY_MS);
    this.k.send(this.id, next, { type: 'ETCD_WATCH', prefix: '/registry/', fromRevision: this.s.rv }, NETWORK_LATENCY_MS);
  }

  /**
   * Resume the etcd watch from the last revision the cache has seen (clientv3 watch.go resumes a
   * broken stream): on the next endpoint when there is one, else on the same member again — a
   * member that is still down refuses it, and the retry comes round again.
   */
  private onEtcdWatchRetry(member: ComponentId): void {
    if (member !== this.etcdServers[this.s.etcdPinned]) return; // already moved on
    if (this.etcdServers.length > 1) return this.failover();
    this.k.send(this.id, member, { type: 'ETCD_WATCH', prefix: '/registry/', fromRevision: this.s.rv }, NETWORK_LATENCY_MS);
  }

  /** The compactor's CAS and Compact go straight to the pinned member; a lost one is retried next interval. */
  private sendCompaction(m: EtcdTxnMsg | undefined): void {
    if (m) this.k.send(this.id, this.etcdServers[this.s.etcdPinned], m, NETWORK_LATENCY_MS);
  }

  private onTxnResult(r: EtcdTxnResult): void {
    if (r.txnId < 0) return this.sendCompaction(compactorResult(this.s.compactor, r));
    const inf = this.s.inflight[r.txnId];
    if (!inf) return;
    const w = inf.write!;
    // a write that did not happen leaves no twin behind (a retry encodes and registers again)
    if (!r.succeeded) this.twins.delete(w.key);
    if (r.error) {
      // not a metav1.Status: the handler answers 500 with the etcd error's text (responsewriters/status.go ErrorToAPIStatus)
      this.fail(inf, statusFor(500, '', r.error));
      return this.respond(inf);
    }
    if (r.succeeded) {
      inf.code = w.successCode;
      inf.object = w.result ? { ...w.result, metadata: { ...w.result.metadata, resourceVersion: String(r.revision) } } : undefined;
      return this.respond(inf);
    }
    // ResourceQuota: another write charged the quota since admission read it; evaluate again against
    // the quota etcd returned (upstream: the quota evaluator retries a conflicting status update)
    if (r.current && r.current.key !== w.key && w.compares?.some((c) => c.key === r.current!.key)) {
      if (inf.retries >= QUOTA_RETRIES) {
        const q = decode(r.current.value, r.current.modRevision);
        this.fail(inf, statusFor(409, 'Conflict', `Operation cannot be fulfilled on resourcequotas "${q.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, { name: q.metadata.name, kind: 'resourcequotas' }));
        return this.respond(inf);
      }
      inf.retries++;
      const cache = { ...this.s.cache, [r.current.key]: decode(r.current.value, r.current.modRevision) };
      inf.write = prepareWrite(inf.req, cache, this.k, this.lister);
      if (inf.write.status) {
        this.fail(inf, inf.write.status);
        return this.respond(inf);
      }
      return this.store(inf);
    }
    // GuaranteedUpdate: an unconditional update whose cached copy was stale re-reads and retries.
    if (w.retryable && r.current && inf.retries < 3) {
      inf.retries++;
      const current = decode(r.current.value, r.current.modRevision);
      const cache = { ...this.s.cache, [w.key]: current };
      inf.write = prepareWrite(inf.req, cache, this.k, this.lister);
      if (inf.write.status) {
        this.fail(inf, inf.write.status);
        return this.respond(inf);
      }
      return this.store(inf);
    }
    inf.status = w.conflict;
    inf.code = w.conflict.code;
    this.respond(inf);
  }

  private read(inf: Inflight): void {
    const req = inf.req;
    const info = resourceInfo(req.resource);
    if (!info) {
      this.fail(inf, statusFor(404, 'NotFound', 'the server could not find the requested resource'));
      return this.respond(inf);
    }
    if (req.verb === 'get') {
      if (inf.from === 'kubectl') {
        // a quorum read goes to etcd (kubectl get without resourceVersion)
        inf.etcdTries = 0;
        this.sendEtcd(inf, { type: 'ETCD_RANGE', txnId: inf.id, key: etcdKey(info, req.namespace, req.name ?? '') });
        return;
      }
      const o = this.s.cache[etcdKey(info, req.namespace, req.name ?? '')];
      if (o) Object.assign(inf, { code: 200, object: o });
      else this.fail(inf, notFound(info, req.name ?? ''));
      return this.respond(inf);
    }
    let labels, fields;
    try {
      labels = parseLabelSelector(req.options?.labelSelector);
      fields = parseFieldSelector(req.options?.fieldSelector);
    } catch (e) {
      this.fail(inf, statusFor(400, 'BadRequest', String((e as Error).message)));
      return this.respond(inf);
    }
    if (req.verb === 'list' && req.options?.resourceVersionMatch === 'Exact' && Number(req.options.resourceVersion) > 0) {
      // an exact-revision list is not served from the cache: etcd ranges at that revision (cacher.go delegates)
      inf.etcdTries = 0;
      this.sendEtcd(inf, { type: 'ETCD_RANGE', txnId: inf.id, key: etcdPrefix(info, req.namespace), prefix: true, revision: Number(req.options.resourceVersion), ambient: req.ambient });
      return;
    }
    if (req.verb === 'list') {
      const prefix = info.namespaced && req.namespace ? `/registry/${info.etcdPrefix}/${req.namespace}/` : `/registry/${info.etcdPrefix}/`;
      const items: KObject[] = [];
      for (const key of Object.keys(this.s.kindKeys[info.kind] ?? {})) {
        const o = this.s.cache[key];
        if (o && key.startsWith(prefix) && listMatches({ labels, fields }, o)) items.push(o);
      }
      items.sort((a, b) => (metaKey(a) < metaKey(b) ? -1 : 1));
      return this.respondWith(inf, { code: 200, items, resourceVersion: String(this.s.rv) });
    }
    this.startWatch(inf, info, labels, fields);
  }

  private startWatch(inf: Inflight, info: KindInfo, labels: Watcher['labels'], fields: Watcher['fields']): void {
    const req = inf.req;
    const fromRv = Number(req.options?.resourceVersion ?? 0);
    const window = this.s.windows[info.kind];
    const expired = fromRv > 0 ? tooOldMessage(window, fromRv, this.s.listRv) : undefined;
    if (expired) {
      // the watch itself is accepted; the cacher's errWatcher sends one ERROR event with the Status
      // and closes (cacher.go Watch: "other errors must fail with a watch event of type ERROR")
      const watchId = this.s.nextWatchId++;
      this.respondWith(inf, { code: 200, watchId });
      const object = statusFor(410, 'Expired', expired) as unknown as KObject;
      this.k.send(this.id, inf.from, { type: 'WATCH_EVENT', watchId, eventType: 'ERROR', object } satisfies WatchEvent, NETWORK_LATENCY_MS);
      return;
    }
    const now = this.k.now();
    const timeoutMs = req.options?.timeoutSeconds
      ? req.options.timeoutSeconds * 1000
      : Math.floor(MIN_REQUEST_TIMEOUT_MS * (1 + this.k.rng('kube-apiserver/watch-timeout').int(1000) / 1000));
    const w: Watcher = {
      id: this.s.nextWatchId++, client: inf.from, kind: info.kind, namespace: info.namespaced ? req.namespace : undefined, labels, fields,
      ambient: !!req.ambient, bookmarks: !!req.options?.allowWatchBookmarks, deadlineMs: now + timeoutMs,
    };
    this.s.watchers[w.id] = w;
    this.k.send(this.id, this.id, { type: 'WATCH_TIMEOUT', id: w.id }, timeoutMs, true);
    this.scheduleBookmark(w);
    const idx = (this.s.watchIndex[w.kind] ??= { all: [], byNode: {} });
    const node = fields.find((f) => f.path === 'spec.nodeName' && f.op === '=' && f.value !== '');
    if (node) (idx.byNode[node.value] ??= []).push(w.id);
    else idx.all.push(w.id);
    this.respondWith(inf, { code: 200, watchId: w.id });
    if (fromRv > 0) {
      for (const e of eventsAfter(window, fromRv)) this.sendWatch(w, e);
      return;
    }
    // resourceVersion unset or "0": synthetic ADDED events for what the cache holds, then changes
    const prefix = etcdPrefix(info, w.namespace);
    for (const key of Object.keys(this.s.kindKeys[info.kind] ?? {})) {
      const o = this.s.cache[key];
      if (o && key.startsWith(prefix)) this.sendWatch(w, { rv: this.s.rv, type: 'PUT', kind: o.kind, obj: o });
    }
  }

  private removeWatcher(id: number): Watcher | undefined {
    const w = this.s.watchers[id];
    if (!w) return undefined;
    delete this.s.watchers[id];
    const idx = this.s.watchIndex[w.kind];
    if (idx) {
      idx.all = idx.all.filter((x) => x !== id);
      for (const [node, ids] of Object.entries(idx.byNode)) if (ids.includes(id)) idx.byNode[node] = ids.filter((x) => x !== id);
    }
    return w;
  }

  /** The watch's timeout passed: the server ends the stream and the client watches again. */
  private onWatchTimeout(id: number): void {
    const w = this.removeWatcher(id);
    if (w) this.k.send(this.id, w.client, { type: 'WATCH_CLOSED', watchId: id }, NETWORK_LATENCY_MS);
  }

  /** cacher.go dispatchEvents: the bookmark timer fires every second, jittered by up to 25 %. */
  private bookmarkTickMs(): number {
    return 1_000 + this.k.rng('kube-apiserver/bookmarks').int(250);
  }

  private scheduleBookmark(w: Watcher): void {
    const t = nextBookmarkMs(w, this.k.now());
    if (t === undefined) return;
    (this.s.bookmarkBuckets[Math.ceil(t / 1000)] ??= []).push(w.id);
  }

  /**
   * startDispatchingBookmarkEventsLocked: every watcher whose bookmark time has come gets a
   * BOOKMARK carrying only the resourceVersion the cache has reached, and is queued again.
   */
  private sendBookmarks(): void {
    const nowSec = Math.floor(this.k.now() / 1000);
    let count = 0;
    for (const sec of Object.keys(this.s.bookmarkBuckets).map(Number).filter((x) => x <= nowSec).sort((a, b) => a - b)) {
      const ids = this.s.bookmarkBuckets[sec];
      delete this.s.bookmarkBuckets[sec];
      for (const id of ids) {
        const w = this.s.watchers[id];
        if (!w) continue;
        const info = kindInfo(w.kind)!;
        const object = { apiVersion: apiVersionOf(info), kind: w.kind, metadata: { resourceVersion: String(this.s.rv) } } as KObject;
        this.k.send(this.id, w.client, { type: 'WATCH_EVENT', watchId: id, eventType: 'BOOKMARK', object } satisfies WatchEvent, NETWORK_LATENCY_MS);
        count++;
        this.scheduleBookmark(w);
      }
    }
    if (count) this.k.trace({ type: 'watch.bookmark', key: 'watch.bookmark', params: { count, resourceVersion: this.s.rv }, ambient: true });
  }

  private onRangeResult(r: EtcdRangeResult): void {
    const inf = this.s.inflight[r.txnId];
    if (!inf) return;
    const info = resourceInfo(inf.req.resource)!;
    if (inf.req.verb === 'list') return this.onListAtRevision(inf, info, r);
    if (r.error) {
      this.fail(inf, statusFor(500, '', r.error));
      return this.respond(inf);
    }
    const kv = r.kvs[0];
    if (kv) Object.assign(inf, { code: 200, object: decode(kv.value, kv.modRevision) });
    else this.fail(inf, notFound(info, inf.req.name ?? ''));
    this.respond(inf);
  }

  /** An exact-revision list from etcd (storage/etcd3/store.go GetList + errors.go interpretListError). */
  private onListAtRevision(inf: Inflight, info: KindInfo, r: EtcdRangeResult): void {
    const rv = Number(inf.req.options?.resourceVersion);
    if (r.error === ERR_COMPACTED) {
      this.fail(inf, statusFor(410, 'Expired', 'The resourceVersion for the provided list is too old.'));
      return this.respond(inf);
    }
    if (r.error === ERR_FUTURE_REV) {
      // storage.NewTooLargeResourceVersionError
      this.fail(inf, statusFor(504, 'Timeout', `Too large resource version: ${rv}, current: ${r.revision}`, { retryAfterSeconds: 1, causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }] } as K8sStatus['details']));
      return this.respond(inf);
    }
    if (r.error) {
      this.fail(inf, statusFor(500, '', r.error));
      return this.respond(inf);
    }
    let labels, fields;
    try {
      labels = parseLabelSelector(inf.req.options?.labelSelector);
      fields = parseFieldSelector(inf.req.options?.fieldSelector);
    } catch (e) {
      this.fail(inf, statusFor(400, 'BadRequest', String((e as Error).message)));
      return this.respond(inf);
    }
    const items = r.kvs.map((kv) => decode(kv.value, kv.modRevision)).filter((o) => o.kind === info.kind && listMatches({ labels, fields }, o));
    this.respondWith(inf, { code: 200, items, resourceVersion: String(rv) });
  }

  private respondWith(inf: Inflight, extra: Partial<ApiResponse>): void {
    inf.code = extra.code;
    this.respond(inf, extra);
  }

  private respond(inf: Inflight, extra: Partial<ApiResponse> = {}): void {
    delete this.s.inflight[inf.id];
    const req = inf.req;
    const code = inf.code ?? 500;
    this.k.trace({
      type: 'apiserver.response',
      key: 'apiserver.response',
      from: this.id,
      to: inf.from,
      params: {
        code,
        verb: req.verb,
        resource: req.subresource ? `${req.resource}/${req.subresource}` : req.resource,
        namespace: req.namespace ?? '',
        name: inf.object?.metadata.name ?? req.name ?? req.body?.metadata?.name ?? '',
        reason: inf.status?.reason ?? '',
        message: inf.status?.message ?? '',
        count: extra.items?.length ?? -1,
        // a graceful DELETE answers with the object marked for deletion (pod strategy CheckGracefulDelete)
        terminating: req.verb === 'delete' && !!inf.object?.metadata.deletionTimestamp,
        graceSeconds: Number(inf.object?.metadata.deletionGracePeriodSeconds ?? -1),
        // what still holds an object marked for deletion (metadata.finalizers; a namespace's spec.finalizers)
        finalizers: [...((inf.object?.metadata.finalizers as string[] | undefined) ?? []), ...(((inf.object?.spec as { finalizers?: string[] } | undefined)?.finalizers) ?? [])].join(','),
      },
      object: inf.object ? refOfObject(inf.object) : this.refOf(req),
      detail: inf.status ? { status: inf.status } : undefined,
      ambient: req.ambient || undefined,
    });
    if (inf.from === this.id) return;
    const resp: ApiResponse = { type: 'API_RESPONSE', reqId: req.reqId, code, ...extra };
    if (inf.object) resp.object = inf.object;
    if (inf.status) resp.status = inf.status;
    this.k.send(this.id, inf.from, resp, NETWORK_LATENCY_MS);
  }

  private onEtcdEvents(m: EtcdWatchEvents): void {
    if (m.events.length === 0) return;
    this.k.trace({ type: 'etcd.watch', key: 'etcd.watch', params: { count: m.events.length, revision: m.revision }, ambient: true });
    const seen = this.s.rv;
    for (const ev of m.events) {
      const rv = ev.kv.modRevision;
      if (rv <= seen) continue; // already had it (a watch re-established on another member)
      const prev = ev.prevKv ? this.s.cache[ev.kv.key] ?? decode(ev.prevKv.value, ev.prevKv.modRevision) : undefined;
      let obj: KObject;
      if (ev.type === 'PUT') {
        const twin = this.twins.get(ev.kv.key);
        if (twin && twin.value === ev.kv.value) {
          // the object this apiserver encoded for that value: what a decode would give, unparsed
          this.twins.delete(ev.kv.key);
          obj = twin.obj;
          (obj.metadata as { resourceVersion?: string }).resourceVersion = String(rv);
        } else obj = decode(ev.kv.value, rv);
        // the cached version before this one shares its unchanged parts (spec, labels, owners)
        const before = this.s.cache[ev.kv.key];
        if (before) obj = shareUnchanged(obj, before);
        else this.s.cached = (this.s.cached ?? 0) + 1;
        markShared(obj);
        this.s.cache[ev.kv.key] = obj;
        // the first PodDisruptionBudget starts kube-controller-manager's PDB informer (see
        // controller-manager.ts START_PDB_INFORMER): a cluster without one traces as before
        if (obj.kind === 'PodDisruptionBudget' && !this.s.pdbInformerStarted) {
          this.s.pdbInformerStarted = true;
          this.k.send(this.id, 'controller-manager', { type: 'START_PDB_INFORMER' }, NETWORK_LATENCY_MS);
        }
        (this.s.kindKeys[obj.kind] ??= {})[ev.kv.key] = 1;
      } else {
        if (!prev) continue;
        obj = markShared({ ...prev, metadata: { ...prev.metadata, resourceVersion: String(rv) } });
        delete this.s.cache[ev.kv.key];
        this.s.cached = (this.s.cached ?? 0) - 1;
        if (this.s.kindKeys[obj.kind]) delete this.s.kindKeys[obj.kind][ev.kv.key];
      }
      if (INDEXED_KINDS.includes(obj.kind)) {
        const bucket = (this.s.rbac[obj.kind] ??= {});
        const name = obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name;
        if (ev.type === 'PUT') bucket[name] = obj;
        else delete bucket[name];
      }
      const ce: CacheEvent = markShared({ rv, t: this.k.now(), type: ev.type, kind: obj.kind, obj, prev });
      addToWindow((this.s.windows[obj.kind] ??= newWindow(this.s.listRv)), ce, this.k.now());
      this.s.rv = Math.max(this.s.rv, rv);
      this.fanOut(ce);
    }
    this.checkReady();
  }

  private fanOut(e: CacheEvent): void {
    const idx = this.s.watchIndex[e.kind];
    if (!idx) return;
    for (const id of idx.all) this.sendWatch(this.s.watchers[id], e);
    const a = (e.obj.spec as { nodeName?: string } | undefined)?.nodeName;
    const b = (e.prev?.spec as { nodeName?: string } | undefined)?.nodeName;
    if (a) for (const id of idx.byNode[a] ?? []) this.sendWatch(this.s.watchers[id], e);
    if (b && b !== a) for (const id of idx.byNode[b] ?? []) this.sendWatch(this.s.watchers[id], e);
  }

  private sendWatch(w: Watcher, e: CacheEvent): void {
    const we = watchEventFor(w, e);
    if (!we) return;
    const msg: WatchEvent = { type: 'WATCH_EVENT', watchId: w.id, eventType: we.type, object: we.object };
    this.k.send(this.id, w.client, msg, NETWORK_LATENCY_MS);
  }

  private refOf(req: ApiRequest, obj?: KObject) {
    const info = resourceInfo(req.resource);
    return {
      kind: info?.kind ?? req.resource,
      namespace: info?.namespaced ? (req.namespace ?? obj?.metadata.namespace) : undefined,
      name: obj?.metadata.name ?? req.name ?? req.body?.metadata?.name ?? req.body?.metadata?.generateName ?? '',
      uid: obj?.metadata.uid,
    };
  }
}

function metaKey(o: KObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function refOfObject(o: KObject) {
  return { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion };
}

export function decode(value: string, modRevision: number): KObject {
  const o = JSON.parse(value) as KObject;
  (o.metadata as { resourceVersion?: string }).resourceVersion = String(modRevision);
  return o;
}

export function notFound(info: KindInfo, name: string): K8sStatus {
  return statusFor(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`, { name, group: info.group || undefined, kind: info.resource });
}

export { apiVersionOf };
