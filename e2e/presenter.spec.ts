// Presenter mode at 1280×720, as a teacher uses it in front of a class: P (or the header button), a
// large caption, the panels out of the way, Space / → / ← to drive the story, Esc to leave.
import { expect, test, type Page } from '@playwright/test';
import { openApp, pause, setSpeed, shoot, watchErrors } from './helpers';

// tokens travel here, as most people see them (the suite's default is reduced motion)
test.use({ reducedMotion: 'no-preference' });

async function position(page: Page): Promise<number> {
  const text = await page.getByLabel('Timeline position').textContent();
  return Number.parseInt(text ?? '', 10);
}

test('presenter mode: a large caption, the panels folded away, Space / → / ← drive the timeline, Esc leaves', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 2);
  await page.getByRole('button', { name: 'Apply' }).click();
  // a few story events into the Pod's creation, so there is a narration to read and a way back
  await expect.poll(() => position(page), { timeout: 30_000 }).toBeGreaterThan(40);
  await pause(page);

  const toggle = page.getByRole('button', { name: 'Presenter mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.locator('.app-title').click(); // focus out of the controls: P is a page shortcut
  await page.keyboard.press('p');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // the panels fold away; the diagram, the playback bar and the timeline stay
  await expect(page.getByRole('textbox', { name: 'Manifest YAML' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Pods' })).toBeHidden();
  await expect(page.getByRole('tablist', { name: 'Views' })).toBeHidden();
  await expect(page.locator('.eventlog')).toBeHidden();
  await expect(page.getByRole('region', { name: 'Cluster diagram' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Step back' })).toBeVisible();

  // the caption: at least 24 px, light on dark, in the polite live region
  const narration = page.getByRole('status', { name: 'Narration' });
  await expect(narration).toBeVisible();
  await expect(narration).toHaveAttribute('aria-live', 'polite');
  const caption = await narration.locator('.narration-text').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { px: parseFloat(cs.fontSize), color: cs.color, bg: getComputedStyle(el.parentElement!).backgroundColor, text: el.textContent ?? '' };
  });
  expect(caption.px).toBeGreaterThanOrEqual(24);
  expect(caption.color).toBe('rgb(255, 255, 255)');
  expect(caption.bg).toBe('rgb(11, 18, 32)');
  expect(caption.text.length).toBeGreaterThan(10);
  const box = (await page.getByRole('region', { name: 'Cluster diagram' }).boundingBox())!;
  expect(box.width).toBeGreaterThan(1200); // the diagram fills the width

  // → steps forward, ← steps back: the timeline moves (focus on the Presenter mode button, as after a click)
  await toggle.focus();
  const before = await position(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => position(page)).toBeGreaterThan(before);
  const stepped = await position(page);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => position(page)).toBeLessThan(stepped);

  // Space plays (the focused button is not pressed by it: presenter mode stays on), Space again pauses
  const played = await position(page);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => position(page), { timeout: 20_000 }).toBeGreaterThan(played + 2);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');

  // 1–9 ask the walkthrough player to jump (a DOM event it listens for)
  await page.evaluate(() => {
    const w = window as unknown as { jumps: number[] };
    w.jumps = [];
    window.addEventListener('orrery:walkthrough-jump', (e) => w.jumps.push((e as CustomEvent<{ step: number }>).detail.step));
  });
  await page.keyboard.press('3');
  await page.keyboard.press('7');
  expect(await page.evaluate(() => (window as unknown as { jumps: number[] }).jumps)).toEqual([3, 7]);

  await shoot(page, 'presenter');
  // in Chinese too: the caption and the header's Chinese labels fit
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '演示模式' })).toHaveAttribute('aria-pressed', 'true');
  await shoot(page, 'presenter-zh');
  await page.getByLabel('语言').selectOption('en');
  await toggle.focus();

  // F asks for fullscreen (a refusal is ignored); Esc then leaves both
  await page.keyboard.press('f');
  await page.waitForTimeout(300);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('region', { name: 'Pods' })).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Views' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('presenter mode: the header button enters and leaves it; P is ignored while typing in the editor', async ({ page }) => {
  await openApp(page);
  await pause(page);
  const toggle = page.getByRole('button', { name: 'Presenter mode' });
  await page.getByRole('textbox', { name: 'Manifest YAML' }).focus();
  await page.keyboard.press('p');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Pods' })).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('region', { name: 'Pods' })).toBeVisible();
});

test('Reduce motion: tokens jump to their receiver instead of travelling', async ({ page }) => {
  await openApp(page);
  const motion = page.getByRole('button', { name: 'Reduce motion' });
  await motion.click();
  await expect(motion).toHaveAttribute('aria-pressed', 'true');
  await setSpeed(page, 0.25);
  await page.getByRole('button', { name: 'Apply' }).click();
  // a token at two moments of its flight stands still (it would travel without the setting)
  await expect(page.getByTestId('trace-token').first()).toBeAttached({ timeout: 15_000 });
  const token = (await page.getByTestId('trace-token').first().elementHandle())!;
  const at = () => token.evaluate((el) => (el.isConnected ? getComputedStyle(el).transform : 'gone'));
  const first = await at();
  await page.waitForTimeout(250);
  const later = await at();
  if (later !== 'gone') expect(later).toBe(first);
  // the setting survives a reload
  await page.reload();
  await expect(page.getByRole('button', { name: 'Reduce motion' })).toHaveAttribute('aria-pressed', 'true');
});
