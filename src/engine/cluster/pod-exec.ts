// `kubectl exec` as a read-only view of the node side, like `kubectl logs` (node-access.ts): the
// apiserver's ExecLocation (pkg/registry/core/pod/strategy.go streamLocation) checks the container
// and the node, then the kubelet's GetExec (pkg/kubelet/kubelet_pods.go) finds the running
// container and the runtime runs the command (exec-shell.ts). Nothing is written: no input is
// recorded and the trace of the run is unchanged.
import type { KObject } from '../api/types';
import { EPOCH_MS } from '../api/time';
import type { RuntimeState } from '../kubelet';
import { execInContainer, type ExecOutput } from '../kubelet/runtime/exec-shell';

export interface ExecOptions {
  container?: string;
  command: string[];
  /** as of this virtual instant */
  nowMs: number;
  /** what the client wrote to stdin (`kubectl exec -i`), until it closed it */
  stdin?: string;
}

export type ExecResult =
  | ({ ok: true; container: string } & ExecOutput)
  /** `from: 'kubelet'`: the kubelet's plain-text error, which the client reports as `unable to upgrade connection: …` */
  | { ok: false; code: number; reason: 'NotFound' | 'BadRequest' | 'InternalError'; message: string; from: 'apiserver' | 'kubelet' };

type Ctr = { name: string; image?: string; command?: string[] };
type Spec = { containers?: Ctr[]; initContainers?: Ctr[]; ephemeralContainers?: Array<Ctr & { targetContainerName?: string }>; nodeName?: string; hostname?: string; subdomain?: string; dnsPolicy?: string; hostNetwork?: boolean };

export function podExec(pod: KObject | undefined, name: string, runtimeOf: (node: string) => RuntimeState | undefined, opts: ExecOptions): ExecResult {
  if (!pod) return { ok: false, code: 404, reason: 'NotFound', message: `pods "${name}" not found`, from: 'apiserver' };
  const spec = (pod.spec ?? {}) as Spec;
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  let container = opts.container ?? '';
  if (!container) {
    // strategy.go streamLocation: the only container, else the client must name one
    if ((spec.containers ?? []).length !== 1) return { ok: false, code: 400, reason: 'BadRequest', message: `a container name must be specified for pod ${name}, choose one of: [${all.map((c) => c.name).join(' ')}]`, from: 'apiserver' };
    container = spec.containers![0].name;
  }
  const c = all.find((x) => x.name === container);
  if (!c) return { ok: false, code: 400, reason: 'BadRequest', message: `container ${container} is not valid for pod ${name}`, from: 'apiserver' };
  if (!spec.nodeName) return { ok: false, code: 400, reason: 'BadRequest', message: `pod ${name} does not have a host assigned`, from: 'apiserver' };
  const rs = runtimeOf(spec.nodeName);
  const uid = String(pod.metadata.uid);
  const running = Object.values(rs?.containers ?? {})
    .filter((x) => x.pod.podUid === uid && x.name === container && x.state === 'running' && x.startedAtMs <= opts.nowMs)
    .sort((a, b) => b.attempt - a.attempt)[0];
  // kubelet GetExec → findContainer: no running container of that name
  if (!running) return { ok: false, code: 500, reason: 'InternalError', message: `container not found ("${container}")`, from: 'kubelet' };
  const eph = (spec.ephemeralContainers ?? []).find((x) => x.name === container);
  const target = eph?.targetContainerName;
  // an ephemeral container targeting another shares its PID namespace: `ps` sees that process
  const others = Object.values(rs?.containers ?? {})
    .filter((x) => x.pod.podUid === uid && x.state === 'running' && x.name !== container && x.name === target)
    .map((x) => x.plan.argv);
  const status = (pod.status ?? {}) as { podIP?: string };
  const out = execInContainer(
    {
      plan: running.plan,
      image: c.image ?? running.image,
      elapsedMs: opts.nowMs - running.startedAtMs,
      wallMs: EPOCH_MS + opts.nowMs,
      startedWallMs: EPOCH_MS + running.startedAtMs,
      pod: { name, namespace: pod.metadata.namespace ?? 'default', ip: status.podIP ?? '', hostname: spec.hostname, subdomain: spec.subdomain, dnsPolicy: spec.dnsPolicy, hostNetwork: spec.hostNetwork },
      others,
    },
    opts.command,
    opts.stdin,
  );
  return { ok: true, container, ...out };
}
