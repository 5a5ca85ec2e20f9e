// `kubectl debug -it web --image=busybox:1.36 --target=web`: the pods/ephemeralcontainers PATCH,
// then the kubelet pulls, creates and starts the debugger inside the running pod; it shows in
// status.ephemeralContainerStatuses and leaves READY and STATUS alone.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/test-cluster';
import { printPodRow } from './printers';

const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
`;
const eph = (t: TestCluster) => ((t.pod('web')?.status as Record<string, any>)?.ephemeralContainerStatuses ?? []) as Array<Record<string, any>>;

describe('ephemeral containers (kubectl debug)', () => {
  it('starts a debugger in the running pod without touching READY or restarts', () => {
    const t = TestCluster.create({ seed: 31 }).apply(WEB).runUntilIdle();
    const before = t.c.trace().length;
    const d = t.c.debug({ name: 'web' }, { image: 'busybox:1.36', target: 'web', stdin: true, tty: true });
    expect(d.result).toMatchObject({ ok: true, kind: 'Pod', name: 'web', action: 'configured' });
    expect(d.container).toMatch(/^debugger-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(d.output).toEqual([
      'Targeting container "web". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.',
      `Defaulting debug container name to ${d.container}.`,
      "If you don't see a command prompt, try pressing enter.",
    ]);
    const req = t.c.trace().slice(before).find((e) => e.type === 'apiserver.request' && e.params.resource === 'pods/ephemeralcontainers');
    expect(req?.params).toMatchObject({ verb: 'patch', method: 'PATCH', path: '/api/v1/namespaces/default/pods/web/ephemeralcontainers' });
    const spec = (t.pod('web')!.spec as Record<string, any>).ephemeralContainers;
    expect(spec).toEqual([{ name: d.container, image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', stdin: true, tty: true, targetContainerName: 'web', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }]);

    t.runUntil((x) => eph(x)[0]?.state?.running !== undefined, 30_000);
    expect(eph(t)[0]).toMatchObject({ name: d.container, ready: false, restartCount: 0, image: 'docker.io/library/busybox:1.36' });
    const evs = t.events('web').filter((e) => e.storedAt > 0).map((e) => `${e.reason}: ${e.message}`);
    expect(evs.slice(-4)).toEqual([
      'Pulling: Pulling image "busybox:1.36"',
      expect.stringMatching(/^Pulled: Successfully pulled image "busybox:1.36" in \d+ms/),
      `Created: Created container: ${d.container}`,
      `Started: Started container ${d.container}`,
    ]);
    // the interactive shell waits on its stdin: still running a minute later
    t.runFor(60_000);
    expect(eph(t)[0].state.running).toBeDefined();
    const row = printPodRow(t.pod('web') as never, t.c.now());
    expect([row.READY, row.STATUS, row.RESTARTS]).toEqual(['1/1', 'Running', '0']);
  });

  it('rejects a debug container named like an existing container (422 Duplicate value)', () => {
    const t = TestCluster.create({ seed: 31 }).apply(WEB).runUntilIdle();
    const d = t.c.debug({ name: 'web' }, { image: 'busybox:1.36', container: 'web' });
    expect(d.result.ok).toBe(false);
    expect(d.result.status).toMatchObject({ code: 422, reason: 'Invalid', message: 'Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "web"' });
  });

  it('answers NotFound for a pod that does not exist', () => {
    const t = TestCluster.create({ seed: 31 });
    expect(t.c.debug({ name: 'nope' }, { image: 'busybox:1.36' }).result.status).toMatchObject({ code: 404, message: 'pods "nope" not found' });
  });
});
