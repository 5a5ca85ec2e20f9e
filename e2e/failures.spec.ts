import { expect, test } from '@playwright/test';
import { openApp, pause, podsTable, setSpeed, shoot, watchErrors } from './helpers';

test('failing pods show kubectl statuses: CrashLoopBackOff, image pull errors, Pending', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  // the outcome line shows kubectl's answer once the played trace reaches it: play fast meanwhile
  await setSpeed(page, 50);
  const examples = page.getByLabel('Examples');
  const outcome = page.getByRole('region', { name: 'Manifest editor' }).getByRole('status');
  for (const [label, name] of [
    ['Crash loop: a container that exits 1', 'crasher'],
    ['Image pull error: ngnix:1.27', 'typo'],
    ['Unschedulable: requests 8 CPUs', 'too-big'],
  ]) {
    await examples.selectOption({ label });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(outcome).toHaveText(`pod/${name} created`);
  }

  const pods = podsTable(page);
  await expect(pods.getByRole('row', { name: /^crasher\b/ })).toContainText('CrashLoopBackOff', { timeout: 45_000 });
  await expect(pods.getByRole('row', { name: /^typo\b/ })).toContainText(/ErrImagePull|ImagePullBackOff/);
  await pause(page);
  const big = pods.getByRole('row', { name: /^too-big\b/ });
  await expect(big).toContainText('Pending');
  await expect(big).toContainText('<none>');
  // the unschedulable pod waits at the scheduler in the diagram
  await expect(page.getByLabel('Unscheduled pods').getByRole('button', { name: /^Pod too-big ?: Pending$/ })).toBeVisible();
  await big.click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('Insufficient cpu');
  await shoot(page, 'failures');
  expect(errors).toEqual([]);
});
