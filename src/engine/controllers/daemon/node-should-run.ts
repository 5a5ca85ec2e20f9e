// Twin of NodeShouldRunDaemonPod and predicates in pkg/controller/daemon/daemon_controller.go:
// a daemon pod fits a node by nodeName, required node affinity / nodeSelector and NoSchedule /
// NoExecute taints, judged with the scheduler's own helpers (k8s.io/component-helpers/
// scheduling/corev1, the library both upstream components share).
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { KObject } from '../../api/types';
import { findMatchingUntoleratedTaint } from '../../api/helper/scheduling/corev1/helpers';
import { compileRequiredNodeAffinity } from '../../api/helper/scheduling/corev1/nodeaffinity';
import { addOrUpdateDaemonPodTolerations } from './util/daemonset-util';

type Obj = Record<string, any>;

/** NewPod: the template as a pod on `nodeName`, with the daemon tolerations. */
export function newPod(ds: KObject, nodeName: string): Pod {
  const t = ((ds.spec as Obj)?.template ?? {}) as Obj;
  const spec = { ...structuredClone(t.spec ?? {}), nodeName };
  addOrUpdateDaemonPodTolerations(spec);
  return { metadata: { ...(t.metadata ?? {}), namespace: ds.metadata.namespace }, spec } as Pod;
}

/** [shouldRun, shouldContinueRunning] */
export function nodeShouldRunDaemonPod(node: KObject, ds: KObject): [boolean, boolean] {
  const pod = newPod(ds, node.metadata.name);
  const templateNodeName = ((ds.spec as Obj)?.template?.spec?.nodeName ?? '') as string;
  if (templateNodeName && templateNodeName !== node.metadata.name) return [false, false];
  const taints = ((node.spec as Obj | undefined)?.taints ?? []) as Taint[];
  const fitsNodeAffinity = compileRequiredNodeAffinity(pod)(node as unknown as Node);
  if (!fitsNodeAffinity) return [false, false];
  const untolerated = findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule');
  if (untolerated) {
    // a scheduled daemon pod keeps running unless a NoExecute taint is untolerated
    const noExecute = findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, (t) => t.effect === 'NoExecute');
    return [false, !noExecute];
  }
  return [true, true];
}
