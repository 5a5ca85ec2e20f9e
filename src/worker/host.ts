// The worker's host: one Cluster, one Pacer, commands in, at most one BATCH per tick out.
// No postMessage here (injected), so it runs under vitest against the real engine too.
import {
  PROTOCOL_VERSION,
  type ApplyResult,
  type ClockState,
  type Command,
  type Fault,
  type ObjectChange,
  type TraceEvent,
  type RegistryImageView,
  type UserIdentity,
  type WorkerMessage,
} from '../protocol/messages';
import { probeTicksOf } from './probe-ticks';
import { etcdMemberIds, initialEtcd, playEtcd, type EtcdFold } from './etcd';
import { foldKeys, initialKeys, takeChanged, type KeyFold } from './etcd-keys';
import { objectChangesFrom, objectWrites, thinAmbient, withoutStoredValue } from './objects';
import { Pacer, type PacedEngine } from './pacer';

/** The part of the engine's Cluster the host uses. */
export interface HostedCluster extends PacedEngine {
  apply(manifest: string, as?: UserIdentity): ApplyResult[];
  deleteManifest(manifest: string, opts?: object, as?: UserIdentity): ApplyResult[];
  runUntilIdle(maxMs?: number): void;
  trace(): readonly TraceEvent[];
  onTrace(cb: (e: TraceEvent) => void): () => void;
  inject(fault: Fault): void;
  /** `kubectl logs` as of a virtual instant (optional: test doubles may leave it out) */
  logs?(ref: { namespace?: string; name: string }, opts: { container?: string; previous?: boolean; nowMs?: number }):
    | { ok: true; container: string; lines: string[] }
    | { ok: false; reason: string; message: string };
  /** the simulated registry's images */
  registry?(): RegistryImageView[];
}

export interface ClusterOptions {
  seed?: number;
  nodes?: number;
}

/** Ambient events sent per frame (the rest only update objects): keeps 1,000-node heartbeats cheap. */
const AMBIENT_PER_BATCH = 12;
/** A batch that only moves the clock is sent at most this often: the UI need not re-render at 60 fps to count time. */
const CLOCK_ONLY_EVERY_MS = 100;
/** Objects changed only by background traffic (heartbeats, leases) are sent this often, coalesced:
 * with 1,000 nodes at 50× they would otherwise be megabytes per frame. */
const BACKGROUND_OBJECTS_EVERY_MS = 1000;
/** Story events of the bootstrap the event log shows after a reset. */
const BOOTSTRAP_TRACE = 200;

export class Host {
  private cluster!: HostedCluster;
  private pacer!: Pacer;
  private unsubscribe: () => void = () => {};
  private lastClock: ClockState | undefined;
  /** events released by STEP, sent with the next frame's batch (one BATCH per frame) */
  private carry: TraceEvent[] = [];
  private lastSentWallMs = -Infinity;
  private deferred = new Map<string, ObjectChange>();
  private lastFlushWallMs = -Infinity;
  private etcd: EtcdFold = initialEtcd([]);
  private keys: KeyFold = initialKeys();
  private lastKeysWallMs = -Infinity;

  constructor(
    private readonly create: (opts: ClusterOptions) => HostedCluster,
    private readonly post: (m: WorkerMessage) => void,
    private readonly wallNow: () => number,
  ) {}

  /** Create (or re-create) the cluster, run its bootstrap and send it as one reset batch. */
  start(opts: ClusterOptions = {}): void {
    const keep = this.lastClock;
    const seed = opts.seed ?? 1;
    // build the new cluster first: if the engine throws, the old one keeps running
    const cluster = this.create({ seed, nodes: opts.nodes });
    cluster.runUntilIdle();
    this.unsubscribe();
    this.cluster = cluster;
    this.carry = [];
    this.deferred.clear();
    const boot = cluster.trace();
    this.pacer = new Pacer(cluster, {}, keep ? { speed: keep.speed, pacing: keep.pacing, playing: keep.playing } : {});
    this.unsubscribe = cluster.onTrace((e) => this.pacer.push(e));
    const objects = objectChangesFrom(boot);
    const nodes = objects.flatMap((c) => (c.op === 'upsert' && c.object.kind === 'Node' ? [c.object.metadata.name] : []));
    const etcdMembers = etcdMemberIds(boot);
    this.etcd = playEtcd(initialEtcd(etcdMembers), boot).fold;
    this.keys = initialKeys();
    foldKeys(this.keys, boot);
    this.post({ type: 'READY', version: PROTOCOL_VERSION, nodes: sortNatural(nodes), seed, etcdMembers });
    const trace = boot.filter((e) => !e.ambient).slice(-BOOTSTRAP_TRACE).map(withoutStoredValue);
    const droppedAmbient = boot.reduce((n, e) => n + (e.ambient ? 1 : 0), 0);
    this.lastClock = this.pacer.clock();
    this.post({ type: 'BATCH', reset: true, clock: this.lastClock, trace, objects, droppedAmbient, etcd: this.etcd.members, etcdKeys: takeChanged(this.keys), etcdRevision: this.keys.revision });
  }

  handle(cmd: Command): void {
    try {
      this.dispatch(cmd);
    } catch (err) {
      this.post({ type: 'ERROR', message: messageOf(err) });
    }
  }

  /** Called about every 16 ms: release what the pacing allows and send it as one batch. */
  tick(): void {
    if (!this.pacer) return; // start failed; ERROR was sent
    try {
      const r = this.pacer.tick(this.wallNow());
      const released = this.carry.length ? [...this.carry, ...r.released] : r.released;
      this.carry = [];
      this.send(released, r.clock);
    } catch (err) {
      // An engine fault must not turn into an error every frame: stop and report once.
      this.pacer.pause();
      this.post({ type: 'ERROR', message: `engine: ${messageOf(err)}` });
      this.send([], this.pacer.clock());
    }
  }

  private dispatch(cmd: Command): void {
    switch (cmd.type) {
      case 'APPLY':
        this.post({ type: 'APPLY_RESULT', id: cmd.id, results: this.cluster.apply(cmd.yaml, cmd.as) });
        return;
      case 'DELETE':
        this.post({ type: 'APPLY_RESULT', id: cmd.id, results: this.cluster.deleteManifest(cmd.yaml, cmd.cascade ? { cascade: cmd.cascade } : {}, cmd.as) });
        return;
      case 'PLAY':
        return this.pacer.play();
      case 'PAUSE':
        return this.pacer.pause();
      case 'STEP':
        this.carry.push(...this.pacer.step().released);
        return;
      case 'SET_SPEED':
        return this.pacer.setSpeed(cmd.speed);
      case 'SET_PACING':
        return this.pacer.setPacing(cmd.pacing);
      case 'RESET':
        return this.start({ seed: cmd.seed, nodes: cmd.nodes });
      case 'INJECT':
        return this.inject(cmd.id, cmd.fault);
      case 'LOGS':
        return this.logs(cmd);
      case 'REGISTRY':
        this.post({ type: 'REGISTRY_RESULT', id: cmd.id, images: this.cluster.registry?.() ?? [] });
        return;
    }
  }

  /** Logs as of the played clock: the engine may have run ahead of what the UI shows. */
  private logs(cmd: Extract<Command, { type: 'LOGS' }>): void {
    const atMs = this.pacer.clock().nowMs;
    const base = { type: 'LOGS_RESULT' as const, id: cmd.id, namespace: cmd.namespace, pod: cmd.pod, previous: !!cmd.previous, atMs };
    const r = this.cluster.logs?.({ namespace: cmd.namespace, name: cmd.pod }, { container: cmd.container, previous: cmd.previous, nowMs: atMs });
    if (!r) this.post({ ...base, ok: false, lines: [], reason: 'NotFound', message: 'logs are not available' });
    else if (r.ok) this.post({ ...base, ok: true, container: r.container, lines: r.lines });
    else this.post({ ...base, ok: false, container: cmd.container, lines: [], reason: r.reason, message: r.message });
  }

  /** A fault the engine does not know is an answer, not a crash: the UI shows the message. */
  private inject(id: number, fault: Fault): void {
    try {
      this.cluster.inject(fault);
      this.post({ type: 'INJECT_RESULT', id, fault, ok: true });
    } catch (err) {
      this.post({ type: 'INJECT_RESULT', id, fault, ok: false, message: messageOf(err) });
    }
  }

  private send(released: TraceEvent[], clock: ClockState): void {
    const wallMs = this.wallNow();
    if (released.length > 0 && wallMs - this.lastSentWallMs < minBatchGapMs(clock.speed)) {
      this.carry.push(...released); // sent, together, with a later frame
      return;
    }
    const objects = this.objectsToSend(released, wallMs);
    if (released.length === 0 && objects.length === 0) {
      if (sameClock(clock, this.lastClock)) return;
      if (onlyTimeMoved(clock, this.lastClock) && wallMs - this.lastSentWallMs < CLOCK_ONLY_EVERY_MS) return;
    }
    this.lastSentWallMs = wallMs;
    this.lastClock = clock;
    const prevEtcd = this.etcd.members;
    const played = playEtcd(this.etcd, released);
    this.etcd = played.fold;
    const { trace, dropped } = thinAmbient(played.events, AMBIENT_PER_BATCH);
    const msg: WorkerMessage = { type: 'BATCH', clock, trace: trace.map(withoutStoredValue), objects };
    if (dropped > 0) msg.droppedAmbient = dropped;
    const probeTicks = probeTicksOf(played.events);
    if (probeTicks.length > 0) msg.probeTicks = probeTicks;
    if (this.etcd.members !== prevEtcd) msg.etcd = this.etcd.members;
    this.addKeys(msg, released, wallMs);
    this.post(msg);
  }

  /** etcd keys: sent at once when a story event wrote one, else coalesced like background objects. */
  private addKeys(msg: Extract<WorkerMessage, { type: 'BATCH' }>, released: TraceEvent[], wallMs: number): void {
    foldKeys(this.keys, released);
    if (this.keys.changed.size === 0) return;
    if (!this.keys.storyChanged && wallMs - this.lastKeysWallMs < BACKGROUND_OBJECTS_EVERY_MS) return;
    this.lastKeysWallMs = wallMs;
    msg.etcdKeys = takeChanged(this.keys);
    msg.etcdRevision = this.keys.revision;
  }

  /** Story-driven changes go now; background-only ones wait, coalesced, for the next flush. */
  private objectsToSend(released: TraceEvent[], wallMs: number): ObjectChange[] {
    const now: ObjectChange[] = [];
    for (const { change, ambient } of objectWrites(released)) {
      this.deferred.delete(change.key);
      if (ambient) this.deferred.set(change.key, change);
      else now.push(change);
    }
    if (this.deferred.size === 0 || wallMs - this.lastFlushWallMs < BACKGROUND_OBJECTS_EVERY_MS) return now;
    this.lastFlushWallMs = wallMs;
    const flushed = [...this.deferred.values()];
    this.deferred.clear();
    return [...flushed, ...now];
  }
}

/** At high speed several events share one batch: the UI renders 20–30 times a second instead of
 * 60, and still plays every event (one render per batch is what costs on a 2-core laptop). */
export function minBatchGapMs(speed: number): number {
  return speed <= 5 ? 0 : speed <= 10 ? 33 : 50;
}

function sameClock(a: ClockState, b: ClockState | undefined): boolean {
  return (
    !!b && a.nowMs === b.nowMs && a.playing === b.playing && a.speed === b.speed &&
    a.pacing === b.pacing && a.fastForward === b.fastForward && a.buffered === b.buffered
  );
}

function onlyTimeMoved(a: ClockState, b: ClockState | undefined): boolean {
  return sameClock({ ...a, nowMs: b?.nowMs ?? a.nowMs }, b);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const collator = new Intl.Collator('en', { numeric: true });
function sortNatural(names: string[]): string[] {
  return [...names].sort(collator.compare);
}
