// A control-plane client, shaped like client-go: requests to kube-apiserver, and informers
// (tools/cache reflector: list, then watch from the list's resourceVersion, keeping a local
// store and calling handlers). Everything pending is data: a response finds its continuation
// through `purpose`, a plain object the component chose when it sent the request.
import { updateIndexes } from './informer-index';
import type { Actor, Kernel } from '../kernel/kernel';
import type { ComponentId, Msg } from '../kernel/types';
import type { KObject } from '../api/types';
import { metaNamespaceKey } from '../api/types';
import { EPOCH_MS, rfc3339 } from '../api/time';
import { APISERVER_ID, NETWORK_LATENCY_MS } from '../api/wire';
import type { ApiRequest, ApiResponse, Credential, RequestOptions, Verb, WatchEvent, WatchEventType } from '../api/wire';

/** The continuation of a request: which handler to run and with what data. */
export interface Purpose {
  kind: string;
  [k: string]: unknown;
}

export interface InformerState {
  name: string;
  resource: string;
  namespace?: string;
  fieldSelector?: string;
  labelSelector?: string;
  /** cache.Store keyed by namespace/name */
  store: Record<string, KObject>;
  resourceVersion: string;
  watchId?: number;
  synced: boolean;
  /** watch events for this informer are background noise for the visualisation */
  ambient: boolean;
}

export interface ClientState {
  nextReqId: number;
  pending: Record<number, Purpose>;
  informers: Record<string, InformerState>;
  /** watchId → informer name */
  watches: Record<number, string>;
  /** tools/record events_cache.go: recent Events by their aggregation key, to count repeats */
  eventCache?: Record<string, { name: string; namespace: string; count: number }>;
  eventCacheSize?: number;
}

/** reflector.go: minWatchTimeout = 5 min; watches last minWatchTimeout × (1 + rand) */
export const MIN_WATCH_TIMEOUT_S = 300;
/** reflector.go NewReflectorWithOptions: ExponentialBackoffManager(800 ms, …, jitter 1.0) */
export const RELIST_BACKOFF_MS = 800;

/** events_cache.go maxLruCacheEntries */
const EVENT_CACHE_MAX = 4096;

export interface ComponentState {
  client: ClientState;
}

export function newClientState(): ClientState {
  return { nextReqId: 1, pending: {}, informers: {}, watches: {} };
}

export interface RequestSpec {
  verb: Verb;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  body?: KObject;
  options?: RequestOptions;
  ambient?: boolean;
  /** act as someone else (kubectl --as); defaults to the component's own credential */
  credential?: Credential;
}

export interface InformerOptions {
  namespace?: string;
  fieldSelector?: string;
  labelSelector?: string;
  ambient?: boolean;
}

export abstract class Component<S extends ComponentState> implements Actor<S> {
  constructor(
    readonly id: ComponentId,
    protected readonly k: Kernel,
    public s: S,
    protected readonly credential: Credential,
  ) {}

  receive(msg: Msg, from: ComponentId): void {
    if (msg.type === 'API_RESPONSE') this.handleResponse(msg as ApiResponse);
    else if (msg.type === 'WATCH_EVENT') this.handleWatchEvent(msg as WatchEvent);
    else if (msg.type === 'INFORMER_RELIST') this.relist(String(msg.informer));
    else if (msg.type === 'WATCH_CLOSED') this.onWatchClosed(Number(msg.watchId));
    else this.onMessage(msg, from);
  }

  /** Send a request to kube-apiserver; the response comes back to `onResponse(purpose, resp)`. */
  protected request(spec: RequestSpec, purpose: Purpose): number {
    const reqId = this.s.client.nextReqId++;
    this.s.client.pending[reqId] = purpose;
    const msg: ApiRequest = { type: 'API_REQUEST', reqId, ...spec, credential: spec.credential ?? this.credential };
    this.k.send(this.id, APISERVER_ID, msg, NETWORK_LATENCY_MS);
    return reqId;
  }

  /** A message to itself (a timer, or the next step of a multi-step operation). */
  protected later(msg: Msg, delayMs = 0, periodic = false): void {
    this.k.send(this.id, this.id, msg, delayMs, periodic);
  }

  protected startInformer(name: string, resource: string, opts: InformerOptions = {}): void {
    this.s.client.informers[name] = {
      name,
      resource,
      namespace: opts.namespace,
      fieldSelector: opts.fieldSelector,
      labelSelector: opts.labelSelector,
      store: {},
      resourceVersion: '',
      synced: false,
      ambient: opts.ambient ?? false,
    };
    this.listInformer(name);
  }

  protected informer(name: string): InformerState {
    return this.s.client.informers[name];
  }

  /**
   * The reflector's list: the first from the watch cache (resourceVersion "0"), a relist at the
   * last resourceVersion it synced (reflector.go relistResourceVersion), served no older than that.
   */
  private listInformer(name: string): void {
    const inf = this.s.client.informers[name];
    this.request(
      {
        verb: 'list',
        resource: inf.resource,
        namespace: inf.namespace,
        options: { fieldSelector: inf.fieldSelector, labelSelector: inf.labelSelector, resourceVersion: inf.resourceVersion || '0' },
        ambient: true,
      },
      { kind: 'informer.list', informer: name },
    );
  }

  private relist(name: string): void {
    const inf = this.s.client.informers[name];
    if (!inf) return;
    this.k.trace({
      type: 'informer.relist',
      key: 'informer.relist',
      from: this.id,
      to: APISERVER_ID,
      params: { informer: name, resource: inf.resource, resourceVersion: inf.resourceVersion },
      ambient: inf.ambient || undefined,
    });
    this.listInformer(name);
  }

  /**
   * Watch from the informer's resourceVersion, as client-go's reflector does: bookmarks allowed,
   * and a timeout of 5–10 minutes (minWatchTimeout × (1 + rand)) after which it watches again.
   */
  private watchInformer(name: string): void {
    const inf = this.s.client.informers[name];
    const timeoutSeconds = Math.floor(MIN_WATCH_TIMEOUT_S * (1 + this.k.rng(`${this.id}/reflector`).int(1000) / 1000));
    this.request(
      {
        verb: 'watch',
        resource: inf.resource,
        namespace: inf.namespace,
        options: { fieldSelector: inf.fieldSelector, labelSelector: inf.labelSelector, resourceVersion: inf.resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
        ambient: true,
      },
      { kind: 'informer.watch', informer: name },
    );
  }

  /** The server ended the watch (its timeout): watch again from where the informer is. */
  private onWatchClosed(watchId: number): void {
    const name = this.s.client.watches[watchId];
    if (name === undefined) return;
    delete this.s.client.watches[watchId];
    this.watchInformer(name);
  }

  /** ListAndWatch returned: BackoffUntil waits (800 ms, jittered up to 2×) before listing again. */
  private relistAfterBackoff(name: string): void {
    const delayMs = RELIST_BACKOFF_MS + this.k.rng(`${this.id}/reflector`).int(RELIST_BACKOFF_MS);
    this.later({ type: 'INFORMER_RELIST', informer: name }, delayMs);
  }

  private handleResponse(resp: ApiResponse): void {
    const purpose = this.s.client.pending[resp.reqId];
    if (!purpose) return; // a response to a request we no longer care about
    delete this.s.client.pending[resp.reqId];
    if (purpose.kind === 'informer.list') return this.handleList(String(purpose.informer), resp);
    if (purpose.kind === 'informer.watch') {
      if (resp.code === 200 && resp.watchId !== undefined) this.s.client.watches[resp.watchId] = String(purpose.informer);
      else this.relistAfterBackoff(String(purpose.informer));
      return;
    }
    this.onResponse(purpose, resp);
  }

  private handleList(name: string, resp: ApiResponse): void {
    const inf = this.s.client.informers[name];
    if (resp.code !== 200) {
      // reflector: back off and relist (client-go ListAndWatch retries after ~1s)
      this.later({ type: 'INFORMER_RELIST', informer: name }, 1000);
      return;
    }
    const old = inf.store;
    inf.store = {};
    for (const o of resp.items ?? []) inf.store[metaNamespaceKey(o)] = o;
    inf.resourceVersion = resp.resourceVersion ?? '0';
    const firstSync = !inf.synced;
    inf.synced = true;
    // cache.Replace: handlers see adds for new objects, deletes for vanished ones
    for (const [key, o] of Object.entries(inf.store)) {
      if (!old[key]) this.onWatch(name, 'ADDED', o, undefined);
      else if (old[key].metadata.resourceVersion !== o.metadata.resourceVersion) this.onWatch(name, 'MODIFIED', o, old[key]);
    }
    for (const [key, o] of Object.entries(old)) if (!inf.store[key]) this.onWatch(name, 'DELETED', o, o);
    if (firstSync) this.onSynced(name);
    this.watchInformer(name);
  }

  private handleWatchEvent(ev: WatchEvent): void {
    const name = this.s.client.watches[ev.watchId];
    if (name === undefined) return;
    const inf = this.s.client.informers[name];
    if (ev.eventType === 'ERROR') {
      // 410 Gone ⇒ the watch ends and the reflector lists again after its back-off (client-go reflector.go watchHandler, ListAndWatch)
      delete this.s.client.watches[ev.watchId];
      const st = ev.object as unknown as { code?: number; reason?: string; message?: string };
      this.k.trace({
        type: 'watch.expired',
        key: 'watch.expired',
        from: APISERVER_ID,
        to: this.id,
        params: { informer: name, resource: inf.resource, code: st.code ?? 0, reason: st.reason ?? '', message: st.message ?? '', resourceVersion: inf.resourceVersion },
        detail: ev.object,
        ambient: inf.ambient || undefined,
      });
      this.relistAfterBackoff(name);
      return;
    }
    if (ev.eventType === 'BOOKMARK') {
      inf.resourceVersion = ev.object.metadata.resourceVersion ?? inf.resourceVersion;
      return;
    }
    const key = metaNamespaceKey(ev.object);
    const old = inf.store[key];
    if (ev.eventType === 'DELETED') delete inf.store[key];
    else inf.store[key] = ev.object;
    updateIndexes(inf.store, key, old, ev.eventType === 'DELETED' ? undefined : ev.object);
    inf.resourceVersion = ev.object.metadata.resourceVersion ?? inf.resourceVersion;
    const m = ev.object.metadata;
    this.k.trace({
      type: 'watch.event',
      key: 'watch.event',
      params: { eventType: ev.eventType, kind: ev.object.kind, namespace: m.namespace ?? '', name: m.name, informer: name, terminating: !!m.deletionTimestamp },
      object: { kind: ev.object.kind, namespace: m.namespace, name: m.name, uid: m.uid, resourceVersion: m.resourceVersion },
      ambient: this.watchAmbient(name, ev.eventType, ev.object, old) || undefined,
    });
    this.onWatch(name, ev.eventType, ev.object, old);
  }

  /**
   * record.EventRecorder.Event: post a core/v1 Event about `obj` (tools/record/event.go names it
   * `<name>.<unix nanos in hex>`). Event posts are background traffic for the visualisation: the
   * step that caused the Event is traced by the component itself.
   */
  protected recordEvent(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, host?: string): void {
    const now = this.k.now();
    const nanos = (BigInt(EPOCH_MS + now) * 1000000n + BigInt(this.s.client.nextReqId)).toString(16);
    const m = obj.metadata;
    const ts = rfc3339(now);
    // EventCorrelator: an identical Event (same source, object, type, reason, message) is counted
    // with a PATCH of count and lastTimestamp instead of a new object (tools/record/events_cache.go)
    const cache = (this.s.client.eventCache ??= {});
    const aggKey = [this.eventSource(), host ?? '', obj.kind, m.namespace ?? '', m.name, m.uid ?? '', type, reason, message].join('\u0000');
    const seen = cache[aggKey];
    if (seen) {
      seen.count++;
      this.request(
        { verb: 'patch', resource: 'events', namespace: seen.namespace, name: seen.name, body: { count: seen.count, lastTimestamp: ts } as unknown as KObject, ambient: true },
        { kind: 'event.posted' },
      );
      return;
    }
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${m.name}.${nanos}`, namespace: m.namespace ?? 'default' },
      involvedObject: {
        kind: obj.kind,
        namespace: m.namespace,
        name: m.name,
        uid: m.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: m.resourceVersion,
      },
      reason,
      message,
      type,
      source: host ? { component: this.eventSource(), host } : { component: this.eventSource() },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      reportingComponent: this.eventSource(),
      reportingInstance: host ?? '',
    };
    // bounded like the upstream LRU; dropping the whole cache when full keeps this O(1) per Event
    this.s.client.eventCacheSize = (this.s.client.eventCacheSize ?? 0) + 1;
    if (this.s.client.eventCacheSize > EVENT_CACHE_MAX) {
      this.s.client.eventCache = {};
      this.s.client.eventCacheSize = 1;
    }
    this.s.client.eventCache![aggKey] = { name: ev.metadata.name, namespace: ev.metadata.namespace ?? 'default', count: 1 };
    this.request({ verb: 'create', resource: 'events', namespace: ev.metadata.namespace, body: ev, ambient: true }, { kind: 'event.posted' });
  }

  /** The Event source component name (kubelet, default-scheduler, deployment-controller …). */
  protected eventSource(): string {
    return this.id;
  }

  /** Whether a watch event is background noise for the visualisation (default: the informer's flag). */
  protected watchAmbient(informer: string, _type: WatchEventType, _obj: KObject, _old?: KObject): boolean {
    return this.s.client.informers[informer].ambient;
  }

  protected onSynced(_informer: string): void {}
  protected abstract onResponse(purpose: Purpose, resp: ApiResponse): void;
  protected abstract onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void;
  protected abstract onMessage(msg: Msg, from: ComponentId): void;
}

