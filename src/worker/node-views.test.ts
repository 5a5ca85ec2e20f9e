// The host's node-side answers (LOGS, REGISTRY) and the probe marks its Pod view folds, against the real engine.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { WorkerMessage } from '../protocol/messages';
import { Host, type HostedCluster } from './host';

const LIVENESS = `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
`;

function boot() {
  const out: WorkerMessage[] = [];
  let wallMs = 0;
  const host = new Host((o) => createCluster(o) as HostedCluster, (m) => out.push(m), () => wallMs);
  host.start({});
  host.handle({ type: 'SET_PACING', pacing: 'realtime' });
  host.handle({ type: 'SET_SPEED', speed: 50 });
  const frames = (n: number) => {
    const from = out.length;
    for (let i = 0; i < n; i++) {
      wallMs += 16;
      host.tick();
    }
    return out.slice(from);
  };
  return { host, out, frames };
}

const batches = (ms: WorkerMessage[]) => ms.filter((m): m is Extract<WorkerMessage, { type: 'BATCH' }> => m.type === 'BATCH');

describe('worker: probe ticks, logs, registry', () => {
  it('folds every probe result into the Pod view (ambient successes too); failures stay story events', () => {
    const { host, frames } = boot();
    host.handle({ type: 'APPLY', id: 1, yaml: LIVENESS });
    const got = batches(frames(80)); // 80 frames × 16 ms × 50 ≈ 64 s of virtual time
    const view = got.flatMap((b) => (b.views?.podViews ? [b.views.podViews['Pod/default/liveness-exec']] : [])).at(-1)!;
    const marks = view.probes['liveness/liveness'].marks;
    const failures = got.flatMap((b) => b.trace).filter((e) => e.type === 'kubelet.probe' && !e.ambient);
    expect(marks.filter((m) => m.ok).length).toBeGreaterThanOrEqual(4);
    expect(marks.filter((m) => !m.ok).map((m) => [m.consecutive, m.threshold])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(failures.map((e) => (e.type === 'kubelet.probe' ? [e.params.result, e.params.consecutive, e.params.threshold] : []))).toEqual([
      ['failure', 1, 3], ['failure', 2, 3], ['failure', 3, 3],
    ]);
  });

  it('reads logs as of the played clock, and --previous like kubectl', () => {
    const { host, out, frames } = boot();
    host.handle({ type: 'APPLY', id: 1, yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: talk\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sh", "-c", "echo one; sleep 20; echo two; sleep 3600"]\n' });
    frames(10);
    const ask = (previous: boolean) => {
      host.handle({ type: 'LOGS', id: 7, namespace: 'default', pod: 'talk', previous });
      return out.at(-1) as Extract<WorkerMessage, { type: 'LOGS_RESULT' }>;
    };
    expect(ask(false)).toMatchObject({ type: 'LOGS_RESULT', id: 7, ok: true, container: 'c', lines: ['one'] });
    frames(40);
    expect(ask(false).lines).toEqual(['one', 'two']);
    expect(ask(true)).toMatchObject({ ok: false, reason: 'BadRequest', message: 'previous terminated container "c" in pod "talk" not found' });
  });

  it('lists the registry, and a pushed image appears in it', () => {
    const { host, out } = boot();
    host.handle({ type: 'INJECT', id: 2, fault: { type: 'registry.add', target: 'demo:1', sizeMB: 7, behaviour: { kind: 'sleep' } } });
    host.handle({ type: 'REGISTRY', id: 3 });
    const r = out.at(-1) as Extract<WorkerMessage, { type: 'REGISTRY_RESULT' }>;
    expect(r.images.find((i) => i.pushed)).toMatchObject({ repository: 'docker.io/library/demo', tag: '1', sizeBytes: 7_000_000, behaviour: 'runs until stopped' });
  });

});
