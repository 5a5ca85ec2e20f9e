// Folding the node side of the played trace: probe marks, back-off clocks, termination steps, proxy syncs.
import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent, TraceEvent } from '../protocol/messages';
import { MARKS_PER_PROBE, nextPodViews, nextProxySyncs, parseGoDuration } from './node-views';
import { onLogsResult, nodeViewsSlice } from '../ui/store/node-views';

let seq = 0;
/** A fixture: only the params (and detail) the fold reads. */
const fixture = (e: AnyTraceEvent) => e as TraceEvent;
const ev = (t: number, type: string, params: AnyTraceEvent['params'], extra: Partial<AnyTraceEvent> = {}): TraceEvent => fixture({
  seq: ++seq, t, type, from: 'kubelet:node-1', to: 'kubelet:node-1', key: type, params: { pod: 'default/p', ...params },
  object: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u1', resourceVersion: '1' }, ...extra,
});
/** an ambient probe result: the worker folds every one */
const tick = (t: number, result: string, consecutive: number): TraceEvent => ev(t, 'kubelet.probe', { container: 'c', probe: 'liveness', result, consecutive, threshold: 1 }, { ambient: true });

describe('node views', () => {
  it('merges ambient successes and story failures into one row of marks, in order, capped', () => {
    let v = nextPodViews({}, [tick(10_000, 'success', 1)]);
    v = nextPodViews(v, [tick(15_000, 'success', 2)]);
    v = nextPodViews(v, [ev(16_000, 'cri.create_container', { container: 'c' })]);
    expect(v['Pod/default/p'].uid).toBe('u1');
    v = nextPodViews(v, [ev(20_000, 'kubelet.probe', { container: 'c', probe: 'liveness', result: 'failure', consecutive: 1, threshold: 3 })]);
    const row = v['Pod/default/p'].probes['c/liveness'];
    expect(row.marks.map((m) => [m.t, m.ok, m.consecutive, m.threshold])).toEqual([[10_000, true, 1, 1], [15_000, true, 2, 1], [20_000, false, 1, 3]]);
    for (let i = 0; i < 20; i++) v = nextPodViews(v, [tick(30_000 + i, 'success', i + 1)]);
    expect(v['Pod/default/p'].probes['c/liveness'].marks).toHaveLength(MARKS_PER_PROBE);
  });

  it('starts the back-off clock at the first report of a back-off, not at the re-reports', () => {
    let v = nextPodViews({}, [ev(5810, 'kubelet.backoff', { container: 'c', reason: 'CrashLoopBackOff', backoff: '10s', restartCount: 1 })]);
    v = nextPodViews(v, [ev(15_810, 'kubelet.backoff', { container: 'c', reason: 'CrashLoopBackOff', backoff: '10s', restartCount: 1 })]);
    expect(v['Pod/default/p'].backoff.c).toEqual({ reason: 'CrashLoopBackOff', startT: 5810, backoffMs: 10_000, backoff: '10s', restartCount: 1 });
    v = nextPodViews(v, [ev(16_000, 'cri.create_container', { container: 'c' })]);
    expect(v['Pod/default/p'].backoff.c).toBeUndefined();
  });

  it('keeps the cgroup the kubelet gave the sandbox across later events', () => {
    const cg = '/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-podu1.slice';
    let v = nextPodViews({}, [ev(1000, 'cri.run_pod_sandbox', { image: 'registry.k8s.io/pause:3.10', cgroup: cg })]);
    v = nextPodViews(v, [ev(2000, 'cri.create_container', { container: 'c' })]);
    expect(v['Pod/default/p'].cgroup).toBe(cg);
  });

  it('records the stop of a container: kill, preStop, stop signal, exit', () => {
    const v = nextPodViews({}, [
      ev(5060, 'kubelet.kill', { container: 'c', graceSeconds: 30 }),
      ev(5060, 'kubelet.prestop', { container: 'c', handler: 'exec', durationMs: 10_003, deadlineMs: 35_060 }),
      ev(15_064, 'cri.stop_container', { container: 'c', signal: 'SIGQUIT', graceSeconds: 20, deadlineMs: 35_064 }),
      ev(15_164, 'cri.container_exited', { container: 'c', exitCode: 0, signal: 'SIGQUIT' }),
    ]);
    expect(v['Pod/default/p'].term.c).toEqual({
      killT: 5060, graceSeconds: 30,
      preStop: { t: 5060, handler: 'exec', durationMs: 10_003, deadlineMs: 35_060 },
      stop: { t: 15_064, signal: 'SIGQUIT', deadlineMs: 35_064 },
      exited: { t: 15_164, exitCode: 0, signal: 'SIGQUIT' },
    });
  });

  it('forgets a pod view when a new pod of the same name appears', () => {
    let v = nextPodViews({}, [ev(1, 'kubelet.kill', { container: 'c', graceSeconds: 30 })]);
    v = nextPodViews(v, [ev(2, 'cri.start_container', { container: 'c' }, { object: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u2', resourceVersion: '9' } })]);
    expect(v['Pod/default/p']).toEqual({ uid: 'u2', probes: {}, backoff: {}, term: {} });
  });

  it('keeps the latest changed kube-proxy sync per node with the one before', () => {
    const sync = (t: number, changed: boolean, n: number): TraceEvent => fixture({
      seq: ++seq, t, type: 'kube-proxy.sync', from: 'kube-proxy:node-1', to: 'kube-proxy:node-1', key: 'kube-proxy.sync', params: { node: 'node-1', changed },
      detail: { node: 'node-1', chains: { filter: [], nat: [] }, rules: [], services: Array.from({ length: n }, () => ({})) }, ...(changed ? {} : { ambient: true }),
    });
    let s = nextProxySyncs({}, [sync(1000, true, 1)]);
    s = nextProxySyncs(s, [sync(2000, true, 2), sync(32_000, false, 2)]);
    expect(s['node-1'].t).toBe(2000);
    expect(s['node-1'].prev?.services).toHaveLength(1);
  });

  it('takes only the logs it asked for last', () => {
    const base = { type: 'LOGS_RESULT' as const, namespace: 'default', pod: 'p', previous: false, ok: true, lines: ['a'], atMs: 5 };
    expect(onLogsResult({ ...nodeViewsSlice(), logsPendingId: 3 }, { ...base, id: 2 })).toEqual({});
    expect(onLogsResult({ ...nodeViewsSlice(), logsPendingId: 3 }, { ...base, id: 3 }).logs?.lines).toEqual(['a']);
  });

  it('parses Go durations as the kubelet prints back-offs', () => {
    expect(['10s', '40s', '1m20s', '5m0s', '2m40s'].map(parseGoDuration)).toEqual([10_000, 40_000, 80_000, 300_000, 160_000]);
  });
});
