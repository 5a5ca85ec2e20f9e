// Simulated container processes: from an image's ENTRYPOINT/CMD and the container's
// command/args to a plan of what PID 1 does — when it exits on its own and how it reacts to the
// stop signal. PID 1 gets no default signal actions from the kernel, so a shell or `sleep` without
// a trap ignores SIGTERM and is SIGKILLed at the end of the grace period.
import type { ImageInfo } from './images';
import { LITERAL_DOLLAR, Parser, type AndOr, type Cmd } from './shell';
import { baseFiles, newExecState, runApplet, type ExecState, type FsEvent, type LogLine } from './applets';
import { programPlan, type MemoryUse, type NetModel } from './programs';

export type StopBehaviour =
  | { kind: 'exit'; afterMs: number; exitCode: number }
  | { kind: 'ignore' }
  /** a shell `trap '… exit N' TERM`: runs when the current foreground command completes */
  | { kind: 'trap'; exitCode: number; points: number[]; loopStartMs?: number; loopPeriodMs?: number };

export interface ProcessPlan {
  argv: string[];
  /** ms after start when PID 1 exits on its own; undefined: runs until signalled */
  exitAfterMs?: number;
  exitCode: number;
  onStop: StopBehaviour;
  /** the runtime cannot start it (exec: not found) */
  startError?: string;
  /** files it creates/removes and lines it prints, in ms after start */
  fs: FsEvent[];
  logs: LogLine[];
  /** ports it listens on and how it answers */
  net?: NetModel;
  /** memory it allocates (the cgroup OOM killer acts when a limit is below it) */
  memory?: MemoryUse;
  /** the environment the runtime gave it (image ENV, HOSTNAME, the kubelet's variables) */
  env?: Record<string, string>;
  /** files the kubelet's volumes put in the container, by absolute path, with their contents */
  mounted?: Record<string, string>;
}

/** What the container gets besides its argv: environment, mounted files, an open stdin (`-i`). */
export interface ProcessContext {
  env?: Record<string, string>;
  mounted?: Record<string, string>;
  stdin?: boolean;
}

const SHELLS = ['sh', 'bash', 'ash', 'dash'];
const SERVERS = ['nginx', 'httpd', 'httpd-foreground', 'redis-server', 'postgres', 'pause'];
const ENTRYPOINT_WRAPPERS = ['docker-entrypoint.sh'];
const APPLETS = ['echo', 'printf', 'date', 'cat', 'ls', 'env', 'printenv', 'hostname', 'wget', 'nslookup', 'ping', 'touch',
  'mkdir', 'rm', 'cp', 'mv', 'grep', 'head', 'test', '[', 'cd', 'export', 'set', 'wait', 'id', 'whoami', 'uname', 'seq', 'curl'];
const PROCESS_START_MS = 2;
const MAX_ITERATIONS = 1000;

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Docker semantics: command replaces ENTRYPOINT (and drops CMD), args replace CMD. */
export function resolveArgv(info: Pick<ImageInfo, 'entrypoint' | 'cmd'>, command?: string[], args?: string[]): string[] {
  if (command && command.length) return [...command, ...(args ?? [])];
  return [...info.entrypoint, ...(args && args.length ? args : info.cmd)];
}

/** `sleep` durations: 5, 0.5, 2m, 1h, infinity. */
export function parseSleepMs(arg: string | undefined): number | undefined {
  if (arg === undefined) return 0;
  if (arg === 'infinity' || arg === 'inf') return undefined;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] as number;
  return Math.round(Number(m[1]) * unit);
}

/** Parameter expansion: `$NAME`, `${NAME}`, `$?` from the environment (unset ⇒ empty). */
export function expandParams(word: string, st: Pick<ExecState, 'env' | 'status'>): string {
  return word
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\?/g, (m, a, b) => (m === '$?' ? String(st.status) : (st.env[a ?? b] ?? '')))
    .replaceAll(LITERAL_DOLLAR, '$');
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

function runSimple(words: string[], st: ExecState): void {
  // an unquoted expansion to nothing is no word at all (field splitting)
  let w = words.map((x) => expandParams(x, st)).filter((x, i) => x !== '' || words[i] === '');
  if (w[0] === 'exec') w = w.slice(1);
  if (w[0] === 'export') {
    for (const a of w.slice(1)) {
      const m = ASSIGNMENT.exec(a);
      if (m) st.env[m[1]] = m[2];
    }
    w = [];
    st.status = 0;
  }
  while (w.length && ASSIGNMENT.test(w[0])) {
    const m = ASSIGNMENT.exec(w[0])!;
    st.env[m[1]] = m[2];
    w = w.slice(1);
    st.status = 0;
  }
  if (w.length === 0) return;
  const name = base(w[0]);
  st.t += 1;
  if (name === 'sleep') {
    const ms = parseSleepMs(w[1]);
    if (ms === undefined) st.forever = {};
    else st.t += ms;
    st.status = 0;
  } else if (name === 'tail' && w.includes('-f')) st.forever = {};
  else if (name === 'exit') st.exited = w[1] === undefined ? st.status : Number(w[1]) & 255;
  else if (name === 'true' || name === ':') st.status = 0;
  else if (name === 'false') st.status = 1;
  else if (name === 'trap') {
    const signals = w.slice(2).map((s) => s.replace(/^SIG/, ''));
    if (signals.includes('TERM') || signals.includes('15')) {
      const action = execute(Parser.parse(w[1] ?? ''), newExecState(undefined, st.env));
      st.trapExit = action.exited;
    }
    st.status = 0;
  } else if (SHELLS.includes(name) && w[1] === '-c') {
    runList(Parser.parse(w[2] ?? ''), st);
  } else if (runApplet(name, w.slice(1), st)) {
    /* a file applet */
  } else if (APPLETS.includes(name)) st.status = 0;
  else {
    st.out.push({ t: st.t, text: `sh: ${w[0]}: not found` });
    st.status = 127;
  }
  if (st.points.length < 2000) st.points.push(st.t);
}

function runCmd(cmd: Cmd, st: ExecState): void {
  if (cmd.kind === 'simple') return runSimple(cmd.words, st);
  if (cmd.kind === 'if') {
    for (const b of cmd.branches) {
      runList(b.cond, st);
      if (st.exited !== undefined || st.forever) return;
      if (st.status === 0) return runList(b.body, st);
    }
    return runList(cmd.otherwise, st);
  }
  if (cmd.kind === 'for') {
    for (let i = 0; i < cmd.items.length && st.exited === undefined && !st.forever; i++) runList(cmd.body, st);
    return;
  }
  const loopStart = st.t;
  for (let iter = 0; ; iter++) {
    if (iter >= MAX_ITERATIONS) {
      st.forever = { loopStartMs: loopStart, loopPeriodMs: Math.round((st.t - loopStart) / iter) };
      return;
    }
    runList(cmd.cond, st);
    if (st.exited !== undefined || st.forever) return;
    if (cmd.until ? st.status === 0 : st.status !== 0) break;
    runList(cmd.body, st);
    if (st.exited !== undefined || st.forever) return;
  }
  st.status = 0;
}

function runList(list: AndOr[], st: ExecState): void {
  for (const item of list) {
    for (const c of item.first) runCmd(c, st);
    for (const r of item.rest) {
      if (st.exited !== undefined || st.forever) return;
      if ((r.op === '&&') === (st.status === 0)) for (const c of r.cmds) runCmd(c, st);
    }
    if (st.exited !== undefined || st.forever) return;
  }
}

export function execute(list: AndOr[], st: ExecState): ExecState {
  runList(list, st);
  return st;
}

/** Plan for a shell script or a single command run as PID 1. */
function scriptPlan(argv: string[], list: AndOr[], ctx: ProcessContext = {}): ProcessPlan {
  const st = execute(list, { ...newExecState(baseFiles(ctx.mounted), ctx.env, ctx.mounted), t: PROCESS_START_MS });
  const onStop: StopBehaviour =
    st.trapExit === undefined
      ? { kind: 'ignore' }
      : { kind: 'trap', exitCode: st.trapExit, points: st.points, ...st.forever };
  const io = { fs: st.fs, logs: st.out };
  if (st.forever) return { argv, exitCode: 0, onStop, ...io };
  return { argv, exitAfterMs: st.t, exitCode: st.exited ?? st.status, onStop, ...io };
}

/** What PID 1 does for this image and container command/args. */
export function planProcess(info: ImageInfo, command?: string[], args?: string[], ctx: ProcessContext = {}): ProcessPlan {
  const plan = planArgv(info, command, args, ctx);
  if (ctx.env) plan.env = ctx.env;
  if (ctx.mounted && Object.keys(ctx.mounted).length) plan.mounted = ctx.mounted;
  return plan;
}

function planArgv(info: ImageInfo, command: string[] | undefined, args: string[] | undefined, ctx: ProcessContext): ProcessPlan {
  let argv = resolveArgv(info, command, args);
  // entrypoint wrappers exec "$@" unless it is the image's server
  while (argv.length > 1 && ENTRYPOINT_WRAPPERS.includes(base(argv[0]))) argv = argv.slice(1);
  const bin = base(argv[0] ?? '');
  const program = programPlan(info, argv);
  if (program) return { argv, exitCode: 0, fs: [], logs: [], ...program };
  if (SERVERS.includes(bin) || (info.server && argv.join(' ') === [...info.entrypoint, ...info.cmd].join(' '))) {
    const server = info.server ?? { stopMs: 100, exitCode: 0 };
    return { argv, exitCode: 0, onStop: { kind: 'exit', afterMs: server.stopMs, exitCode: server.exitCode }, fs: [], logs: [] };
  }
  if (SHELLS.includes(bin)) {
    if (argv[1] === '-c') return scriptPlan(argv, Parser.parse(argv[2] ?? ''), ctx);
    // an interactive shell (`kubectl debug -it`, `stdin: true`) waits for input until signalled
    // (an interactive shell ignores SIGTERM, and as PID 1 has no default action anyway)
    if (argv.length === 1 && ctx.stdin) return { argv, exitCode: 0, onStop: { kind: 'ignore' }, fs: [], logs: [] };
    if (argv.length === 1) return { argv, exitAfterMs: PROCESS_START_MS + 3, exitCode: 0, onStop: { kind: 'ignore' }, fs: [], logs: [] }; // no stdin: EOF
    const logs = [{ t: PROCESS_START_MS, text: `${bin}: can't open '${argv[1]}': No such file or directory` }];
    return { argv, exitAfterMs: PROCESS_START_MS + 1, exitCode: 127, onStop: { kind: 'ignore' }, fs: [], logs }; // script file not found
  }
  const known = ['sleep', 'tail', 'true', 'false', ...APPLETS].includes(bin);
  if (!known) {
    return {
      argv, exitCode: 128, onStop: { kind: 'ignore' }, fs: [], logs: [],
      startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
    };
  }
  // argv words are not re-expanded by a shell: quote `$` so they stay literal
  return scriptPlan(argv, [{ first: [{ kind: 'simple', words: argv.map((w) => w.replaceAll('$', LITERAL_DOLLAR)) }], rest: [] }], ctx);
}

/** ms after the stop signal (sent `elapsedMs` after start) until PID 1 exits; undefined: never. */
export function stopDelayMs(plan: ProcessPlan, elapsedMs: number): number | undefined {
  const s = plan.onStop;
  if (s.kind === 'exit') return s.afterMs;
  if (s.kind === 'ignore') return undefined;
  const next = s.points.find((p) => p >= elapsedMs);
  if (next !== undefined) return next - elapsedMs;
  if (s.loopStartMs !== undefined && s.loopPeriodMs !== undefined) {
    if (s.loopPeriodMs === 0) return 0;
    const k = Math.ceil((elapsedMs - s.loopStartMs) / s.loopPeriodMs);
    return s.loopStartMs + k * s.loopPeriodMs - elapsedMs;
  }
  return undefined;
}
