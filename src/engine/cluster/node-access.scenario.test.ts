// registry.add, the registry listing and `kubectl logs` through the Cluster facade.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/test-cluster';

const pod = (name: string, image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: ${image}
`;

describe('registry.add', () => {
  it('pushes an HTTP server image that a pod then pulls (size as given) and serves on its port', () => {
    const t = TestCluster.create({ seed: 3 });
    t.c.inject({ type: 'registry.add', target: 'shop/web:2.1', sizeMB: 42, behaviour: { kind: 'http', port: 9000 } });
    const listed = t.c.registry().find((i) => i.pushed);
    expect(listed).toMatchObject({ repository: 'docker.io/shop/web', tag: '2.1', sizeBytes: 42_000_000, ports: [9000], command: ['/agnhost', 'netexec', '--http-port=9000'] });
    t.apply(pod('web', 'shop/web:2.1')).runUntilIdle();
    expect(t.status('web')).toBe('Running');
    const pulled = t.events('web').find((e) => e.reason === 'Pulled')!;
    expect(pulled.message).toMatch(/^Successfully pulled image "shop\/web:2.1" in .* Image size: 42000000 bytes\./);
    expect(t.c.logs({ name: 'web' }, { nowMs: t.c.now() })).toMatchObject({ ok: true, container: 'app', lines: ['Started HTTP server on port 9000'] });
  });

  it('only the pushed tag exists', () => {
    const t = TestCluster.create({ seed: 3 });
    t.c.inject({ type: 'registry.add', target: 'shop/web:2.1', sizeMB: 5, behaviour: { kind: 'sleep' } });
    t.apply(pod('old', 'shop/web:2.0')).runUntilIdle();
    expect(t.status('old')).toMatch(/ErrImagePull|ImagePullBackOff/);
  });

  it('a crashing image crash-loops with its exit code, and --previous shows the last run', () => {
    const t = TestCluster.create({ seed: 3 });
    t.c.inject({ type: 'registry.add', target: 'crashy:1', sizeMB: 3, behaviour: { kind: 'exit', afterSeconds: 2, exitCode: 3 } });
    t.apply(pod('crashy', 'crashy:1')).runFor(30_000);
    const cs = (t.pod('crashy')!.status as any).containerStatuses[0];
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(t.c.logs({ name: 'crashy' }, { previous: true })).toMatchObject({ ok: true, lines: ['started', 'fatal: exiting with status 3'] });
  });

  it('refuses bad input with a message', () => {
    const t = TestCluster.create({ seed: 3 });
    expect(() => t.c.inject({ type: 'registry.add', target: 'Bad_Name:1', behaviour: { kind: 'sleep' } })).toThrow(/invalid reference format/);
    expect(() => t.c.inject({ type: 'registry.add', target: 'x:1', behaviour: { kind: 'http', port: 0 } })).toThrow('registry.add: port must be an integer from 1 to 65535, got 0');
  });

  it('lives in the snapshot', () => {
    const t = TestCluster.create({ seed: 3 });
    const before = t.c.snapshot();
    t.c.inject({ type: 'registry.add', target: 'later:1', sizeMB: 1, behaviour: { kind: 'sleep' } });
    const after = t.c.snapshot();
    t.c.restore(before);
    expect(t.c.registry().some((i) => i.pushed)).toBe(false);
    t.c.restore(after);
    expect(t.c.registry().filter((i) => i.pushed).map((i) => `${i.repository}:${i.tag}`)).toEqual(['docker.io/library/later:1']);
  });
});

describe('kubectl logs', () => {
  it('answers like the apiserver and kubelet for missing pods, containers and previous instances', () => {
    const t = TestCluster.create({ seed: 3 }).apply(pod('n', 'nginx:1.27')).runUntilIdle();
    expect(t.c.logs({ name: 'nope' })).toEqual({ ok: false, code: 404, reason: 'NotFound', message: 'pods "nope" not found' });
    expect(t.c.logs({ name: 'n' }, { container: 'x' })).toMatchObject({ ok: false, message: 'container x is not valid for pod n' });
    expect(t.c.logs({ name: 'n' }, { previous: true })).toMatchObject({ ok: false, message: 'previous terminated container "app" in pod "n" not found' });
    const r = t.c.logs({ name: 'n' }, { nowMs: t.c.now() });
    expect(r.ok && r.lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  });

  it('the catalogue lists nginx serving on 80 with its entrypoint', () => {
    const t = TestCluster.create({ seed: 3 });
    expect(t.c.registry().find((i) => i.repository === 'docker.io/library/nginx')).toMatchObject({ ports: [80], command: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], stopSignal: 'SIGQUIT', pushed: false });
  });
});
