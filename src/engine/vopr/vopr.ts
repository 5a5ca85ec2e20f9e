// The VOPR (after TigerBeetle's src/vopr.zig): one seed gives a cluster shape and a stream of user
// operations; every trace event goes through the invariant monitor; every few operations a
// snapshot is checked for etcd agreement and watch-stream gaps; at the end all faults heal, the
// cluster settles and the settled-state invariants are checked; then the run is replayed from its
// input log and the two traces' hashes must match. The first violation stops the run and says
// where it happened (trace seq, virtual time, event type) — rerun the seed to see it again.
import type { ApplyResult, KObject } from '../api/types';
import { KINDS, etcdKey, kindInfo } from '../api/scheme';
import { type Cluster, createCluster } from '../cluster/cluster';
import type { TraceEvent } from '../kernel/types';
import { TraceMonitor, type Violation } from '../invariants/trace-monitor';
import { CommittedEntries, etcdMembersOf } from '../invariants/etcd-agreement';
import { type Lister, settledViolations } from '../invariants/convergence';
import { type WatchCacheView, informersMatchEtcd, informersOf, specOf, watchCacheMatchesEtcd } from '../invariants/informers';
import { type Op, Generator, type VoprConfig, configFor } from './generator';
import { traceHash } from './fnv';

export interface RunOptions {
  /** user operations (each followed by a stretch of virtual time); default 100 */
  ops?: number;
  /** a snapshot check (etcd agreement, watch gaps) every this many operations; default 10 */
  checkEvery?: number;
  /** replay the run from its input log (cluster.inputs()) and compare trace hashes; default true */
  replay?: boolean;
  /**
   * keep the cluster's own trace and seek checkpoints (default true); false runs both clusters with
   * trace recording off (setTraceRecording) — the VOPR sees every event through onTrace all the same,
   * but the cluster takes no checkpoints (about half the time of a run) and the scheduler keeps no
   * per-plugin detail: for long sweeps
   */
  record?: boolean;
  /** called after each operation (the CLI's --verbose) */
  onOp?: (i: number, op: Op, at: TraceEvent | undefined, result?: string) => void;
  /** called with the cluster when the run stops (a violation or the end), before the replay */
  inspect?: (c: Cluster) => void;
}

export interface RunResult {
  seed: number;
  config: VoprConfig;
  ops: number;
  events: number;
  traceHash: string;
  /** the first violation, if any */
  violation?: Violation;
  /** the replay from the input log: 'not-run' when a violation stopped the run first (or replay was off) */
  replay: 'match' | 'mismatch' | 'not-run';
  /** the operations run, in order, with the trace length before each */
  log: Array<{ i: number; seq: number; op: Op; result?: string }>;
}

/** How long the settled-state checks wait for churn (crash loops, CronJobs) to pass, and how often. */
const SETTLE_IDLE_MAX_MS = 120_000;
const SETTLE_ADVANCE_MS = 60_000;
const SETTLE_RETRIES = 6;
const SETTLE_RETRY_MS = 30_000;
/** more trace events than this in one virtual second is a hot loop (a busy run makes a few thousand) */
const RUNAWAY_EVENTS_PER_SECOND = 50_000;
/** once settled, the watch cache is never further behind etcd than this */
const WATCH_CACHE_LAG_MS = 5_000;

/**
 * The kinds the garbage collector watches (the controller-manager's informers): objects of the
 * others deleted with Orphan or Foreground keep their finalizer (docs/design-deviations.md).
 */
const GC_UNWATCHED = ['Event', 'LimitRange', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'PriorityClass', 'PodDisruptionBudget'];
const GC_KINDS = KINDS.map((k) => k.kind).filter((k) => !GC_UNWATCHED.includes(k));

class Stop extends Error {}

export function runSeed(seed: number, opts: RunOptions = {}): RunResult {
  const config = configFor(seed);
  const c = createCluster({ seed, nodes: config.nodes, etcdMembers: config.etcdMembers });
  const record = opts.record !== false;
  c.setTraceRecording(record);
  /** every trace event, as onTrace hands them over (the cluster's trace() when it records) */
  const events: TraceEvent[] = [];
  const gen = new Generator(config);
  const monitor = new TraceMonitor();
  const committed = new CommittedEntries();
  const result: RunResult = { seed, config, ops: 0, events: 0, traceHash: '', replay: 'not-run', log: [] };
  let last: TraceEvent | undefined;
  const found = (v: Violation) => {
    if (!result.violation) result.violation = v;
  };
  const here = (invariant: string, message: string): Violation => ({ invariant, message, seq: last?.seq ?? -1, t: last?.t ?? c.now(), type: last?.type ?? '(start)' });
  let second = -1;
  let inSecond = 0;
  c.onTrace((e) => {
    events.push(e);
    last = e;
    for (const v of monitor.observe(e)) found(v);
    // a hot loop (messages answering messages at no cost in virtual time) would run the sweep out
    // of memory before the operation returns: stop it from inside
    if (Math.floor(e.t / 1000) !== second) {
      second = Math.floor(e.t / 1000);
      inSecond = 0;
    }
    if (++inSecond === RUNAWAY_EVENTS_PER_SECOND) {
      found({ invariant: 'runaway', message: `${RUNAWAY_EVENTS_PER_SECOND} trace events within one virtual second (the last: ${e.type} ${e.from} → ${e.to})`, seq: e.seq, t: e.t, type: e.type });
      throw new Stop();
    }
  });
  const check = () => {
    if (result.violation) throw new Stop();
  };
  const list: Lister = (kind) => c.list(kind);

  /** Snapshot checks: etcd members agree; every watch stream gap-free so far. */
  const checkpoint = (settled: boolean) => {
    const snap = c.snapshot();
    const actors = snap.kernel.actors;
    const members = etcdMembersOf(actors);
    for (const m of committed.check(members)) found(here('etcd-agreement', m));
    const newest = members.reduce((a, b) => (b.raft.applied > a.raft.applied ? b : a));
    const cache = actors['kube-apiserver'] as WatchCacheView;
    for (const m of watchCacheMatchesEtcd(cache, newest.mvcc.kvs, (key) => monitor.mirror.deletedAt.get(key))) found(here('watch-cache', m));
    const behind = monitor.mirror.last;
    if (settled && behind && behind.rv > cache.rv && behind.t < c.now() - WATCH_CACHE_LAG_MS) {
      found(here('watch-cache', `the watch cache is at revision ${cache.rv}, etcd wrote ${behind.key} at ${behind.rv} (t=${behind.t})`));
    }
    const informers = informersOf(actors);
    const specs = new Map(informers.map((i) => [`${i.component}|${i.informer.name}`, specOf(i.informer)]));
    for (const v of monitor.watch.verifyGaps((component, informer) => specs.get(`${component}|${informer}`))) found(v);
    if (settled) {
      const deletedAt = (kind: string, key: string) => {
        const info = kindInfo(kind)!;
        const [ns, name] = key.includes('/') ? key.split('/') : [undefined, key];
        return monitor.mirror.deletedAt.get(etcdKey(info, ns, name));
      };
      for (const m of informersMatchEtcd(informers, list, deletedAt)) found(here('informer-cache', m));
    }
    check();
  };

  const exec = (i: number, op: Op) => {
    const seq = last ? last.seq + 1 : 0;
    let note: string | undefined;
    try {
      note = run(c, gen, op);
    } catch (e) {
      if (e instanceof Stop) throw e;
      found(here('engine-error', `${op.type} threw: ${(e as Error).stack ?? e}`));
    }
    if (op.type === 'apply' && note?.startsWith('ok') && op.expect) {
      found(here(op.expect === 'conflict' ? 'stale-update-refused' : 'broken-refused', `${op.why} was accepted: ${note}`));
    }
    result.log.push({ i, seq, op, ...(note ? { result: note } : {}) });
    opts.onOp?.(i, op, last, note);
    check();
  };

  try {
    c.runUntilIdle();
    check();
    const n = opts.ops ?? 100;
    const every = opts.checkEvery ?? 10;
    for (let i = 0; i < n; i++) {
      exec(i, gen.next(c));
      result.ops++;
      exec(i, gen.pause());
      if ((i + 1) % every === 0) checkpoint(false);
    }
    for (const op of gen.heal()) exec(n, op);
    c.runUntilIdle(SETTLE_IDLE_MAX_MS);
    c.advance(SETTLE_ADVANCE_MS);
    check();
    let settled = settle(list);
    for (let r = 0; r < SETTLE_RETRIES && settled.length; r++) {
      c.advance(SETTLE_RETRY_MS);
      check();
      settled = settle(list);
    }
    for (const v of settled) found(here(v.invariant, v.message));
    check();
    checkpoint(true);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  opts.inspect?.(c);
  result.events = events.length;
  result.traceHash = traceHash(events);
  if (!result.violation && opts.replay !== false) {
    try {
      const r = replay(c, events, config, record, result.traceHash);
      result.replay = r.replay;
      if (r.diverged) found(r.diverged);
    } catch (e) {
      result.replay = 'mismatch';
      found(here('replay', `replaying ${c.inputs().length} inputs threw: ${(e as Error).stack ?? e}`));
    }
  }
  return result;
}

/** Run one operation; returns a short note of its answer ('ok …' or the refusal). */
function run(c: Cluster, gen: Generator, op: Op): string | undefined {
  switch (op.type) {
    case 'apply': {
      const results = c.apply(structuredClone(op.manifest));
      const r = results[0];
      if (results.every((x) => x.ok)) gen.learn(op.manifest);
      return describe(r);
    }
    case 'delete':
      return describe(c.delete(op.ref, op.opts));
    case 'inject':
      c.inject(structuredClone(op.fault));
      return undefined;
    case 'advance':
      c.advance(op.ms);
      return undefined;
    case 'step':
      for (let i = 0; i < op.count; i++) if (!c.step()) break;
      return undefined;
  }
}

function describe(r: ApplyResult | undefined): string {
  if (!r) return 'no result';
  if (r.ok) return `ok ${r.action ?? ''}`.trim();
  return `${r.status?.code ?? '?'} ${r.status?.reason ?? ''}: ${(r.status?.message ?? '').slice(0, 160)}`;
}

/** Settled-state invariants; workloads whose pods admission may refuse need not reach spec. */
function settle(list: Lister): Array<{ invariant: string; message: string }> {
  const limited = new Set([...list('ResourceQuota'), ...list('LimitRange')].map((o) => o.metadata.namespace));
  const priorities = new Set(list('PriorityClass').map((p) => p.metadata.name));
  const mayBeRefused = (o: KObject) => {
    const pc = ((o.spec as Record<string, any>)?.template?.spec?.priorityClassName ?? '') as string;
    return limited.has(o.metadata.namespace) || (!!pc && !priorities.has(pc));
  };
  return settledViolations(list, GC_KINDS, { mayBeRefused });
}

/** Build a fresh cluster from the input log, run it to the same trace length, compare hashes. */
function replay(c: Cluster, a: readonly TraceEvent[], config: VoprConfig, record: boolean, want: string): { replay: RunResult['replay']; diverged?: Violation } {
  const inputs = c.inputs();
  const length = a.length;
  const fresh = createCluster({ seed: config.seed, nodes: config.nodes, etcdMembers: config.etcdMembers, inputs });
  fresh.setTraceRecording(record);
  const got: TraceEvent[] = [];
  fresh.onTrace((e) => void got.push(e));
  while (got.length < length) if (!fresh.step()) break;
  got.length = Math.min(got.length, length);
  if (got.length === length && traceHash(got) === want) return { replay: 'match' };
  // where the two traces part
  let i = 0;
  while (i < got.length && JSON.stringify(a[i]) === JSON.stringify(got[i])) i++;
  const e = a[Math.min(i, length - 1)];
  const other = got[i] ? JSON.stringify(got[i]).slice(0, 300) : '(the replay stopped there)';
  return {
    replay: 'mismatch',
    diverged: { invariant: 'replay', seq: e.seq, t: e.t, type: e.type, message: `replaying ${inputs.length} inputs diverged at trace event ${i}: ${JSON.stringify(a[i] ?? null).slice(0, 300)} — replay: ${other}` },
  };
}

export interface SweepResult {
  seeds: number;
  ops: number;
  events: number;
  failures: RunResult[];
  replayed: number;
}

/** Run seeds from..from+count-1; `onSeed` sees each result as it finishes. */
export function sweep(from: number, count: number, opts: RunOptions = {}, onSeed?: (r: RunResult) => void): SweepResult {
  const out: SweepResult = { seeds: 0, ops: 0, events: 0, failures: [], replayed: 0 };
  for (let seed = from; seed < from + count; seed++) {
    const r = runSeed(seed, opts);
    out.seeds++;
    out.ops += r.ops;
    out.events += r.events;
    if (r.replay === 'match') out.replayed++;
    if (r.violation) out.failures.push(r);
    onSeed?.(r);
  }
  return out;
}

export function formatViolation(r: RunResult): string {
  const v = r.violation!;
  return `seed ${r.seed}: ${v.invariant} at trace seq ${v.seq} (t=${v.t} ms, ${v.type}): ${v.message}`;
}
