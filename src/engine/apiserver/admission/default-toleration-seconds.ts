// Twin of plugin/pkg/admission/defaulttolerationseconds/admission.go: a Pod that does not
// tolerate the not-ready and unreachable NoExecute taints gets both with tolerationSeconds 300
// (--default-not-ready-toleration-seconds, --default-unreachable-toleration-seconds).
import type { MutationPlugin, Obj } from './interfaces';

export const DEFAULT_TOLERATION_SECONDS = 300;
const TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

export const defaultTolerationSeconds: MutationPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(a) {
    if (a.info.kind !== 'Pod' || a.subresource || !a.object?.spec) return undefined;
    if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return undefined;
    const spec = a.object.spec;
    const tolerations: Obj[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
    const changed: string[] = [];
    for (const key of TAINTS) {
      // an empty key tolerates every taint, an empty effect every effect
      const tolerated = tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
      if (tolerated) continue;
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
      changed.push(`spec.tolerations[${tolerations.length - 1}]`);
    }
    if (tolerations.length) spec.tolerations = tolerations;
    return { changed };
  },
};
