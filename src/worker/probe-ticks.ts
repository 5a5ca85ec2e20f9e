// Probe ticks for the Pod view. A probe success that changes nothing is ambient and may be thinned
// out of a batch; its result still matters to a learner watching ✓✓✓✗, so the host forwards it in
// compact form — the latest few per probe per frame, which bounds the size however many pods probe.
import { objectKey, type ProbeTick, type TraceEvent } from '../protocol/messages';

/** Ticks kept per (pod, container, probe) and batch: the view shows a short row of recent marks. */
export const TICKS_PER_PROBE = 4;

export function probeTicksOf(events: readonly TraceEvent[], perProbe = TICKS_PER_PROBE): ProbeTick[] {
  const byProbe = new Map<string, ProbeTick[]>();
  for (const e of events) {
    if (e.type !== 'kubelet.probe' || !e.ambient || e.object?.kind !== 'Pod') continue;
    const pod = objectKey('Pod', e.object.namespace, e.object.name);
    const p = e.params;
    const tick: ProbeTick = {
      seq: e.seq, t: e.t, pod, container: String(p.container ?? ''), probe: String(p.probe ?? ''), result: String(p.result ?? ''),
      consecutive: Number(p.consecutive ?? 0), threshold: Number(p.threshold ?? 0),
    };
    const k = `${pod}|${tick.container}|${tick.probe}`;
    const list = byProbe.get(k) ?? [];
    list.push(tick);
    if (list.length > perProbe) list.shift();
    byProbe.set(k, list);
  }
  return [...byProbe.values()].flat().sort((a, b) => a.seq - b.seq);
}
