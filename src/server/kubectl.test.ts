// The real kubectl (Debian's 1.32 package) against `npm run serve`'s server: a scripted session of
// the commands a class types, checking exit codes and what kubectl prints. Skipped, with a note, when
// kubectl is not installed (scripts/ensure-kubectl.mjs installs it before the unit tests in CI).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import { traceHash } from '../engine/vopr/fnv';
import { APP_YAML, INVALID_YAML } from './parity';
import { type OrreryServer, kubeconfig, startServer } from './server';

const KUBECTL = '/usr/bin/kubectl';
const HAVE_KUBECTL = existsSync(KUBECTL);
if (!HAVE_KUBECTL) console.warn(`${KUBECTL} not found: skipping the real-kubectl session (apt-get install -y kubectl, or node scripts/ensure-kubectl.mjs)`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let server: OrreryServer;
let dir: string;
let env: NodeJS.ProcessEnv;

function kubectl(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    if (process.env.ORRERY_TRACE_KUBECTL) console.log('kubectl', args.join(' '));
    execFile(KUBECTL, args, { env, timeout: 40_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? Number((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// skipped on a developer's machine without kubectl; in CI (which installs it) a missing kubectl fails
describe.skipIf(!HAVE_KUBECTL && !process.env.CI)('the real kubectl against npm run serve', () => {
  beforeAll(async () => {
    // virtual time runs 10× the wall clock so rollouts take a second or two
    server = await startServer({ port: 0, seed: 11, nodes: 3, speed: 10 });
    dir = mkdtempSync(join(tmpdir(), 'orrery-kubectl-'));
    writeFileSync(join(dir, 'kubeconfig'), kubeconfig(server.url));
    writeFileSync(join(dir, 'app.yaml'), APP_YAML);
    writeFileSync(join(dir, 'invalid.yaml'), INVALID_YAML);
    // a cache of its own: kubectl keeps discovery for hours under ~/.kube/cache
    env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs a classroom session', async () => {
    expect(HAVE_KUBECTL, `${KUBECTL} is missing: scripts/ensure-kubectl.mjs installs Debian's kubectl`).toBe(true);
    const nodes = await kubectl('get', 'nodes');
    expect(nodes.code, nodes.stderr).toBe(0);
    expect(nodes.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    expect(nodes.stdout).toMatch(/node-1\s+Ready\s+<none>\s+\S+\s+v1\.33/);

    const create = await kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2');
    expect(create.code, create.stderr).toBe(0);
    expect(create.stdout).toBe('deployment.apps/web created\n');

    const deploy = await kubectl('get', 'deploy');
    expect(deploy.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+\d\/2/);

    const rollout = await kubectl('rollout', 'status', 'deploy/web', '--timeout=30s');
    expect(rollout.code, rollout.stderr).toBe(0);
    expect(rollout.stdout).toContain('deployment "web" successfully rolled out');

    const wide = await kubectl('get', 'pods', '-o', 'wide');
    expect(wide.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
    expect(wide.stdout.match(/web-\S+\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node-\d/g)).toHaveLength(2);

    const names = await kubectl('get', 'pods', '-l', 'app=web', '-o', 'name');
    const pods = names.stdout.trim().split('\n');
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.startsWith('pod/web-'))).toBe(true);

    // kubectl get -w in the background while the deployment scales
    const watch: ChildProcess = spawn(KUBECTL, ['get', 'pods', '-w'], { env });
    let watched = '';
    watch.stdout!.on('data', (b: Buffer) => (watched += b.toString()));
    // the first Table (the list) is printed before the watch opens: wait for it on a busy machine
    for (let i = 0; i < 100 && !watched.includes('NAME'); i++) await new Promise((r) => setTimeout(r, 100));

    const scale = await kubectl('scale', 'deploy/web', '--replicas=3');
    expect(scale.stdout).toBe('deployment.apps/web scaled\n');

    const image = await kubectl('set', 'image', 'deploy/web', 'nginx=nginx:1.28');
    expect(image.code, image.stderr).toBe(0);
    expect(image.stdout).toBe('deployment.apps/web image updated\n');
    const rollout2 = await kubectl('rollout', 'status', 'deploy/web', '--timeout=30s');
    expect(rollout2.code, rollout2.stderr).toBe(0);
    const wideDeploy = await kubectl('get', 'deploy', 'web', '-o', 'wide');
    expect(wideDeploy.stdout).toMatch(/web\s+3\/3\s+3\s+3\s+\S+\s+nginx\s+nginx:1\.28\s+app=web/);

    watch.kill();
    expect(watched).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(watched).toMatch(/Terminating/);

    const pod = (await kubectl('get', 'pods', '-l', 'app=web', '-o', 'name')).stdout.trim().split('\n')[0];
    const label = await kubectl('label', pod, 'tier=frontend');
    expect(label.stdout).toBe(`${pod} labeled\n`);
    const labelled = await kubectl('get', 'pods', '-l', 'tier=frontend', '-o', 'name');
    expect(labelled.stdout.trim()).toBe(pod);

    const restart = await kubectl('rollout', 'restart', 'deploy/web');
    expect(restart.stdout).toBe('deployment.apps/web restarted\n');

    const apply1 = await kubectl('apply', '-f', join(dir, 'app.yaml'));
    expect(apply1.code, apply1.stderr).toBe(0);
    expect(apply1.stdout).toBe('configmap/settings created\ndeployment.apps/api created\n');
    const apply2 = await kubectl('apply', '-f', join(dir, 'app.yaml'));
    expect(apply2.stdout).toBe('configmap/settings unchanged\ndeployment.apps/api unchanged\n');

    const invalid = await kubectl('apply', '-f', join(dir, 'invalid.yaml'));
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value\n');

    const apiRollout = await kubectl('rollout', 'status', 'deploy/api', '--timeout=30s');
    expect(apiRollout.code, apiRollout.stderr).toBe(0);
    const apiPod = (await kubectl('get', 'pods', '-l', 'app=api', '-o', 'name')).stdout.trim();
    const logs = await kubectl('logs', apiPod);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toContain('Configuration complete; ready for start up');

    const del = await kubectl('delete', apiPod);
    expect(del.code, del.stderr).toBe(0);
    expect(del.stdout).toBe(`pod "${apiPod.slice(4)}" deleted\n`);

    const canI = await kubectl('auth', 'can-i', 'create', 'deployments');
    expect([canI.code, canI.stdout]).toEqual([0, 'yes\n']);
    const cannot = await kubectl('auth', 'can-i', 'create', 'pods', '--as=alice');
    expect([cannot.code, cannot.stdout]).toEqual([1, 'no\n']);
    const forbidden = await kubectl('get', 'pods', '--as=alice');
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toBe('Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"\n');

    const missing = await kubectl('get', 'pod', 'missing');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): pods "missing" not found\n');
  }, 90_000);

  it('answers bad input with the apiserver codes and keeps serving', async () => {
    const post = (path: string, body: string, type = 'application/json') => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': type }, body });
    const malformed = await post('/api/v1/namespaces/default/configmaps', '{"kind": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    const big = await post('/api/v1/namespaces/default/configmaps', 'a'.repeat(3 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    expect((await big.json()).message).toBe('Request entity too large: limit is 3145728');
    const unknown = await fetch(`${server.url}/apis/example.com/v1/widgets`);
    expect(unknown.status).toBe(404);
    const nodes = await kubectl('get', 'nodes', '-o', 'name');
    expect(nodes.stdout).toBe('node/node-1\nnode/node-2\nnode/node-3\n');
  });

  it('records what kubectl did as inputs a replay reproduces, byte for byte', () => {
    const inputs = server.cluster.inputs();
    const trace = server.cluster.trace().slice();
    expect(inputs.some((i) => i.type === 'request' && i.request.verb === 'create' && i.request.resource === 'deployments')).toBe(true);
    expect(inputs.some((i) => i.type === 'request' && i.request.verb === 'patch' && i.request.resource === 'deployments')).toBe(true);
    const replay = createCluster({ seed: 11, nodes: 3, inputs });
    replay.setTraceRecording(true);
    while (replay.trace().length < trace.length && replay.step()) {
      /* replay to the same length */
    }
    expect(traceHash(replay.trace().slice(0, trace.length))).toBe(traceHash(trace));
  }, 60_000);
});
