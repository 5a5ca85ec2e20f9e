// The busybox applets a container script or an exec probe typically runs, with what they do to
// the container's filesystem and what they print (busybox's own messages: `cat: can't open
// '/tmp/healthy': No such file or directory`). Output goes to the container log, or to a file
// with `>`/`>>`. Paths are tracked by name; contents are kept for the files a volume mounted
// (ConfigMap keys, Secret keys, Downward API fields) and for what `echo … > file` wrote, so `cat`
// prints them. The environment (`$VAR`, `printenv`, `env`) is the container's.

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
  /** contents of the files whose contents are known (mounted volumes, `echo x > f`) */
  data: Record<string, string>;
  /** the process environment, in the order the runtime set it */
  env: Record<string, string>;
  fs: FsEvent[];
  out: LogLine[];
}

/** What every image has (enough for `cat /etc/hostname`, `ls /tmp`). */
export const BASE_FILES = ['/', '/bin', '/bin/sh', '/etc', '/etc/hostname', '/etc/hosts', '/etc/passwd', '/etc/resolv.conf', '/tmp', '/var', '/proc', '/dev'];
const MAX_RECORDED = 2000;

export function newExecState(files: Record<string, true> = baseFiles(), env: Record<string, string> = {}, data: Record<string, string> = {}): ExecState {
  return { t: 0, status: 0, points: [], files, data: { ...data }, env: { ...env }, fs: [], out: [] };
}

/** The image's files plus every file (and its parent directories) a volume mounted. */
export function baseFiles(mounted: Record<string, string> = {}): Record<string, true> {
  const files: Record<string, true> = Object.fromEntries(BASE_FILES.map((f) => [f, true as const]));
  for (const path of Object.keys(mounted)) {
    for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) files[path.slice(0, i)] = true;
    files[path] = true;
  }
  return files;
}

/** The files that exist `atMs` after start, replaying the process's filesystem events. */
export function filesAt(fs: FsEvent[], atMs: number, mounted: Record<string, string> = {}): Record<string, true> {
  const files = baseFiles(mounted);
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

function print(st: ExecState, text: string, to?: string, append = false): void {
  if (to) {
    st.data[to] = append && st.data[to] !== undefined ? `${st.data[to]}\n${text}` : text;
    return create(st, to);
  }
  for (const line of text.split('\n')) if (st.out.length < MAX_RECORDED) st.out.push({ t: st.t, text: line });
}

/** Split off `> file`, `>> file`, `>file`, `2>&1` redirections. */
function redirections(words: string[]): { args: string[]; to?: string; append: boolean } {
  const args: string[] = [];
  let to: string | undefined;
  let append = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const m = /^(\d?)(>>?)(.*)$/.exec(w);
    if (!m) {
      args.push(w);
      continue;
    }
    const target = m[3] || words[++i];
    if (target?.startsWith('&') || target === '/dev/null') continue;
    if (m[1] !== '2') {
      to = target;
      append = m[2] === '>>';
    }
  }
  return { args, to, append };
}

const operands = (args: string[]) => args.filter((a) => !a.startsWith('-'));

/** Run one applet; returns false when `name` is not a file applet (the caller handles it). */
export function runApplet(name: string, words: string[], st: ExecState): boolean {
  const { args, to, append } = redirections(words);
  const exists = (p: string) => !!st.files[p.replace(/\/$/, '') || '/'];
  switch (name) {
    case 'echo': {
      const n = args[0] === '-n' || args[0] === '-e' ? 1 : 0;
      print(st, args.slice(n).join(' '), to, append);
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
    case 'cat': {
      const parts: string[] = [];
      for (const p of operands(args)) {
        if (!exists(p)) return fail(st, `cat: can't open '${p}': No such file or directory`);
        const d = st.data[p];
        if (d !== undefined) parts.push(d.endsWith('\n') ? d.slice(0, -1) : d);
      }
      if (to) print(st, parts.join('\n'), to, append);
      else if (parts.length) print(st, parts.join('\n'));
      break;
    }
    case 'ls': {
      const out: string[] = [];
      for (const p of operands(args)) {
        if (!exists(p)) return fail(st, `ls: ${p}: No such file or directory`, 2);
        const children = listDir(st, p);
        out.push(...(children.length ? children : [p]));
      }
      print(st, out.join('\n'), to, append);
      break;
    }
    case 'printenv': {
      const names = operands(args);
      if (names.length === 0) {
        print(st, Object.entries(st.env).map(([k, v]) => `${k}=${v}`).join('\n'), to, append);
        break;
      }
      const found = names.filter((n) => st.env[n] !== undefined);
      if (found.length) print(st, found.map((n) => st.env[n]).join('\n'), to, append);
      st.status = found.length === names.length ? 0 : 1;
      return true;
    }
    case 'hostname':
      print(st, st.env.HOSTNAME ?? '', to, append);
      break;
    case 'env':
      print(st, Object.entries(st.env).map(([k, v]) => `${k}=${v}`).join('\n'), to, append);
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

/** The entries of a directory (busybox `ls` without -a hides the dot entries a volume has). */
function listDir(st: ExecState, dir: string): string[] {
  const prefix = dir.replace(/\/$/, '') + '/';
  const names = new Set<string>();
  for (const f of Object.keys(st.files)) {
    if (!f.startsWith(prefix) || f === prefix) continue;
    const rest = f.slice(prefix.length).split('/')[0];
    if (rest && !rest.startsWith('.')) names.add(rest);
  }
  return [...names].sort();
}

function fail(st: ExecState, message: string, code = 1): boolean {
  print(st, message);
  st.status = code;
  return true;
}
