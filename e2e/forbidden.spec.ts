import { expect, test, type Page } from '@playwright/test';
import { openApp, pause, setSpeed, shoot, watchErrors } from './helpers';

function pipelineOf(page: Page) {
  return page.getByRole('region', { name: 'Cluster diagram' }).getByRole('group', { name: 'kube-apiserver request pipeline' });
}

test('kubectl as alice is forbidden at authorization until a RoleBinding lets her in', async ({ page }) => {
  test.setTimeout(180_000); // four applies, each played through the pipeline
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 5);
  const editor = page.getByRole('region', { name: 'Manifest editor' });
  const who = editor.getByLabel('kubectl user');
  const pipeline = pipelineOf(page);
  const stage = (id: string) => pipeline.locator(`[data-stage="${id}"]`);
  const outcome = pipeline.getByLabel('Request outcome');
  await expect(who).toHaveValue('admin');
  await expect(pipeline).toContainText('no kubectl request yet');

  // alice has no binding: kubectl apply's first request, the GET, is already forbidden
  await who.selectOption({ label: 'alice' });
  await page.getByRole('button', { name: 'Apply' }).click();
  const aliceGet = 'pods "nginx" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "default"';
  await expect(editor.getByRole('alert')).toHaveText(`Error from server (Forbidden): ${aliceGet}`);
  await expect(stage('authz')).toHaveClass(/is-failed/);
  await expect(stage('authn')).toHaveClass(/is-ok/);
  await expect(stage('authn')).toHaveAccessibleName('authentication: passed (alice)');
  await expect(outcome).toHaveText(`403 Forbidden: ${aliceGet}`);
  await expect(pipeline).toContainText('GET /api/v1/namespaces/default/pods/nginx');
  await shoot(page, 'forbidden-alice');

  // the cluster admin binds alice to edit and bob to view in namespace default
  await who.selectOption({ label: 'kubernetes-admin' });
  await page.getByLabel('Examples').selectOption({ label: 'RBAC: alice may edit, bob may view (namespace default)' });
  await page.getByRole('button', { name: 'Apply' }).click();
  // the outcome shows once both answers are played: each story step takes its reading time at 1×
  await expect(editor.getByRole('status')).toContainText('alice-edit created', { timeout: 45_000 });
  await expect(editor.getByRole('status')).toContainText('bob-view created');

  // bob may read (the GET passes) but not create: the POST stops at authorization
  await page.getByLabel('Examples').selectOption({ label: 'nginx Pod' });
  await who.selectOption({ label: 'bob' });
  await page.getByRole('button', { name: 'Apply' }).click();
  const bobPost = 'pods is forbidden: User "bob" cannot create resource "pods" in API group "" in the namespace "default"';
  await expect(editor.getByRole('alert')).toContainText(bobPost);
  await expect(pipeline).toContainText('POST /api/v1/namespaces/default/pods');
  await expect(outcome).toHaveText(`403 Forbidden: ${bobPost}`);
  await expect(stage('authz')).toHaveClass(/is-failed/);
  await expect(stage('mutating')).toHaveClass(/is-idle/);
  await shoot(page, 'forbidden-bob', [[1280, 720]]);

  // alice now gets through every stage
  await who.selectOption({ label: 'alice' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(editor.getByRole('status')).toHaveText('pod/nginx created');
  await expect(outcome).toHaveText('201 Created');
  await expect(stage('authz')).toHaveAccessibleName('authorization: passed (RBAC: allowed by RoleBinding "alice-edit/default" of ClusterRole "edit" to User "alice")');
  for (const id of ['authn', 'authz', 'mutating', 'validation', 'validating', 'etcd']) await expect(stage(id)).toHaveClass(/is-ok/);
  // the fields admission filled in, on hover
  await stage('mutating').hover();
  await expect(pipeline.getByRole('tooltip')).toContainText('spec.containers[0].imagePullPolicy');
  await shoot(page, 'allowed-alice', [[1280, 720]]);
  expect(errors).toEqual([]);
});

test('the etcd view lists keys with their revisions', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 10);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'pod/nginx created' })).toBeVisible();
  await page.getByRole('tab', { name: 'etcd' }).click();
  const view = page.getByRole('region', { name: 'etcd' });
  await expect(view).toContainText(/revision \d+ · \d+ keys/);
  // created, bound, then status updates from the kubelet: the version counts them
  const key = view.getByRole('button', { name: /^\/registry\/pods\/default\/nginx: create revision (\d+), mod revision (\d+), version [3-9]/ });
  await expect(key).toBeVisible({ timeout: 30_000 });
  // the kubelet may still write the pod's status: stop the clock before reading the mod revision and
  // comparing it with the key's writes
  await pause(page);
  await key.click();
  const revs = view.getByRole('list', { name: 'Revisions of /registry/pods/default/nginx' });
  await expect(revs.getByRole('listitem').last()).toContainText(/rev \d+put · version 1 ·/);
  const label = (await key.getAttribute('aria-label')) ?? '';
  const [, create, mod] = /create revision (\d+), mod revision (\d+)/.exec(label) ?? [];
  await expect(revs.getByRole('listitem').last()).toContainText(`rev ${create}`);
  await expect(revs.getByRole('listitem').first()).toContainText(`rev ${mod}`);
  await shoot(page, 'etcd-keys');
  expect(errors).toEqual([]);
});
