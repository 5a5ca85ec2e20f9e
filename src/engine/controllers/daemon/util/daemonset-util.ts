// Twin of pkg/controller/daemon/util/daemonset_util.go: the pod template a DaemonSet creates
// from (default tolerations, template-generation and revision-hash labels), the node affinity
// that pins a daemon pod to its node for the default scheduler, and the pod's target node.
import type { KObject } from '../../../api/types';

type Obj = Record<string, any>;

/** apps.DefaultDaemonSetUniqueLabelKey */
export const DEFAULT_DAEMON_SET_UNIQUE_LABEL_KEY = 'controller-revision-hash';
/** extensions.DaemonSetTemplateGenerationKey (deprecated, still written) */
export const DAEMON_SET_TEMPLATE_GENERATION_KEY = 'pod-template-generation';
/** v1.DeprecatedTemplateGeneration annotation on the DaemonSet */
export const DEPRECATED_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

const tol = (key: string, effect: string): Obj => ({ key, operator: 'Exists', effect });

/** v1helper.AddOrUpdateTolerationInPodSpec: replace an equal toleration (key, operator, value, effect), else append. */
function addOrUpdateToleration(spec: Obj, t: Obj): void {
  const list: Obj[] = (spec.tolerations ??= []);
  const i = list.findIndex((x) => (x.key ?? '') === t.key && (x.operator ?? 'Equal') === t.operator && (x.value ?? '') === '' && (x.effect ?? '') === t.effect);
  if (i >= 0) list[i] = t;
  else list.push(t);
}

/** AddOrUpdateDaemonPodTolerations: daemon pods survive node problems and cordons. */
export function addOrUpdateDaemonPodTolerations(spec: Obj): void {
  addOrUpdateToleration(spec, tol('node.kubernetes.io/not-ready', 'NoExecute'));
  addOrUpdateToleration(spec, tol('node.kubernetes.io/unreachable', 'NoExecute'));
  addOrUpdateToleration(spec, tol('node.kubernetes.io/disk-pressure', 'NoSchedule'));
  addOrUpdateToleration(spec, tol('node.kubernetes.io/memory-pressure', 'NoSchedule'));
  addOrUpdateToleration(spec, tol('node.kubernetes.io/pid-pressure', 'NoSchedule'));
  addOrUpdateToleration(spec, tol('node.kubernetes.io/unschedulable', 'NoSchedule'));
  if (spec.hostNetwork) addOrUpdateToleration(spec, tol('node.kubernetes.io/network-unavailable', 'NoSchedule'));
}

/** GetTemplateGeneration: the DaemonSet's deprecated template generation annotation. */
export function getTemplateGeneration(ds: KObject): number | undefined {
  const v = ds.metadata.annotations?.[DEPRECATED_TEMPLATE_GENERATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** CreatePodTemplate: the template with daemon tolerations, the generation and hash labels. */
export function createPodTemplate(ds: KObject, generation: number | undefined, hash: string): Obj {
  const t = structuredClone(((ds.spec as Obj)?.template ?? {}) as Obj);
  t.spec ??= {};
  addOrUpdateDaemonPodTolerations(t.spec);
  t.metadata ??= {};
  t.metadata.labels ??= {};
  if (generation !== undefined) t.metadata.labels[DAEMON_SET_TEMPLATE_GENERATION_KEY] = String(generation);
  if (hash) t.metadata.labels[DEFAULT_DAEMON_SET_UNIQUE_LABEL_KEY] = hash;
  return t;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: required node affinity `metadata.name In [node]`. */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Obj | undefined, nodeName: string): Obj {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const a = affinity ?? {};
  a.nodeAffinity ??= {};
  const req = a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (!req) a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  else req.nodeSelectorTerms = [term];
  return a;
}

/** GetTargetNodeName: spec.nodeName, else the node named by the pinning affinity. */
export function getTargetNodeName(pod: KObject): string | undefined {
  const spec = (pod.spec ?? {}) as Obj;
  if (spec.nodeName) return spec.nodeName;
  for (const term of spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/** IsPodUpdated: the pod carries the current hash, or the current template generation. */
export function isPodUpdated(pod: KObject, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (generation !== undefined && labels[DAEMON_SET_TEMPLATE_GENERATION_KEY] === String(generation)) || (!!hash && labels[DEFAULT_DAEMON_SET_UNIQUE_LABEL_KEY] === hash);
}
