// The walkthroughs as a newcomer meets them: a fresh visit opens the picker by itself with Create a
// Pod already moving; Next goes through every step with a narration at each; Back restores the
// previous step exactly; the end leaves the pod Running and the manifest in the editor.
import { expect, test, type Page } from '@playwright/test';
import { SHOTS, watchErrors } from './helpers';
import { counter, expectStep, narration, nextButton, nextStep, player, podsSection } from './walkthrough';

/** What a person sees of the step: the counter, the narration and the pods table. */
async function seen(page: Page) {
  return {
    counter: await counter(page).textContent(),
    narration: await narration(page).first().textContent(),
    pods: await podsSection(page).evaluate((e) => e.textContent ?? ''),
  };
}

test('a first visit opens the picker with Create a Pod moving; Next and Back walk its steps', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const t0 = Date.now();
  await page.goto('/');
  const picker = page.getByRole('dialog', { name: 'Walkthroughs' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('radio', { name: /Create a Pod/ })).toBeChecked();
  // the first request moves within 5 s of the page loading, with no instructions
  await expect(counter(page)).toHaveText(/^Step 1 of \d+$/, { timeout: 5_000 });
  await expect(narration(page).first()).toHaveAttribute('data-step', '1', { timeout: Math.max(500, 5_000 - (Date.now() - t0)) });
  await page.screenshot({ path: `${SHOTS}/walkthrough-first-visit.png` });

  // start it from the picker, as a returning learner would
  await picker.getByRole('button', { name: 'Start' }).click();
  await expect(picker).toBeHidden();
  await expect(nextButton(page)).toHaveText('Next: Apply the Pod');
  const total = 28;
  await nextStep(page, 1, total);
  await expect(narration(page).first()).toContainText('404 NotFound');
  for (let step = 2; step <= total; step++) {
    await nextStep(page, step, total);
    if (step === 5) await expect(narration(page).first()).toContainText('imagePullPolicy');
    if (step === 12) await expect(narration(page).first()).toContainText(/Filter: 3 of 3 nodes/);
    if (step === 13) await page.screenshot({ path: `${SHOTS}/walkthrough-score.png` });
    if (step === 22) await expect(narration(page).first()).toContainText('The pull policy is IfNotPresent, so the kubelet must pull it');
  }
  await expect(nextButton(page)).toBeDisabled();
  await expect(podsSection(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running');
  await expect(player(page)).toContainText('Try it yourself');
  await expect(narration(page).first()).toContainText('phase Running, Ready True');
  await page.screenshot({ path: `${SHOTS}/walkthrough-last-step.png` });

  // Back after Next restores the previous step exactly
  const back = player(page).getByRole('button', { name: 'Back' });
  await back.click();
  await expect(counter(page)).toHaveText(`Step ${total - 1} of ${total}`);
  await expect(narration(page).first()).toHaveAttribute('data-step', String(total - 1));
  const before = await seen(page);
  await nextStep(page, total, total);
  const last = await seen(page);
  await back.click();
  await expect(counter(page)).toHaveText(`Step ${total - 1} of ${total}`);
  await expect(narration(page).first()).toHaveAttribute('data-step', String(total - 1));
  await expect.poll(() => seen(page)).toEqual(before);
  await nextStep(page, total, total);
  await expect.poll(() => seen(page)).toEqual(last);
  // the middle of the story too: back from the scheduler's score to its filter
  for (let i = total; i > 12; i--) await back.click();
  await expect(counter(page)).toHaveText(`Step 12 of ${total}`);
  await expect(narration(page).first()).toContainText(/Filter: 3 of 3 nodes/);
  await expect(podsSection(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Pending');
  expect(errors).toEqual([]);
});

test('the picker does not open with ?nowalkthrough, and opens from the header; Delete a Pod walks seed 002’s deletion to the etcd delete', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?nowalkthrough');
  await expect(page.getByRole('region', { name: 'Cluster diagram' }).getByText('node-1', { exact: true })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Walkthroughs' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Walkthroughs' }).click();
  const picker = page.getByRole('dialog', { name: 'Walkthroughs' });
  await picker.getByRole('radio', { name: /Delete a Pod/ }).check();
  await page.screenshot({ path: `${SHOTS}/walkthrough-picker.png` });
  await picker.getByRole('button', { name: 'Start' }).click();
  await expect(nextButton(page)).toHaveText('Next: Delete the Pod', { timeout: 30_000 });
  // set up: the pod runs before the learner deletes it
  await expect(podsSection(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running');
  const total = 16;
  // the learner takes step 1's action themselves: the editor holds the pod alone, and its Delete plays the step
  await expect(player(page).locator('.walk-turn, .walk-narration').first()).toContainText('or do it yourself with Delete in the editor');
  const editor = page.getByRole('region', { name: 'Manifest editor' });
  await expect(editor.locator('.monaco-editor')).toContainText('kind: Pod');
  await expect(editor.locator('.monaco-editor')).not.toContainText('kind: Service');
  await editor.getByRole('button', { name: 'Delete', exact: true }).click();
  await expectStep(page, 1, total);
  for (let step = 1; step <= total; step++) {
    if (step > 1) await nextStep(page, step, total);
    if (step === 2) await expect(narration(page).first()).toContainText('grace period of 30 s');
    if (step === 5) await expect(narration(page).first()).toContainText('The EndpointSlice controller syncs Service web');
    if (step === 7) await expect(narration(page).first()).toContainText('The preStop hook (sleep) runs for 5 s');
    if (step === 8) await expect(narration(page).first()).toContainText('ready=false, serving=true, terminating=true');
    if (step === 9) await expect(narration(page).first()).toContainText('25 s of the grace period are left');
    if (step === 10) await expect(narration(page).first()).toContainText('no SIGKILL was needed');
    if (step === 12) await expect(narration(page).first()).toContainText('no endpoint');
  }
  await expect(podsSection(page).getByRole('row', { name: /^nginx\b/ })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/walkthrough-delete-end.png` });

  // in Chinese, every step reads Chinese: walked back from the last (each Back is a seek)
  await page.getByLabel('Language').selectOption('zh-CN');
  const zhPlayer = page.getByRole('region', { name: '演练' });
  const back = zhPlayer.getByRole('button', { name: '上一步' });
  for (let step = total; step >= 1; step--) {
    if (step < total) await back.click();
    const said = zhPlayer.locator('.walk-narration').first();
    await expect(said).toHaveAttribute('data-step', String(step));
    for (const text of [await said.textContent(), await zhPlayer.locator('.walk-notice').textContent()]) {
      expect(text, `step ${step}`).toMatch(/[\u4e00-\u9fff]/);
    }
    if (step === 10) await expect(said).toContainText('无需 SIGKILL');
    if (step === 2) await page.screenshot({ path: `${SHOTS}/walkthrough-delete-zh.png` });
  }
  expect(errors).toEqual([]);
});

test('Create a Deployment walks from the Deployment through its ReplicaSet to two running pods', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?nowalkthrough');
  await expect(page.getByRole('region', { name: 'Cluster diagram' }).getByText('node-1', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Walkthroughs' }).click();
  const picker = page.getByRole('dialog', { name: 'Walkthroughs' });
  await picker.getByRole('radio', { name: /Create a Deployment/ }).check();
  await picker.getByRole('button', { name: 'Start' }).click();
  await expect(nextButton(page)).toHaveText('Next: Apply the Deployment', { timeout: 30_000 });
  const total = 18;
  for (let step = 1; step <= total; step++) {
    await nextStep(page, step, total);
    if (step === 4) await expect(narration(page).first()).toContainText('desired 2, actual 0');
    if (step === 8) await expect(narration(page).first()).toContainText('create 2 pods');
  }
  await expect(player(page)).toContainText('Try it yourself');
  await expect(podsSection(page).getByRole('row', { name: /^web-/ })).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/walkthrough-deployment-end.png` });
  expect(errors).toEqual([]);
});
