// The Pod view's pure parts, on real pods from the engine.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { KubeObject } from '../protocol/messages';
import { backoffLeftMs, containersOf, countdown, graceLeftMs, termPhase, type ContainerDetail } from '../ui/pod/pod-detail';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    command: ["sh", "-c", "echo hi"]
  - name: side
    image: busybox:1.36
    restartPolicy: Always
    command: ["sleep", "infinity"]
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2; exit 1"]
    livenessProbe:
      exec:
        command: ["true"]
      periodSeconds: 5
`;

describe('pod detail', () => {
  it('lists init, sidecar and app containers with state, restarts, last state and probe defaults', () => {
    const c = createCluster({ seed: 2 });
    c.runUntilIdle();
    c.apply(POD);
    c.advance(30_000);
    const pod = c.get('Pod', 'default', 'p') as unknown as KubeObject;
    const cs = containersOf(pod);
    expect(cs.map((x) => [x.name, x.kind])).toEqual([['init', 'init'], ['side', 'sidecar'], ['app', 'app']]);
    expect(cs[0]).toMatchObject({ state: 'terminated', reason: 'Completed', exitCode: 0 });
    const app = cs[2];
    expect(app.restartCount).toBeGreaterThan(0);
    expect(app.last).toMatchObject({ reason: 'Error', exitCode: 1 });
    expect(app.probes).toEqual([{ probe: 'liveness', mechanism: 'exec', periodSeconds: 5, failureThreshold: 3, successThreshold: 1 }]);
  });

  it('counts down the back-off only while the container waits it out', () => {
    const c: ContainerDetail = { name: 'app', kind: 'app', image: '', state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 3, probes: [] };
    const b = { reason: 'CrashLoopBackOff', startT: 40_000, backoffMs: 40_000, backoff: '40s' };
    expect(backoffLeftMs(b, { ...c }, 57_500)).toBe(22_500);
    expect(countdown(22_500)).toBe('23s');
    expect(backoffLeftMs(b, { ...c, state: 'running' }, 57_500)).toBeUndefined();
  });

  it('grace: deletionTimestamp is the end of the grace period; SIGKILL at the runtime deadline', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', deletionTimestamp: '2025-01-01T00:00:35Z', deletionGracePeriodSeconds: 30 } };
    expect(graceLeftMs(pod, 12_000)).toEqual({ leftMs: 23_000, graceSeconds: 30 });
    const t = { killT: 5060, graceSeconds: 30, preStop: { t: 5060, handler: 'exec', durationMs: 10_003, deadlineMs: 35_060 } };
    expect(termPhase(t, 10_060)).toEqual({ phase: 'preStop', killInMs: 25_000 });
    expect(termPhase({ ...t, stop: { t: 15_064, signal: 'SIGTERM', deadlineMs: 35_064 } }, 20_064)).toEqual({ phase: 'stopSignal', killInMs: 15_000 });
    expect(termPhase({ ...t, stop: { t: 15_064, signal: 'SIGTERM', deadlineMs: 35_064 }, sigkillT: 35_064 }, 35_100).phase).toBe('sigkill');
    expect(countdown(65_000)).toBe('1m05s');
  });
});
