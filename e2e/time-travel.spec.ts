import { expect, test, type Page } from '@playwright/test';
import { openApp, pause, podsTable, setManifest, setSpeed, shoot, watchErrors } from './helpers';
import { STARTER_POD } from '../src/ui/editor/examples';

/** What a person reads at one moment: every view this test compares, read while paused (in one go:
 * the same elements the accessible names point at). */
async function moment(page: Page) {
  return page.evaluate(() => {
    // textContent, not innerText: log rows off screen skip rendering (content-visibility) and innerText omits them
    const text = (sel: string) => document.querySelector(sel)?.textContent ?? '';
    const revision = [...document.querySelectorAll('[role="group"][aria-label="etcd"] *')].find((el) => /^revision /.test(el.textContent ?? ''))?.textContent ?? null;
    return {
      // the position, not the run's length: the engine may have computed further ahead meanwhile
      position: Number.parseInt(text('[aria-label="Timeline position"]') ?? '', 10),
      clock: text('[aria-label="Virtual clock"]'),
      pods: text('section[aria-label="Pods"]'),
      log: text('[aria-label="Event log"]'),
      pipeline: text('[aria-label="Pipeline stages"]'),
      revision,
      narration: text('[aria-label="Narration"]'),
    };
  });
}

async function positionOf(page: Page): Promise<number> {
  const text = (await page.getByLabel('Timeline position').textContent()) ?? '';
  return Number.parseInt(text, 10);
}

/** Press a button and wait until the timeline has moved (the worker answered). */
async function press(page: Page, name: string) {
  const before = await positionOf(page);
  await page.getByRole('button', { name, exact: true }).click();
  await expect.poll(() => positionOf(page)).not.toBe(before);
}

test('step back through a Pod creation: every view shows the earlier moment exactly as it was played', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await openApp(page);
  await pause(page);
  await page.getByRole('button', { name: 'Apply' }).click();
  const row = podsTable(page).getByRole('row', { name: /^nginx\b/ });
  const seen: Array<Awaited<ReturnType<typeof moment>>> = [];
  // play forward one story event at a time, reading every view after each step
  for (let i = 0; i < 120; i++) {
    await press(page, 'Step');
    seen.push(await moment(page));
    if (seen.at(-1)!.pods.includes('Running')) break;
  }
  await expect(row).toContainText('Running');
  const pendingAt = seen.findIndex((m) => /nginx[\s\S]*Pending/.test(m.pods));
  expect(pendingAt).toBeGreaterThanOrEqual(0);
  await shoot(page, 'timeline-running');

  // now back, one story event at a time, until the pod is Pending again
  for (let i = seen.length - 2; i >= pendingAt; i--) {
    await press(page, 'Step back');
    expect(await moment(page)).toEqual(seen[i]);
  }
  await expect(row).toContainText('Pending');
  await shoot(page, 'timeline-stepped-back');

  // the End key seeks to the end of the run; the slider's Home goes to the very start
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(row).toContainText('Running');
  await page.keyboard.press('Home');
  await expect(row).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('fork from the past with another manifest, then return to the original run', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 50);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running', { timeout: 45_000 });
  await pause(page);
  // back, story event by story event, to before kubectl sent anything: no pod, no request yet
  const nginx = podsTable(page).getByRole('row', { name: /^nginx\b/ });
  const noRequest = page.getByRole('region', { name: 'Cluster diagram' }).getByText('no kubectl request yet');
  for (let i = 0; i < 200 && (await noRequest.count()) === 0; i++) await press(page, 'Step back');
  await expect(nginx).toHaveCount(0);
  await setManifest(page, STARTER_POD.replace(/nginx/g, 'web').replace('image: web:1.27', 'image: nginx:1.27'));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('button', { name: 'Return to the original run' })).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(podsTable(page).getByRole('row', { name: /^web\b/ })).toContainText('Running', { timeout: 45_000 });
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toHaveCount(0);
  await pause(page);
  await shoot(page, 'timeline-fork');
  await page.getByRole('button', { name: 'Return to the original run' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running', { timeout: 45_000 });
  await expect(podsTable(page).getByRole('row', { name: /^web\b/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});
