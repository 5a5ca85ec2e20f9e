// The node side as the played trace shows it, for the Pod and Services views: probe marks per
// container, the CrashLoopBackOff clock, the termination steps (preStop → stop signal → SIGKILL)
// and kube-proxy's last rule sync per node. Pure folds.
import { objectKey, type ProxyRulesView, type TraceEvent } from '../protocol/messages';

export interface ProbeMark {
  seq: number;
  t: number;
  ok: boolean;
  consecutive: number;
  threshold: number;
}

export interface ProbeRow {
  container: string;
  probe: string;
  /** oldest first, at most MARKS_PER_PROBE */
  marks: ProbeMark[];
}

/** A container waiting out CrashLoopBackOff / ImagePullBackOff: back-off started at `startT`. */
export interface BackoffClock {
  reason: string;
  startT: number;
  backoffMs: number;
  /** as the kubelet prints it (`40s`, `1m20s`) */
  backoff: string;
  restartCount?: number;
}

/** The steps of stopping one container (pod deletion or a failed liveness probe), from the trace. */
export interface TermSteps {
  killT: number;
  graceSeconds: number;
  /** LivenessProbe, StartupProbe, …; absent for a pod deletion */
  reason?: string;
  preStop?: { t: number; handler: string; durationMs: number; deadlineMs: number };
  stop?: { t: number; signal: string; deadlineMs: number };
  exited?: { t: number; exitCode: number; signal?: string };
  sigkillT?: number;
}

export interface PodNodeView {
  uid: string;
  /** `container/probe` → row */
  probes: Record<string, ProbeRow>;
  backoff: Record<string, BackoffClock>;
  term: Record<string, TermSteps>;
  /** the pod's cgroup as the kubelet handed it to the runtime (RunPodSandbox CgroupParent) */
  cgroup?: string;
}

export interface ProxySync {
  t: number;
  seq: number;
  rules: ProxyRulesView;
  /** the rule set before this change (to highlight what moved) */
  prev?: ProxyRulesView;
}

export const MARKS_PER_PROBE = 12;
export const PODS_CAP = 200;


/** Go's time.Duration.String for whole seconds and minutes: `10s`, `1m20s`, `5m0s`. */
export function parseGoDuration(s: string): number {
  let ms = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) ms += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
  return Math.round(ms);
}

type Mutable = Record<string, PodNodeView>;

function viewFor(views: Mutable, key: string, uid: string, touched: Set<string>): PodNodeView {
  let v = views[key];
  // a view started from probe ticks alone (no uid) is adopted by the first event that names the pod's uid
  if (!v || (v.uid !== uid && v.uid !== '' && uid !== '')) v = { uid, probes: {}, backoff: {}, term: {} };
  else if (!touched.has(key)) v = { ...v, uid: v.uid || uid, probes: { ...v.probes }, backoff: { ...v.backoff }, term: { ...v.term } };
  else if (!v.uid) v.uid = uid;
  touched.add(key);
  delete views[key]; // re-insert: the map's order is recency
  views[key] = v;
  return v;
}

function addMark(v: PodNodeView, container: string, probe: string, mark: ProbeMark): void {
  const k = `${container}/${probe}`;
  const row = v.probes[k] ?? { container, probe, marks: [] };
  if (row.marks.some((m) => m.seq === mark.seq)) return;
  const marks = [...row.marks, mark].sort((a, b) => a.seq - b.seq).slice(-MARKS_PER_PROBE);
  v.probes[k] = { container, probe, marks };
}

const POD_EVENTS = ['cri.run_pod_sandbox', 'kubelet.probe', 'kubelet.backoff', 'cri.start_container', 'cri.create_container', 'kubelet.kill', 'kubelet.prestop', 'cri.stop_container', 'cri.sigkill', 'cri.container_exited'] as const;
type PodEvent = TraceEvent<(typeof POD_EVENTS)[number]>;
const POD_EVENT_TYPES: ReadonlySet<string> = new Set(POD_EVENTS);
const isPodEvent = (e: TraceEvent): e is PodEvent => POD_EVENT_TYPES.has(e.type) && e.object?.kind === 'Pod';

function foldEvent(v: PodNodeView, e: PodEvent): void {
  switch (e.type) {
    case 'kubelet.probe': {
      const p = e.params;
      return addMark(v, p.container, p.probe, { seq: e.seq, t: e.t, ok: p.result === 'success', consecutive: p.consecutive, threshold: p.threshold });
    }
    case 'kubelet.backoff': {
      const p = e.params;
      const prev = v.backoff[p.container];
      const backoff = p.backoff ?? '';
      // the kubelet re-reports the same back-off on every sync: the clock started at the first report
      if (prev && prev.backoff === backoff && prev.restartCount === p.restartCount && prev.reason === p.reason) return;
      v.backoff[p.container] = { reason: p.reason, startT: e.t, backoffMs: parseGoDuration(backoff), backoff, ...(p.restartCount !== undefined ? { restartCount: p.restartCount } : {}) };
      return;
    }
    case 'cri.start_container':
    case 'cri.create_container':
      // the last stop stays readable (as history) until the next kill replaces it
      delete v.backoff[e.params.container];
      return;
    case 'kubelet.kill': {
      const p = e.params;
      v.term[p.container] = { killT: e.t, graceSeconds: p.graceSeconds, ...(p.reason ? { reason: p.reason } : {}) };
      return;
    }
    case 'kubelet.prestop': {
      const { container: c, handler, durationMs, deadlineMs } = e.params;
      if (v.term[c]) v.term[c] = { ...v.term[c], preStop: { t: e.t, handler, durationMs, deadlineMs } };
      return;
    }
    case 'cri.stop_container': {
      const { container: c, signal, deadlineMs } = e.params;
      if (v.term[c]) v.term[c] = { ...v.term[c], stop: { t: e.t, signal, deadlineMs } };
      return;
    }
    case 'cri.sigkill': {
      const c = e.params.container;
      if (v.term[c]) v.term[c] = { ...v.term[c], sigkillT: e.t };
      return;
    }
    case 'cri.run_pod_sandbox':
      if (e.params.cgroup) v.cgroup = e.params.cgroup;
      return;
    case 'cri.container_exited': {
      const { container: c, exitCode, signal } = e.params;
      if (v.term[c] && !v.term[c].exited) v.term[c] = { ...v.term[c], exited: { t: e.t, exitCode, ...(signal ? { signal } : {}) } };
      return;
    }
  }
}

/** Folds played events into the per-pod views. Keeps identity when nothing changed. */
export function nextPodViews(prev: Record<string, PodNodeView>, trace: readonly TraceEvent[]): Record<string, PodNodeView> {
  const events = trace.filter(isPodEvent);
  if (events.length === 0) return prev;
  const views: Mutable = { ...prev };
  const touched = new Set<string>();
  for (const e of events) {
    const key = objectKey('Pod', e.object!.namespace, e.object!.name);
    foldEvent(viewFor(views, key, e.object!.uid || views[key]?.uid || '', touched), e);
  }
  const keys = Object.keys(views);
  for (let i = 0; i < keys.length - PODS_CAP; i++) delete views[keys[i]];
  return views;
}

/** kube-proxy.sync events that changed rules: the latest per node, with the one before it. */
export function nextProxySyncs(prev: Record<string, ProxySync>, trace: readonly TraceEvent[]): Record<string, ProxySync> {
  let out: Record<string, ProxySync> | null = null;
  for (const e of trace) {
    if (e.type !== 'kube-proxy.sync' || !e.detail) continue;
    const rules = e.detail;
    out ??= { ...prev };
    const before = out[rules.node];
    if (before && !e.params.changed) continue; // an unchanged periodic sync
    out[rules.node] = { t: e.t, seq: e.seq, rules, ...(before ? { prev: before.rules } : {}) };
  }
  return out ?? prev;
}
