// `kubectl exec`: a command run in a running container (the CRI's Exec, containerd
// internal/cri/server/container_exec.go), as a read-only view — nothing it does is kept, so the run's
// trace is the same with or without it. The container's filesystem is what its image and PID 1 made
// (process.ts) plus the kubelet's files: the volumes it mounted, /etc/hosts (pkg/kubelet/kubelet_pods.go
// managedHostsFileContent), /etc/resolv.conf (pkg/kubelet/network/dns/dns.go, ClusterFirst) and
// /etc/hostname. The wording of errors follows the image's userland: busybox (busybox, alpine and
// `*alpine*` tags) or Debian's dash and GNU coreutils (nginx, httpd, redis, postgres).
import { Parser, LITERAL_DOLLAR, type AndOr, type Cmd } from './shell';
import { expandParams, type ProcessPlan } from './process';
import { filesAt } from './applets';
import { EPOCH_MS, rfc3339 } from '../../api/time';

export interface ExecTarget {
  plan: ProcessPlan;
  /** the container's image as the pod spec names it */
  image: string;
  /** ms since the container started */
  elapsedMs: number;
  /** the virtual wall clock now (ms since the Unix epoch), for `date` and `ls -l` */
  wallMs: number;
  startedWallMs: number;
  pod: { name: string; namespace: string; ip: string; hostname?: string; subdomain?: string; dnsPolicy?: string; hostNetwork?: boolean };
  /** other processes of the pod a `ps` sees (an ephemeral container sharing the target's PID namespace) */
  others?: string[][];
}

export interface ExecOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** the runtime could not start the command (exec: not found) */
  startError?: string;
}

type Flavor = 'busybox' | 'gnu';

/** busybox for busybox/alpine images and `*alpine*` tags, else Debian (dash + coreutils). */
export function flavorOf(image: string): Flavor {
  const [repo, tag = ''] = image.split('@')[0].split(/:(?=[^/]*$)/);
  return /(^|\/)(busybox|alpine)$/.test(repo) || tag.includes('alpine') ? 'busybox' : 'gnu';
}

const CLUSTER_DOMAIN = 'cluster.local';
/** kubeadm's clusterDNS: the 10th address of the service CIDR 10.96.0.0/12 */
const CLUSTER_DNS = '10.96.0.10';

/** pkg/kubelet/kubelet_pods.go managedHostsFileContent + hostsEntriesFromHostAliases */
export function hostsFile(pod: ExecTarget['pod']): string {
  const lines = ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters'];
  const host = pod.hostname || pod.name;
  if (pod.ip) lines.push(pod.subdomain ? `${pod.ip}\t${host}.${pod.subdomain}.${pod.namespace}.svc.${CLUSTER_DOMAIN}\t${host}` : `${pod.ip}\t${host}`);
  return lines.join('\n') + '\n';
}

/** pkg/kubelet/network/dns/dns.go GetPodDNS: ClusterFirst's search path, the cluster DNS, ndots:5 */
export function resolvConf(pod: ExecTarget['pod']): string {
  const search = [`${pod.namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  return `search ${search.join(' ')}\nnameserver ${CLUSTER_DNS}\noptions ndots:5\n`;
}

/** The root directory of the image's filesystem. */
const ROOT: Record<Flavor, string[]> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  gnu: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
};
/** what each image's userland has (Debian's nginx image has no procps: `ps` is not found) */
const BUSYBOX_APPLETS = ['echo', 'printf', 'cat', 'ls', 'env', 'printenv', 'hostname', 'ps', 'whoami', 'id', 'pwd', 'date', 'true', 'false', 'sleep', 'test', '[', 'uname', 'touch', 'mkdir', 'rm', 'head', 'wc', 'nslookup', 'wget', 'sh', 'ash'];
const GNU_PROGRAMS = ['echo', 'printf', 'cat', 'ls', 'env', 'printenv', 'hostname', 'whoami', 'id', 'pwd', 'date', 'true', 'false', 'sleep', 'test', '[', 'uname', 'touch', 'mkdir', 'rm', 'head', 'wc', 'sh', 'dash', 'bash'];
const SHELLS = ['sh', 'ash', 'dash', 'bash'];

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** UTC calendar fields of an epoch instant (through the engine's rfc3339: no ambient Date) */
function utc(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number; wd: number } {
  const [y, mo, d, h, mi, s] = rfc3339(ms - EPOCH_MS).split(/[-T:Z]/).map(Number);
  // 1970-01-01 was a Thursday
  const wd = (Math.floor(ms / 86_400_000) + 4) % 7;
  return { y, mo: mo - 1, d, h, mi, s, wd };
}

/** `date` with no format: `%a %b %e %H:%M:%S %Z %Y` in UTC (both busybox and coreutils) */
function dateText(ms: number): string {
  const t = utc(ms);
  return `${DAYS[t.wd]} ${MONTHS[t.mo]} ${String(t.d).padStart(2, ' ')} ${pad2(t.h)}:${pad2(t.mi)}:${pad2(t.s)} UTC ${t.y}`;
}

/** bytes of the UTF-8 encoding (the engine has no TextEncoder) */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

interface Entry { dir: boolean; link?: string; size: number; mode: string }

class Shell {
  out = '';
  err = '';
  status = 0;
  exited?: number;
  env: Record<string, string>;
  private readonly files: Record<string, true>;
  private readonly data: Record<string, string>;
  /** the directories a volume is mounted on (their files are `..data/` symlinks, atomic_writer.go) */
  private readonly volumeDirs: string[];
  private readonly flavor: Flavor;
  private cwd = '/';
  private readonly scriptName: string;

  constructor(
    private readonly t: ExecTarget,
    private readonly stdin = '',
  ) {
    this.flavor = flavorOf(t.image);
    const mounted = t.plan.mounted ?? {};
    this.files = filesAt(t.plan.fs, t.elapsedMs, mounted);
    this.data = { ...mounted };
    this.data['/etc/hosts'] = hostsFile(t.pod);
    this.data['/etc/resolv.conf'] = resolvConf(t.pod);
    this.data['/etc/hostname'] = `${t.pod.hostname || t.pod.name}\n`;
    for (const d of ROOT[this.flavor]) this.files[`/${d}`] = true;
    this.env = { ...(t.plan.env ?? {}) };
    const dirs = new Set<string>();
    for (const p of Object.keys(mounted)) dirs.add(p.slice(0, p.lastIndexOf('/')) || '/');
    this.volumeDirs = [...dirs];
    this.scriptName = 'sh';
  }

  private print(text: string): void {
    this.out += text + '\n';
  }
  private error(text: string): void {
    this.err += text + '\n';
  }
  private abs(p: string): string {
    const joined = p.startsWith('/') ? p : `${this.cwd.replace(/\/$/, '')}/${p}`;
    const parts: string[] = [];
    for (const s of joined.split('/')) {
      if (!s || s === '.') continue;
      if (s === '..') parts.pop();
      else parts.push(s);
    }
    return '/' + parts.join('/');
  }
  private exists(p: string): boolean {
    const a = this.abs(p);
    return !!this.files[a] || a in this.data || Object.keys(this.files).some((f) => f.startsWith(a === '/' ? '/' : a + '/'));
  }
  private isDir(p: string): boolean {
    const a = this.abs(p);
    if (a === '/') return true;
    return Object.keys(this.files).some((f) => f.startsWith(a + '/')) || (ROOT[this.flavor].includes(a.slice(1)));
  }
  private children(dir: string, all: boolean): string[] {
    const a = this.abs(dir);
    const prefix = a === '/' ? '/' : a + '/';
    const names = new Set<string>();
    for (const f of Object.keys(this.files)) {
      if (!f.startsWith(prefix) || f === prefix) continue;
      const rest = f.slice(prefix.length).split('/')[0];
      if (rest) names.add(rest);
    }
    if (a === '/') for (const d of ROOT[this.flavor]) names.add(d);
    // a volume's directory holds its keys as symlinks into `..data` (kubelet's atomic writer)
    const dotted = this.volumeDirs.includes(a) ? ['..data', `..${this.volumeStamp()}`] : [];
    const visible = [...names].filter((n) => all || !n.startsWith('.')).sort();
    return all ? ['.', '..', ...[...dotted, ...visible].sort()] : visible;
  }
  /** `.`, `..`, a volume's `..data` link and timestamped directory, or an ordinary entry */
  private childEntry(dir: string, n: string): Entry {
    const volume = this.volumeDirs.includes(dir);
    if (n === '.') return { dir: true, size: 4096, mode: volume ? 'drwxrwxrwx' : 'drwxr-xr-x' };
    if (n === '..') return { dir: true, size: 4096, mode: 'drwxr-xr-x' };
    if (volume && n === '..data') return { dir: false, link: `..${this.volumeStamp()}`, size: `..${this.volumeStamp()}`.length, mode: 'lrwxrwxrwx' };
    if (volume && n.startsWith('..')) return { dir: true, size: 4096, mode: 'drwxr-xr-x' };
    return this.entry(`${dir === '/' ? '' : dir}/${n}`);
  }
  private volumeStamp(): string {
    const d = utc(this.t.startedWallMs);
    return `${d.y}_${pad2(d.mo + 1)}_${pad2(d.d)}_${pad2(d.h)}_${pad2(d.mi)}_${pad2(d.s)}.0000000001`;
  }
  private entry(path: string): Entry {
    const a = this.abs(path);
    if (this.isDir(a)) return { dir: true, size: 4096, mode: 'drwxr-xr-x' };
    const dir = a.slice(0, a.lastIndexOf('/')) || '/';
    const content = this.data[a] ?? '';
    if (this.volumeDirs.includes(dir)) return { dir: false, link: `..data/${a.slice(dir.length + 1)}`, size: `..data/${a.slice(dir.length + 1)}`.length, mode: 'lrwxrwxrwx' };
    return { dir: false, size: utf8Length(content), mode: '-rw-r--r--' };
  }
  private longLine(name: string, e: Entry): string {
    const d = utc(this.t.startedWallMs);
    const when = `${MONTHS[d.mo]} ${String(d.d).padStart(2, ' ')} ${pad2(d.h)}:${pad2(d.mi)}`;
    const shown = e.link ? `${name} -> ${e.link}` : name;
    // busybox ls.c: "%-10s %4u %-8.8s %-8.8s %8llu"; coreutils aligns columns over the listing
    if (this.flavor === 'busybox') return `${e.mode}    ${e.dir ? 2 : 1} root     root     ${String(e.size).padStart(9, ' ')} ${when} ${shown}`;
    return `${e.mode} ${e.dir ? 2 : 1} root root ${String(e.size).padStart(4, ' ')} ${when} ${shown}`;
  }

  /** `sh: foo: not found` (busybox ash) or `sh: 1: foo: not found` (dash) */
  private notFound(name: string): void {
    this.error(this.flavor === 'busybox' ? `${this.scriptName}: ${name}: not found` : `${this.scriptName}: 1: ${name}: not found`);
    this.status = 127;
  }

  private has(name: string): boolean {
    return (this.flavor === 'busybox' ? BUSYBOX_APPLETS : GNU_PROGRAMS).includes(name);
  }

  run(list: AndOr[]): void {
    for (const item of list) {
      for (const c of item.first) this.cmd(c);
      for (const r of item.rest) {
        if (this.exited !== undefined) return;
        if ((r.op === '&&') === (this.status === 0)) for (const c of r.cmds) this.cmd(c);
      }
      if (this.exited !== undefined) return;
    }
  }

  private cmd(c: Cmd): void {
    if (this.exited !== undefined) return;
    if (c.kind === 'simple') return this.simple(c.words.map((w) => expandParams(w, this)).filter((x, i) => x !== '' || c.words[i] === ''));
    if (c.kind === 'if') {
      for (const b of c.branches) {
        this.run(b.cond);
        if (this.exited !== undefined) return;
        if (this.status === 0) return this.run(b.body);
      }
      return this.run(c.otherwise);
    }
    if (c.kind === 'for') {
      for (let i = 0; i < c.items.length && this.exited === undefined; i++) this.run(c.body);
      return;
    }
    // a loop in an exec would run until the command is interrupted: the model runs it a few times
    for (let i = 0; i < 100 && this.exited === undefined; i++) {
      this.run(c.cond);
      if (c.until ? this.status === 0 : this.status !== 0) break;
      this.run(c.body);
    }
  }

  /** One command with its words already expanded. */
  simple(w: string[]): void {
    while (w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0])) {
      const i = w[0].indexOf('=');
      this.env[w[0].slice(0, i)] = w[0].slice(i + 1);
      w = w.slice(1);
      this.status = 0;
    }
    if (w.length === 0) return;
    if (w[0] === 'exec') w = w.slice(1);
    const name = base(w[0]);
    const args = w.slice(1);
    this.status = 0;
    switch (name) {
      case 'exit':
        this.exited = args[0] === undefined ? this.status : Number(args[0]) & 255;
        return;
      case 'export':
        for (const a of args) {
          const i = a.indexOf('=');
          if (i > 0) this.env[a.slice(0, i)] = a.slice(i + 1);
        }
        return;
      case 'cd': {
        const to = this.abs(args[0] ?? this.env.HOME ?? '/');
        if (!this.isDir(to)) {
          this.error(this.flavor === 'busybox' ? `${this.scriptName}: cd: can't cd to ${args[0]}: No such file or directory` : `${this.scriptName}: 1: cd: can't cd to ${args[0]}`);
          this.status = this.flavor === 'busybox' ? 1 : 2;
          return;
        }
        this.cwd = to;
        return;
      }
      case 'true':
      case ':':
        return;
      case 'false':
        this.status = 1;
        return;
    }
    if (!this.has(name) && name !== 'echo' && name !== 'printf' && name !== 'test' && name !== '[' && name !== 'pwd') return this.notFound(w[0]);
    this.program(name, args);
  }

  private program(name: string, args: string[]): void {
    const ops = args.filter((a) => !a.startsWith('-') || a === '-');
    const flags = args.filter((a) => a.startsWith('-') && a !== '-').join('');
    const bb = this.flavor === 'busybox';
    switch (name) {
      case 'sh':
      case 'ash':
      case 'dash':
      case 'bash':
        if (args[0] === '-c') {
          const sub = new Shell(this.t, this.stdin);
          sub.env = { ...this.env };
          sub.run(Parser.parse(args[1] ?? ''));
          this.out += sub.out;
          this.err += sub.err;
          this.status = sub.exited ?? sub.status;
        }
        return;
      case 'echo': {
        const n = args[0] === '-n';
        const text = (n ? args.slice(1) : args).join(' ');
        this.out += n ? text : text + '\n';
        return;
      }
      case 'printf': {
        let i = 1;
        const text = (args[0] ?? '').replace(/%s/g, () => args[i++] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        this.out += text;
        return;
      }
      case 'cat': {
        // no operand (or `-`): stdin
        if (ops.length === 0) this.out += this.stdin;
        for (const p of ops) {
          if (p === '-') {
            this.out += this.stdin;
            continue;
          }
          const a = this.abs(p);
          if (this.isDir(a)) {
            this.error(`cat: ${bb ? `read error: Is a directory` : `${p}: Is a directory`}`);
            this.status = 1;
          } else if (!this.exists(a)) {
            this.error(bb ? `cat: can't open '${p}': No such file or directory` : `cat: ${p}: No such file or directory`);
            this.status = 1;
          } else this.out += this.data[a] ?? '';
        }
        return;
      }
      case 'ls': {
        const long = flags.includes('l');
        const all = flags.includes('a');
        const paths = ops.length ? ops : ['.'];
        const blocks: string[] = [];
        const missing: string[] = [];
        for (const p of paths) {
          if (!this.exists(p)) {
            missing.push(p);
            continue;
          }
          const a = this.abs(p);
          if (!this.isDir(a)) {
            blocks.push(long ? this.longLine(p, this.entry(a)) : p);
            continue;
          }
          const names = this.children(a, all);
          const entries = names.map((n) => [n, this.childEntry(a, n)] as const);
          // `total`: 1K blocks in use (a directory takes 4, a symlink none)
          const lines = long ? [`total ${entries.reduce((t, [, e]) => t + (e.dir ? 4 : e.link ? 0 : Math.ceil(e.size / 4096) * 4), 0)}`, ...entries.map(([n, e]) => this.longLine(n, e))] : names;
          blocks.push((paths.length > 1 ? `${p}:\n` : '') + lines.join('\n'));
        }
        for (const p of missing) this.error(bb ? `ls: ${p}: No such file or directory` : `ls: cannot access '${p}': No such file or directory`);
        const shown = blocks.filter((b) => b !== '');
        if (shown.length) this.out += shown.join(paths.length > 1 ? '\n\n' : '\n') + '\n';
        // coreutils: 2 for a missing operand (serious trouble); busybox: 1
        if (missing.length) this.status = bb ? 1 : 2;
        return;
      }
      case 'env':
        for (const [k, v] of Object.entries(this.env)) this.print(`${k}=${v}`);
        return;
      case 'printenv': {
        if (ops.length === 0) {
          for (const [k, v] of Object.entries(this.env)) this.print(`${k}=${v}`);
          return;
        }
        let missing = 0;
        for (const n of ops) {
          if (this.env[n] === undefined) missing++;
          else this.print(this.env[n]);
        }
        this.status = missing ? 1 : 0;
        return;
      }
      case 'hostname':
        this.print(this.t.pod.hostname || this.t.pod.name);
        return;
      case 'whoami':
        this.print('root');
        return;
      case 'id':
        // busybox's /etc/group puts root in wheel; Debian's does not
        this.print(bb ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)' : 'uid=0(root) gid=0(root) groups=0(root)');
        return;
      case 'pwd':
        this.print(this.cwd);
        return;
      case 'date':
        this.print(dateText(this.t.wallMs));
        return;
      case 'uname':
        this.print(flags.includes('a') ? `Linux ${this.t.pod.hostname || this.t.pod.name} 6.8.0 #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux` : 'Linux');
        return;
      case 'ps': {
        // busybox ps.c: "%5u %-8.8s %s" per process under "PID   USER     TIME  COMMAND"
        this.print('PID   USER     TIME  COMMAND');
        // a debugger targeting a container joins its PID namespace: the target's PID 1 comes first
        const procs = [...(this.t.others ?? []), this.t.plan.argv];
        procs.forEach((argv, i) => this.print(`${String(i + 1).padStart(5, ' ')} root      0:00 ${argv.join(' ')}`));
        this.print(`${String(procs.length + 6).padStart(5, ' ')} root      0:00 ps${args.length ? ' ' + args.join(' ') : ''}`);
        return;
      }
      case 'sleep':
      case 'touch':
      case 'mkdir':
      case 'rm':
      case 'test':
      case '[':
        return;
      case 'head':
      case 'wc':
      case 'nslookup':
      case 'wget':
        return;
    }
  }
}

/** Run `argv` in the container (ExecSync-like: the whole output, then the exit code). */
export function execInContainer(t: ExecTarget, argv: string[], stdin?: string): ExecOutput {
  const bin = argv[0] ?? '';
  const sh = new Shell(t, stdin);
  const name = base(bin);
  const flavor = flavorOf(t.image);
  const present = flavor === 'busybox' ? BUSYBOX_APPLETS.includes(name) : GNU_PROGRAMS.includes(name);
  if (!present || (bin.includes('/') && !/^\/(usr\/)?s?bin\//.test(bin))) {
    // runc's error, the kubelet's wrapping (pkg/kubelet/cri/streaming/remotecommand)
    return { stdout: '', stderr: '', exitCode: 128, startError: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${bin}": executable file not found in $PATH: unknown` };
  }
  if (SHELLS.includes(name) && argv[1] === '-c') sh.run(Parser.parse(argv[2] ?? ''));
  // a shell without -c reads its script from stdin (`kubectl exec -i POD -- sh < script`); none: EOF, exit 0
  else if (SHELLS.includes(name)) sh.run(Parser.parse(stdin ?? ''));
  else sh.simple(argv.map((w) => w.replaceAll('$', LITERAL_DOLLAR)).map((w) => w.replaceAll(LITERAL_DOLLAR, '$')));
  return { stdout: sh.out, stderr: sh.err, exitCode: sh.exited ?? sh.status };
}
