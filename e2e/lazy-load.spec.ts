// The first download is small (npm run size checks the bytes): the Terminal's kubectl, the Chinese
// catalogue and the Views tabs come when used, and work the moment they are used.
import { expect, test, type Request } from '@playwright/test';
import { openApp, pause, shoot, watchErrors } from './helpers';

test('kubectl, the Chinese catalogue and the Views tabs load when first used, and work at once', async ({ page, context }) => {
  const errors = watchErrors(page);
  const requested: string[] = [];
  // the worker's own fetches (its import() of kubectl) come through the context
  context.on('request', (r: Request) => requested.push(new URL(r.url()).pathname));
  const fetched = (part: string) => requested.some((p) => p.includes(part));
  await openApp(page);
  await pause(page);
  await shoot(page, 'lazy-start');
  // started, with the editor (Monaco) loaded, yet neither kubectl nor the Chinese messages fetched
  expect(fetched('/assets/worker-')).toBe(true);
  expect(fetched('rest-module')).toBe(false);
  expect(fetched('locale-zh-CN')).toBe(false);

  // a tab fetched after the first paint: its table at the first click
  await page.getByRole('tab', { name: 'Scheduler' }).click();
  await expect(page.getByRole('region', { name: 'Scheduler' }).getByRole('heading', { name: 'Scheduler' })).toBeVisible();

  // the first kubectl line fetches kubectl into the worker and is answered
  await page.getByRole('tab', { name: 'Terminal' }).click();
  const input = page.getByRole('textbox', { name: 'kubectl command' });
  await input.fill('kubectl get nodes');
  await input.press('Enter');
  const output = page.getByRole('log', { name: 'kubectl output' });
  await expect(output.locator('.term-line').filter({ hasText: /^node-1 {3}Ready {4}<none>/ })).toHaveCount(1);
  expect(fetched('rest-module')).toBe(true);
  await shoot(page, 'lazy-terminal', [[1280, 720]]);

  // 中文: the whole page switches once its catalogue is there, the Terminal's lines kept as kubectl prints them
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('tab', { name: '终端' })).toBeVisible();
  await expect(page.getByRole('button', { name: '应用' })).toBeVisible();
  expect(fetched('locale-zh-CN')).toBe(true);
  await expect(page.getByRole('log', { name: 'kubectl 输出' }).locator('.term-line').filter({ hasText: /^node-1 {3}Ready/ })).toHaveCount(1);
  // and back to English at once (its messages never left)
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('tab', { name: 'Terminal' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a tab whose chunk is slow to come says Loading…, then shows the view', async ({ page }) => {
  const errors = watchErrors(page);
  // a slow network for the Ownership tab's chunk only: held until the test lets it through
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/OwnershipView-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await openApp(page);
  await pause(page);
  await page.getByRole('tab', { name: 'Ownership' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Ownership' });
  await expect(panel.getByRole('status')).toHaveText('Loading…');
  await shoot(page, 'lazy-tab-loading', [[1280, 720]]);
  release();
  await expect(panel.getByText('No workloads yet.', { exact: false })).toBeVisible({ timeout: 10_000 });
  await expect(panel.getByRole('status')).toHaveCount(0);
  // the other tabs were fetched meanwhile: back and forth at once
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('tab', { name: 'Ownership' }).click();
  await expect(panel.getByText('No workloads yet.', { exact: false })).toBeVisible({ timeout: 1_000 });
  expect(errors).toEqual([]);
});
