// The server programs the simulated images run, and what a probe or a hook reaching them sees:
// nginx/httpd serve `/` on port 80 (other paths 404), redis/postgres listen on their TCP ports,
// agnhost's `liveness` server (test/images/agnhost/liveness/server.go) answers /healthz with 200
// for 10 s and 500 after, `netexec` serves its handlers on --http-port, `grpc-health-checking`
// implements grpc.health.v1 on --port, and `stress --vm N --vm-bytes X` allocates N×X bytes.
import { rfc3339 } from '../../api/time';
import type { LogLine } from './applets';
import type { ImageInfo } from './images';
import type { StopBehaviour } from './process';

export type HttpModel = 'static' | 'agnhost-liveness' | 'netexec';
export interface NetModel {
  /** ports with a TCP listener */
  tcp: number[];
  http: Record<string, HttpModel>;
  /** gRPC health servers: NOT_SERVING from `unhealthyAfterMs` on */
  grpc: Record<string, { unhealthyAfterMs?: number }>;
}
export interface MemoryUse { bytes: number; atMs: number }

export interface ProgramPlan {
  onStop: StopBehaviour;
  net?: NetModel;
  logs?: LogLine[];
  memory?: MemoryUse;
  exitAfterMs?: number;
  exitCode?: number;
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
/** `--flag=v` or `--flag v` */
function flag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** nginx's log timestamp (2025/01/01 00:00:01) for the virtual instant `ms`. */
const nginxTime = (ms: number) => rfc3339(ms).replace(/-/g, '/').replace('T', ' ').replace('Z', '');

function nginxLogs(): LogLine[] {
  const entry = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
  ].map((text, i) => ({ t: 5 + i * 2, text }));
  const notices = ['using the "epoll" event method', 'nginx/1.27.5', 'built by gcc 12.2.0 (Debian 12.2.0-14)', 'OS: Linux 6.8.0', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'start worker processes', 'start worker process 29'];
  // the timestamp is rendered when the log is read (`{time}`), since it depends on the start instant
  return [...entry, ...notices.map((n, i) => ({ t: 30 + i, text: `{time} [notice] 1#1: ${n}` }))];
}

/** Replace the `{time}` placeholder of nginx lines once the absolute start is known. */
export function renderLogLine(line: LogLine, startedAtMs: number): string {
  return line.text.replace('{time}', nginxTime(startedAtMs + line.t));
}

const server = (stopMs: number, exitCode: number): StopBehaviour => ({ kind: 'exit', afterMs: stopMs, exitCode });
const net = (tcp: number[], http: Record<string, HttpModel> = {}, grpc: NetModel['grpc'] = {}): NetModel => ({ tcp, http, grpc });

/** stress's size suffixes are powers of 1024 (B, K, M, G). */
function stressBytes(s: string | undefined): number {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(s ?? '256M');
  if (!m) return 256 * 2 ** 20;
  return Number(m[1]) * 2 ** ({ '': 0, b: 0, k: 10, m: 20, g: 30 }[m[2].toLowerCase()] as number);
}

function agnhost(argv: string[]): ProgramPlan | undefined {
  const sub = argv[1] ?? 'pause';
  const stop = server(5, 2); // Go's default SIGTERM action: exit status 2
  if (sub === 'liveness') return { onStop: stop, net: net([8080], { 8080: 'agnhost-liveness' }), logs: [] };
  if (sub === 'netexec') {
    const port = Number(flag(argv, '--http-port') ?? 8080);
    return { onStop: stop, net: net([port], { [port]: 'netexec' }), logs: [{ t: 3, text: `Started HTTP server on port ${port}` }] };
  }
  if (sub === 'grpc-health-checking') {
    const port = Number(flag(argv, '--port') ?? 5000);
    const http = Number(flag(argv, '--http-port') ?? 8080);
    const delay = Number(flag(argv, '--delay-unhealthy-sec') ?? -1);
    const grpc = { [port]: delay >= 0 ? { unhealthyAfterMs: delay * 1000 } : {} };
    return { onStop: stop, net: net([port, http], {}, grpc), logs: [{ t: 3, text: `gRPC server starting to listen on :${port}` }, { t: 3, text: `HTTP server starting to listen on :${http}` }] };
  }
  if (sub === 'pause') return { onStop: server(5, 0), logs: [{ t: 2, text: 'Paused' }] };
  return undefined;
}

function stress(argv: string[]): ProgramPlan {
  if (argv.includes('--help') || argv.length === 1) return { onStop: server(1, 0), exitAfterMs: 3, exitCode: 1, logs: [{ t: 2, text: '`stress\' imposes certain types of compute stress on your system' }] };
  const vm = Number(flag(argv, '--vm') ?? 0);
  const perVm = stressBytes(flag(argv, '--vm-bytes'));
  const timeout = flag(argv, '--timeout');
  const logs: LogLine[] = [{ t: 2, text: `stress: info: [1] dispatching hogs: ${Number(flag(argv, '--cpu') ?? 0)} cpu, ${Number(flag(argv, '--io') ?? 0)} io, ${vm} vm, ${Number(flag(argv, '--hdd') ?? 0)} hdd` }];
  // pages are touched at roughly 2 GB/s
  const memory = vm > 0 ? { bytes: vm * perVm, atMs: 3 + Math.round((vm * perVm) / 2_000_000) } : undefined;
  const plan: ProgramPlan = { onStop: server(10, 0), logs, memory };
  if (timeout) {
    const s = Number(timeout.replace(/s$/, ''));
    plan.exitAfterMs = s * 1000 + 5;
    plan.exitCode = 0;
    logs.push({ t: s * 1000 + 5, text: `stress: info: [1] successful run completed in ${s}s` });
  }
  return plan;
}

/** The plan of a known server program, or undefined to let the shell/applet model decide. */
export function programPlan(info: ImageInfo, argv: string[]): ProgramPlan | undefined {
  const bin = base(argv[0] ?? '');
  const def = info.server ?? { stopMs: 100, exitCode: 0 };
  switch (bin) {
    case 'nginx':
      return { onStop: server(def.stopMs, def.exitCode), net: net([80], { 80: 'static' }), logs: nginxLogs() };
    case 'httpd':
    case 'httpd-foreground':
      return {
        onStop: server(def.stopMs, def.exitCode), net: net([80], { 80: 'static' }),
        logs: [{ t: 20, text: 'AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations' }],
      };
    case 'redis-server':
      return { onStop: server(def.stopMs, def.exitCode), net: net([6379]), logs: [{ t: 10, text: '1:M * Ready to accept connections tcp' }] };
    case 'postgres':
      return { onStop: server(def.stopMs, def.exitCode), net: net([5432]), logs: [{ t: 200, text: 'LOG:  database system is ready to accept connections' }] };
    case 'agnhost':
      return agnhost(argv);
    case 'goproxy':
      return { onStop: server(5, 2), net: net([8080]), logs: [] };
    case 'stress':
      return stress(argv);
  }
  return undefined;
}

/**
 * The cgroup OOM killer: a process that touches more memory than memory.max is SIGKILLed when its
 * usage crosses the limit (ms after start), and containerd reports the reason OOMKilled.
 */
export function oomKillAfterMs(plan: { memory?: MemoryUse }, limitBytes: number): number | undefined {
  const m = plan.memory;
  if (!m || limitBytes <= 0 || m.bytes <= limitBytes) return undefined;
  return Math.max(1, Math.round((m.atMs * limitBytes) / m.bytes));
}
