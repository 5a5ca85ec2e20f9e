// Probes as the Kubernetes docs show them (tasks/configure-pod-container/configure-liveness-
// readiness-startup-probes), with exact virtual times: seed 002's liveness/readiness/startup and
// seed 003's failing health checks.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';

const execLiveness = `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`;

const httpLiveness = `apiVersion: v1
kind: Pod
metadata:
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args:
    - liveness
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        httpHeaders:
        - name: Custom-Header
          value: Awesome
      initialDelaySeconds: 3
      periodSeconds: 3
`;

const probeTimes = (t: TestCluster, name: string, result?: string) =>
  t.traceOf('kubelet.probe').filter((e) => e.object?.name === name && (!result || e.params.result === result));
const startedAt = (t: TestCluster, name: string) => t.traceOf('cri.container_started').filter((e) => e.object?.name === name).map((e) => e.t);
const cs = (t: TestCluster, name: string) => ((t.pod(name)?.status as Record<string, any>)?.containerStatuses ?? [])[0];
const cond = (t: TestCluster, name: string, type: string) => ((t.pod(name)?.status as Record<string, any>)?.conditions ?? []).find((c: any) => c.type === type);

describe('liveness probe, exec (docs: liveness-exec)', () => {
  it('fails 3 times 5 s apart once /tmp/healthy is gone, then kills (SIGKILL after 30 s) and restarts', () => {
    const t = TestCluster.create().apply(execLiveness);
    t.runFor(120_000);
    const [s0, s1] = startedAt(t, 'liveness-exec');
    const unhealthy = t.events('liveness-exec').filter((e) => e.reason === 'Unhealthy');
    expect(unhealthy[0].message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    // the file disappears 30 s after start; probes tick every 5 s: the first failure lands in [30, 35) s
    const fails = probeTimes(t, 'liveness-exec', 'failure').map((e) => e.t);
    expect(fails[0] - s0).toBeGreaterThanOrEqual(30_000);
    expect(fails[0] - s0).toBeLessThan(35_000);
    expect(fails.slice(0, 3).map((f) => f - fails[0])).toEqual([0, 5_000, 10_000]);
    expect(probeTimes(t, 'liveness-exec', 'failure').slice(0, 3).map((e) => e.params.consecutive)).toEqual([1, 2, 3]);
    expect(probeTimes(t, 'liveness-exec', 'failure')[2].params).toMatchObject({ probe: 'liveness', result: 'failure', threshold: 3, mechanism: 'exec' });
    const killing = t.events('liveness-exec').find((e) => e.reason === 'Killing')!;
    expect(killing.message).toBe('Container liveness failed liveness probe, will be restarted');
    expect(t.traceOf('kubelet.kill')[0].t).toBe(fails[2]);
    // sh as PID 1 ignores SIGTERM: SIGKILL at the end of the 30 s grace period, exit 137
    expect(t.traceOf('cri.sigkill')[0].t - fails[2]).toBeGreaterThanOrEqual(30_000);
    expect(t.traceOf('cri.sigkill')[0].t - fails[2]).toBeLessThan(30_100);
    expect(s1 - fails[2]).toBeGreaterThan(30_000);
    expect(s1 - fails[2]).toBeLessThan(30_300);
    expect(cs(t, 'liveness-exec')).toMatchObject({ restartCount: 1, ready: true, lastState: { terminated: { exitCode: 137, reason: 'Error' } } });
    expect(t.status('liveness-exec')).toBe('Running');
  });

  it('traces quiet successes as ambient and counted failures as story events', () => {
    const t = TestCluster.create().apply(execLiveness).runFor(50_000);
    const all = probeTimes(t, 'liveness-exec');
    expect(all.filter((e) => e.params.result === 'success').every((e) => e.ambient)).toBe(true);
    expect(all.filter((e) => e.params.result === 'failure').every((e) => !e.ambient)).toBe(true);
    expect(all.length).toBeGreaterThan(6);
  });
});

describe('liveness probe, httpGet (docs: liveness-http with agnhost liveness)', () => {
  it('gets 200 for 10 s then 500: Unhealthy "HTTP probe failed with statuscode: 500", killed and restarted', () => {
    const t = TestCluster.create().apply(httpLiveness).runFor(60_000);
    const [s0, s1] = startedAt(t, 'liveness-http');
    const fails = probeTimes(t, 'liveness-http', 'failure').map((e) => e.t);
    expect(fails[0] - s0).toBeGreaterThan(10_000);
    expect(fails[0] - s0).toBeLessThanOrEqual(13_000);
    expect(fails.slice(0, 3).map((f) => f - fails[0])).toEqual([0, 3_000, 6_000]);
    const ev = t.events('liveness-http');
    expect(ev.filter((e) => e.reason === 'Unhealthy').map((e) => e.message)[0]).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500');
    // agnhost (Go) exits on SIGTERM with status 2 at once: the restart follows within milliseconds
    expect(s1 - fails[2]).toBeLessThan(200);
    expect(t.traceOf('cri.container_exited')[0].params).toMatchObject({ exitCode: 2, signal: 'SIGTERM' });
    expect(cs(t, 'liveness-http').restartCount).toBeGreaterThanOrEqual(2);
  });

  it('keeps restarting until the back-off catches up: CrashLoopBackOff', () => {
    const t = TestCluster.create().apply(httpLiveness);
    t.runUntil(() => t.status('liveness-http') === 'CrashLoopBackOff', 200_000);
    expect(cs(t, 'liveness-http').state.waiting.message).toMatch(/^back-off 20s restarting failed container=liveness pod=liveness-http_default\(/);
  });
});

describe('readiness probe', () => {
  const notReady = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /ready
        port: 80
      periodSeconds: 5
`;
  it('a failing readiness probe keeps the pod Running with READY 0/1 and is never restarted', () => {
    const t = TestCluster.create().apply(notReady).runFor(60_000);
    expect(t.status('web')).toBe('Running');
    expect(cs(t, 'web')).toMatchObject({ ready: false, started: true, restartCount: 0 });
    expect(cond(t, 'web', 'ContainersReady')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(cond(t, 'web', 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    const ev = t.events('web').filter((e) => e.reason === 'Unhealthy');
    expect(ev[0].message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 404');
    expect(t.events('web').some((e) => e.reason === 'Killing')).toBe(false);
    expect(t.traceOf('kubelet.kill')).toHaveLength(0);
  });

  it('a passing readiness probe makes the container ready right after start (the manual trigger)', () => {
    const t = TestCluster.create().apply(notReady.replace('/ready', '/')).runFor(15_000);
    const [s0] = startedAt(t, 'web');
    const first = probeTimes(t, 'web', 'success')[0];
    expect(first.ambient).toBeUndefined(); // failure → success is a change
    expect(first.t - s0).toBeLessThan(50);
    expect(cs(t, 'web')).toMatchObject({ ready: true });
    expect(cond(t, 'web', 'Ready')).toMatchObject({ status: 'True' });
  });

  it('tcpSocket: ready iff the process listens on the port', () => {
    const tcp = (port: number) => notReady.replace('httpGet:\n        path: /ready\n        port: 80', `tcpSocket:\n        port: ${port}`);
    const t = TestCluster.create().apply(tcp(80)).runFor(15_000);
    expect(cs(t, 'web').ready).toBe(true);
    const u = TestCluster.create().apply(tcp(8080)).runFor(15_000);
    expect(cs(u, 'web').ready).toBe(false);
    expect(u.events('web').find((e) => e.reason === 'Unhealthy')?.message).toMatch(/^Readiness probe failed: dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$/);
  });
});

describe('startup probe', () => {
  const slow = (threshold: number) => `apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 20; touch /tmp/started; sleep 3600"]
    startupProbe:
      exec:
        command: ["cat", "/tmp/started"]
      periodSeconds: 5
      failureThreshold: ${threshold}
    livenessProbe:
      exec:
        command: ["cat", "/tmp/started"]
      periodSeconds: 5
`;
  it('gates liveness until it succeeds; started flips to true then', () => {
    const t = TestCluster.create().apply(slow(10)).runFor(40_000);
    const [s0] = startedAt(t, 'slow');
    const probes = probeTimes(t, 'slow');
    const ok = probes.find((e) => e.params.probe === 'startup' && e.params.result === 'success')!;
    expect(ok.t - s0).toBeGreaterThanOrEqual(20_000);
    expect(ok.t - s0).toBeLessThan(25_000);
    expect(probes.filter((e) => e.params.probe === 'liveness').every((e) => e.t > ok.t)).toBe(true);
    expect(probes.filter((e) => e.params.probe === 'startup' && e.params.result === 'failure').length).toBeGreaterThanOrEqual(3);
    expect(t.events('slow').filter((e) => e.reason === 'Unhealthy')[0].message).toBe("Startup probe failed: cat: can't open '/tmp/started': No such file or directory\n");
    expect(cs(t, 'slow')).toMatchObject({ started: true, ready: true, restartCount: 0 });
  });

  it('kills the container when it never succeeds within failureThreshold × period', () => {
    const t = TestCluster.create().apply(slow(2)).runFor(40_000);
    expect(t.events('slow').find((e) => e.reason === 'Killing')?.message).toBe('Container app failed startup probe, will be restarted');
    expect(t.traceOf('kubelet.kill')[0].params).toMatchObject({ reason: 'StartupProbe' });
    expect(cs(t, 'slow').started).toBe(false);
  });
});

describe('grpc probe', () => {
  it('is SERVING for agnhost grpc-health-checking, and fails when nothing implements health', () => {
    const grpc = (args: string, port: number) => `apiVersion: v1
kind: Pod
metadata:
  name: g
spec:
  containers:
  - name: g
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args: [${args}]
    readinessProbe:
      grpc:
        port: ${port}
      periodSeconds: 5
`;
    const t = TestCluster.create().apply(grpc('grpc-health-checking', 5000)).runFor(15_000);
    expect(cs(t, 'g').ready).toBe(true);
    const u = TestCluster.create().apply(grpc('grpc-health-checking, --delay-unhealthy-sec=5', 5000)).runFor(30_000);
    expect(cs(u, 'g').ready).toBe(false);
    expect(u.events('g').find((e) => e.reason === 'Unhealthy')?.message).toBe('Readiness probe failed: service unhealthy (responded with "NOT_SERVING")');
  });
});

describe('probe-level terminationGracePeriodSeconds', () => {
  it('replaces the pod grace period when liveness kills', () => {
    const yaml = execLiveness.replace('      periodSeconds: 5\n', '      periodSeconds: 5\n      terminationGracePeriodSeconds: 3\n');
    const t = TestCluster.create().apply(yaml).runFor(60_000);
    expect(t.traceOf('kubelet.kill')[0].params.graceSeconds).toBe(3);
    expect(t.traceOf('cri.sigkill')[0].t - t.traceOf('kubelet.kill')[0].t).toBeLessThan(3_100);
  });
});

describe('probes keep one visible step per delivery', () => {
  it('never emits two story trace events from one kubelet/runtime delivery', async () => {
    const { Kernel } = await import('../../kernel/kernel');
    const orig = Kernel.prototype.runOne;
    let count = 0;
    let worst = 0;
    Kernel.prototype.runOne = function (this: InstanceType<typeof Kernel>) {
      count = 0;
      const r = orig.call(this);
      worst = Math.max(worst, count);
      return r;
    };
    try {
      const t = TestCluster.create();
      t.c.onTrace((e) => {
        if (!e.ambient && /^(kubelet|cri)\./.test(e.type)) count++;
      });
      const hook = `apiVersion: v1
kind: Pod
metadata:
  name: hook
spec:
  containers:
  - name: hook
    image: nginx:1.27
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "exit 1"]
      preStop:
        sleep:
          seconds: 2
`;
      t.apply(execLiveness).apply(httpLiveness).apply(hook).runFor(120_000);
      t.delete('Pod', 'liveness-exec').delete('Pod', 'hook').runFor(40_000);
      expect(worst).toBe(1);
    } finally {
      Kernel.prototype.runOne = orig;
    }
  });
});
