// Walkthroughs 9–15 as a learner follows them: picked in the Walkthroughs dialog, Next to the last
// step with a narration at each, then the state a user sees at the end. Next plays one story event
// per slot; the tests raise the speed so the long timer-driven stories (probe periods, the node
// monitor's grace period, tolerationSeconds) fit the CI budget.
import { expect, test, type Page } from '@playwright/test';
import { SHOTS, setSpeed, watchErrors } from './helpers';
import { counter, narration, nextButton, player, podsSection, startWalkthrough } from './walkthrough';

async function start(page: Page, title: RegExp, next: string) {
  await startWalkthrough(page, title, next);
  await setSpeed(page, 50);
}

/** Next through every step; `texts[step]` is checked in that step's narration, `actions[step]` on the
 * Next button before it is pressed (a learner action). */
async function walk(page: Page, total: number, texts: Record<number, string | RegExp>, shot?: number, name?: string, actions: Record<number, string> = {}) {
  for (let step = 1; step <= total; step++) {
    if (actions[step]) await expect(nextButton(page)).toHaveText(actions[step]);
    await expect(nextButton(page)).toBeEnabled({ timeout: 30_000 });
    await nextButton(page).click();
    await expect(counter(page)).toHaveText(`Step ${step} of ${total}`);
    await expect(narration(page).first()).toHaveAttribute('data-step', String(step), { timeout: 30_000 });
    await expect(narration(page).first()).not.toBeEmpty();
    await expect(player(page).locator('.walk-notice')).not.toBeEmpty();
    if (texts[step]) await expect(narration(page).first()).toContainText(texts[step]);
    if (shot === step) await page.screenshot({ path: `${SHOTS}/walkthrough-${name}-step${step}.png` });
  }
  await expect(nextButton(page)).toBeDisabled();
  await expect(player(page)).toContainText('Try it yourself');
}

test('Probes: readiness takes the pod out of Service web, liveness restarts it, and it comes back', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await start(page, /Liveness and readiness probes/, 'Next: Apply the Pod');
  await walk(page, 19, {
    3: 'The readiness probe (exec) succeeds',
    7: 'is no longer ready',
    10: 'ready=false, serving=false, terminating=false',
    11: 'no endpoint left',
    14: 'Container app failed liveness probe, will be restarted',
    16: 'code 137',
    19: 'The pod is back in the Service',
  }, 11, 'probes');
  const row = podsSection(page).getByRole('row', { name: /^probes\b/ });
  await expect(row).toContainText('Running');
  await expect(row).toContainText('1/1');
  await page.screenshot({ path: `${SHOTS}/walkthrough-probes-end.png` });
  expect(errors).toEqual([]);
});

test('Init containers and a sidecar: Init:0/2, Init:1/2, PodInitializing, then Running 2/2', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await start(page, /Init containers and a sidecar/, 'Next: Apply the Pod');
  await walk(page, 14, {
    4: 'STATUS Init:0/2, READY 0/2',
    6: 'log-shipper is running',
    7: 'creates the next init container, migrate',
    8: 'STATUS Init:1/2, READY 1/2',
    10: 'migrate exited with code 0 (Completed)',
    12: 'STATUS PodInitializing',
    14: 'STATUS Running, READY 2/2',
  }, 8, 'init-sidecar');
  const row = podsSection(page).getByRole('row', { name: /^web-init\b/ });
  await expect(row).toContainText('Running');
  await expect(row).toContainText('2/2');
  // the same step in Chinese: the narration is Chinese around what kubectl prints
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(narration(page).first()).toContainText('STATUS 为 Running，READY 为 2/2');
  await page.screenshot({ path: `${SHOTS}/walkthrough-init-sidecar-zh.png` });
  expect(errors).toEqual([]);
});

test('A node dies: Unknown, the unreachable NoExecute taint, eviction after 300 s, the replacement on a live node', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await start(page, /A node dies and its pods move/, 'Next: Stop the node');
  await expect(podsSection(page).getByRole('row', { name: /^web-/ })).toHaveCount(3);
  await walk(page, 16, {
    1: 'node-2 loses power',
    3: 'Ready Unknown, reason NodeStatusUnknown, “Kubelet stopped posting node status.”',
    7: 'node.kubernetes.io/unreachable:NoExecute',
    8: 'tolerationSeconds=300',
    9: 'DeletionByTaintManager',
    13: 'untolerated taint',
    16: 'desired 3, actual 3',
  }, 8, 'node-failure');
  // three run on the live nodes; the evicted one stays Terminating (its kubelet cannot confirm)
  const rows = podsSection(page).getByRole('row', { name: /^web-/ });
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: 'Terminating' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Running' })).toHaveCount(3);
  await page.screenshot({ path: `${SHOTS}/walkthrough-node-failure-end.png` });
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(narration(page).first()).toContainText('ReplicaSet 控制器再次同步');
  await page.screenshot({ path: `${SHOTS}/walkthrough-node-failure-zh.png` });
  expect(errors).toEqual([]);
});

test('The etcd leader dies: an election in term 2, the write commits on the new leader, the pod runs', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await start(page, /The etcd leader dies/, 'Next: Stop the etcd leader');
  await walk(page, 16, {
    1: 'etcd-0, the leader in term 1, stops',
    4: 'refused',
    5: 'moves to the next endpoint, etcd-1',
    9: 'etcd-1 is the leader of term 2',
    12: 'etcd-1 proposes /registry/pods/default/nginx',
    15: 'Container nginx of nginx is running',
    16: 'STATUS Running, READY 1/1, through etcd-1',
  }, 9, 'etcd-leader', { 2: 'Next: Apply the Pod' });
  await expect(podsSection(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running');
  await page.screenshot({ path: `${SHOTS}/walkthrough-etcd-leader-end.png` });
  expect(errors).toEqual([]);
});

test('RBAC: alice is refused with the Forbidden message, then allowed once a RoleBinding names her', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await start(page, /RBAC: a user who may not create pods/, 'Next: Apply the Pod as alice');
  await walk(page, 14, {
    2: '404 NotFound',
    5: 'may alice create pods in namespace default? No',
    6: 'pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"',
    10: 'allowed by RoleBinding "alice-creates-pods/default" of Role "pod-creator" to User "alice"',
    14: 'STATUS Running, READY 1/1',
  }, 6, 'rbac', { 7: 'Next: Apply the RoleBinding as admin', 9: 'Next: Apply the Pod as alice' });
  await expect(podsSection(page).getByRole('row', { name: /^nginx\b/ })).toContainText('Running');
  expect(errors).toEqual([]);
});

test('A Service and kube-proxy routing: a ClusterIP, REJECT without endpoints, then 1/2 and the rest on every node', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await start(page, /A Service and kube-proxy routing/, 'Next: Apply the Service');
  await expect(podsSection(page).getByRole('row', { name: /^web-/ })).toHaveCount(2);
  await walk(page, 9, {
    2: /type ClusterIP, ClusterIP 10\.\d+\.\d+\.\d+, port 80\/TCP → 80, selector app=web/,
    5: 'no endpoint yet, so its traffic is rejected',
    6: '2 endpoints',
    8: /jumps to KUBE-SVC-\w+, which picks 10\.244\.\d+\.\d+:80 \(--probability 0\.5000000000\) and 10\.244\.\d+\.\d+:80/,
    9: 'writes the same rules',
  }, 8, 'service-routing');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(narration(page).first()).toContainText('写入同样的规则');
  await page.screenshot({ path: `${SHOTS}/walkthrough-service-routing-zh.png` });
  expect(errors).toEqual([]);
});

test('OOMKilled and QoS eviction: exit code 137 over the limit, then the BestEffort pod evicted under memory pressure', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await start(page, /OOMKilled and QoS eviction/, 'Next: Apply the memory-hungry Pod');
  await walk(page, 14, {
    2: 'QoS class Burstable',
    5: 'exit code 137, reason OOMKilled, by SIGKILL',
    6: 'STATUS OOMKilled',
    8: 'QoS class BestEffort',
    10: 'The node was low on resource: memory. Threshold quantity: 100Mi',
    13: 'STATUS Evicted',
  }, 10, 'oom-qos', { 7: 'Next: Apply the node-filling Pod' });
  await expect(podsSection(page).getByRole('row', { name: /^memory-demo\b/ })).toContainText('OOMKilled');
  await expect(podsSection(page).getByRole('row', { name: /^hog\b/ })).toContainText('Evicted');
  await expect(podsSection(page).getByRole('row', { name: /^web\b/ })).toContainText('Running');
  expect(errors).toEqual([]);
});
