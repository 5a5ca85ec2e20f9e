// kubectl describe poddisruptionbudget: describe.go describePodDisruptionBudgetV1 — the bound that is
// set, the selector (metav1.FormatLabelSelector), the status counts and the events about the budget.
import { Writer, describeEvents } from './describe';

type Obj = Record<string, any>;

/** metav1.FormatLabelSelector: the requirements sorted by key, set values sorted; empty is <none>. */
export function formatLabelSelector(sel: Obj | undefined): string {
  if (!sel) return '<none>';
  const reqs: Array<[string, string]> = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => [k, `${k}=${v}`]);
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'Exists') reqs.push([e.key, e.key]);
    else if (e.operator === 'DoesNotExist') reqs.push([e.key, `!${e.key}`]);
    else reqs.push([e.key, `${e.key} ${e.operator === 'NotIn' ? 'notin' : 'in'} (${values})`]);
  }
  const s = reqs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t).join(',');
  return s || '<none>';
}

export function describePdb(pdb: Obj, events: Obj[], nowMs: number): string {
  const w = new Writer();
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  w.write(0, `Name:\t${pdb.metadata.name}\n`);
  w.write(0, `Namespace:\t${pdb.metadata.namespace}\n`);
  if (spec.minAvailable != null) w.write(0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable != null) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${st.expectedPods ?? 0}\n`);
  describeEvents(w, events, nowMs);
  return w.text();
}
