import { expect, test } from '@playwright/test';
import { openApp, podsTable, setSpeed, shoot, watchErrors } from './helpers';

test('stop the etcd leader: the others elect a new one and the cluster carries on', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  const etcd = page.getByRole('region', { name: 'Cluster diagram' }).getByRole('list', { name: 'etcd members' });
  const members = etcd.getByRole('listitem');
  await expect(members).toHaveCount(3);
  const leaderRow = members.filter({ hasText: 'leader' });
  await expect(leaderRow).toHaveCount(1);
  const oldLeader = (await leaderRow.getAttribute('data-member')) ?? '';
  expect(oldLeader).toMatch(/^etcd-\d$/);
  await expect(leaderRow).toHaveAccessibleName(new RegExp(`^${oldLeader}: leader, term 1,`));

  // break it from the Faults panel
  const faults = page.getByRole('region', { name: 'Faults' });
  await faults.getByRole('button', { name: `Stop ${oldLeader}` }).click();
  await expect(faults.getByRole('status')).toHaveText(`${oldLeader} is stopped`);
  await expect(faults.getByRole('button', { name: `Start ${oldLeader}` })).toBeVisible();

  // the stopped member is greyed; a follower times out and calls an election
  await expect(etcd.getByRole('listitem', { name: new RegExp(`^${oldLeader}: stopped`) })).toBeVisible();
  const log = page.getByRole('region', { name: 'Event log' });
  await expect(log).toContainText(/etcd-\d heard no heartbeat for \d+\.\d s and calls an election for term 2/, { timeout: 45_000 });
  await shoot(page, 'etcd-election');
  const newLeader = etcd.getByRole('listitem', { name: /: leader, term 2,/ });
  // each story step of the election keeps its reading time at 1×
  await expect(newLeader).toHaveCount(1, { timeout: 45_000 });
  await setSpeed(page, 5);
  await expect(newLeader).not.toHaveAttribute('data-member', oldLeader);
  await expect(log).toContainText(/etcd-\d votes for etcd-\d \(term 2\)/);
  await expect(log).toContainText(/etcd-\d is the new leader \(term 2\)/);
  await shoot(page, 'etcd-new-leader');

  // the cluster carries on with two of three members
  await setSpeed(page, 50);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'pod/nginx created' })).toBeVisible();
  await expect(podsTable(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running', { timeout: 45_000 });
  await expect(etcd.getByRole('listitem', { name: new RegExp(`^${oldLeader}: stopped`) })).toBeVisible();

  // and the member comes back as a follower of the new term
  await faults.getByRole('button', { name: `Start ${oldLeader}` }).click();
  await expect(etcd.getByRole('listitem', { name: new RegExp(`^${oldLeader}: follower, term 2,`) })).toBeVisible({ timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('remove an image and stop a node from the Faults panel', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  const faults = page.getByRole('region', { name: 'Faults' });
  await faults.getByRole('button', { name: 'Remove image' }).click();
  await expect(faults.getByRole('status')).toHaveText('nginx:1.27 is removed from every node');
  await faults.getByLabel('Node', { exact: true }).selectOption('node-2');
  await faults.getByRole('button', { name: 'Stop node' }).click();
  await expect(faults.getByRole('status')).toHaveText('node-2 is stopped');
  await expect(page.getByRole('region', { name: 'Event log' })).toContainText('node-2 loses power: its kubelet and container runtime stop', { timeout: 20_000 });
  await faults.getByRole('button', { name: 'Start node' }).click();
  await expect(faults.getByRole('status')).toHaveText('node-2 is started');
  expect(errors).toEqual([]);
});
