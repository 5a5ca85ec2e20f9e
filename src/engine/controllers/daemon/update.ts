// Twin of rollingUpdate in pkg/controller/daemon/update.go, the maxSurge = 0 branch: delete old
// pods only while the unavailable ones stay under maxUnavailable; the manage loop then creates
// their replacements on the same nodes.
import type { KObject } from '../../api/types';
import { isPodAvailable } from '../pod-util';
import { nodeShouldRunDaemonPod } from './node-should-run';
import { isPodUpdated, getTemplateGeneration } from './util/daemonset-util';

type Obj = Record<string, any>;

/** intstr.GetScaledValueFromIntOrPercent, rounding up */
function scaled(v: unknown, total: number): number {
  if (typeof v === 'string' && v.endsWith('%')) return Math.ceil((Number(v.slice(0, -1)) * total) / 100);
  return Number(v ?? 0);
}

/** The names of the old pods to delete now. */
export function rollingUpdate(ds: KObject, nodes: KObject[], byNode: Record<string, KObject[]>, hash: string, nowMs: number): string[] {
  const spec = ds.spec as Obj;
  const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds)[0]).length;
  let maxUnavailable = scaled(spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired);
  const maxSurge = scaled(spec.updateStrategy?.rollingUpdate?.maxSurge ?? 0, desired);
  if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  if (maxSurge !== 0) return []; // the surge branch is not modelled
  const minReady = Number(spec.minReadySeconds ?? 0);
  const generation = getTemplateGeneration(ds);
  let numUnavailable = 0;
  const allowedReplacement: string[] = [];
  const candidates: string[] = [];
  for (const nodeName of Object.keys(byNode).sort()) {
    const pods = byNode[nodeName].filter((p) => !p.metadata.deletionTimestamp);
    // findUpdatedPodsOnNode: at most one new and one old pod, or the manage loop cleans up first
    const fresh = pods.filter((p) => isPodUpdated(p, hash, generation));
    const old = pods.filter((p) => !isPodUpdated(p, hash, generation));
    if (fresh.length > 1 || old.length > 1) {
      numUnavailable++;
      continue;
    }
    const [newPod] = fresh;
    const [oldPod] = old;
    if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
    else if (newPod) {
      if (!isPodAvailable(newPod, minReady, nowMs)) numUnavailable++;
    } else if (!isPodAvailable(oldPod, minReady, nowMs)) {
      allowedReplacement.push(oldPod.metadata.name);
      numUnavailable++;
    } else if (numUnavailable < maxUnavailable) candidates.push(oldPod.metadata.name);
  }
  const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
  return [...allowedReplacement, ...candidates.slice(0, remaining)];
}
