import { expect, test } from '@playwright/test';
import { openApp, pause, podsTable, storyCount, watchErrors } from './helpers';

test('Step plays exactly one story event', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await pause(page);
  await page.getByRole('button', { name: 'Apply' }).click();
  // paused, kubectl's answer has not been played yet: the outcome line waits for it
  const editor = page.getByRole('region', { name: 'Manifest editor' });
  await page.waitForTimeout(500);
  await expect(editor.getByText('pod/nginx created')).toHaveCount(0);

  const log = page.getByRole('region', { name: 'Event log' });
  const narration = page.getByRole('status', { name: 'Narration' });
  const rows = log.locator('li.log-event');
  // paused: nothing plays by itself
  const before = await storyCount(page);
  // the log is a virtual list (only the rows near the viewport are in the page): each row knows its place
  const lastPlace = async () => Number(await rows.last().getAttribute('aria-posinset'));
  const rowsBefore = await lastPlace();
  await page.waitForTimeout(800);
  expect(await storyCount(page)).toBe(before);

  for (let i = 1; i <= 3; i++) {
    const said = await narration.textContent();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page.getByLabel('Story events played')).toHaveText(`${before + i} steps`);
    await expect(narration).not.toHaveText(said ?? '');
    await expect(rows.last()).toHaveAttribute('aria-posinset', String(rowsBefore + i));
    // the new log line is the narrated event
    const sentence = (await narration.textContent())?.replace(/^\d\d:\d\d:\d\d\.\d{3}/, '').trim() ?? '';
    await expect(rows.last()).toContainText(sentence);
  }
  // and it stays paused after stepping
  await page.waitForTimeout(800);
  expect(await storyCount(page)).toBe(before + 3);
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');

  // real-time pacing plays the rest at wall-clock speed × 50
  await page.getByRole('radio', { name: 'Real time' }).click();
  await expect(page.getByRole('radio', { name: 'Real time' })).toHaveAttribute('aria-checked', 'true');
  await page.getByLabel('Speed').selectOption('50');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running', { timeout: 30_000 });
  await expect(editor.getByRole('status')).toHaveText('pod/nginx created');
  expect(errors).toEqual([]);
});
