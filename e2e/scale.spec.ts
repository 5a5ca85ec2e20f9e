import { expect, test } from '@playwright/test';
import { openApp, podsTable, setSpeed, shoot, watchErrors } from './helpers';

test('the diagram stays legible as the cluster grows', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await openApp(page);
  const diagram = page.getByRole('region', { name: 'Cluster diagram' });

  await page.getByLabel('Nodes').selectOption('12');
  await expect(diagram.getByText('node-12', { exact: true })).toBeVisible();
  await setSpeed(page, 50);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running', { timeout: 30_000 });
  await shoot(page, 'nodes-12');

  await page.getByLabel('Nodes').selectOption('1000');
  // the count is formatted for the locale (1,000 in English)
  await expect(diagram.getByText(/^1,?000 nodes$/)).toBeVisible({ timeout: 60_000 });
  // a reset starts from an empty cluster
  await expect(podsTable(page).getByRole('row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running', { timeout: 45_000 });
  await shoot(page, 'nodes-1000');
  expect(errors).toEqual([]);
});
