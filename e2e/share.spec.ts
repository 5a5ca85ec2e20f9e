import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openApp, pause, podsTable, setManifest, setSpeed, shoot, storyCount, watchErrors } from './helpers';

/** What a person reads of the run at one moment (read while paused). */
async function moment(page: Page) {
  const diagram = page.getByRole('region', { name: 'Cluster diagram' });
  return {
    pods: await podsTable(page).getByRole('row').allInnerTexts(),
    events: await storyCount(page),
    revision: await diagram.getByRole('group', { name: 'etcd' }).getByText(/^revision /).textContent(),
    clock: await page.getByLabel('Virtual clock').textContent(),
  };
}

const editorText = (page: Page) => page.locator('.monaco-editor .view-lines');
/** The run menu's notice (Monaco has alert regions of its own). */
const notice = (page: Page) => page.getByRole('group', { name: 'Run', exact: true }).getByRole('alert');

test('a share link opens the same run at the same moment in a fresh browser', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 50);
  await page.getByRole('button', { name: 'Apply' }).click();
  const row = podsTable(page).getByRole('row', { name: /^nginx\b/ });
  await expect(row).toContainText('Running', { timeout: 45_000 });
  await pause(page);
  const seen = await moment(page);
  expect(seen.pods.join('\n')).toMatch(/nginx\s+1\/1\s+Running/);
  expect(seen.events).toBeGreaterThan(20);

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const box = page.getByRole('textbox', { name: 'Share link' });
  await expect(box).toHaveValue(/\/(\?nowalkthrough)?#run=[A-Za-z0-9_-]{40,}$/);
  const link = await box.inputValue();
  expect(page.url()).toBe(link);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await shoot(page, 'share-link', [[1280, 720]]);

  // a fresh browser: no saved state, only the link
  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const fresh = await other.newPage();
  const freshErrors = watchErrors(fresh);
  await fresh.goto(link);
  await expect(podsTable(fresh).getByRole('row', { name: /^nginx\b/ })).toContainText('Running', { timeout: 30_000 });
  // the recorded moment, paused: pods, event count, etcd revision and the clock all as shared
  await expect(fresh.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => moment(fresh)).toEqual(seen);
  await shoot(fresh, 'share-opened', [[1280, 720]]);

  // a damaged link says so and starts a normal cluster
  await fresh.goto('about:blank');
  await fresh.goto(link.slice(0, -25));
  await expect(notice(fresh)).toContainText('This share link is damaged:');
  await expect(notice(fresh)).toContainText('A new cluster was started instead.');
  await expect(fresh.getByRole('region', { name: 'Cluster diagram' }).getByText('node-1', { exact: true })).toBeVisible();
  await expect(podsTable(fresh).getByRole('row', { name: /^nginx\b/ })).toHaveCount(0);
  await shoot(fresh, 'share-damaged', [[1280, 720]]);
  await fresh.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice(fresh)).toHaveCount(0);
  await other.close();

  await page.getByRole('button', { name: 'Close share link' }).click();
  await expect(box).toHaveCount(0);
  expect(errors).toEqual([]);
  expect(freshErrors).toEqual([]);
});

test('Export run downloads the run; Import run loads it and refuses a bad file', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 50);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running', { timeout: 45_000 });
  await pause(page);
  const seen = await moment(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export run' }).click()]);
  expect(download.suggestedFilename()).toBe('kube-orrery-run.json');
  const text = await readFile((await download.path())!, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ seed: 1, nodes: 3, etcdMembers: 3, inputs: [{ type: 'apply' }] });
  expect(text).toContain('\n  "engine": ');

  // a bad file: a clear message, the run goes on untouched
  await page.getByLabel('Import run').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"engine": "orrery-engine/2", "seed": 1}') });
  await expect(notice(page)).toHaveText(/This file is not a Kube Orrery run: "nodes" should be a number\./);
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // a new cluster, then the file brings the recorded moment back
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toHaveCount(0);
  await page.getByLabel('Import run').setInputFiles({ name: 'kube-orrery-run.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running');
  await expect.poll(() => moment(page)).toEqual(seen);
  expect(errors).toEqual([]);
});

test('a reload keeps the editor text and the run; Reset forgets them', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  const mine = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kept-after-reload\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';
  await setManifest(page, mine);
  await expect(editorText(page)).toContainText('name: kept-after-reload');
  await setSpeed(page, 50);
  await page.getByRole('button', { name: 'Apply' }).click();
  const row = podsTable(page).getByRole('row', { name: /^kept-after-reload\b/ });
  await expect(row).toContainText('Running', { timeout: 45_000 });
  // pausing saves the exact moment
  await pause(page);
  const seen = await moment(page);
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('kube-orrery:run') ?? '{}').cursorMs)).toBeGreaterThan(0);

  await page.reload();
  await openApp(page);
  await expect(editorText(page)).toContainText('name: kept-after-reload');
  await expect(podsTable(page).getByRole('row', { name: /^kept-after-reload\b/ })).toContainText('Running');
  await expect.poll(() => moment(page)).toEqual(seen);
  // the speed setting survived too
  await expect(page.getByLabel('Speed')).toHaveValue('50');

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(editorText(page)).toContainText('name: nginx');
  await expect(editorText(page)).not.toContainText('kept-after-reload');
  await expect(podsTable(page).getByRole('row', { name: /^kept-after-reload\b/ })).toHaveCount(0);
  await page.reload();
  await openApp(page);
  await expect(editorText(page)).toContainText('name: nginx');
  await expect(podsTable(page).getByRole('row', { name: /^kept-after-reload\b/ })).toHaveCount(0);
  await expect(page.getByLabel('Speed')).toHaveValue('1');
  expect(errors).toEqual([]);
});
