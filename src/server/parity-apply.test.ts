// `kubectl apply --server-side` in both kubectls: the real kubectl 1.32 against the server and the
// Terminal against its twin print the same bytes (src/rest/apply.ts is the model's server-side apply).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_YAML, FILES, HAVE_KUBECTL, type Parity, startParity } from './parity';

const SCALED = APP_YAML.replace('replicas: 1', 'replicas: 2').replace('image: nginx:1.27', 'image: nginx:1.28');

// skipped on a developer's machine without kubectl; in CI (which installs it) a missing kubectl fails
describe.skipIf(!HAVE_KUBECTL && !process.env.CI)('server-side apply: the Terminal prints what the real kubectl prints', () => {
  let p: Parity;
  beforeAll(async () => {
    p = await startParity({ seed: 7, nodes: 3, files: { ...FILES, 'scaled.yaml': SCALED } });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('creates, configures, and refuses what the apiserver refuses', async () => {
    expect(HAVE_KUBECTL).toBe(true);
    const mismatches = await p.compare([
      'kubectl apply --server-side -f app.yaml',
      '+20000',
      'kubectl get deploy api -o jsonpath={.spec.replicas}',
      'kubectl apply --server-side -f scaled.yaml',
      '+30000',
      'kubectl get deploy api -o jsonpath={.spec.template.spec.containers[0].image}',
      'kubectl get deploy api',
      'kubectl apply --server-side -f invalid.yaml',
      'kubectl apply --server-side -f app.yaml --as=alice',
      'kubectl get configmap settings -o jsonpath={.data.mode}',
    ]);
    expect(mismatches.join('\n\n')).toBe('');
    // what the terminal did is what the cluster holds
    expect(p.twin.get('Deployment', 'default', 'api')).toMatchObject({ spec: { replicas: 2 } });
  }, 60_000);
});
