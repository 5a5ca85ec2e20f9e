// What a probe or a lifecycle hook finds when it reaches a container: ExecSync runs the command
// in the container's filesystem (containerd internal/cri/server/container_execsync.go), httpGet /
// tcpSocket / grpc connect to the pod IP where the pod's processes listen. The messages are the
// ones the kubelet's probers produce (pkg/probe/{exec,http,tcp,grpc}).
import { Parser } from './shell';
import { execute } from './process';
import { filesAt, newExecState } from './applets';
import type { ProcessPlan } from './process';
import type { ProbeAction } from './cri';

export interface ProbeOutcome {
  result: 'success' | 'failure' | 'error';
  output: string;
  /** how long the probe took (the reply comes after this) */
  durationMs: number;
  exitCode?: number;
}

/** A running process of the pod: its plan and how long it has been running. */
export interface Target { plan: ProcessPlan; elapsedMs: number }

const SHELLS = ['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash'];
const EXEC_KNOWN = /^(\/(usr\/)?s?bin\/)?(sh|bash|ash|cat|ls|test|\[|echo|true|false|touch|rm|mkdir|grep|wget|nc|pgrep|ps|sleep|printf|env|stat|head|redis-cli|pg_isready|nginx|curl|stress|\/agnhost)$/;
const seconds = (ms: number) => `${ms / 1000}s`;

/** ExecSync: run `cmd` in the container `t.elapsedMs` after it started. */
export function execIn(t: Target, cmd: string[], timeoutMs: number): ProbeOutcome {
  const bin = cmd[0] ?? '';
  if (!EXEC_KNOWN.test(bin)) {
    return {
      result: 'error', durationMs: 3,
      output: `rpc error: code = Unknown desc = failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${bin}": executable file not found in $PATH: unknown`,
    };
  }
  const st = newExecState(filesAt(t.plan.fs, t.elapsedMs, t.plan.mounted), t.plan.env, t.plan.mounted);
  const script = SHELLS.includes(bin) && cmd[1] === '-c' ? (cmd[2] ?? '') : cmd.map((w) => (/\s/.test(w) ? `'${w}'` : w)).join(' ');
  execute(Parser.parse(script), st);
  const durationMs = Math.max(1, st.t);
  if (st.forever || durationMs > timeoutMs) {
    // ExecProbeTimeout (GA): a timed-out command is a failure
    return { result: 'failure', output: `command "${cmd.join(' ')}" timed out`, durationMs: timeoutMs };
  }
  const code = st.exited ?? st.status;
  const output = st.out.map((l) => l.text).join('\n') + (st.out.length ? '\n' : '');
  return { result: code === 0 ? 'success' : 'failure', output, durationMs, exitCode: code };
}

/** The pod's process listening on `port`, if any. */
function listener(targets: Target[], port: number): Target | undefined {
  return targets.find((t) => t.plan.net && (t.plan.net.tcp.includes(port) || t.plan.net.http[port] || t.plan.net.grpc[port]));
}

/** pkg/probe/http: 200 ≤ code < 400 is success; anything else `HTTP probe failed with statuscode: N`. */
export function httpGet(targets: Target[], a: Extract<ProbeAction, { kind: 'http' }>, ip: string): ProbeOutcome {
  const host = `${a.host || ip}:${a.port}`;
  const url = `${(a.scheme ?? 'HTTP').toLowerCase()}://${host}${a.path.startsWith('/') ? '' : '/'}${a.path}`;
  const t = listener(targets, a.port);
  if (!t) return { result: 'failure', output: `Get "${url}": dial tcp ${host}: connect: connection refused`, durationMs: 1 };
  const model = t.plan.net!.http[a.port];
  if (!model) return { result: 'failure', output: `Get "${url}": EOF`, durationMs: 2 };
  const path = a.path.split('?')[0] || '/';
  let code = 404;
  if (model === 'static') code = path === '/' || path === '/index.html' ? 200 : 404;
  else if (model === 'netexec') code = ['/', '/healthz', '/hostname', '/echo', '/clientip', '/header', '/readyz'].includes(path) ? 200 : 404;
  else if (path === '/healthz') code = t.elapsedMs > 10_000 ? 500 : 200; // agnhost liveness: `duration.Seconds() > 10`
  else if (path === '/started') code = 200;
  if (code >= 200 && code < 400) return { result: 'success', output: '', durationMs: 2 };
  return { result: 'failure', output: `HTTP probe failed with statuscode: ${code}`, durationMs: 2 };
}

/** pkg/probe/tcp: success iff the connection is accepted. */
export function tcpConnect(targets: Target[], port: number, ip: string): ProbeOutcome {
  if (listener(targets, port)) return { result: 'success', output: '', durationMs: 1 };
  return { result: 'failure', output: `dial tcp ${ip}:${port}: connect: connection refused`, durationMs: 1 };
}

/** pkg/probe/grpc: grpc.health.v1.Health/Check must answer SERVING. */
export function grpcCheck(targets: Target[], port: number, ip: string, timeoutMs: number): ProbeOutcome {
  const t = listener(targets, port);
  if (!t) return { result: 'failure', output: `timeout: failed to connect service "${ip}:${port}" within ${seconds(timeoutMs)}: context deadline exceeded`, durationMs: timeoutMs };
  const g = t.plan.net!.grpc[port];
  if (!g) return { result: 'failure', output: 'this server does not implement the grpc health protocol (grpc.health.v1.Health): rpc error: code = Unimplemented desc = unknown service grpc.health.v1.Health', durationMs: 2 };
  if (g.unhealthyAfterMs !== undefined && t.elapsedMs >= g.unhealthyAfterMs) return { result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")', durationMs: 2 };
  return { result: 'success', output: 'service healthy', durationMs: 2 };
}
