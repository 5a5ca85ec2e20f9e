// `kubectl explain`: the real kubectl reads the server's /openapi/v3 documents and renders them with
// its plaintext template (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl); the
// Terminal's explain (src/rest/kubectl/explain.ts) must print the same bytes from the same documents,
// errors included. The commands reach long descriptions (word wrapping), refs to scalar types
// (Quantity, IntOrString, Time), enums, maps, lists, cycles (--recursive on a Pod) and every served kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_KUBECTL, KUBECTL, type Parity, startParity } from './parity';

const SESSION = [
  'kubectl explain pods',
  'kubectl explain pod.spec.containers',
  'kubectl explain deployment.spec.strategy --recursive',
  'kubectl explain pods.spec.nosuch',
  'kubectl explain pods.spec.containers.nosuch.deeper',
  'kubectl explain po.spec.containers.resources.limits',
  'kubectl explain pod.metadata.creationTimestamp',
  'kubectl explain deploy.spec.strategy.rollingUpdate.maxSurge',
  'kubectl explain svc.spec.ports',
  'kubectl explain cronjobs.spec.jobTemplate.spec',
  'kubectl explain pods --recursive',
  'kubectl explain nodes.status',
  'kubectl explain clusterroles',
  'kubectl explain pdb.spec',
  'kubectl explain configmaps.data',
  'kubectl explain pod.spec.restartPolicy',
  'kubectl explain pod.spec.volumes.hostPath',
  'kubectl explain svc.spec --recursive',
  'kubectl explain deployments.spec.strategy.type --api-version=apps/v1',
  'kubectl explain deployments --api-version=apps/v2',
  'kubectl explain deployments.apps.spec --api-version=apps/v1',
  'kubectl explain pods --api-version=apps/v1',
  'kubectl explain pods --api-version v1',
  'kubectl explain frobs',
  'kubectl explain',
  'kubectl explain pods nodes',
  'kubectl explain statefulsets.apps.spec.updateStrategy',
  'kubectl explain deploy.apps',
  'kubectl explain pods.spec.containers.',
];

describe.skipIf(!HAVE_KUBECTL && !process.env.CI)('kubectl explain in the Terminal prints what the real kubectl prints', () => {
  let p: Parity;
  beforeAll(async () => {
    p = await startParity({ seed: 7, nodes: 3 });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('command for command, the same bytes', async () => {
    expect(HAVE_KUBECTL, `${KUBECTL} is missing: scripts/ensure-kubectl.mjs installs Debian's kubectl`).toBe(true);
    const mismatches = await p.compare(SESSION);
    expect(mismatches.join('\n\n')).toBe('');
  }, 60_000);

  it('every served kind explains the same', async () => {
    const kinds = (await p.real('kubectl api-resources -o name')).stdout.trim().split('\n').filter((r) => !r.includes('selfsubjectaccessreviews'));
    expect(kinds.length).toBeGreaterThan(20);
    const mismatches = await p.compare(kinds.map((k) => `kubectl explain ${k}.spec`));
    expect(mismatches.join('\n\n')).toBe('');
  }, 60_000);
});
