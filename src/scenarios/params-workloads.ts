// Narration parameters for the workload and failure walkthroughs (scale, rollout, CrashLoopBackOff,
// ImagePullBackOff, Pending), from the matched event and the object as stored just after it. Pure;
// every value is the engine's own (a param, the detail, or a field of the stored object), or
// arithmetic on those (the rolling update's surge and unavailable counts, as the controller does).

type Scalar = string | number | boolean;
type Obj = Record<string, any>;

export type WorkloadDerive =
  | 'deleting' // controller.sync: the pods a ReplicaSet deletes, in the order it chose them
  | 'pod' // a pod as stored: node, phase, Ready and since when, restarts, the waiting reason, PodScheduled
  | 'rollout' // a Deployment or ReplicaSet as stored: revision annotations, image, maxSurge/maxUnavailable
  | 'rejections'; // scheduler.filter / scheduler.decision: every node filtered out, why, and by which plugin

export const WORKLOAD_DERIVES: readonly WorkloadDerive[] = ['deleting', 'pod', 'rollout', 'rejections'];

export function isWorkloadDerive(d: string): d is WorkloadDerive {
  return (WORKLOAD_DERIVES as readonly string[]).includes(d);
}

/** kubectl's STATUS column for a pod (the printer's rule, short form): a waiting or terminated
 * container's reason, else the phase; Terminating when a deletionTimestamp is set. */
export function podStatusColumn(pod: Obj | undefined): string {
  if (!pod) return '';
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  let reason: string = pod.status?.reason || pod.status?.phase || '';
  for (const c of (pod.status?.containerStatuses ?? []) as Obj[]) {
    const w = c.state?.waiting?.reason;
    const t = c.state?.terminated;
    if (w) reason = w;
    else if (t) reason = t.reason || (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`);
  }
  return reason;
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 → unavailable 1. */
export function resolveFenceposts(maxSurge: unknown, maxUnavailable: unknown, replicas: number): { surge: number; unavailable: number } {
  const scaled = (v: unknown, up: boolean) => {
    if (typeof v === 'number') return v;
    const m = /^(\d+)%$/.exec(String(v ?? ''));
    if (!m) return Number(v ?? 0) || 0;
    const x = (Number(m[1]) * replicas) / 100;
    return up ? Math.ceil(x) : Math.floor(x);
  };
  const surge = scaled(maxSurge ?? '25%', true);
  let unavailable = scaled(maxUnavailable ?? '25%', false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function workloadParams(derive: WorkloadDerive, detail: Obj, object: Obj | undefined, list: (xs: string[]) => string): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  switch (derive) {
    case 'deleting': {
      const writes = ((detail.writes as string[] | undefined) ?? []).filter((w) => w.startsWith('delete pods '));
      const pods = writes.map((w) => w.slice('delete pods '.length));
      out.deleting = list(pods);
      out.deletingCount = pods.length;
      out.firstDeleted = pods[0] ?? '';
      break;
    }
    case 'pod': {
      const st = (object?.status ?? {}) as Obj;
      const conds = (st.conditions ?? []) as Obj[];
      const ready = conds.find((c) => c.type === 'Ready');
      const scheduled = conds.find((c) => c.type === 'PodScheduled');
      const cs = (st.containerStatuses ?? []) as Obj[];
      out.node = object?.spec?.nodeName ?? '';
      out.scheduled = !!object?.spec?.nodeName;
      out.phase = st.phase ?? '';
      out.ready = ready?.status ?? 'False';
      out.readySince = ready?.status === 'True' ? (ready.lastTransitionTime ?? '') : '';
      out.created = object?.metadata?.creationTimestamp ?? '';
      out.restarts = cs.reduce((n, c) => n + Number(c.restartCount ?? 0), 0);
      out.waiting = cs.map((c) => c.state?.waiting?.reason).find(Boolean) ?? '';
      out.waitingMessage = cs.map((c) => c.state?.waiting?.message).find(Boolean) ?? '';
      const last = cs.map((c) => c.lastState?.terminated).find(Boolean) as Obj | undefined;
      out.lastExitCode = last ? Number(last.exitCode ?? 0) : -1;
      out.lastReason = last?.reason ?? '';
      out.statusColumn = podStatusColumn(object);
      out.scheduledStatus = scheduled?.status ?? '';
      out.scheduledReason = scheduled?.reason ?? '';
      out.scheduledMessage = scheduled?.message ?? '';
      break;
    }
    case 'rejections': {
      const filter = (detail.filter ?? {}) as Record<string, string[]>;
      const by = (detail.rejectedBy ?? {}) as Record<string, string>;
      const rejected = Object.entries(filter).filter(([, r]) => r.length > 0);
      // nodes grouped by their reasons (three nodes with the same taint read as one clause)
      const groups = new Map<string, string[]>();
      for (const [n, r] of rejected) groups.set(r.join('; '), [...(groups.get(r.join('; ')) ?? []), n]);
      out.rejected = [...groups].map(([r, nodes]) => `${list(nodes)}: ${r}`).join('; ');
      out.rejectedCount = rejected.length;
      out.rejectedBy = list([...new Set(rejected.map(([n]) => by[n]).filter(Boolean))]);
      break;
    }
    case 'rollout': {
      const ann = (object?.metadata?.annotations ?? {}) as Record<string, string>;
      const spec = (object?.spec ?? {}) as Obj;
      out.rev = ann['deployment.kubernetes.io/revision'] ?? '';
      out.revHistory = ann['deployment.kubernetes.io/revision-history'] ?? '';
      out.image = ((spec.template?.spec?.containers ?? []) as Obj[]).map((c) => c.image).join(', ');
      out.replicas = Number(spec.replicas ?? 0);
      out.templateHash = (spec.template?.metadata?.labels ?? {})['pod-template-hash'] ?? '';
      const ru = spec.strategy?.rollingUpdate as Obj | undefined;
      if (spec.strategy) {
        out.maxSurge = String(ru?.maxSurge ?? '');
        out.maxUnavailable = String(ru?.maxUnavailable ?? '');
        const f = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, out.replicas);
        out.surge = f.surge;
        out.unavailable = f.unavailable;
        out.maxTotal = out.replicas + f.surge;
        out.minAvailable = out.replicas - Math.min(f.unavailable, out.replicas);
      }
      break;
    }
  }
  return out;
}
