// The Downward API: twin of pkg/fieldpath/fieldpath.go (ExtractFieldPathAsString, FormatMap),
// kubelet_pods.go podFieldSelectorRuntimeValue (spec.* and status.* for env) and
// pkg/api/v1/resource/helpers.go ExtractContainerResourceValue (resourceFieldRef with divisor,
// rounded up), with kubelet_resources.go defaulting missing limits to the node's allocatable.
import type { Container, ObjectFieldSelector, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import { cpuMilli, parseQuantity, resourceValue } from '../api/quantity';

export interface DownwardContext {
  podIP?: string;
  hostIP: string;
  /** node allocatable, used for limits the container does not set */
  allocatable: { cpuMilli: number; memoryBytes: number };
}

/** FormatMap: `key="value"` lines in key order (Go's %q quoting). */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.+)'\]$/;

/** ExtractFieldPathAsString for the metadata fields (what a downwardAPI volume may use). */
export function extractFieldPathAsString(pod: Pod, path: string): string {
  const m = pod.metadata ?? {};
  const sub = SUBSCRIPT.exec(path);
  if (sub) return ((sub[1] === 'labels' ? m.labels : m.annotations) ?? {})[sub[2]] ?? '';
  switch (path) {
    case 'metadata.annotations': return formatMap(m.annotations);
    case 'metadata.labels': return formatMap(m.labels);
    case 'metadata.name': return m.name ?? '';
    case 'metadata.namespace': return m.namespace ?? '';
    case 'metadata.uid': return m.uid ?? '';
  }
  throw new Error(`unsupported fieldPath: ${path}`);
}

/** podFieldSelectorRuntimeValue: the env var value of a fieldRef. */
export function podFieldSelectorRuntimeValue(fs: ObjectFieldSelector, pod: Pod, ctx: DownwardContext): string {
  switch (fs.fieldPath) {
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': return ctx.hostIP;
    case 'status.hostIPs': return ctx.hostIP;
    case 'status.podIP': return ctx.podIP ?? '';
    case 'status.podIPs': return ctx.podIP ?? '';
  }
  return extractFieldPathAsString(pod, fs.fieldPath);
}

/** ExtractContainerResourceValue: ceil(value / divisor) (divisor default 1; cpu compared in millicores). */
export function containerResourceRuntimeValue(fs: ResourceFieldSelector, pod: Pod, container: Container, ctx: DownwardContext): string {
  const divisor = fs.divisor === undefined || parseQuantity(fs.divisor as string) === 0 ? '1' : String(fs.divisor);
  const r = container.resources ?? {};
  // defaultPodLimitsForDownwardAPI: a missing cpu/memory limit is the node's allocatable
  const limits = { cpu: r.limits?.cpu !== undefined ? cpuMilli(r.limits.cpu as string) : ctx.allocatable.cpuMilli, memory: r.limits?.memory !== undefined ? resourceValue('memory', r.limits.memory as string) : ctx.allocatable.memoryBytes };
  const cpu = (milli: number) => String(Math.ceil(milli / cpuMilli(divisor)));
  const mem = (bytes: number) => String(Math.ceil(bytes / parseQuantity(divisor)));
  switch (fs.resource) {
    case 'limits.cpu': return cpu(limits.cpu);
    case 'limits.memory': return mem(limits.memory);
    case 'requests.cpu': return cpu(cpuMilli(r.requests?.cpu as string | undefined));
    case 'requests.memory': return mem(resourceValue('memory', r.requests?.memory as string | undefined));
  }
  throw new Error(`unsupported container resource : ${fs.resource}`);
}
