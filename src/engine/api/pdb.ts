// What kube-apiserver's eviction handler and the disruption controller share about a
// PodDisruptionBudget: staging/src/k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go
// (UpdateDisruptionAllowedCondition) and the PDB lister's GetPodPodDisruptionBudgets.
import type { KObject } from './types';
import { rfc3339 } from './time';
import { labelSelectorAsSelector, matchesSelector } from './selectors';

type Obj = Record<string, any>;

/** pdbLister.GetPodPodDisruptionBudgets: a nil or empty selector matches no pod. */
export function pdbsForPod(pdbs: Iterable<KObject>, pod: KObject): KObject[] {
  const out: KObject[] = [];
  for (const pdb of pdbs) {
    if (pdb.metadata.namespace !== pod.metadata.namespace) continue;
    const sel = (pdb.spec as Obj | undefined)?.selector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) continue;
    try {
      if (matchesSelector(labelSelectorAsSelector(sel), pod.metadata.labels as Record<string, string> | undefined)) out.push(pdb);
    } catch {
      /* an invalid selector matches nothing */
    }
  }
  return out;
}

/**
 * pdbhelper.UpdateDisruptionAllowedCondition with apimeta.SetStatusCondition: the transition time
 * moves only when the status flips.
 */
export function updateDisruptionAllowedCondition(status: Obj, nowMs: number): void {
  const allowed = Number(status.disruptionsAllowed ?? 0) > 0;
  const want = { type: 'DisruptionAllowed', status: allowed ? 'True' : 'False', reason: allowed ? 'SufficientPods' : 'InsufficientPods', observedGeneration: status.observedGeneration ?? 0 };
  const conds: Obj[] = (status.conditions ??= []);
  const i = conds.findIndex((c) => c.type === 'DisruptionAllowed');
  if (i < 0) {
    conds.push({ ...want, message: '', lastTransitionTime: rfc3339(nowMs) });
    return;
  }
  const old = conds[i];
  conds[i] = { ...old, ...want, message: old.message ?? '', lastTransitionTime: old.status === want.status ? old.lastTransitionTime : rfc3339(nowMs) };
}

