import { expect, test } from '@playwright/test';
import { setSpeed, openApp, podsTable, setManifest, shoot, watchErrors } from './helpers';

const NO_IMAGE = `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
  - name: app
`;

test('an invalid manifest shows the apiserver error and creates nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  // a fresh cluster has no pods: the header row only. A fixed count, not one read while the clock plays
  // and compared later (the clock keeps playing here so that a wrongly created pod would show up).
  const rows = podsTable(page).getByRole('row');
  const rowsBefore = 1;
  await expect(rows).toHaveCount(rowsBefore);

  // the answer shows once played: a faster story keeps the test short
  await setSpeed(page, 5);
  await setManifest(page, NO_IMAGE);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('name: x');
  await page.getByRole('button', { name: 'Apply' }).click();
  const alert = page.getByRole('region', { name: 'Manifest editor' }).getByRole('alert');
  await expect(alert).toContainText('Pod "x" is invalid: spec.containers[0].image: Required value');
  // the error is also a marker in the editor
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await page.waitForTimeout(1000);
  await expect(rows).toHaveCount(rowsBefore);
  await shoot(page, 'invalid');

  // a bad name, picked from the examples
  await page.getByLabel('Examples').selectOption({ label: 'Invalid: name Nginx_1' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(alert).toContainText('Pod "Nginx_1" is invalid: metadata.name: Invalid value: "Nginx_1"');
  await expect(rows).toHaveCount(rowsBefore);
  expect(errors).toEqual([]);
});
