// A watch as kube-apiserver streams it (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/
// watch.go serveWatch): one JSON metav1.WatchEvent `{"type":…,"object":…}` per line over a chunked
// response, ADDED / MODIFIED / DELETED, an object that stops (or starts) matching the selectors
// leaves (or enters) as DELETED (or ADDED) as the cacher's filtering does (cacher/cache_watcher.go
// convertToWatchEvent), and a resourceVersion older than the kept history answered by one ERROR event
// with a 410 Expired Status. The stream reads the store's history after each advance of the clock
// (Cluster.changesSince): watching never sends a message inside the engine, so the run is unchanged.
import { type Cluster, type KObject, type KindInfo, matchesFields, matchesSelector, parseFieldSelector, parseLabelSelector, statusFor } from '../engine';
import { toTable } from './table';

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** "" or "0": start with ADDED events for what exists; else changes after that revision */
  resourceVersion?: string;
  /** events carry Tables (kubectl get -w) */
  table?: boolean;
  includeObject?: string;
  /** virtual ms at which the server ends the stream (timeoutSeconds) */
  deadlineMs?: number;
}

type Frame = { type: string; object: unknown };

export class WatchStream {
  private cursor: number;
  /** keys of the objects that match the selectors, as the client last saw them */
  private readonly matched = new Set<string>();
  private readonly labels;
  private readonly fields;
  private headersSent = false;
  ended = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly info: KindInfo,
    private readonly opts: WatchOptions,
  ) {
    // selectors were checked by the handler before the watch was accepted
    this.labels = parseLabelSelector(opts.labelSelector);
    this.fields = parseFieldSelector(opts.fieldSelector);
    this.cursor = cluster.revision();
  }

  private key(o: KObject): string {
    return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  }

  private matches(o: KObject): boolean {
    if (this.info.namespaced && this.opts.namespace && o.metadata.namespace !== this.opts.namespace) return false;
    return matchesSelector(this.labels, o.metadata.labels as Record<string, string> | undefined) && matchesFields(this.fields, o);
  }

  /** The first frames: the current objects as ADDED (no resourceVersion) or the history after it. */
  start(): string[] {
    const rv = this.opts.resourceVersion;
    const current = this.cluster.list(this.info.kind, this.info.namespaced ? this.opts.namespace : undefined).filter((o) => this.matches(o));
    if (!rv || rv === '0') {
      for (const o of current) this.matched.add(this.key(o));
      return this.encode(current.map((object) => ({ type: 'ADDED', object })));
    }
    const from = Number(rv);
    if (!Number.isInteger(from) || from < 0) {
      this.ended = true;
      return this.encode([{ type: 'ERROR', object: statusFor(400, 'BadRequest', `invalid resource version: ${rv}`) }]);
    }
    // what the client had at `from`: what exists now, minus the objects created since, plus those deleted since
    const changes = this.cluster.changesSince(from, this.info.kind, this.opts.namespace);
    if (changes === 'compacted') return this.expired(from);
    for (const o of current) this.matched.add(this.key(o));
    const createdSince = new Set(changes.filter((c) => c.type === 'ADDED').map((c) => this.key(c.object)));
    for (const c of changes) if (c.type === 'DELETED' && this.matches(c.object) && !createdSince.has(this.key(c.object))) this.matched.add(this.key(c.object));
    for (const k of createdSince) this.matched.delete(k);
    this.cursor = from;
    return this.poll();
  }

  private expired(from: number): string[] {
    this.ended = true;
    // cacher.go: "too old resource version: %d (%d)" (storage.NewTooLargeResourceVersionError's sibling errors.NewResourceExpired)
    return this.encode([{ type: 'ERROR', object: statusFor(410, 'Expired', `too old resource version: ${from} (${this.cluster.revision()})`) }]);
  }

  /**
   * The frames for what changed since the last poll; ends the stream at its deadline. `upTo`: only
   * changes up to that revision (the in-app Terminal follows the played story, which lags the engine).
   */
  poll(upTo?: number): string[] {
    if (this.ended) return [];
    let changes = this.cluster.changesSince(this.cursor, this.info.kind, this.opts.namespace);
    if (changes === 'compacted') return this.expired(this.cursor);
    if (upTo !== undefined) {
      if (upTo <= this.cursor) return [];
      changes = changes.filter((c) => Number(c.object.metadata.resourceVersion) <= upTo);
      this.cursor = Math.min(upTo, this.cluster.revision());
    } else this.cursor = this.cluster.revision();
    const frames: Frame[] = [];
    for (const c of changes) {
      const k = this.key(c.object);
      const was = this.matched.has(k);
      if (c.type === 'DELETED') {
        if (was) frames.push({ type: 'DELETED', object: c.object });
        this.matched.delete(k);
      } else if (this.matches(c.object)) {
        frames.push({ type: was ? 'MODIFIED' : 'ADDED', object: c.object });
        this.matched.add(k);
      } else if (was) {
        frames.push({ type: 'DELETED', object: c.object });
        this.matched.delete(k);
      }
    }
    if (this.opts.deadlineMs !== undefined && this.cluster.now() >= this.opts.deadlineMs) this.ended = true;
    return this.encode(frames);
  }

  private encode(frames: Frame[]): string[] {
    return frames.map((f) => {
      let object = f.object;
      if (this.opts.table && f.type !== 'ERROR') {
        const o = object as KObject;
        object = toTable(this.info.kind, [o], this.cluster.now(), o.metadata.resourceVersion, { includeObject: this.opts.includeObject, noHeaders: this.headersSent });
        this.headersSent = true;
      }
      return `${JSON.stringify({ type: f.type, object })}\n`;
    });
  }
}
