// Walkthroughs 4–8 as a learner follows them: picked in the Walkthroughs dialog, Next to the last step
// with a narration at each (some checked word for word), then the state the pods table shows at the end.
// Next plays one story event per slot; the tests raise the speed after the narration of the first
// step was read, so the long back-offs fit the CI budget. Back after Next restores the previous step.
import { expect, test, type Page } from '@playwright/test';
import { SHOTS, setSpeed, watchErrors } from './helpers';
import { counter, narration, nextButton, nextStep as nextStepIn, player, podRow, podsSection, startWalkthrough as start } from './walkthrough';

// the long back-offs of these stories wait up to 90 s for a step
const nextStep = (page: Page, step: number, total: number) => nextStepIn(page, step, total, 90_000);


/** Next through every step; `texts[step]` is checked in that step's narration. The first step is
 * played at 1× (its narration read at story pacing), the rest fast. */
async function walk(page: Page, total: number, texts: Record<number, string | RegExp>, shots: Record<number, string> = {}) {
  for (let step = 1; step <= total; step++) {
    await nextStep(page, step, total);
    if (step === 1) await setSpeed(page, 50);
    if (texts[step]) await expect(narration(page).first()).toContainText(texts[step]);
    if (shots[step]) await page.screenshot({ path: `${SHOTS}/walkthrough-${shots[step]}.png` });
  }
  await expect(nextButton(page)).toBeDisabled();
  await expect(player(page)).toContainText('Try it yourself');
}

test('Scale up and down: the unscheduled pod goes first, then the most recently ready', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await start(page, /Scale up and down/, 'Next: Scale to 7 replicas');
  await expect(podRow(page, /^web-/)).toHaveCount(2);
  await walk(page, 15, {
    2: /desired 7, actual 2 → scale web-\w+ 2→7/,
    4: '0/3 nodes are available: 3 Insufficient cpu.',
    7: /delete 3 pods/,
    8: 'It has no node (phase Pending)',
    9: /Ready True since/,
    11: 'at once',
  }, { 8: 'scale-first-deleted' });
  await expect(podRow(page, /^web-/)).toHaveCount(4);
  for (const row of await podRow(page, /^web-/).all()) await expect(row).toContainText('Running');
  expect(errors).toEqual([]);
});

test('Rolling update and rollback: a new ReplicaSet up, the old one down, then the old template back as revision 3', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await start(page, /Rolling update and rollback/, 'Next: Update the image to nginx:1.28');
  await walk(page, 14, {
    2: 'maxSurge 25% allows 1 extra pod and maxUnavailable 25% allows 1 missing pod: at most 5 pods, at least 3 available',
    3: 'template nginx:1.28',
    9: /scale web-7f9fb87fb4 1→0/,
    12: 'its annotation deployment.kubernetes.io/revision is now 3, and revision-history lists 1',
    14: 'The Deployment is at revision 3, template nginx:1.27',
  }, { 12: 'rollback-revision' });
  await expect(podRow(page, /^web-7f9fb87fb4-/)).toHaveCount(4);
  expect(errors).toEqual([]);
});

test('CrashLoopBackOff: restarts back off 10s, 20s, 40s … to 5m0s and STATUS reads CrashLoopBackOff', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await start(page, /CrashLoopBackOff/, 'Next: Apply the crashing Pod');
  await walk(page, 17, {
    4: 'exited with code 1 (Error)',
    5: 'again at once (attempt 1)',
    7: 'it waits 10s before the next one',
    9: 'STATUS CrashLoopBackOff',
    11: 'back-off 20s',
    12: 'back-off 40s',
    15: 'Back-off 5m0s, restarts 6',
    17: 'STATUS CrashLoopBackOff, restarts 6',
  }, { 9: 'crashloop-status' });
  await expect(podRow(page, /^crashy\b/)).toContainText('CrashLoopBackOff');
  expect(errors).toEqual([]);
});

test('ImagePullBackOff: a misspelt image fails with ErrImagePull, then backs off', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await start(page, /ImagePullBackOff/, 'Next: Apply the Pod with the misspelt image');
  await walk(page, 13, {
    3: 'The pull policy is IfNotPresent',
    5: 'Failed to pull image "ngnix:1.27": failed to pull and unpack image "docker.io/library/ngnix:1.27"',
    6: 'STATUS ErrImagePull',
    10: 'STATUS ImagePullBackOff',
    12: 'Back-off 5m0s',
  }, { 5: 'imagepull-failed' });
  await expect(podRow(page, /^nginx\b/)).toContainText('ImagePullBackOff');
  expect(errors).toEqual([]);
});

test('Pending: an untolerated taint, Insufficient cpu, a node selector; Back restores the previous step', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await start(page, /Pending: no node fits/, 'Next: Apply pod plain');
  const total = 11;
  await walk(page, total, {
    3: '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: team-a}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    7: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    10: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
    11: 'PodScheduled False, reason Unschedulable, STATUS Pending',
  }, { 7: 'pending-cpu' });
  for (const name of [/^plain\b/, /^big\b/, /^picky\b/]) await expect(podRow(page, name)).toContainText('Pending');

  // Back after Next restores the previous step: picky's decision, before its status was written
  const back = player(page).getByRole('button', { name: 'Back' });
  await back.click();
  await expect(counter(page)).toHaveText(`Step ${total - 1} of ${total}`);
  await expect(narration(page).first()).toHaveAttribute('data-step', String(total - 1));
  await expect(narration(page).first()).toContainText("didn't match Pod's node affinity/selector");
  // further back, before picky existed
  for (let i = total - 1; i > 7; i--) await back.click();
  await expect(counter(page)).toHaveText(`Step 7 of ${total}`);
  await expect(narration(page).first()).toContainText('3 Insufficient cpu');
  await expect(podRow(page, /^picky\b/)).toHaveCount(0);
  await nextStep(page, 8, total);
  await nextStep(page, 9, total);
  await expect(podRow(page, /^picky\b/)).toContainText('Pending');
  expect(errors).toEqual([]);
});
