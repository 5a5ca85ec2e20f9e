// What containerd makes of a ContainerConfig besides argv (internal/cri/server/container_create.go
// + the OCI spec opts): the process environment (image ENV, then HOSTNAME, then the kubelet's
// envs in order) and the files of the bind mounts; and the container stats the kubelet's
// eviction manager reads (ListContainerStats → working set bytes).
import type * as CRI from './cri';
import type { RuntimeState } from './container-runtime';

/** The ENV every catalogue image sets (Debian/Alpine/busybox base images). */
const IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function containerEnv(m: Pick<CRI.CreateContainer, 'name' | 'envs'>): Record<string, string> {
  const env: Record<string, string> = { PATH: IMAGE_PATH, HOSTNAME: m.name };
  for (const e of m.envs ?? []) env[e.key] = e.value;
  env.HOME ??= '/root';
  return env;
}

/** The mounted files by absolute path inside the container. */
export function mountedFiles(mounts: CRI.Mount[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of mounts ?? []) {
    const root = m.containerPath.replace(/\/+$/, '');
    for (const [rel, content] of Object.entries(m.files)) out[rel ? `${root}/${rel}` : root] = content;
  }
  return out;
}

/**
 * Memory the model gives what is not a pod on a node: the kubelet, containerd, systemd and the
 * kernel's own working set on a kind node (roughly what `kubectl top node` shows idle).
 */
export const SYSTEM_WORKING_SET_BYTES = 512 * 2 ** 20;
/** An idle process's working set (its binary, libc and stack pages). */
const IDLE_WORKING_SET_BYTES = 1_212_416;

/** The working set of a running container `elapsedMs` after start: its allocation ramps up to the plan's bytes. */
export function workingSetBytes(plan: { memory?: { bytes: number; atMs: number } }, elapsedMs: number): number {
  const m = plan.memory;
  if (!m) return IDLE_WORKING_SET_BYTES;
  const touched = elapsedMs >= m.atMs ? m.bytes : Math.floor((m.bytes * Math.max(0, elapsedMs)) / Math.max(1, m.atMs));
  return IDLE_WORKING_SET_BYTES + Math.floor(touched / 4096) * 4096; // whole pages
}

export function containerStats(s: RuntimeState, nowMs: number): CRI.ContainerStats {
  const stats = Object.values(s.containers)
    .filter((c) => c.state === 'running' && c.startedAtMs <= nowMs)
    .map((c) => ({ podUid: c.pod.podUid, container: c.name, workingSetBytes: workingSetBytes(c.plan, nowMs - c.startedAtMs) }));
  return { type: 'CONTAINER_STATS', stats, systemBytes: SYSTEM_WORKING_SET_BYTES };
}
