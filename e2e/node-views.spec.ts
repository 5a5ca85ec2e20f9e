import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, pause, podsTable, setManifest, setSpeed, shoot, watchErrors } from './helpers';

// the Kubernetes docs' exec-liveness pod (tasks/configure-pod-container/configure-liveness-readiness-startup-probes)
const LIVENESS = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
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

const PRESTOP = `apiVersion: v1
kind: Pod
metadata:
  name: graceful
spec:
  terminationGracePeriodSeconds: 30
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        exec:
          command: ["sh", "-c", "sleep 20"]
`;

const SERVICE = readFileSync('examples/service.yaml', 'utf8');

async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name, exact: true }).click();
  return page.getByRole('region', { name, exact: true });
}

async function apply(page: Page, yaml: string, created: string) {
  await setManifest(page, yaml);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: created })).toBeVisible();
}

/** Wait for `target` at a slow story speed, then pause so the moment can be read and shot. */
async function pauseAt(page: Page, target: Locator, timeout = 60_000) {
  await expect(target).toBeVisible({ timeout });
  await pause(page);
}

test('pod view: liveness probe ticks turn to ✗, the container restarts and backs off; logs', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 10);
  await apply(page, LIVENESS, 'pod/liveness-exec created');
  await podsTable(page).getByRole('row', { name: /^liveness-exec\b/ }).click();
  const view = await openTab(page, 'Pod');
  await expect(view).toContainText('pod/liveness-exec');
  const probe = view.getByRole('group', { name: 'liveness probe' });
  await expect(probe).toContainText('exec every 5s');
  await expect(probe.getByLabel('liveness results')).toContainText('✓', { timeout: 30_000 });
  await expect(probe.getByLabel('liveness results')).toContainText('✗', { timeout: 30_000 });
  // slow down for the kill: the third failure, then `sleep` ignores SIGTERM until SIGKILL
  await setSpeed(page, 2);
  await pauseAt(page, probe.filter({ hasText: 'failures 3/3' }));
  await expect(view.getByLabel('Termination')).toContainText(/^kill \(LivenessProbe\), grace 30s/);
  await shoot(page, 'node-views-probe-fail');
  await page.getByRole('button', { name: 'Play' }).click();
  await setSpeed(page, 50);
  await expect(view.getByLabel('container liveness')).toContainText(/restarts ([3-9]|\d\d)/, { timeout: 60_000 });
  // the next kill ends in CrashLoopBackOff (≥ 40s by now): in real time its countdown runs for seconds
  await page.getByRole('radio', { name: 'Real time' }).click();
  await setSpeed(page, 10);
  const backoff = view.getByLabel('Back-off');
  await pauseAt(page, backoff, 90_000);
  await expect(backoff).toContainText(/^back-off (\d+s|\dm\d+s): restart in (\d+s|\dm\d\ds)$/);
  await expect(view.getByLabel('container liveness')).toContainText('Waiting: CrashLoopBackOff');
  await expect(view.getByLabel('container liveness')).toContainText('last state: Terminated Error (exit 137)');
  await shoot(page, 'node-views-backoff');
  // logs: the script prints nothing; --previous reads the killed instance
  await view.getByRole('checkbox', { name: '--previous' }).check();
  await expect(view.getByText('$ kubectl logs liveness-exec --previous')).toBeVisible();
  await expect(view.getByLabel('Log output')).toHaveText('(no output)');
  expect(errors).toEqual([]);
});

test('pod view: deleting a pod with a preStop hook shows the grace countdown, preStop, the stop signal', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 50);
  await apply(page, PRESTOP, 'pod/graceful created');
  const row = podsTable(page).getByRole('row', { name: /^graceful\b/ });
  await expect(row).toContainText('Running', { timeout: 30_000 });
  await row.click();
  const view = await openTab(page, 'Pod');
  await expect(view.getByLabel('Log output')).toContainText('Configuration complete; ready for start up');
  // real time at 2×: the 20 s preStop hook takes 10 s of wall time, long enough to read the countdowns
  await page.getByRole('radio', { name: 'Real time' }).click();
  await setSpeed(page, 2);
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(view.getByLabel('Grace period')).toContainText(/Terminating: grace period 30s, \d+s left/, { timeout: 30_000 });
  const term = view.getByLabel('Termination');
  await pauseAt(page, term.filter({ hasText: 'preStop exec' }));
  // on a loaded machine the clock may run past the 20 s hook before the pause lands: step back into it
  const stepBack = page.getByRole('button', { name: 'Step back' });
  await expect(async () => {
    if (/SIGQUIT|exited/.test((await term.textContent()) ?? '')) await stepBack.click();
    await expect(term).toContainText(/^kill, grace 30s → preStop exec \d\d:\d\d:\d\d\.\d{3} · SIGKILL in \d+s$/, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(view.getByLabel('Grace period')).toContainText(/, \d+s left/);
  await shoot(page, 'node-views-grace');
  // preStop runs 20 s, then the image's STOPSIGNAL (nginx: SIGQUIT); nginx exits and the pod is gone
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('region', { name: 'Event log' })).toContainText('The container runtime sends SIGQUIT to container web', { timeout: 30_000 });
  await expect(podsTable(page).getByRole('row', { name: /^graceful\b/ })).toHaveCount(0, { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('services view: the KUBE-SVC chain balances 3 endpoints 1/3, 1/2, 1 and a removed endpoint is marked', async ({ page }) => {
  test.setTimeout(270_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 50);
  await apply(page, SERVICE, 'service/web created');
  const rows = podsTable(page).getByRole('row', { name: /^web-/ });
  await expect(rows).toHaveCount(3, { timeout: 30_000 });
  for (const r of await rows.all()) await expect(r).toContainText('1/1', { timeout: 45_000 });
  const view = await openTab(page, 'Services');
  const svc = view.getByRole('listitem', { name: 'service web' });
  await expect(svc).toContainText('ClusterIP');
  await expect(svc).toContainText('80/TCP');
  await expect(svc.getByRole('table', { name: 'endpoints of web' }).getByRole('row')).toHaveCount(3);
  const rules = svc.getByLabel('iptables rules for default/web');
  await expect(rules).toContainText('KUBE-SERVICES');
  await expect(rules.getByText(/--probability/)).toHaveCount(2);
  await expect(rules).toContainText('--probability 0.3333333333');
  await expect(rules).toContainText('--probability 0.5000000000');
  await expect(rules.getByText(/DNAT/)).toHaveCount(3);
  await shoot(page, 'node-views-services');
  // one pod goes away: its endpoint leaves the rules (marked removed), 1/2 for the two left
  const victim = (await rows.first().getByRole('cell').first().textContent())!.trim();
  await setManifest(page, `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${victim}\n`);
  await setSpeed(page, 5);
  await page.getByRole('button', { name: 'Delete' }).click();
  // the deletion's story steps keep their reading time (÷ 5): the request, the kubelet's stop and
  // status writes may all come before kube-proxy's next sync (at most one a second), so allow for them
  await pauseAt(page, rules.locator('.removed'), 150_000);
  await expect(rules.locator('.removed')).toHaveCount(1);
  // the victim's endpoint is no longer served: listed as terminating while its pod stops, or gone
  // once the pod is (nginx exits at SIGTERM, so which one this moment shows depends on where in
  // kube-proxy's once-a-second sync the Delete landed)
  const eps = svc.getByRole('table', { name: 'endpoints of web' });
  const victimRow = eps.getByRole('row').filter({ hasText: victim });
  if (await victimRow.count()) await expect(victimRow).toContainText(/terminating/);
  await expect(eps.getByRole('row').filter({ hasText: /ready serving/ }).filter({ hasNotText: /not ready/ })).toHaveCount(2);
  await expect(rules).toContainText('--probability 0.5000000000');
  await expect(rules.getByText(/--probability/)).toHaveCount(1);
  await shoot(page, 'node-views-services-removed');
  expect(errors).toEqual([]);
});

test('registry view: push an image, run a pod with it; it is pulled, cached, and serves', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 50);
  const view = await openTab(page, 'Registry');
  const table = view.getByRole('list', { name: 'Registry images' });
  await expect(table.getByRole('listitem', { name: 'nginx', exact: true })).toContainText(':80');
  const form = view.getByRole('form', { name: 'Add an image' });
  await form.getByLabel('image').fill('demo/hello:1.0');
  await form.getByLabel('MB').fill('42');
  await form.getByLabel('behaviour').selectOption('http');
  await form.getByLabel('port').fill('9000');
  await form.getByRole('button', { name: 'Push' }).click();
  await expect(form.getByRole('status')).toHaveText('pushed demo/hello:1.0');
  const mine = table.getByRole('listitem', { name: 'demo/hello:1.0' });
  await expect(mine).toContainText('42.0 MB');
  await expect(mine).toContainText('/agnhost netexec --http-port=9000');
  await expect(mine).toContainText('serves on 9000 until stopped');
  await apply(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n  - name: hello\n    image: demo/hello:1.0\n', 'pod/hello created');
  const row = podsTable(page).getByRole('row', { name: /^hello\b/ });
  await expect(row).toContainText('Running', { timeout: 30_000 });
  const node = (await row.getByRole('cell').nth(5).textContent())!.trim();
  await expect(mine).toContainText(`${node} (1.0)`, { timeout: 30_000 });
  await shoot(page, 'node-views-registry');
  await row.click();
  const pod = await openTab(page, 'Pod');
  await expect(pod.getByLabel('Log output')).toHaveText('Started HTTP server on port 9000');
  expect(errors).toEqual([]);
});
