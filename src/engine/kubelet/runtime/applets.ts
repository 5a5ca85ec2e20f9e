// The busybox applets a container script or an exec probe typically runs, with what they do to
// the container's filesystem and what they print (busybox's own messages: `cat: can't open
// '/tmp/healthy': No such file or directory`). Output goes to the container log, or to a file
// with `>`/`>>`. Paths are tracked by name only; file contents are not kept.

/** A file appearing or disappearing, `t` ms after the process started. */
export interface FsEvent { t: number; path: string; op: 'create' | 'remove' }
/** One line written to stdout/stderr (what `kubectl logs` shows), `t` ms after start. */
export interface LogLine { t: number; text: string }

export interface ExecState {
  t: number;
  status: number;
  exited?: number;
  forever?: { loopStartMs?: number; loopPeriodMs?: number };
  points: number[];
  trapExit?: number;
  /** the files that exist now */
  files: Record<string, true>;
  fs: FsEvent[];
  out: LogLine[];
}

/** What every image has (enough for `cat /etc/hostname`, `ls /tmp`). */
export const BASE_FILES = ['/', '/bin', '/bin/sh', '/etc', '/etc/hostname', '/etc/hosts', '/etc/passwd', '/etc/resolv.conf', '/tmp', '/var', '/proc', '/dev'];
const MAX_RECORDED = 2000;

export function newExecState(files: Record<string, true> = baseFiles()): ExecState {
  return { t: 0, status: 0, points: [], files, fs: [], out: [] };
}

export function baseFiles(): Record<string, true> {
  return Object.fromEntries(BASE_FILES.map((f) => [f, true as const]));
}

/** The files that exist `atMs` after start, replaying the process's filesystem events. */
export function filesAt(fs: FsEvent[], atMs: number): Record<string, true> {
  const files = baseFiles();
  for (const e of fs) {
    if (e.t > atMs) break;
    if (e.op === 'create') files[e.path] = true;
    else delete files[e.path];
  }
  return files;
}

function create(st: ExecState, path: string): void {
  st.files[path] = true;
  if (st.fs.length < MAX_RECORDED) st.fs.push({ t: st.t, path, op: 'create' });
}

function remove(st: ExecState, path: string): void {
  delete st.files[path];
  if (st.fs.length < MAX_RECORDED) st.fs.push({ t: st.t, path, op: 'remove' });
}

function print(st: ExecState, text: string, to?: string): void {
  if (to) return create(st, to);
  for (const line of text.split('\n')) if (st.out.length < MAX_RECORDED) st.out.push({ t: st.t, text: line });
}

/** Split off `> file`, `>> file`, `>file`, `2>&1` redirections. */
function redirections(words: string[]): { args: string[]; to?: string } {
  const args: string[] = [];
  let to: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const m = /^(\d?)(>>?)(.*)$/.exec(w);
    if (!m) {
      args.push(w);
      continue;
    }
    const target = m[3] || words[++i];
    if (target?.startsWith('&') || target === '/dev/null') continue;
    if (m[1] !== '2') to = target;
  }
  return { args, to };
}

const operands = (args: string[]) => args.filter((a) => !a.startsWith('-'));

/** Run one applet; returns false when `name` is not a file applet (the caller handles it). */
export function runApplet(name: string, words: string[], st: ExecState): boolean {
  const { args, to } = redirections(words);
  const exists = (p: string) => !!st.files[p.replace(/\/$/, '') || '/'];
  switch (name) {
    case 'echo': {
      const n = args[0] === '-n' || args[0] === '-e' ? 1 : 0;
      print(st, args.slice(n).join(' '), to);
      break;
    }
    case 'printf':
      print(st, (args[0] ?? '').replace(/\\n$/, '').replace(/\\n/g, '\n').replace(/%s/g, args[1] ?? ''), to);
      break;
    case 'touch':
    case 'mkdir':
      for (const p of operands(args)) create(st, p);
      break;
    case 'rm': {
      const force = args.some((a) => /^-[a-z]*f/.test(a));
      for (const p of operands(args)) {
        if (exists(p)) remove(st, p);
        else if (!force) return fail(st, `rm: can't remove '${p}': No such file or directory`);
      }
      break;
    }
    case 'cat':
      for (const p of operands(args)) if (!exists(p)) return fail(st, `cat: can't open '${p}': No such file or directory`);
      if (to) create(st, to);
      break;
    case 'ls':
      for (const p of operands(args)) if (!exists(p)) return fail(st, `ls: ${p}: No such file or directory`, 2);
      print(st, operands(args).join('\n') || '', to);
      break;
    case 'test':
    case '[': {
      const a = args.filter((x) => x !== ']');
      st.status = a.length === 2 && /^-[efdrs]$/.test(a[0]) ? (exists(a[1]) ? 0 : 1) : 0;
      return true;
    }
    default:
      return false;
  }
  st.status = 0;
  return true;
}

function fail(st: ExecState, message: string, code = 1): boolean {
  print(st, message);
  st.status = code;
  return true;
}
