// The walkthrough player as the e2e specs drive it: found by class, so the same locators hold after
// the language is switched to Chinese.
import { expect, type Page } from '@playwright/test';

export const player = (page: Page) => page.locator('section.walk-player');
export const counter = (page: Page) => player(page).locator('.walk-counter');
export const narration = (page: Page) => player(page).locator('.walk-narration');
export const nextButton = (page: Page) => player(page).getByRole('button', { name: /^Next/ });
export const podsSection = (page: Page) => page.locator('section[aria-label="Pods"]');
export const podRow = (page: Page, name: RegExp) => podsSection(page).getByRole('row', { name });

/** Open the app without the first-visit picker, pick a walkthrough and start it; `next` is what the
 * Next button then reads (it names the learner's first action). */
export async function startWalkthrough(page: Page, title: RegExp, next: string): Promise<void> {
  await page.goto('/?nowalkthrough');
  await expect(page.getByRole('region', { name: 'Cluster diagram' }).getByText('node-1', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Walkthroughs' }).click();
  const picker = page.getByRole('dialog', { name: 'Walkthroughs' });
  await picker.getByRole('radio', { name: title }).check();
  await picker.getByRole('button', { name: 'Start' }).click();
  await expect(picker).toBeHidden();
  await expect(nextButton(page)).toHaveText(next, { timeout: 30_000 });
}

/** The step shown is `step`: the counter, and its narration and notice once the played moment reaches its event. */
export async function expectStep(page: Page, step: number, total: number, timeout = 30_000): Promise<void> {
  await expect(counter(page)).toHaveText(`Step ${step} of ${total}`);
  await expect(narration(page).first()).toHaveAttribute('data-step', String(step), { timeout });
  await expect(narration(page).first()).not.toBeEmpty();
  await expect(player(page).locator('.walk-notice')).not.toBeEmpty();
}

/** Press Next (once the previous step has arrived) and wait for step `step`. */
export async function nextStep(page: Page, step: number, total: number, timeout = 30_000): Promise<void> {
  await expect(nextButton(page)).toBeEnabled({ timeout });
  await nextButton(page).click();
  await expectStep(page, step, total, timeout);
}
