// What probes find in a container: the exec filesystem, HTTP status codes, TCP listeners, gRPC health.
import { describe, expect, it } from 'vitest';
import { IMAGE_CATALOGUE } from './images';
import { planProcess } from './process';
import { execIn, grpcCheck, httpGet, tcpConnect } from './probe-target';
import { oomKillAfterMs } from './programs';

const BUSYBOX = IMAGE_CATALOGUE['docker.io/library/busybox'];
const AGNHOST = IMAGE_CATALOGUE['registry.k8s.io/e2e-test-images/agnhost'];
const NGINX = IMAGE_CATALOGUE['docker.io/library/nginx'];
const STRESS = IMAGE_CATALOGUE['docker.io/polinux/stress'];
const healthy = planProcess(BUSYBOX, ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600']);

describe('exec (ExecSync in the container filesystem)', () => {
  it.each([
    [10_000, 'success', ''],
    [31_000, 'failure', "cat: can't open '/tmp/healthy': No such file or directory\n"],
  ])('cat /tmp/healthy at %i ms → %s', (at, result, output) => {
    expect(execIn({ plan: healthy, elapsedMs: at }, ['cat', '/tmp/healthy'], 1000)).toMatchObject({ result, output });
  });

  it('runs shell probes, times out long ones, and errors on a missing binary', () => {
    const t = { plan: healthy, elapsedMs: 1000 };
    expect(execIn(t, ['sh', '-c', 'test -f /tmp/healthy && echo ok'], 1000)).toMatchObject({ result: 'success', output: 'ok\n' });
    expect(execIn(t, ['sh', '-c', 'exit 3'], 1000)).toMatchObject({ result: 'failure', exitCode: 3 });
    expect(execIn(t, ['sh', '-c', 'sleep 5'], 1000)).toMatchObject({ result: 'failure', output: 'command "sh -c sleep 5" timed out', durationMs: 1000 });
    expect(execIn(t, ['/bin/nope'], 1000).result).toBe('error');
  });
});

describe('network probes', () => {
  const ip = '10.244.1.2';
  const nginx = { plan: planProcess(NGINX), elapsedMs: 1000 };
  const live = (ms: number) => ({ plan: planProcess(AGNHOST, undefined, ['liveness']), elapsedMs: ms });
  it.each([
    ['/', 200],
    ['/index.html', 200],
    ['/healthz', 404],
  ])('nginx GET %s → %i', (path, code) => {
    const r = httpGet([nginx], { kind: 'http', port: 80, path }, ip);
    expect(r.result === 'success' ? 200 : Number(r.output.split(': ')[1])).toBe(code);
  });

  it('agnhost liveness: 200 for 10 s, then 500', () => {
    expect(httpGet([live(9_000)], { kind: 'http', port: 8080, path: '/healthz' }, ip).result).toBe('success');
    expect(httpGet([live(10_001)], { kind: 'http', port: 8080, path: '/healthz' }, ip)).toMatchObject({ result: 'failure', output: 'HTTP probe failed with statuscode: 500' });
  });

  it('refuses connections on ports nobody listens on', () => {
    expect(httpGet([nginx], { kind: 'http', port: 8080, path: '/' }, ip).output).toBe('Get "http://10.244.1.2:8080/": dial tcp 10.244.1.2:8080: connect: connection refused');
    expect(tcpConnect([nginx], 80, ip).result).toBe('success');
    expect(tcpConnect([nginx], 81, ip).output).toBe('dial tcp 10.244.1.2:81: connect: connection refused');
    expect(grpcCheck([nginx], 5000, ip, 1000).output).toBe('timeout: failed to connect service "10.244.1.2:5000" within 1s: context deadline exceeded');
  });

  it('grpc health: SERVING for agnhost grpc-health-checking', () => {
    const g = { plan: planProcess(AGNHOST, undefined, ['grpc-health-checking']), elapsedMs: 1000 };
    expect(grpcCheck([g], 5000, ip, 1000)).toMatchObject({ result: 'success', output: 'service healthy' });
    expect(grpcCheck([nginx], 80, ip, 1000).result).toBe('failure');
  });
});

describe('memory (cgroup OOM killer)', () => {
  it('stress --vm 1 --vm-bytes 250M is killed under a 100Mi limit, not under 300Mi', () => {
    const plan = planProcess(STRESS, ['stress'], ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1']);
    expect(plan.memory?.bytes).toBe(250 * 2 ** 20);
    expect(oomKillAfterMs(plan, 100 * 2 ** 20)).toBeGreaterThan(0);
    expect(oomKillAfterMs(plan, 300 * 2 ** 20)).toBeUndefined();
    expect(oomKillAfterMs(plan, 0)).toBeUndefined();
  });
});
