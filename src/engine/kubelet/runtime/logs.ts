// Container logs as the CRI runtime keeps them (/var/log/pods/<ns>_<pod>_<uid>/<container>/<attempt>.log):
// what the process printed, for the current instance and — `kubectl logs --previous` — the last
// terminated one. Container GC keeps one dead instance per container (MaxPerPodContainer = 1).
import type { Ctr, RuntimeState } from './container-runtime';
import { renderLogLine } from './programs';

/** Remove the older dead instances of a container before a new one is created. */
export function gcDeadContainers(containers: Record<string, Ctr>, podUid: string, name: string): void {
  const dead = Object.values(containers)
    .filter((c) => c.pod.podUid === podUid && c.name === name && c.state === 'exited')
    .sort((a, b) => b.attempt - a.attempt || b.finishedAtMs - a.finishedAtMs);
  for (const c of dead.slice(1)) delete containers[c.id];
}

export interface ContainerLog {
  containerId: string;
  attempt: number;
  lines: string[];
  /** when each line was written, virtual ms (the CRI log file's timestamp; `kubectl logs --timestamps`) */
  times: number[];
}

/**
 * `kubectl logs <pod> -c <container> [--previous]`: the lines the container's newest instance
 * (or, with `previous`, the newest terminated instance before it) printed up to `nowMs` (default:
 * everything it will print, capped at its exit). Undefined when there is no such instance —
 * kubectl then says `previous terminated container "x" in pod "p" not found`.
 */
export function readContainerLog(rs: RuntimeState, podUid: string, container: string, previous = false, nowMs = Number.MAX_SAFE_INTEGER): ContainerLog | undefined {
  const instances = Object.values(rs.containers)
    .filter((c) => c.pod.podUid === podUid && c.name === container)
    .sort((a, b) => b.attempt - a.attempt);
  const c = previous ? instances.slice(1).find((x) => x.state === 'exited') : instances[0];
  if (!c) return undefined;
  if (c.state === 'created') return { containerId: c.id, attempt: c.attempt, lines: [], times: [] };
  const until = c.state === 'exited' ? c.finishedAtMs : nowMs;
  const written = c.plan.logs.filter((l) => c.startedAtMs + l.t <= until);
  return { containerId: c.id, attempt: c.attempt, lines: written.map((l) => renderLogLine(l, c.startedAtMs)), times: written.map((l) => c.startedAtMs + l.t) };
}
