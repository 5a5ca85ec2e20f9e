// Twin of k8s.io/component-helpers/resource/helpers.go (PodRequests, AggregateContainerRequests) plus
// pkg/scheduler/util DefaultMilliCPURequest/DefaultMemoryRequest. Quantities become integers: cpu in
// millicores, everything else in units. Simplified: no pod-level resources, no in-place resize status.
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { resourceValue } from '../../api/quantity';

/** Resource name → integer amount (cpu in millicores). */
export type ResourceList = Record<string, number>;

// pkg/scheduler/util/pod_resources.go: defaults used for scoring only.
export const DefaultMilliCPURequest = 100;
export const DefaultMemoryRequest = 200 * 1024 * 1024;

export const NON_MISSING_DEFAULTS: ResourceList = Object.freeze({
  cpu: DefaultMilliCPURequest,
  memory: DefaultMemoryRequest,
}) as ResourceList;

export interface PodResourcesOptions {
  /** Requests filled in for containers that don't set them (NonMissingContainerRequests). */
  nonMissingContainerRequests?: ResourceList;
  excludeOverhead?: boolean;
}

export function toResourceList(raw: Record<string, string | number> | undefined): ResourceList {
  const out: ResourceList = {};
  if (!raw) return out;
  for (const name of Object.keys(raw)) out[name] = resourceValue(name, raw[name]);
  return out;
}

function addResourceList(into: ResourceList, from: ResourceList): void {
  for (const k of Object.keys(from)) into[k] = (into[k] ?? 0) + from[k];
}

function maxResourceList(into: ResourceList, from: ResourceList): void {
  for (const k of Object.keys(from)) if (!(k in into) || from[k] > into[k]) into[k] = from[k];
}

function containerRequests(c: Container, nonMissing: ResourceList | undefined): ResourceList {
  const reqs = toResourceList(c.resources?.requests as Record<string, string> | undefined);
  if (nonMissing) for (const k of Object.keys(nonMissing)) if (!(k in reqs)) reqs[k] = nonMissing[k];
  return reqs;
}

function isRestartableInit(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

/**
 * PodRequests: max(Σ containers + Σ sidecars, max over init containers of (init + sidecars started before it))
 * + overhead. See KEP-753 "exposing pod resource requirements".
 */
export function podRequests(pod: Pod, opts: PodResourcesOptions = {}): ResourceList {
  const nonMissing = opts.nonMissingContainerRequests;
  const reqs: ResourceList = {};
  for (const c of pod.spec?.containers ?? []) addResourceList(reqs, containerRequests(c, nonMissing));

  const restartableInitReqs: ResourceList = {};
  const initReqs: ResourceList = {};
  for (const c of pod.spec?.initContainers ?? []) {
    let cReqs = containerRequests(c, nonMissing);
    if (isRestartableInit(c)) {
      addResourceList(reqs, cReqs);
      addResourceList(restartableInitReqs, cReqs);
      cReqs = { ...restartableInitReqs };
    } else {
      const tmp: ResourceList = {};
      addResourceList(tmp, cReqs);
      addResourceList(tmp, restartableInitReqs);
      cReqs = tmp;
    }
    maxResourceList(initReqs, cReqs);
  }
  maxResourceList(reqs, initReqs);

  if (!opts.excludeOverhead && pod.spec?.overhead) {
    addResourceList(reqs, toResourceList(pod.spec.overhead as Record<string, string>));
  }
  return reqs;
}

const REQUESTS_PREFIX = 'requests.';

/** v1helper.IsScalarResourceName: extended, hugepages, prefixed-native or attachable-volumes resources. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  if (name.includes('kubernetes.io/')) return true; // IsPrefixedNativeResource
  return isExtendedResourceName(name);
}

/** v1helper.IsExtendedResourceName: fully-qualified, outside *kubernetes.io/, not "requests.*". */
export function isExtendedResourceName(name: string): boolean {
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  return !native && !name.startsWith(REQUESTS_PREFIX);
}
