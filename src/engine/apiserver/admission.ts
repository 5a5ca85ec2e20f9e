// Built-in mutating admission for Pods that every default cluster runs (plugin/pkg/admission):
// Priority (spec.priority and preemptionPolicy) and DefaultTolerationSeconds (not-ready and
// unreachable NoExecute tolerations of 300 s). Returns the field paths it set.
type Obj = Record<string, any>;

export const DEFAULT_TOLERATION_SECONDS = 300;

export function admitPod(pod: Obj): string[] {
  const added: string[] = [];
  const spec = pod.spec;
  if (!spec || typeof spec !== 'object') return added;
  // priority/admission.go: no PriorityClass and no global default ⇒ priority 0
  if (spec.priority === undefined) {
    spec.priority = 0;
    added.push('spec.priority');
  }
  if (spec.preemptionPolicy === undefined) {
    spec.preemptionPolicy = 'PreemptLowerPriority';
    added.push('spec.preemptionPolicy');
  }
  // defaulttolerationseconds/admission.go
  const tolerations: Obj[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!tolerated) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
      added.push(`spec.tolerations[${tolerations.length - 1}]`);
    }
  }
  if (tolerations.length) spec.tolerations = tolerations;
  return added;
}
