// Image references, the registry's answers, host-local IPAM and the process model.
import { describe, expect, it } from 'vitest';
import { IMAGE_CATALOGUE, lookupImage, parseImageRef } from './images';
import { allocateIp, newIpam, releaseIp } from './ipam';
import { planProcess, stopDelayMs } from './process';

const BUSYBOX = IMAGE_CATALOGUE['docker.io/library/busybox'];
const NGINX = IMAGE_CATALOGUE['docker.io/library/nginx'];

describe('image references (distribution/reference normalize.go)', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['library/nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
  ])('%s → %s', (ref, want) => expect((parseImageRef(ref) as { normalized: string }).normalized).toBe(want));

  it('rejects bad names', () => {
    expect(parseImageRef('Nginx')).toEqual({ error: 'couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase' });
    expect('error' in parseImageRef('nginx:')).toBe(true);
  });

  it('finds any tag of a known repository, with realistic sizes', () => {
    const r = lookupImage('nginx:1.27');
    expect(r.ok && r.sizeBytes).toBe(72_404_038);
    const a = lookupImage('nginx:1.27-alpine');
    expect(a.ok && a.sizeBytes).toBeLessThan(25_000_000);
    expect(r.ok && r.repoDigest).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });

  it('fails a misspelt repository like containerd does', () => {
    expect(lookupImage('ngnix:1.27')).toMatchObject({
      ok: false, reason: 'ErrImagePull',
      message: 'failed to pull and unpack image "docker.io/library/ngnix:1.27": failed to resolve reference "docker.io/library/ngnix:1.27": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    });
    expect(lookupImage('registry.k8s.io/nope:1').ok).toBe(false);
    expect(lookupImage('my.registry.local/app').ok || (lookupImage('my.registry.local/app') as { message: string }).message).toContain('no such host');
  });
});

describe('host-local IPAM', () => {
  it('hands out .2, .3 … and reuses only after wrapping', () => {
    const s = newIpam('10.244.1.0/24');
    expect([allocateIp(s, 'a'), allocateIp(s, 'b')]).toEqual(['10.244.1.2', '10.244.1.3']);
    releaseIp(s, '10.244.1.2');
    expect(allocateIp(s, 'c')).toBe('10.244.1.4');
  });
});

describe('processes', () => {
  it('nginx serves until its STOPSIGNAL (SIGQUIT), then exits 0 in ~100 ms', () => {
    const p = planProcess(NGINX);
    expect(p.exitAfterMs).toBeUndefined();
    expect(NGINX.stopSignal).toBe('SIGQUIT');
    expect(stopDelayMs(p, 5000)).toBe(100);
  });

  it('busybox `sh` with no stdin exits 0 at once', () => {
    const p = planProcess(BUSYBOX);
    expect(p.exitCode).toBe(0);
    expect(p.exitAfterMs).toBeLessThan(10);
  });

  it('sleep as PID 1 ignores SIGTERM', () => {
    const p = planProcess(BUSYBOX, ['sleep', '3600']);
    expect(p.exitAfterMs).toBe(3_600_003);
    expect(stopDelayMs(p, 1000)).toBeUndefined();
  });

  it('interprets sh -c scripts: ; && || exit false while', () => {
    expect(planProcess(BUSYBOX, ['sh', '-c', 'echo hi; sleep 2; exit 3'])).toMatchObject({ exitCode: 3 });
    expect(planProcess(BUSYBOX, ['sh', '-c', 'false && echo no || exit 4']).exitCode).toBe(4);
    expect(planProcess(BUSYBOX, ['sh', '-c', 'true && exit 1']).exitCode).toBe(1);
    expect(planProcess(BUSYBOX, ['/bin/sh', '-c', 'false']).exitCode).toBe(1);
    const loop = planProcess(BUSYBOX, ['sh', '-c', 'while true; do echo tick; sleep 5; done']);
    expect(loop.exitAfterMs).toBeUndefined();
    expect(loop.onStop.kind).toBe('ignore');
    expect(planProcess(BUSYBOX, ['sh', '-c', 'for i in 1 2 3; do sleep 1; done']).exitAfterMs).toBeGreaterThanOrEqual(3000);
    expect(planProcess(BUSYBOX, undefined, ['sh', '-c', 'sleep 1']).exitAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it('a TERM trap runs when the current foreground command finishes', () => {
    const p = planProcess(BUSYBOX, ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"]);
    expect(p.onStop.kind).toBe('trap');
    const d = stopDelayMs(p, 2_500_500) as number;
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThanOrEqual(1000);
  });

  it('an unknown binary cannot start', () => {
    expect(planProcess(BUSYBOX, ['nosuchbin']).startError).toContain('exec: "nosuchbin": executable file not found in $PATH');
  });
});
