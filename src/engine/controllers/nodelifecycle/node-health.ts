// tryUpdateNodeHealth of pkg/controller/nodelifecycle/node_lifecycle_controller.go and MarkPodsNotReady
// of pkg/controller/util/node/controller_utils.go, as pure functions over plain data.
import type { KObject } from '../../api/types';
import { parseRfc3339, rfc3339 } from '../../api/time';
import type { Op } from '../controller';
import type { NodeHealth } from './node-lifecycle-controller';

/** --node-monitor-grace-period: 50 s since 1.32 (kubernetes/kubernetes#126287) */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** --node-startup-grace-period */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export function getNodeCondition(node: KObject, type: string): NodeCondition | undefined {
  return ((node.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []).find((c) => c.type === type);
}

export const nodeHealthy = (h: NodeHealth): boolean => h.ready?.status === 'True';

export interface HealthResult {
  health: NodeHealth;
  /** the Ready condition as found (observedReadyCondition) */
  observed: NodeCondition;
  /** the Ready condition after this pass (currentReadyCondition) */
  current?: NodeCondition;
  /** the Node to write with UpdateStatus, when conditions went Unknown */
  write?: KObject;
}

const same = (a?: NodeCondition, b?: NodeCondition) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** tryUpdateNodeHealth: refresh the probe timestamp from heartbeats and the Lease; past the grace period, mark Unknown. */
export function tryUpdateNodeHealth(node: KObject, saved: NodeHealth | undefined, lease: KObject | undefined, now: number): HealthResult {
  const created = parseRfc3339(String(node.metadata.creationTimestamp ?? rfc3339(0)));
  const current = getNodeCondition(node, 'Ready');
  let h = saved ? { ...saved } : undefined;
  let observed: NodeCondition;
  let grace: number;
  if (!current) {
    // the kubelet never posted status: a fake Unknown condition dated at the node's creation
    const ts = String(node.metadata.creationTimestamp ?? rfc3339(0));
    observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: ts, lastTransitionTime: ts };
    grace = NODE_STARTUP_GRACE_PERIOD_MS;
    h = h ? { ...h, ready: undefined } : { probeMs: created, readyTransitionMs: created };
  } else {
    observed = { ...current };
    grace = NODE_MONITOR_GRACE_PERIOD_MS;
  }
  const savedCond = saved?.ready;
  if (!h) h = { ready: current, probeMs: now, readyTransitionMs: now };
  else if ((!savedCond && current) || (savedCond && !current)) h = { ready: current, probeMs: now, readyTransitionMs: now, leaseRenewTime: h.leaseRenewTime };
  else if (savedCond && current && savedCond.lastHeartbeatTime !== current.lastHeartbeatTime) {
    const transition = savedCond.lastTransitionTime !== current.lastTransitionTime ? now : h.readyTransitionMs;
    h = { ready: current, probeMs: now, readyTransitionMs: transition, leaseRenewTime: h.leaseRenewTime };
  }
  // Always update the probe time if the node lease is renewed
  const renew = (lease?.spec as { renewTime?: string } | undefined)?.renewTime;
  if (renew && (!h.leaseRenewTime || parseRfc3339(h.leaseRenewTime) < parseRfc3339(renew))) {
    h.leaseRenewTime = renew;
    h.probeMs = now;
  }
  if (now > h.probeMs + grace) {
    const copy = structuredClone(node);
    const status = (copy.status ??= {}) as { conditions?: NodeCondition[] };
    const conds = (status.conditions ??= []);
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = conds.find((x) => x.type === type);
      if (!c) conds.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: String(node.metadata.creationTimestamp ?? ''), lastTransitionTime: rfc3339(now) });
      else if (c.status !== 'Unknown') Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: rfc3339(now) });
    }
    const next = conds.find((x) => x.type === 'Ready');
    if (!same(next, observed)) {
      return { health: { ready: next, probeMs: h.probeMs, readyTransitionMs: now, leaseRenewTime: h.leaseRenewTime }, observed, current: next, write: copy };
    }
  }
  return { health: h, observed, current };
}

/** MarkPodsNotReady: each pod's Ready condition to False (UpdateStatus), then a Warning NodeNotReady Event. */
export function markPodsNotReadyOps(pods: KObject[], nodeName: string, now: number): Op[] {
  const ops: Op[] = [];
  for (const pod of pods) {
    if ((pod.spec as { nodeName?: string } | undefined)?.nodeName !== nodeName) continue;
    const conds = ((pod.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []);
    const ready = conds.find((c) => c.type === 'Ready');
    // UpdatePodCondition: nothing to write when it already says False
    if (!ready || ready.status === 'False') continue;
    const copy = structuredClone(pod);
    const c = ((copy.status as { conditions: NodeCondition[] }).conditions).find((x) => x.type === 'Ready')!;
    Object.assign(c, { status: 'False', lastTransitionTime: rfc3339(now) });
    const { namespace, name } = pod.metadata;
    ops.push({
      req: { verb: 'update', resource: 'pods', subresource: 'status', namespace, name, body: copy },
      target: `pods/${namespace}/${name}`,
      tag: 'podNotReady',
      ignore: [404],
      onSuccess: { source: 'node-controller', object: pod, type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready' },
    });
  }
  return ops;
}
