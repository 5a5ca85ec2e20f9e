import { expect, test, type Page } from '@playwright/test';
import { openApp, podsTable, setManifest, setSpeed, shoot, watchErrors } from './helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

async function openTab(page: Page, name: string) {
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name }).click();
  return page.getByRole('region', { name });
}

test('views: the scheduler tables, the ownership tree and the controllers of a Deployment', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setManifest(page, DEPLOYMENT);
  await setSpeed(page, 50);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'deployment/web created' })).toBeVisible();

  const pods = podsTable(page);
  const webRows = pods.getByRole('row', { name: /^web-/ });
  await expect(webRows).toHaveCount(3, { timeout: 30_000 });
  for (const row of await webRows.all()) await expect(row).toContainText('Running', { timeout: 45_000 });

  // Scheduler: the selected pod's filter and score tables, its node the winner
  const first = webRows.first();
  const podName = (await first.getByRole('cell').first().textContent())!.trim();
  const nodeName = (await first.getByRole('cell').nth(5).textContent())!.trim();
  await first.click();
  const sched = await openTab(page, 'Scheduler');
  await expect(sched).toContainText(`pod/${podName}`);
  const filter = sched.getByRole('table', { name: 'Filter results' });
  await expect(filter.getByRole('columnheader', { name: 'Fit' })).toBeVisible();
  await expect(filter.getByRole('row')).toHaveCount(4); // header + node-1..3
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(filter.getByRole('row', { name: new RegExp(`^${n}\\b`) })).toContainText('fits');
  const score = sched.getByRole('table', { name: 'Score results' });
  await expect(score.getByRole('columnheader', { name: /Taint/ })).toBeVisible();
  await expect(score.locator('tr.is-winner')).toHaveCount(1);
  await expect(score.locator('tr.is-winner').getByRole('rowheader')).toContainText(nodeName);
  await expect(sched.getByRole('status')).toContainText(`Winner ${nodeName} with`);
  await shoot(page, 'views-scheduler');

  // the view can be enlarged over the diagram, and Escape puts it back
  await sched.getByRole('button', { name: 'Enlarge' }).click();
  await expect(sched.getByRole('button', { name: 'Shrink' })).toBeVisible();
  await shoot(page, 'views-scheduler-enlarged', [[1280, 720]]);
  await page.keyboard.press('Escape');
  await expect(sched.getByRole('button', { name: 'Enlarge' })).toBeVisible();

  // Ownership: Deployment → ReplicaSet (revision 1) → 3 pods; clicking a pod selects it
  const own = await openTab(page, 'Ownership');
  const dep = own.getByRole('listitem', { name: 'Deployment web' });
  await expect(dep).toContainText('READY 3/3');
  const rs = dep.getByRole('listitem', { name: /^ReplicaSet web-[a-z0-9]+$/ });
  await expect(rs).toHaveCount(1);
  await expect(rs).toContainText('REV 1');
  // a chip shows what its ReplicaSet's name leaves out (…-7r9v6), its status and node; the title has the whole name
  const chips = rs.getByRole('button', { name: /^pod\/\s?…-[a-z0-9]{5}\s?:\s?Running\b/ });
  await expect(chips).toHaveCount(3);
  const last = chips.last();
  await last.click();
  await expect(last).toHaveAttribute('aria-pressed', 'true');
  const chosen = /^web-[a-z0-9]+-[a-z0-9]{5}/.exec((await last.getAttribute('title')) ?? '')?.[0] ?? '';
  expect(chosen).not.toBe('');
  await expect(pods.getByRole('row', { name: new RegExp(`^${chosen}\\b`) })).toHaveAttribute('aria-selected', 'true');
  await shoot(page, 'views-ownership');

  // Controllers: the replicaset controller compared desired and actual replicas
  const ctl = await openTab(page, 'Controllers');
  const rsCtl = ctl.getByRole('listitem', { name: 'replicaset controller' });
  await expect(rsCtl).toContainText(/desired 3, actual \d →/);
  await expect(ctl.getByRole('listitem', { name: 'deployment controller' })).toContainText(/last sync[\s\S]*web/);
  await shoot(page, 'views-controllers');
  expect(errors).toEqual([]);
});

test('views: a pod that fits nowhere shows FailedScheduling and the reason on every node', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 50);
  const pods = podsTable(page);
  await page.getByLabel('Examples').selectOption({ label: 'Unschedulable: requests 8 CPUs' });
  await page.getByRole('button', { name: 'Apply' }).click();
  const big = pods.getByRole('row', { name: /^too-big\b/ });
  await expect(big).toContainText('Pending', { timeout: 30_000 });
  await big.click();
  const sched2 = await openTab(page, 'Scheduler');
  await expect(sched2.getByRole('status')).toContainText('FailedScheduling 0/3 nodes are available: 3 Insufficient cpu.', { timeout: 30_000 });
  const filter2 = sched2.getByRole('table', { name: 'Filter results' });
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(filter2.getByRole('row', { name: new RegExp(`^${n}\\b`) })).toContainText('Insufficient cpu');
  await expect(filter2.getByRole('cell', { name: /^NodeResourcesFit on node-1: rejected/ })).toBeVisible();
  await expect(sched2.getByRole('table', { name: 'Score results' })).toHaveCount(0);
  await shoot(page, 'views-failed-scheduling');
  expect(errors).toEqual([]);
});
