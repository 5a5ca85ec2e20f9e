import { expect, test } from '@playwright/test';
import { openApp, podsTable, setSpeed, shoot, watchErrors } from './helpers';

// tokens travel here, as most people see them (the suite's default is reduced motion)
test.use({ reducedMotion: 'no-preference' });

test('apply the starter Pod, watch it reach Running, then delete it', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await openApp(page);
  await shoot(page, 'start', [[1280, 720]]);

  await page.getByRole('button', { name: 'Apply' }).click();
  // the request travels: tokens fly in the diagram
  const diagram = page.getByRole('region', { name: 'Cluster diagram' });
  await expect(diagram.getByTestId('trace-token').first()).toBeAttached();
  await shoot(page, 'apply-in-flight', [[1280, 720]]);

  // at 1× every story step keeps its reading time: kubectl's answer is a dozen steps away, so faster
  await setSpeed(page, 50);
  await expect(page.getByRole('status').filter({ hasText: 'pod/nginx created' })).toBeVisible({ timeout: 60_000 });
  const row = podsTable(page).getByRole('row', { name: /^nginx\b/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Running', { timeout: 45_000 });
  await expect(row).toContainText('1/1');
  await expect(row).toContainText(/10\.\d+\.\d+\.\d+/); // the pod IP from the sandbox
  await expect(diagram.getByRole('button', { name: /^Pod nginx ?: Running$/ })).toBeVisible();

  await row.click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('phase: Running');
  // the worker sends the inspected object's recent events once the UI names it (INSPECT)
  await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('list', { name: 'Recent events' }).getByRole('listitem')).not.toHaveCount(0);
  await shoot(page, 'running');

  // deletion at 5×: Terminating lasts a dozen story steps, long enough to see (and assert)
  await setSpeed(page, 5);
  await page.getByRole('button', { name: 'Delete' }).click();
  // the pod turns Terminating when its deletionTimestamp is written, just before kubectl hears back
  await expect(row).toContainText('Terminating', { timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'pod "nginx" deleted' })).toBeVisible({ timeout: 60_000 });
  await shoot(page, 'terminating', [[1280, 720]]);
  await setSpeed(page, 50);
  await expect(row).toHaveCount(0, { timeout: 60_000 });
  expect(errors).toEqual([]);
});
