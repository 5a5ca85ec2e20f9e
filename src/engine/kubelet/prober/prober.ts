// Twin of pkg/kubelet/prober/prober.go: which mechanism a probe uses, the request it makes
// (runProbe: httpGet host defaults to the pod IP, named ports resolve through container.ports),
// and the Unhealthy event text (`%s probe failed: %s`, `%s probe errored and resulted in %s state: %s`).
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { ProbeAction } from '../runtime/cri';

export type ProbeType = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'success' | 'failure' | 'unknown';

export const probeSpec = (c: Container, type: ProbeType): Probe | undefined =>
  type === 'liveness' ? c.livenessProbe : type === 'readiness' ? c.readinessProbe : c.startupProbe;

/** The probe kind's name as prober_manager.go's probeType.String() gives it. */
export const probeTypeName = (t: ProbeType) => t[0].toUpperCase() + t.slice(1);

/** Probe defaults (pkg/apis/core/v1/defaults.go SetDefaults_Probe), in case the object skipped them. */
export function probeTiming(p: Probe) {
  return {
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodMs: (p.periodSeconds ?? 10) * 1000,
    timeoutMs: (p.timeoutSeconds ?? 1) * 1000,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
}

/** extractPort / findPortByName: an int, a numeric string, or the name of a container port. */
export function resolvePort(port: number | string | undefined, c: Container): number | string {
  if (typeof port === 'number') return port;
  if (port === undefined || port === '') return 80;
  const named = (c.ports ?? []).find((p) => p.name === port);
  if (named) return named.containerPort;
  const n = Number(port);
  return Number.isInteger(n) ? n : `strconv.Atoi: parsing "${port}": invalid syntax`;
}

export type Mechanism = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc';

/** The mechanism of a probe or handler and the request it turns into; a string is an error. */
export function probeAction(p: Pick<Probe, 'exec' | 'httpGet' | 'tcpSocket' | 'grpc'>, c: Container): { mechanism: Mechanism; action: ProbeAction | string } {
  if (p.exec) return { mechanism: 'exec', action: { kind: 'exec', command: p.exec.command ?? [] } };
  if (p.httpGet) {
    const port = resolvePort(p.httpGet.port as number | string, c);
    if (typeof port === 'string') return { mechanism: 'httpGet', action: port };
    return { mechanism: 'httpGet', action: { kind: 'http', port, path: p.httpGet.path ?? '/', scheme: p.httpGet.scheme, host: p.httpGet.host } };
  }
  if (p.tcpSocket) {
    const port = resolvePort(p.tcpSocket.port as number | string, c);
    return { mechanism: 'tcpSocket', action: typeof port === 'string' ? port : { kind: 'tcp', port } };
  }
  if (p.grpc) return { mechanism: 'grpc', action: { kind: 'grpc', port: p.grpc.port, service: p.grpc.service } };
  return { mechanism: 'exec', action: 'missing probe handler' };
}

/** The Warning Unhealthy event's message for a failed or errored probe. */
export function unhealthyMessage(type: ProbeType, result: 'failure' | 'error', output: string): string {
  if (result === 'error') return `${probeTypeName(type)} probe errored and resulted in unknown state: ${output}`;
  return `${probeTypeName(type)} probe failed: ${output}`;
}
