// runtime:<node> answering a probe or a hook (see probe-target.ts for what each mechanism sees).
import type { ProbeRequest } from './cri';
import type { RuntimeState } from './container-runtime';
import { execIn, grpcCheck, httpGet, tcpConnect, type ProbeOutcome, type Target } from './probe-target';

export function answerProbe(s: RuntimeState, m: ProbeRequest, nowMs: number): ProbeOutcome {
  const c = s.containers[m.containerId];
  const a = m.action;
  if (a.kind === 'exec') {
    if (!c || c.state !== 'running') {
      return { result: 'error', output: `rpc error: code = NotFound desc = failed to exec in container: container is in CONTAINER_EXITED state`, durationMs: 1 };
    }
    return execIn({ plan: c.plan, elapsedMs: nowMs - c.startedAtMs }, a.command, m.timeoutMs);
  }
  // the pod's containers share one network namespace: any of them may be listening
  const targets: Target[] = Object.values(s.containers)
    .filter((x) => x.sandboxId === m.sandboxId && x.state === 'running' && x.startedAtMs <= nowMs)
    .map((x) => ({ plan: x.plan, elapsedMs: nowMs - x.startedAtMs }));
  if (a.kind === 'http') return httpGet(targets, a, m.podIP);
  if (a.kind === 'tcp') return tcpConnect(targets, a.port, m.podIP);
  return grpcCheck(targets, a.port, m.podIP, m.timeoutMs);
}
