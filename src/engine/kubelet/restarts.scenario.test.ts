// Restart policy and back-off (E.3, E.4, E.6), seed 003's CrashLoopBackOff and OOMKilled 137,
// lifecycle hooks (postStart, preStop inside the grace period) and container logs.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/test-cluster';
import { readContainerLog } from './runtime/logs';
import type { RuntimeState } from './runtime/container-runtime';

const pod = (name: string, image: string, extra = '', podExtra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${podExtra}  containers:
  - name: ${name}
    image: ${image}
${extra}`;
const cmd = (script: string) => `    command: ["sh", "-c", ${JSON.stringify(script)}]\n`;
const starts = (t: TestCluster, name: string) => t.traceOf('cri.container_started').filter((e) => e.object?.name === name).map((e) => e.t);
const cs = (t: TestCluster, name: string) => ((t.pod(name)?.status as Record<string, any>)?.containerStatuses ?? [])[0];
const gapsS = (xs: number[]) => xs.slice(1).map((x, i) => (x - xs[i]) / 1000);
const runtimeOf = (t: TestCluster, name: string) => {
  const node = (t.pod(name)?.spec as { nodeName: string }).nodeName;
  return (t.c.snapshot() as unknown as { kernel: { actors: Record<string, RuntimeState> } }).kernel.actors[`runtime:${node}`];
};
const uidOf = (t: TestCluster, name: string) => t.pod(name)!.metadata.uid!;

describe('restart back-off (E.3)', () => {
  it('restarts a container that exits 1 after 0, 10, 20, 40, 80, 160, 300, 300 s', () => {
    const t = TestCluster.create().apply(pod('crash', 'busybox:1.36', cmd('echo boom; exit 1')));
    t.runUntil(() => starts(t, 'crash').length >= 9, 1_300_000);
    const gaps = gapsS(starts(t, 'crash'));
    const want = [0, 10, 20, 40, 80, 160, 300, 300];
    gaps.forEach((g, i) => {
      expect(g).toBeGreaterThanOrEqual(want[i]);
      expect(g).toBeLessThan(want[i] + 0.5);
    });
    const backoffs = t.traceOf('kubelet.backoff').map((e) => e.params.backoff);
    expect([...new Set(backoffs)]).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
    expect(t.pod('crash')?.status).toMatchObject({ phase: 'Running' });
    expect(cs(t, 'crash').lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  }, 60_000); // 20 virtual minutes

  it('shows back-off 20s in the waiting message of the third crash', () => {
    const t = TestCluster.create().apply(pod('crash', 'busybox:1.36', cmd('exit 1')));
    t.runUntil(() => (cs(t, 'crash')?.state?.waiting?.message ?? '').startsWith('back-off 20s'), 60_000);
    const uid = uidOf(t, 'crash');
    expect(cs(t, 'crash').state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 20s restarting failed container=crash pod=crash_default(${uid})` });
    expect(t.status('crash')).toBe('CrashLoopBackOff');
  });

  it('resets the back-off once the container ran for 10 minutes', () => {
    const t = TestCluster.create().apply(pod('long', 'busybox:1.36', cmd('sleep 610; exit 1')));
    t.runUntil(() => starts(t, 'long').length >= 3, 1_600_000);
    const [, s1, s2] = starts(t, 'long');
    expect(s2 - s1).toBeLessThan(610_500); // no 10 s back-off before the third start
    expect(t.traceOf('kubelet.backoff').filter((e) => e.object?.name === 'long')).toHaveLength(0);
  }, 60_000); // 25 virtual minutes

  it('a container that exits 0 under restartPolicy Always is Completed, then CrashLoopBackOff', () => {
    const t = TestCluster.create().apply(pod('done', 'busybox:1.36', cmd('sleep 1')));
    t.runUntil(() => t.status('done') === 'Completed', 30_000);
    t.runUntil(() => t.status('done') === 'CrashLoopBackOff', 30_000);
    expect(cs(t, 'done').lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(t.pod('done')?.status).toMatchObject({ phase: 'Running' });
  });

  it('restartPolicy OnFailure: exit 1 restarts (Running), exit 0 ends Succeeded', () => {
    const onFailure = '  restartPolicy: OnFailure\n';
    const t = TestCluster.create()
      .apply(pod('retry', 'busybox:1.36', cmd('exit 1'), onFailure))
      .apply(pod('ok', 'busybox:1.36', cmd('exit 0'), onFailure))
      .runFor(30_000);
    expect(t.pod('retry')?.status).toMatchObject({ phase: 'Running' });
    expect(cs(t, 'retry').restartCount).toBeGreaterThanOrEqual(2);
    expect(t.pod('ok')?.status).toMatchObject({ phase: 'Succeeded' });
    expect(cs(t, 'ok').restartCount).toBe(0);
  });
});

describe('OOMKilled (docs: memory-demo-2, seed 003)', () => {
  const oom = `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`;
  it('is killed by the cgroup OOM killer: OOMKilled, exit code 137, then CrashLoopBackOff', () => {
    const t = TestCluster.create().apply(oom);
    t.runUntil(() => t.status('memory-demo-2') === 'OOMKilled', 30_000);
    const exited = t.traceOf('cri.container_exited')[0];
    expect(exited.params).toMatchObject({ exitCode: 137, reason: 'OOMKilled', signal: 'SIGKILL' });
    expect(exited.t - starts(t, 'memory-demo-2')[0]).toBeLessThan(100); // 100Mi of 250M touched at ~2 GB/s
    t.runUntil(() => t.status('memory-demo-2') === 'CrashLoopBackOff', 30_000);
    expect(cs(t, 'memory-demo-2').lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(t.events('memory-demo-2').filter((e) => e.reason === 'BackOff').length).toBeGreaterThan(0);
  });

  it('runs when the limit is above what it allocates', () => {
    const t = TestCluster.create().apply(oom.replace('"100Mi"', '"300Mi"')).runFor(20_000);
    expect(t.status('memory-demo-2')).toBe('Running');
    expect(readContainerLog(runtimeOf(t, 'memory-demo-2'), uidOf(t, 'memory-demo-2'), 'memory-demo-2-ctr')?.lines).toEqual([
      'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd',
    ]);
  });
});

describe('lifecycle hooks', () => {
  it('preStop sleep 5 s with 30 s grace: SIGTERM at 5 s, SIGKILL at 30 s for a process that ignores it', () => {
    const hook = '    lifecycle:\n      preStop:\n        sleep:\n          seconds: 5\n';
    const t = TestCluster.create().apply(pod('sleeper', 'busybox:1.36', `    command: ["sleep", "3600"]\n${hook}`)).runUntilIdle();
    const t0 = t.c.now();
    t.delete('Pod', 'sleeper').runUntil((x) => x.pod('sleeper') === undefined, 40_000);
    const term = t.traceOf('cri.stop_container').at(-1)!;
    expect(term.params).toMatchObject({ signal: 'SIGTERM', graceSeconds: 25 });
    expect(term.t - t0).toBeGreaterThanOrEqual(5_000);
    expect(term.t - t0).toBeLessThan(5_100);
    const kill = t.traceOf('cri.sigkill').at(-1)!;
    expect(kill.t - t0).toBeGreaterThanOrEqual(30_000);
    expect(kill.t - t0).toBeLessThan(30_100);
  });

  it('preStop then SIGQUIT: nginx exits at once, no SIGKILL', () => {
    const hook = '    lifecycle:\n      preStop:\n        sleep:\n          seconds: 5\n';
    const t = TestCluster.create().apply(pod('web', 'nginx:1.27', hook)).runUntilIdle();
    t.delete('Pod', 'web').runUntil((x) => x.pod('web') === undefined, 40_000);
    expect(t.traceOf('cri.sigkill')).toHaveLength(0);
    expect(t.traceOf('cri.container_exited').at(-1)?.params).toMatchObject({ exitCode: 0, signal: 'SIGQUIT' });
  });

  it('postStart exec: the start waits for the hook, which sees the container filesystem', () => {
    const hook = '    lifecycle:\n      postStart:\n        exec:\n          command: ["sh", "-c", "sleep 2; echo hi > /tmp/hook"]\n';
    const t = TestCluster.create().apply(pod('hooked', 'nginx:1.27', hook)).runUntilIdle();
    const [s0] = starts(t, 'hooked');
    const done = t.traceOf('kubelet.poststart').find((e) => e.params.stage === 'done')!;
    expect(done.params).toMatchObject({ result: 'success', handler: 'exec' });
    expect(done.t - s0).toBeGreaterThanOrEqual(2_000);
    expect(t.status('hooked')).toBe('Running');
    expect(t.events('hooked').some((e) => e.reason === 'FailedPostStartHook')).toBe(false);
  });

  it('postStart failure: FailedPostStartHook, the container is killed and restarted with back-off', () => {
    const hook = '    lifecycle:\n      postStart:\n        exec:\n          command: ["sh", "-c", "exit 3"]\n';
    const t = TestCluster.create().apply(pod('badhook', 'nginx:1.27', hook));
    t.runUntil(() => t.events('badhook').some((e) => e.reason === 'Killing'), 30_000);
    const uid = uidOf(t, 'badhook');
    const failed = t.events('badhook').find((e) => e.reason === 'FailedPostStartHook')!;
    expect(failed.type).toBe('Warning');
    expect(failed.message).toBe(`Exec lifecycle hook ([sh -c exit 3]) for Container "badhook" in Pod "badhook_default(${uid})" failed - error: command 'sh -c exit 3' exited with 3: , message: ""`);
    expect(t.events('badhook').find((e) => e.reason === 'Killing')?.message).toBe('FailedPostStartHook');
    t.runUntil(() => t.status('badhook') === 'PostStartHookError', 10_000);
    t.runFor(60_000);
    expect(cs(t, 'badhook').restartCount).toBeGreaterThanOrEqual(2);
  });
});

describe('container logs (kubectl logs [--previous])', () => {
  it('keeps what echo printed, per instance, and the previous instance', () => {
    const t = TestCluster.create().apply(pod('talk', 'busybox:1.36', cmd('echo hello; echo world; sleep 2; echo bye; exit 1')));
    t.runUntil(() => starts(t, 'talk').length >= 2, 30_000);
    t.runFor(1_000);
    const rs = runtimeOf(t, 'talk');
    const uid = uidOf(t, 'talk');
    expect(readContainerLog(rs, uid, 'talk', false, t.c.now())?.lines).toEqual(['hello', 'world']);
    expect(readContainerLog(rs, uid, 'talk', true)).toMatchObject({ attempt: 0, lines: ['hello', 'world', 'bye'] });
    expect(readContainerLog(rs, uid, 'nope')).toBeUndefined();
  });

  it("has nginx's start-up lines", () => {
    const t = TestCluster.create().apply(pod('web', 'nginx:1.27')).runUntilIdle().runFor(1_000);
    const lines = readContainerLog(runtimeOf(t, 'web'), uidOf(t, 'web'), 'web', false, t.c.now())!.lines;
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines.at(-1)).toMatch(/^2025\/01\/01 00:00:\d\d \[notice\] 1#1: start worker process 29$/);
    expect(readContainerLog(runtimeOf(t, 'web'), uidOf(t, 'web'), 'web', true)).toBeUndefined();
  });
});
