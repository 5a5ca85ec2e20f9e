// The kubelet and the container runtime inside the whole cluster: seed 000/002 creation, the
// 8-step deletion, SIGKILL at the end of the grace period, image pull and crash-loop back-off.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/test-cluster';

const pod = (name: string, image: string, extra = '', node = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${node ? `  nodeName: ${node}\n` : ''}  containers:
  - name: ${name}
    image: ${image}
${extra}`;
const cmd = (argv: string[]) => `    command: ${JSON.stringify(argv)}\n`;
const started = (t: TestCluster, name: string) => t.traceOf('cri.container_started').filter((e) => e.object?.name === name).map((e) => e.t);
const pulls = (t: TestCluster, name: string) => t.traceOf('cri.pull_image').filter((e) => e.object?.name === name).map((e) => e.t);
const cstatus = (t: TestCluster, name: string) => ((t.pod(name)?.status as Record<string, any>)?.containerStatuses ?? [])[0];

describe('kubelet: creating a pod (seed 000 step 5, seed 002)', () => {
  it('goes Pending → ContainerCreating → Running with Scheduled, Pulling, Pulled, Created, Started', () => {
    const t = TestCluster.create({ seed: 11 }).apply(pod('web', 'nginx:1.27'));
    expect(t.status('web')).toBe('Pending');
    t.runUntil(() => t.status('web') === 'ContainerCreating', 5_000);
    t.runUntil(() => t.status('web') === 'Running', 30_000);
    const ev = t.events('web');
    expect(ev.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(ev[3].message).toBe('Created container: web');
    expect(ev[4].message).toBe('Started container web');
    expect(ev[2].storedAt - ev[1].storedAt).toBeGreaterThan(2_000); // 72 MB at ~30 MB/s
    const s = cstatus(t, 'web');
    expect(s).toMatchObject({ name: 'web', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27' });
    expect(s.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(s.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    const st = t.pod('web')?.status as Record<string, any>;
    expect(st).toMatchObject({ phase: 'Running', qosClass: 'BestEffort' });
    expect(st.hostIP).toMatch(/^172\.18\.0\.\d+$/);
    const types = t.c.trace().filter((e) => e.object?.name === 'web' && /^(kubelet|cri)\./.test(e.type)).map((e) => e.type);
    expect(types).toEqual(['kubelet.admit', 'kubelet.volumes', 'cri.run_pod_sandbox', 'cri.sandbox_ready', 'cri.image_status', 'cri.pull_image', 'cri.image_pulled', 'cri.create_container', 'cri.container_created', 'cri.start_container', 'cri.container_started']);
  });

  it('finds the image already present for a second pod on the node, and updates the node images', () => {
    const t = TestCluster.create().apply(pod('a', 'nginx:1.27', '', 'node-1')).runUntilIdle();
    t.apply(pod('b', 'nginx:1.27', '', 'node-1')).runUntilIdle();
    expect(t.events('b').map((e) => e.reason)).toEqual(['Pulled', 'Created', 'Started']);
    expect(t.events('b')[0].message).toBe('Container image "nginx:1.27" already present on machine');
    t.runFor(10_000);
    const images = (t.c.get('Node', undefined, 'node-1')?.status as Record<string, any>).images as Array<{ names: string[] }>;
    expect(images.some((i) => i.names.includes('docker.io/library/nginx:1.27'))).toBe(true);
  });

  it('gives each pod its own IP from the node podCIDR', () => {
    const t = TestCluster.create().apply(pod('a', 'nginx:1.27', '', 'node-2')).apply(pod('b', 'redis:7', '', 'node-2')).runUntilIdle();
    const ips = ['a', 'b'].map((n) => (t.pod(n)?.status as Record<string, any>).podIP).sort();
    expect(ips).toEqual(['10.244.2.2', '10.244.2.3']);
  });

  it('rejects a pod bound to a node that cannot hold it (OutOfcpu)', () => {
    const t = TestCluster.create().apply(pod('big', 'nginx:1.27', '    resources:\n      requests:\n        cpu: "8"\n', 'node-1')).runUntilIdle();
    expect(t.pod('big')?.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu', message: 'Pod was rejected: Node didn\'t have enough resource: cpu, requested: 8000, used: 0, capacity: 4000' });
    expect(t.status('big')).toBe('OutOfcpu');
  });
});

describe('kubelet: deleting a pod (seed 002, 8 steps)', () => {
  it('shows Terminating until nginx exits (< 1 s), then the pod disappears', () => {
    const t = TestCluster.create().apply(pod('web', 'nginx:1.27')).runUntilIdle();
    const t0 = t.c.now();
    const from = t.c.trace().length;
    t.delete('Pod', 'web');
    expect(t.status('web')).toBe('Terminating');
    t.runUntil((x) => x.pod('web') === undefined, 5_000);
    expect(t.c.now() - t0).toBeLessThan(1_000);
    const steps = t.c.trace().slice(from).filter((e) => e.object?.name === 'web' && /^(kubelet|cri)\./.test(e.type));
    expect(steps.map((e) => e.type)).toEqual(['kubelet.kill', 'cri.stop_container', 'cri.container_exited', 'cri.stop_pod_sandbox', 'cri.sandbox_stopped', 'kubelet.volumes_unmounted']);
    expect(steps[1].params).toMatchObject({ signal: 'SIGQUIT', graceSeconds: 30 });
    expect(steps[2].params).toMatchObject({ exitCode: 0 });
    expect(t.events('web').map((e) => e.reason)).toContain('Killing');
    t.runUntilIdle();
    expect(t.traceOf('cri.remove_pod_sandbox').some((e) => e.object?.name === 'web')).toBe(true);
  });

  it('SIGKILLs `sleep 3600` (PID 1 ignores SIGTERM) at 30 s with exit 137', () => {
    const t = TestCluster.create().apply(pod('sleeper', 'busybox:1.36', cmd(['sleep', '3600']))).runUntilIdle();
    expect(t.status('sleeper')).toBe('Running');
    const t0 = t.c.now();
    t.delete('Pod', 'sleeper').runFor(29_000);
    expect(t.status('sleeper')).toBe('Terminating');
    t.runUntil((x) => x.pod('sleeper') === undefined || x.status('sleeper') === 'Error', 2_000);
    const kill = t.traceOf('cri.sigkill')[0];
    expect(kill.t - t0).toBeGreaterThanOrEqual(30_000);
    expect(kill.t - t0).toBeLessThan(30_100);
    expect(t.traceOf('cri.container_exited').at(-1)?.params).toMatchObject({ exitCode: 137, signal: 'SIGKILL' });
    t.runUntil((x) => x.pod('sleeper') === undefined, 2_000);
    expect(t.c.now() - kill.t).toBeLessThan(1_000);
  });

  it('runs a preStop sleep hook inside the grace period before the stop signal', () => {
    const hook = '    lifecycle:\n      preStop:\n        sleep:\n          seconds: 5\n';
    const t = TestCluster.create().apply(pod('web', 'nginx:1.27', hook)).runUntilIdle();
    const t0 = t.c.now();
    t.delete('Pod', 'web');
    t.runUntil((x) => x.pod('web') === undefined, 40_000);
    const stop = t.traceOf('cri.stop_container').at(-1)!;
    expect(stop.t - t0).toBeGreaterThanOrEqual(5_000);
    expect(stop.params.graceSeconds).toBe(25);
    expect(t.traceOf('kubelet.prestop')[0].params).toMatchObject({ handler: 'sleep', durationMs: 5_000 });
  });
});

describe('kubelet: back-off', () => {
  it('a misspelt image goes ErrImagePull → ImagePullBackOff, retrying after 10, 20, 40 s', () => {
    const t = TestCluster.create().apply(pod('typo', 'ngnix:1.27'));
    t.runUntil(() => t.status('typo') === 'ErrImagePull', 10_000);
    const failed = t.events('typo').filter((e) => e.reason === 'Failed').map((e) => e.message);
    expect(failed[0]).toBe('Failed to pull image "ngnix:1.27": failed to pull and unpack image "docker.io/library/ngnix:1.27": failed to resolve reference "docker.io/library/ngnix:1.27": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
    expect(failed[1]).toBe('Error: ErrImagePull');
    t.runUntil(() => t.status('typo') === 'ImagePullBackOff', 40_000);
    expect(cstatus(t, 'typo').state.waiting.message).toMatch(/^Back-off pulling image "ngnix:1\.27": ErrImagePull: failed to pull and unpack image/);
    expect(t.events('typo').map((e) => e.reason)).toContain('BackOff');
    t.runFor(200_000);
    const p = pulls(t, 'typo');
    const gaps = p.slice(1, 5).map((x, i) => Math.round((x - p[i]) / 1000));
    expect(gaps.map((g, i) => g - [10, 20, 40, 80][i]).every((d) => d >= 0 && d <= 1)).toBe(true);
  });

  it('a container that exits 1 restarts after 0, 10, 20, 40 s (CrashLoopBackOff)', () => {
    const t = TestCluster.create().apply(pod('crash', 'busybox:1.36', cmd(['sh', '-c', 'echo boom; exit 1'])));
    t.runUntil(() => t.status('crash') === 'CrashLoopBackOff', 30_000);
    const s = cstatus(t, 'crash');
    expect(s.state.waiting.message).toMatch(/^back-off 10s restarting failed container=crash pod=crash_default\(.+\)$/);
    expect(s.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    t.runFor(120_000);
    const st = started(t, 'crash');
    const gaps = st.slice(1, 5).map((x, i) => Math.round((x - st[i]) / 1000));
    expect(gaps.map((g, i) => g - [0, 10, 20, 40][i]).every((d) => d >= 0 && d <= 1)).toBe(true);
    expect(t.events('crash').find((e) => e.reason === 'BackOff')?.message).toMatch(/^Back-off restarting failed container crash in pod crash_default\(/);
    expect(t.pod('crash')?.status).toMatchObject({ phase: 'Running' });
    expect(cstatus(t, 'crash').restartCount).toBeGreaterThanOrEqual(4);
  });
});

describe('kubelet: restart policies, init containers and sidecars', () => {
  it('restartPolicy Never: exit 0 → Succeeded (Completed), exit 1 → Failed (Error)', () => {
    const never = '  restartPolicy: Never\n';
    const t = TestCluster.create()
      .apply(pod('ok', 'busybox:1.36', cmd(['sh', '-c', 'sleep 1']) + never))
      .apply(pod('bad', 'busybox:1.36', cmd(['sh', '-c', 'exit 1']) + never))
      .runUntilIdle();
    expect(t.pod('ok')?.status).toMatchObject({ phase: 'Succeeded' });
    expect(t.status('ok')).toBe('Completed');
    expect(t.pod('bad')?.status).toMatchObject({ phase: 'Failed' });
    expect(t.status('bad')).toBe('Error');
    expect(t.traceOf('cri.stop_pod_sandbox').filter((e) => e.object?.name === 'ok')).toHaveLength(1);
  });

  it('runs init containers one after another, keeps a sidecar running, then starts the app', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  initContainers:
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2"]
  - name: logs
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "while true; do sleep 5; done"]
  containers:
  - name: web
    image: nginx:1.27
`;
    const t = TestCluster.create().apply(yaml);
    t.runUntil(() => t.status('app') === 'Init:0/2', 10_000);
    t.runUntil(() => t.status('app') === 'Running', 60_000);
    const order = t.traceOf('cri.container_started').filter((e) => e.object?.name === 'app').map((e) => e.params.container);
    expect(order).toEqual(['migrate', 'logs', 'web']);
    expect(t.pod('app')?.status).toMatchObject({ phase: 'Running' });
    const row = t.c.list('Pod').find((p) => p.metadata.name === 'app')!;
    expect((row.status as Record<string, any>).initContainerStatuses.map((s: any) => Object.keys(s.state)[0])).toEqual(['terminated', 'running']);
    const from = t.c.trace().length;
    t.delete('Pod', 'app').runUntil((x) => x.pod('app') === undefined, 40_000);
    const stops = t.c.trace().slice(from).filter((e) => e.type === 'cri.stop_container').map((e) => e.params.container);
    expect(stops).toEqual(['web', 'logs']); // the sidecar stops after the app container
  });
});

describe('kubelet: one visible step per delivery', () => {
  it('never emits two story trace events from one kubelet/runtime delivery', async () => {
    const { Kernel } = await import('../kernel/kernel');
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
      t.apply(pod('web', 'nginx:1.27')).apply(pod('crash', 'busybox:1.36', cmd(['sh', '-c', 'exit 1']))).apply(pod('typo', 'ngnix:1.27'));
      t.runFor(60_000);
      t.delete('Pod', 'web').delete('Pod', 'crash').runFor(40_000);
      expect(worst).toBe(1);
    } finally {
      Kernel.prototype.runOne = orig;
    }
  });

  it('deletes a pod that was deleted before the kubelet admitted it', () => {
    const t = TestCluster.create().apply(pod('quick', 'nginx:1.27'));
    t.runUntil(() => t.traceOf('kubelet.admit').length > 0, 5_000);
    t.delete('Pod', 'quick').runUntil((x) => x.pod('quick') === undefined, 35_000);
    expect(t.pod('quick')).toBeUndefined();
  });
});
