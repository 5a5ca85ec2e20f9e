// The app attached to npm run serve: the server (started here, serving the built app) runs the
// cluster; the real kubectl, run from this test as from a shell, creates a pod, and the page animates
// it — kubectl's POST lights up the request pipeline, the pod appears in the table and on its node.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { podsTable, setSpeed, shoot, watchErrors } from './helpers';

const KUBECTL = '/usr/bin/kubectl';
/** the server's port: 18600-18699 are this suite's */
const PORT = Number(process.env.E2E_SERVE_PORT ?? 18642);
const URL = `http://127.0.0.1:${PORT}`;

let server: ChildProcess | undefined;
let dir = '';
let env: NodeJS.ProcessEnv = {};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'orrery-attach-e2e-'));
  // the Node server itself with the built app (npm run serve = vite build + this)
  server = spawn(join('node_modules', '.bin', 'tsx'), ['src/server/main.ts', '--port', String(PORT), '--seed', '1', '--kubeconfig', join(dir, 'kubeconfig'), '--app', process.env.E2E_DIST ?? 'dist'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  server.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  await expect.poll(() => out, { timeout: 90_000, message: 'npm run serve started' }).toContain(`Open ${URL}/`);
  env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
});

test.afterAll(() => {
  // the server and the node process tsx started for it: the group this test made
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL, args, { env, timeout: 30_000 }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

test('kubectl typed in a shell animates in the attached app: the pipeline lights up, the pod lands on its node', async ({ page }) => {
  test.skip(!existsSync(KUBECTL), 'needs the real kubectl');
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto(`${URL}/?nowalkthrough`);
  const diagram = page.getByRole('region', { name: 'Cluster diagram' });
  await expect(diagram.getByText('node-1', { exact: true })).toBeVisible();
  await expect(page.getByText('attached to kubectl', { exact: true })).toBeVisible();
  // attached: no simulation worker in the page (the server's host runs the cluster)
  // (the simulation worker is built as assets/worker-HASH.js; Monaco's editor.worker and yaml.worker may run)
  expect(page.workers().filter((w) => /\/assets\/worker-[^/]*\.js$/.test(w.url()))).toHaveLength(0);
  const pipeline = diagram.getByRole('group', { name: 'kube-apiserver request pipeline' });
  const stage = (id: string) => pipeline.locator(`[data-stage="${id}"]`);
  await expect(pipeline).toContainText('no kubectl request yet');

  // a shell, not the app: the real kubectl against the same server
  const run = await kubectl('run', 'web', '--image=nginx:1.27', '--labels=app=web');
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toBe('pod/web created\n');

  // story pacing at 1× (the app's default): kubectl's POST travels the stages one after another
  await expect(pipeline).toContainText('POST /api/v1/namespaces/default/pods');
  await expect(stage('authn')).toHaveClass(/is-ok/);
  await expect(stage('authn')).toHaveAccessibleName('authentication: passed (kubernetes-admin)');
  await shoot(page, 'attach-pipeline');
  for (const id of ['authn', 'authz', 'mutating', 'validation', 'validating', 'etcd']) await expect(stage(id)).toHaveClass(/is-ok/, { timeout: 60_000 });
  await expect(pipeline.getByLabel('Request outcome')).toContainText('201');

  // the rest of the story faster: scheduled, bound, pulled, started
  await setSpeed(page, 50);
  const row = podsTable(page).getByRole('row', { name: /^web\b/ });
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText('Running', { timeout: 60_000 });
  const node = (await kubectl('get', 'pod', 'web', '-o', 'jsonpath={.spec.nodeName}')).stdout;
  expect(node).toMatch(/^node-\d$/);
  await expect(row).toContainText(node);
  await expect(diagram.locator(`[data-component="node:${node}"]`).getByRole('button', { name: /^Pod web ?: Running$/ })).toBeVisible();
  await shoot(page, 'attach-running');

  // the app and the shell see one cluster: the app's Terminal lists the shell's pod
  await page.getByRole('tab', { name: 'Terminal' }).click();
  const input = page.getByRole('textbox', { name: 'kubectl command' });
  await input.fill('kubectl get pods');
  await input.press('Enter');
  await expect(page.getByRole('log', { name: 'kubectl output' }).locator('.term-line').filter({ hasText: /^web +1\/1 +Running/ })).toHaveCount(1);
  expect(errors).toEqual([]);
});
