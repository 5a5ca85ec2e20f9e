// The worker's host: one Cluster, one Pacer, the view folds, commands in, at most one BATCH per tick
// out. Time travel lives here: the engine seeks (checkpoint + replay) and the views are folded again
// from their own checkpoint, so every view shows the chosen moment. No postMessage here (injected),
// so it runs under vitest against the real engine too.
import {
  LARGE_CLUSTER_NODES,
  PROTOCOL_VERSION,
  type ApplyResult,
  type ClockState,
  STORY_EVENTS_PER_LARGE_BATCH,
  type Command,
  type Fault,
  type Input,
  type InputAction,
  type ObjectChange,
  type Outcome,
  type RegistryImageView,
  type RunData,
  type TimelineMark,
  type TimelineState,
  type TraceEvent,
  type UserIdentity,
  type ViewPatch,
  type WorkerMessage,
} from '../protocol/messages';
import { ENGINE_VERSION } from '../engine/version';
import { changedViews, initViews, stepViews, type ViewKey, type Views } from '../folds/registry';
import { etcdMemberIds } from '../folds/etcd';
import { objectsDelta, objectWrites, thinAmbient, withoutStoredValue } from './objects';
import { Pacer, type PacedEngine } from './pacer';
import { ViewCheckpoints } from './view-checkpoints';
import { checkpointGate, type CheckpointGate } from './checkpoint-gate';
import { schedulerForUi, splitForLargeUi, traceForLargeUi } from './large-views';
import { inputLabel } from './input-label';
import { ClusterMapFeed } from './cluster-map-feed';
import { type Cluster, EPOCH_MS, rfc3339, type TracePageCodec, type TraceView } from '../engine';
import type { RestRequest, RestResponse } from '../rest/handler';
import type { KubectlSession, KubectlOutput } from '../rest/kubectl/kubectl';
import { lazyRest, type RestLink } from './rest-link';

export { ENGINE_VERSION };

/** The part of the engine's Cluster the host uses. */
export interface HostedCluster extends PacedEngine {
  apply(manifest: string | object, as?: UserIdentity): ApplyResult[];
  /** a scripted delete (LOAD_SCRIPT): by reference, with kubectl's options */
  delete?(ref: { kind: string; namespace?: string; name: string }, opts?: object, as?: UserIdentity): ApplyResult;
  deleteManifest(manifest: string, opts?: object, as?: UserIdentity): ApplyResult[];
  runUntilIdle(maxMs?: number): void;
  trace(): readonly TraceEvent[];
  onTrace(cb: (e: TraceEvent) => void): () => void;
  inject(fault: Fault): void;
  inputs(): Input[];
  seek(seq: number): void;
  timelineLength(): number;
  /** the branch's events as far as computed (ahead of trace() after a seek back) */
  timeline?(): TraceView;
  /** trace().length without building the array */
  traceLength?(): number;
  /** packs old pages of the recorded trace (memory, not behaviour) */
  setTraceCodec?(codec: TracePageCodec | undefined): void;
  abandonedBranch(): { forkSeq: number; inputs: Input[] } | undefined;
  returnToBranch(): void;
  /** `kubectl logs` as of a virtual instant (optional: test doubles may leave it out) */
  logs?(ref: { namespace?: string; name: string }, opts: { container?: string; previous?: boolean; nowMs?: number }):
    | { ok: true; container: string; lines: string[] }
    | { ok: false; reason: string; message: string };
  /** the simulated registry's images */
  registry?(): RegistryImageView[];
  setCheckpointGate?(gate: CheckpointGate | undefined): void;
}

export interface ClusterOptions {
  seed?: number;
  nodes?: number;
  inputs?: Input[];
}

/** Ambient events sent per frame for animation (views are folded from all of them in the worker). */
const AMBIENT_PER_BATCH = 12;
/** story events PLAY_TO releases in one tick at most (50× story pacing is ~3 a frame) */
const PLAY_TO_PER_TICK = 8;
/** A batch that only moves the clock is sent at most this often: the UI need not re-render at 60 fps to count time. */
const CLOCK_ONLY_EVERY_MS = 100;
/** Objects and etcd keys changed only by background traffic (heartbeats, leases) are sent this often,
 * coalesced: with 1,000 nodes at 50× they would otherwise be megabytes per frame. */
const BACKGROUND_OBJECTS_EVERY_MS = 1000;
/** from this many nodes, HEAVY_VIEWS are sent at most every BACKGROUND_OBJECTS_EVERY_MS */
const HEAVY_VIEWS_NODES = LARGE_CLUSTER_NODES;
/** from HEAVY_VIEWS_NODES: the cluster map's changed rows are sent at most this often */
const MAP_ROWS_EVERY_MS = 250;
const HEAVY_VIEWS: readonly ViewKey[] = ['scheduler', 'log', 'proxySyncs', 'podViews', 'controllers'];

interface Answer extends Outcome {
  id: number;
  /** the trace position at which kubectl had its answer: shown when the played trace reaches it */
  atSeq: number;
  posted: boolean;
}

export class Host {
  private cluster!: HostedCluster;
  private pacer!: Pacer;
  private unsubscribe: () => void = () => {};
  private lastClock: ClockState | undefined;
  private opts: Required<Omit<ClusterOptions, 'inputs'>> = { seed: 1, nodes: 3 };
  private etcdMembers: string[] = [];
  /** events released by STEP, sent with the next frame's batch (one BATCH per frame) */
  private carry: TraceEvent[] = [];
  private lastSentWallMs = -Infinity;
  private deferred = new Map<string, ObjectChange>();
  private lastFlushWallMs = -Infinity;
  private heavyHeld = false;
  private lastHeavyWallMs = -Infinity;
  private lastMapWallMs = -Infinity;
  /** the views at the played moment, and the ones the UI has */
  private views!: Views;
  private sent!: Views;
  private checkpoints = new ViewCheckpoints();
  /** packs the recorded trace's old pages (the worker loads its deflate codec after starting) */
  private traceCodec: TracePageCodec | undefined;
  private pendingKeys = new Set<string>();
  private pendingKeysStory = false;
  private lastKeysWallMs = -Infinity;
  /** kubectl answers of this branch in trace order; those past the played moment wait */
  private answers: Answer[] = [];
  /** Terminal lines run but not yet shown (their answer lies ahead of the played trace) */
  private terminalAnswers: Array<{ id: number; out: KubectlOutput; atSeq: number; posted: boolean }> = [];
  /** the Terminal's kubectl (its context's namespace, a running `get -w`) and the files it reads */
  private term: KubectlSession | null = null;
  private files: Record<string, string> = {};
  /** the Terminal line whose `get -w` is running */
  private termWatch: number | null = null;
  private failures = new Map<number, string>();
  private inputMarks: TimelineMark[] = [];
  private lastTimeline: TimelineState | undefined;
  /** a seek answered from the recorded timeline: the engine goes there when something needs it */
  private enginePending: number | null = null;
  /** the run a RESET (another node count) left behind, to return to */
  private previousRun: RunData | null = null;
  /** PLAY_TO: one story event per `stepMs` (÷ speed) until `seq` is shown */
  /** narration reading times (SET_READING), kept across the pacers a seek or reset makes */
  private reading: Readonly<Record<string, number>> = {};
  private playTo: { seq: number; stepMs: number; nextWallMs: number } | null = null;
  /** the object the inspector shows (INSPECT): only its recent events are sent */
  private inspected: string | null = null;
  /** commands that came while src/rest loads for a Terminal line: run in order once it is there */
  private waitingForRest: Command[] | null = null;
  /** large clusters: the map's rows as deltas, Pod objects only where a view needs them */
  private mapFeed = new ClusterMapFeed();

  constructor(
    private readonly create: (opts: ClusterOptions) => HostedCluster,
    private readonly post: (m: WorkerMessage) => void,
    private readonly wallNow: () => number,
    private readonly restLink: RestLink = lazyRest(),
  ) {}

  /** Pack the recorded trace's old pages with `codec`, this run's and every later one's. */
  setTraceCodec(codec: TracePageCodec | undefined): void {
    this.traceCodec = codec;
    this.cluster?.setTraceCodec?.(codec);
  }

  /** Create (or re-create) the cluster: a fresh one runs its bootstrap; a recorded run seeks to its cursor. */
  start(opts: ClusterOptions = {}, cursor?: number, cursorMs?: number): void {
    const keep = this.lastClock;
    const seed = opts.seed ?? 1;
    const nodes = opts.nodes ?? 3;
    // build the new cluster first: if the engine throws, the old one keeps running
    const cluster = this.create({ seed, nodes, ...(opts.inputs ? { inputs: opts.inputs } : {}) });
    cluster.setCheckpointGate?.(checkpointGate(this.wallNow));
    cluster.setTraceCodec?.(this.traceCodec);
    // a new run: a Terminal watch on the old one ends (its line gets its answer)
    if (this.termWatch !== null) this.stopTerminalWatch(this.termWatch);
    if (cursor === undefined) cluster.runUntilIdle();
    else {
      cluster.seek(Math.max(0, cursor));
      // the clock had run on past the cursor's event with nothing to show (the same deliveries, replayed)
      if (cursorMs !== undefined && cursorMs > cluster.now() && traceLength(cluster) === cursor + 1) {
        cluster.advance(cursorMs - cluster.now());
        if (traceLength(cluster) !== cursor + 1) cluster.seek(cursor);
      }
    }
    this.unsubscribe();
    this.cluster = cluster;
    this.enginePending = null;
    this.opts = { seed, nodes };
    this.answers = [];
    this.failures.clear();
    // the played trace, read through the engine's paged log where it has one (a loaded run's is long)
    const trace = cluster.timeline?.() ?? cluster.trace();
    const played = traceLength(cluster);
    this.etcdMembers = etcdMemberIds(trace, played);
    this.checkpoints = new ViewCheckpoints();
    this.views = this.checkpoints.foldFrom(initViews(this.etcdMembers), trace, played);
    this.pacer = new Pacer(cluster, { wallNow: this.wallNow }, keep ? { speed: keep.speed, pacing: keep.pacing, playing: cursor === undefined && keep.playing } : cursor === undefined ? {} : { playing: false });
    this.pacer.setReading(this.reading);
    this.unsubscribe = cluster.onTrace((e) => this.pacer.push(e));
    this.refreshInputMarks();
    this.announce();
    this.sendReset();
  }

  private announce(): void {
    const nodeNames = [...this.views.objects.values()].filter((o) => o.kind === 'Node').map((o) => o.metadata.name);
    this.post({ type: 'READY', version: PROTOCOL_VERSION, nodes: sortNatural(nodeNames), seed: this.opts.seed, etcdMembers: this.etcdMembers });
  }

  /** Another UI joined (an app attached to npm run serve): READY and a whole reset batch — every
   * object, not a delta of what an earlier UI was sent. */
  resync(): void {
    if (!this.pacer) return;
    this.announce();
    this.sent = undefined as unknown as Views;
    this.deferred.clear();
    this.sendReset(this.lastClock ?? this.pacer.clock());
  }

  /** The cluster the host runs now (RESET, LOAD_RUN and walkthroughs replace it). */
  currentCluster(): HostedCluster {
    return this.cluster;
  }

  /** A request of the real kubectl (src/server): served by src/rest against the current cluster, at
   * the engine's position (a seek back is a fork, as an Apply is); a write is an input like the
   * Terminal's, so the views, the timeline and time travel take it as one. */
  rest(req: RestRequest, serverAddress: string): RestResponse {
    const handle = this.restLink.ready?.handle;
    if (!handle) throw new Error('the REST API is not loaded (give the host syncRest())');
    this.ensureEngine();
    const ctx = { cluster: this.cluster as unknown as Cluster, serverAddress };
    if (req.method === 'GET' || req.method === 'HEAD') return handle(ctx, req);
    this.playTo = null;
    let res: RestResponse | undefined;
    this.input(() => {
      res = handle(ctx, req);
    });
    return res!;
  }

  handle(cmd: Command): void {
    if (this.waitingForRest) {
      this.waitingForRest.push(cmd);
      return;
    }
    if (cmd.type === 'KUBECTL' && !this.restLink.ready) return this.loadRestThen(cmd);
    try {
      this.dispatch(cmd);
    } catch (err) {
      this.post({ type: 'ERROR', message: messageOf(err) });
    }
  }

  /** Called about every 16 ms: release what the pacing allows and send it as one batch. */
  tick(): void {
    if (!this.pacer) return; // start failed; ERROR was sent
    // paused after a seek: nothing to play, and the engine can wait (seeks in a row stay cheap)
    if (this.enginePending !== null && !this.pacer.clock().playing && !this.playTo) return;
    try {
      this.ensureEngine();
      if (this.playTo) return this.tickPlayTo(this.playTo);
      const r = this.pacer.tick(this.wallNow());
      const released = this.carry.length ? [...this.carry, ...r.released] : r.released;
      this.carry = [];
      this.send(released, r.clock);
      this.pollTerminalWatch();
    } catch (err) {
      // An engine fault must not turn into an error every frame: stop and report once.
      this.pacer.pause();
      this.post({ type: 'ERROR', message: `engine: ${messageOf(err)}` });
      this.send([], this.pacer.clock());
    }
  }

  /** Put the engine at the moment the last seek showed (it waits until a command needs it). */
  private ensureEngine(): void {
    if (this.enginePending === null) return;
    const target = this.enginePending;
    this.enginePending = null;
    const clock = this.pacer.clock();
    this.cluster.seek(target);
    this.pacer = new Pacer(this.cluster, { wallNow: this.wallNow }, { playing: clock.playing, speed: clock.speed, pacing: clock.pacing });
    this.pacer.setReading(this.reading);
  }

  private dispatch(cmd: Command): void {
    // what the views alone can answer leaves the engine where it is; everything else needs it in place
    if (cmd.type !== 'SEEK' && cmd.type !== 'STEP_BACK' && cmd.type !== 'PAUSE' && cmd.type !== 'SET_SPEED' && cmd.type !== 'SET_PACING' && cmd.type !== 'EXPORT_RUN' && cmd.type !== 'PLAY' && cmd.type !== 'RESET' && cmd.type !== 'LOAD_RUN' && cmd.type !== 'LOAD_SCRIPT' && cmd.type !== 'PLAY_TO' && cmd.type !== 'SET_READING' && cmd.type !== 'INSPECT' && cmd.type !== 'MAP_FOCUS') this.ensureEngine();
    // anything that moves the clock or the run ends a PLAY_TO
    if (cmd.type !== 'SET_SPEED' && cmd.type !== 'SET_PACING' && cmd.type !== 'SET_READING' && cmd.type !== 'EXPORT_RUN' && cmd.type !== 'LOGS' && cmd.type !== 'REGISTRY' && cmd.type !== 'INSPECT' && cmd.type !== 'MAP_FOCUS' && cmd.type !== 'KUBECTL_CANCEL') this.playTo = null;
    switch (cmd.type) {
      case 'APPLY':
        return this.input(() => this.answer(cmd.id, 'apply', () => this.cluster.apply(cmd.yaml, cmd.as)));
      case 'DELETE':
        return this.input(() => this.answer(cmd.id, 'delete', () => this.cluster.deleteManifest(cmd.yaml, cmd.cascade ? { cascade: cmd.cascade } : {}, cmd.as)));
      case 'KUBECTL':
        return this.input(() => this.kubectl(cmd));
      case 'KUBECTL_CANCEL':
        return this.stopTerminalWatch(cmd.id);
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
      case 'SET_READING':
        this.reading = cmd.msByKey;
        return this.pacer.setReading(cmd.msByKey);
      case 'RESET': {
        // a new cluster is a new run; the one left behind can be returned to while it had inputs
        const before = this.cluster?.inputs().length ? this.runData() : null;
        this.start({ seed: cmd.seed, nodes: cmd.nodes });
        this.previousRun = cmd.forget ? null : before;
        this.lastTimeline = undefined;
        return this.sendTimeline();
      }
      case 'INJECT':
        return this.input(() => this.inject(cmd.id, cmd.fault));
      case 'LOGS':
        return this.logs(cmd);
      case 'REGISTRY':
        this.post({ type: 'REGISTRY_RESULT', id: cmd.id, images: this.cluster.registry?.() ?? [] });
        return;
      case 'INSPECT':
        return this.inspect(cmd.key);
      case 'MAP_FOCUS':
        return this.mapFocus(cmd.node);
      case 'SEEK':
        return this.seek(cmd.seq);
      case 'STEP_BACK':
        return this.stepBack();
      case 'RETURN_TO_BRANCH':
        if (!this.cluster.abandonedBranch() && this.previousRun) {
          const back = this.previousRun;
          this.previousRun = this.cluster.inputs().length ? this.runData() : null;
          this.start({ seed: back.seed, nodes: back.nodes, inputs: back.inputs }, back.cursor, back.cursorMs);
          return this.sendTimeline();
        }
        this.cluster.returnToBranch();
        this.forget(traceLength(this.cluster));
        this.refreshInputMarks();
        return this.seek(traceLength(this.cluster) - 1);
      case 'EXPORT_RUN':
        this.post({ type: 'RUN_DATA', id: cmd.id, run: this.runData() });
        return;
      case 'LOAD_RUN':
        return this.load(cmd.run);
      case 'LOAD_SCRIPT':
        return this.loadScript(cmd);
      case 'PLAY_TO':
        if (cmd.seq <= this.views.seq) return this.seek(cmd.seq);
        this.pacer.pause();
        this.playTo = { seq: cmd.seq, stepMs: cmd.stepMs ?? 250, nextWallMs: -Infinity };
        return;
    }
  }

  /** A scripted run: computed whole first (so every step's event is known), then shown paused
   * just before the action at `startAt`; the actions are the run's inputs, so it replays, seeks and
   * shares like any other run. */
  private loadScript(cmd: Extract<Command, { type: 'LOAD_SCRIPT' }>): void {
    const probe = this.create({ seed: cmd.seed, nodes: cmd.nodes });
    probe.runUntilIdle();
    for (const a of cmd.actions) {
      issue(probe, a);
      probe.runUntilIdle();
    }
    if (cmd.runForMs) {
      probe.advance(cmd.runForMs);
      probe.runUntilIdle();
    }
    const inputs = probe.inputs();
    const full = probe.trace();
    const at = inputs[cmd.startAt];
    const start = at ? Math.max(0, at.at.seq - 1) : full.length - 1;
    this.start({ seed: cmd.seed, nodes: cmd.nodes, inputs }, full.length - 1);
    this.previousRun = null;
    this.seek(start);
    this.post({ type: 'SCRIPT_LOADED', id: cmd.id, events: full.filter((e) => !e.ambient).map(withoutStoredValue), start, length: full.length });
  }

  /** One story event per slot until the target is shown; an overshoot (a batch held back) seeks. */
  private tickPlayTo(p: { seq: number; stepMs: number; nextWallMs: number }): void {
    const wallMs = this.wallNow();
    const released = this.carry;
    this.carry = [];
    // one story event per stepMs ÷ speed: at high speeds several fall in one tick (50× is 5 ms an
    // event), and a tick releases them all rather than one a frame
    const every = p.stepMs / this.pacer.clock().speed;
    let last = this.views.seq;
    for (let n = 0; n < PLAY_TO_PER_TICK && wallMs >= p.nextWallMs && last < p.seq; n++) {
      // the target lies in the computed run: a timer (a probe period, a grace period) may come first
      const r = this.pacer.step(p.seq < this.cluster.timelineLength()).released;
      if (r.length === 0) {
        this.playTo = null; // the run ended before the target
        break;
      }
      released.push(...r);
      last = r[r.length - 1].seq;
      // due times run on from the last one, up to a frame (16 ms) behind: a slow tick catches up a frame's worth, not more
      p.nextWallMs = (p.nextWallMs === -Infinity ? wallMs : Math.max(p.nextWallMs, wallMs - 16)) + every;
    }
    this.send(released, this.pacer.clock());
    if (this.views.seq >= p.seq) {
      this.playTo = null;
      if (this.views.seq > p.seq) this.seek(p.seq);
    }
  }

  /** The run as data: replaying it reproduces this branch; the cursor is the played moment. */
  runData(): RunData {
    return { engine: ENGINE_VERSION, seed: this.opts.seed, nodes: this.opts.nodes, etcdMembers: this.etcdMembers.length, inputs: this.cluster.inputs(), cursor: this.views.seq, cursorMs: (this.lastClock ?? this.pacer.clock()).nowMs };
  }

  private load(run: RunData): void {
    if (run.engine !== ENGINE_VERSION) {
      throw new Error(`This run was recorded by engine ${run.engine}; this app runs engine ${ENGINE_VERSION}, which would replay it differently. Open it with the version that recorded it.`);
    }
    if (run.etcdMembers !== 3) throw new Error(`This run uses ${run.etcdMembers} etcd members; the app runs 3.`);
    this.start({ seed: run.seed, nodes: run.nodes, inputs: run.inputs }, run.cursor, run.cursorMs);
  }

  /** A user input: at the engine's position, which forks the run when that is in the past. */
  private input(run: () => void): void {
    const before = traceLength(this.cluster);
    const branchBefore = this.cluster.abandonedBranch();
    run();
    const branch = this.cluster.abandonedBranch();
    if (branch && (branch.forkSeq !== branchBefore?.forkSeq || branch.inputs.length !== branchBefore.inputs.length)) this.forget(branch.forkSeq);
    else this.checkpoints.dropAfter(before - 1);
    this.refreshInputMarks();
  }

  /** A fork: what was known past `seq` belonged to the other branch. */
  private forget(seq: number): void {
    this.checkpoints.dropAfter(seq - 1);
    this.answers = this.answers.filter((a) => a.atSeq < seq);
    for (const s of [...this.failures.keys()]) if (s >= seq) this.failures.delete(s);
  }

  /** The first Terminal line loads src/rest; it and whatever came meanwhile run in order after. */
  private loadRestThen(cmd: Command): void {
    this.waitingForRest = [cmd];
    const drain = (err?: unknown) => {
      const queued = this.waitingForRest ?? [];
      this.waitingForRest = null;
      for (const c of queued) {
        if (err !== undefined && c.type === 'KUBECTL') this.post({ type: 'KUBECTL_RESULT', id: c.id, stdout: '', stderr: `error: kubectl could not be loaded: ${messageOf(err)}\n`, exitCode: 1 });
        else this.handle(c);
      }
    };
    this.restLink.load().then(() => drain(), drain);
  }

  /** A Terminal line: kubectl over the REST handlers (src/rest), writes through the traced pipeline. */
  private kubectl(cmd: Extract<Command, { type: 'KUBECTL' }>): void {
    const { handle, KubectlSession } = this.restLink.ready!;
    const before = traceLength(this.cluster);
    const cluster = this.cluster as unknown as Cluster;
    let out: KubectlOutput;
    if (typeof cluster.request !== 'function') out = { stdout: '', stderr: 'error: this engine has no REST API\n', exitCode: 1 };
    else {
      this.files = cmd.files;
      // one session for the run: it keeps the context's namespace and a running `get -w`
      this.term ??= new KubectlSession({
        handle: (r: RestRequest) => handle({ cluster: this.cluster as unknown as Cluster, serverAddress: 'orrery.local' }, r),
        namespace: 'default',
        files: new Proxy({}, { get: (_, k) => this.files[String(k)], has: (_, k) => String(k) in this.files }) as Record<string, string>,
        now: () => rfc3339(this.cluster.now()),
        nowMs: () => EPOCH_MS + this.cluster.now(),
      });
      out = this.term.run(cmd.line);
    }
    if (out.waitsForDeletion) {
      // `delete` (--wait): its lines when the played story reaches the apiserver's answer, then the
      // prompt held until the played story reaches each object's removal
      const end = traceLength(this.cluster);
      this.terminalAnswers.push({ id: cmd.id, out, atSeq: end > before ? end - 1 : -1, posted: false });
      this.postAnswers();
      return;
    }
    if (out.watching) {
      // `get -w`: its table now, its rows as the played story reaches each change, until Ctrl+C
      this.termWatch = cmd.id;
      this.post({ type: 'KUBECTL_OUTPUT', id: cmd.id, stdout: out.stdout, stderr: out.stderr });
      return;
    }
    const end = traceLength(this.cluster);
    this.terminalAnswers.push({ id: cmd.id, out, atSeq: end > before ? end - 1 : -1, posted: false });
    this.postAnswers();
  }

  /** A running `get -w` prints what the played story has reached (the views' etcd revision). */
  private pollTerminalWatch(): void {
    if (this.termWatch === null || !this.term) return;
    // a `drain` evicting and waiting for pods: its lines as the clock moves, then its exit code
    const drain = this.term.pollDrain(this.views.etcdRevision);
    if (drain) {
      if (drain.stdout || drain.stderr) this.post({ type: 'KUBECTL_OUTPUT', id: this.termWatch, stdout: drain.stdout, stderr: drain.stderr });
      if (drain.exitCode !== undefined) {
        this.post({ type: 'KUBECTL_RESULT', id: this.termWatch, stdout: '', stderr: '', exitCode: drain.exitCode });
        this.termWatch = null;
      }
      return;
    }
    const stdout = this.term.pollWatch(this.views.etcdRevision);
    if (stdout) this.post({ type: 'KUBECTL_OUTPUT', id: this.termWatch, stdout, stderr: '' });
  }

  /** Ctrl+C: the watch stops, as kubectl killed by SIGINT (the shell's exit status 130). */
  private stopTerminalWatch(id: number): void {
    if (this.termWatch !== id) return;
    this.term?.stopWatch();
    this.termWatch = null;
    this.post({ type: 'KUBECTL_RESULT', id, stdout: '', stderr: '', exitCode: 130 });
  }

  /** kubectl's answer is posted when the played trace reaches it, not when the engine has it. */
  private answer(id: number, action: 'apply' | 'delete', run: () => ApplyResult[]): void {
    const before = traceLength(this.cluster);
    const results = run();
    const end = traceLength(this.cluster);
    this.answers.push({ id, action, results, atSeq: end > before ? end - 1 : -1, posted: false });
    this.postAnswers();
  }

  private seek(seq: number): void {
    const last = this.cluster.timelineLength() - 1;
    const target = Math.max(0, Math.min(last, Math.floor(seq)));
    const clock = this.pacer.clock();
    const known = this.cluster.timeline?.();
    if (known && target < known.length) {
      // every view is a fold of the recorded timeline: answer at once; the engine follows when needed
      this.views = this.checkpoints.viewsAt(target, known, initViews(this.etcdMembers));
      this.pacer.pause();
      this.enginePending = target;
      this.sendReset({ ...clock, nowMs: known.at(target)!.t, playing: false, fastForward: false, buffered: 0 });
      return;
    }
    this.enginePending = null;
    this.cluster.seek(target);
    this.pacer = new Pacer(this.cluster, { wallNow: this.wallNow }, { playing: false, speed: clock.speed, pacing: clock.pacing });
    this.pacer.setReading(this.reading);
    this.views = this.checkpoints.viewsAt(target, this.cluster.timeline?.() ?? this.cluster.trace(), initViews(this.etcdMembers));
    this.sendReset();
  }

  /** Back to the story event before the one played last. */
  private stepBack(): void {
    const trace = this.cluster.timeline?.() ?? this.cluster.trace();
    for (let i = Math.min(this.views.seq, trace.length) - 1; i >= 0; i--) {
      if (!trace.at(i)!.ambient) return this.seek(i);
    }
  }

  private sendReset(clock: ClockState = this.pacer.clock()): void {
    // the objects the UI has are the ones sent but for deferred background changes: send the difference
    const map = this.views.clusterMap;
    const sameFilter = this.mapFeed.canDelta(map);
    const delta = this.sent !== undefined && sameFilter;
    const mine = this.mapFeed.filter(this.views.objects, map);
    const objects: ObjectChange[] = delta
      ? objectsDelta(this.mapFeed.filter(this.sent.objects, this.sent.clusterMap), new Set(this.deferred.keys()), mine)
      : [...mine].map(([key, object]) => ({ op: 'upsert', key, object }));
    const clusterMap = this.mapFeed.rows(undefined, map, true);
    this.carry = [];
    this.deferred.clear();
    this.pendingKeys.clear();
    this.pendingKeysStory = false;
    this.sent = this.views;
    this.lastClock = clock;
    const shown = this.answers.filter((a) => a.atSeq <= this.views.seq);
    const last = shown[shown.length - 1];
    this.post({
      type: 'BATCH',
      reset: true,
      clock: this.lastClock,
      trace: [],
      objects,
      ...(delta ? { objectsDelta: true } : {}),
      etcd: this.views.etcd.members,
      etcdKeys: [...this.views.etcdKeys.values()],
      views: { ...this.compactPatch(patchOf(this.views)), objectEvents: this.inspectedEvents(this.views) },
      timeline: (this.lastTimeline = this.timeline()),
      outcome: last ? { action: last.action, results: last.results } : null,
      ...(clusterMap ? { clusterMap } : {}),
    });
  }

  /** The inspected object's recent events (the views hold every object's; the UI shows one). */
  private inspectedEvents(v: Views): Record<string, TraceEvent[]> {
    const events = this.inspected === null ? undefined : v.objectEvents.get(this.inspected);
    return events && this.inspected !== null ? { [this.inspected]: events } : {};
  }

  /** Another object inspected: its recent events at the moment the UI shows. */
  private inspect(key: string | null): void {
    if (key === this.inspected) return;
    this.inspected = key;
    if (!this.sent) return void (this.mapFeed.inspected = key);
    // a large cluster's UI has no Pod objects but the ones it looks at: the inspected one comes now,
    // and the scheduler view (cut to the cycles it draws) gains the newly selected pod's cycle
    const objects = this.mapFeed.refocus(this.sent.objects, this.sent.clusterMap, () => (this.mapFeed.inspected = key));
    const scheduler = this.opts.nodes >= HEAVY_VIEWS_NODES ? { scheduler: schedulerForUi(this.sent.scheduler, key) } : {};
    this.post({ type: 'BATCH', clock: this.lastClock ?? this.pacer.clock(), trace: [], objects, views: { objectEvents: this.inspectedEvents(this.sent), ...scheduler } });
  }

  /** The map's node detail opened (or closed): that node's pods travel whole while it is open. */
  private mapFocus(node: string | null): void {
    if (node === this.mapFeed.focus) return;
    if (!this.sent) return void (this.mapFeed.focus = node);
    const objects = this.mapFeed.refocus(this.sent.objects, this.sent.clusterMap, () => (this.mapFeed.focus = node));
    if (objects.length) this.post({ type: 'BATCH', clock: this.lastClock ?? this.pacer.clock(), trace: [], objects });
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

  private refreshInputMarks(): void {
    this.inputMarks = this.cluster.inputs().map((i) => ({ seq: i.at.seq, kind: 'input', label: inputLabel(i) }));
  }

  private timeline(): TimelineState {
    const marks: TimelineMark[] = [...this.inputMarks];
    for (const [seq, label] of this.failures) marks.push({ seq, kind: 'failure', label });
    marks.sort((a, b) => a.seq - b.seq);
    const b = this.cluster.abandonedBranch();
    const prev = this.previousRun;
    return {
      position: this.views.seq,
      length: Math.max(this.cluster.timelineLength(), this.views.seq + 1),
      marks,
      branch: b ? { forkSeq: b.forkSeq, inputs: b.inputs.length } : prev ? { forkSeq: 0, inputs: prev.inputs.length, nodes: prev.nodes } : null,
    };
  }

  /** A batch that carries only the timeline (after a change the next tick might not send). */
  private sendTimeline(): void {
    const timeline = this.timeline();
    this.lastTimeline = timeline;
    this.post({ type: 'BATCH', clock: this.pacer.clock(), trace: [], objects: [], timeline });
  }

  private send(released: TraceEvent[], clock: ClockState): void {
    const wallMs = this.wallNow();
    if (released.length > 0 && wallMs - this.lastSentWallMs < minBatchGapMs(clock.speed, this.opts.nodes)) {
      this.carry.push(...released); // sent, together, with a later frame
      return;
    }
    this.fold(released);
    const objects = this.mapFeed.changes(this.objectsToSend(released, wallMs), this.views.clusterMap);
    // from 100 nodes the map's rows go a few times a second: every pod change re-sends its node's row,
    // and at 60 a second the page spent its frames deserializing them (238 MiB in 20 s at 1,000 nodes)
    const mapDue = this.opts.nodes < HEAVY_VIEWS_NODES || wallMs - this.lastMapWallMs >= MAP_ROWS_EVERY_MS;
    const clusterMap = mapDue ? this.mapFeed.rows(this.sent?.clusterMap, this.views.clusterMap, false) : undefined;
    if (clusterMap) this.lastMapWallMs = wallMs;
    const mapHeld = !mapDue && this.sent !== undefined && this.sent.clusterMap !== this.views.clusterMap;
    const sentMap = this.sent?.clusterMap;
    const timeline = this.timeline();
    const timelineChanged = !sameTimeline(timeline, this.lastTimeline);
    if (released.length === 0 && objects.length === 0 && !timelineChanged && !clusterMap && !(this.heavyHeld && wallMs - this.lastHeavyWallMs >= BACKGROUND_OBJECTS_EVERY_MS)) {
      // rows held back go with a later tick (this one may send only the clock)
      if (sameClock(clock, this.lastClock)) return;
      if (onlyTimeMoved(clock, this.lastClock) && wallMs - this.lastSentWallMs < CLOCK_ONLY_EVERY_MS) return;
    }
    this.lastSentWallMs = wallMs;
    this.lastClock = clock;
    const { trace: thinned } = thinAmbient(released, AMBIENT_PER_BATCH);
    const large = this.opts.nodes >= HEAVY_VIEWS_NODES;
    const { trace, activity } = large ? splitForLargeUi(thinned, STORY_EVENTS_PER_LARGE_BATCH) : { trace: thinned, activity: undefined };
    const msg: Extract<WorkerMessage, { type: 'BATCH' }> = { type: 'BATCH', clock, trace: trace.map(large ? (e) => traceForLargeUi(withoutStoredValue(e)) : withoutStoredValue), objects };
    if (activity?.length) msg.activity = activity;
    const changed = changedViews(this.sent, this.views);
    const held = this.holdHeavyViews(changed, wallMs);
    const patch = this.compactPatch(patchOf(changed));
    if (changed.objectEvents && this.inspected !== null && this.views.objectEvents.get(this.inspected) !== this.sent.objectEvents.get(this.inspected)) patch.objectEvents = this.inspectedEvents(this.views);
    if (Object.keys(patch).length > 0) msg.views = patch;
    if (clusterMap) msg.clusterMap = clusterMap;
    if (changed.etcd && changed.etcd.members !== this.sent.etcd.members) msg.etcd = this.views.etcd.members;
    this.addKeys(msg, released, wallMs);
    // a held view stays as the UI has it, so it counts as changed until it is sent
    this.sent = held.length ? { ...this.views, ...Object.fromEntries(held.map((k) => [k, this.sent[k]])) } : this.views;
    // rows not due stay as the UI has them, so they count as changed until they are sent
    if (mapHeld) this.sent = { ...this.sent, clusterMap: sentMap! };
    if (timelineChanged) msg.timeline = this.lastTimeline = timeline;
    this.post(msg);
    this.postAnswers();
  }

  /** On a large cluster the views that grow with it (a scheduling cycle holds a verdict per node, the
   * event log its entries) go at most once a second: posting them whole every frame was most of the
   * worker's time at 1,000 nodes (the structured clone of each BATCH). Removes them from `changed`. */
  private holdHeavyViews(changed: Partial<Views>, wallMs: number): ViewKey[] {
    if (this.opts.nodes < HEAVY_VIEWS_NODES) return [];
    const heavy = HEAVY_VIEWS.filter((k) => k in changed);
    this.heavyHeld = heavy.length > 0;
    if (!this.heavyHeld || wallMs - this.lastHeavyWallMs >= BACKGROUND_OBJECTS_EVERY_MS) {
      if (this.heavyHeld) this.lastHeavyWallMs = wallMs;
      this.heavyHeld = false;
      return [];
    }
    for (const k of heavy) delete changed[k];
    return heavy;
  }

  /** On a large cluster the scheduler's view carries only the cycles the UI draws. */
  private compactPatch(patch: ViewPatch): ViewPatch {
    if (this.opts.nodes < HEAVY_VIEWS_NODES || !patch.scheduler) return patch;
    return { ...patch, scheduler: schedulerForUi(patch.scheduler as Views['scheduler'], this.inspected) };
  }

  /** Fold released events into the views (checkpointed) and note failures for the timeline. */
  private fold(released: TraceEvent[]): void {
    if (released.length === 0) return;
    const before = this.views.failures;
    this.views = this.checkpoints.foldFrom(this.views, released);
    if (this.views.failures !== before) for (const f of this.views.failures) if (f.seq > (before[before.length - 1]?.seq ?? -1)) this.failures.set(f.seq, f.label);
  }

  private postAnswers(): void {
    for (const a of this.answers) {
      if (a.posted || a.atSeq > this.views.seq) continue;
      a.posted = true;
      this.post({ type: 'APPLY_RESULT', id: a.id, results: a.results });
    }
    for (const a of this.terminalAnswers) {
      if (a.posted || a.atSeq > this.views.seq) continue;
      a.posted = true;
      if (a.out.waitsForDeletion) {
        this.post({ type: 'KUBECTL_OUTPUT', id: a.id, stdout: a.out.stdout, stderr: a.out.stderr });
        this.termWatch = a.id;
        continue;
      }
      this.post({ type: 'KUBECTL_RESULT', id: a.id, ...a.out });
    }
    this.terminalAnswers = this.terminalAnswers.filter((a) => !a.posted);
  }

  /** etcd keys: sent at once when a story event wrote one, else coalesced like background objects. */
  private addKeys(msg: Extract<WorkerMessage, { type: 'BATCH' }>, released: TraceEvent[], wallMs: number): void {
    for (const e of released) {
      if ((e.type !== 'etcd.put' && e.type !== 'etcd.delete') || typeof e.params.key !== 'string') continue;
      this.pendingKeys.add(e.params.key);
      if (!e.ambient) this.pendingKeysStory = true;
    }
    if (this.pendingKeys.size === 0) return;
    if (!this.pendingKeysStory && wallMs - this.lastKeysWallMs < BACKGROUND_OBJECTS_EVERY_MS) return;
    this.lastKeysWallMs = wallMs;
    msg.etcdKeys = [...this.pendingKeys].flatMap((k) => this.views.etcdKeys.get(k) ?? []);
    this.pendingKeys.clear();
    this.pendingKeysStory = false;
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


/** The views the UI takes whole (objects, etcd keys and members travel their own way). */
function patchOf(v: Partial<Views>): ViewPatch {
  // objectEvents: only the inspected object's, added by the caller
  const { objects: _o, etcdKeys: _k, etcd: _e, failures: _f, seq: _s, objectEvents: _oe, clusterMap: _m, ...rest } = v;
  return rest;
}

/** At high speed several events share one batch: the UI renders 20–30 times a second instead of
 * 60, and still plays every event (one render per batch is what costs on a 2-core laptop). A large
 * cluster's batches are coalesced further: at 1,000 nodes a batch's React renders and the store's
 * update were most of the page's long frames while 10,000 pods went Running. */
export function minBatchGapMs(speed: number, nodes = 0): number {
  const gap = speed <= 5 ? 0 : speed <= 10 ? 33 : 50;
  return nodes >= LARGE_CLUSTER_NODES ? Math.max(gap, LARGE_BATCH_GAP_MS) : gap;
}

/** a large cluster's batches are at least this far apart (the page updates ten times a second) */
export const LARGE_BATCH_GAP_MS = 100;

function sameTimeline(a: TimelineState, b: TimelineState | undefined): boolean {
  return !!b && a.position === b.position && a.length === b.length && a.marks.length === b.marks.length && a.branch?.forkSeq === b.branch?.forkSeq && a.branch?.inputs === b.branch?.inputs;
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

/** Issue one scripted action as the user would (kubectl apply/delete, a fault). */
function issue(cluster: HostedCluster, a: InputAction): void {
  switch (a.type) {
    case 'apply':
      cluster.apply(a.object, a.as);
      return;
    case 'delete':
      if (!cluster.delete) throw new Error('this cluster cannot delete by reference');
      cluster.delete(a.ref, a.opts, a.as);
      return;
    case 'inject':
      cluster.inject(a.fault as Fault);
      return;
    case 'debug':
      throw new Error('a script cannot debug');
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const collator = new Intl.Collator('en', { numeric: true });
function sortNatural(names: string[]): string[] {
  return [...names].sort(collator.compare);
}

/** The played trace's length, without building the array where the engine can say it. */
function traceLength(c: HostedCluster): number {
  return c.traceLength?.() ?? c.trace().length;
}
