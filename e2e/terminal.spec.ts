// The Terminal as a student uses it: kubectl typed in the app, answered over the same REST API the
// real kubectl reaches, each write travelling the apiserver pipeline like the editor's Apply.
import { expect, test } from '@playwright/test';
import { openApp, pause, podsTable, setSpeed, shoot, watchErrors } from './helpers';

test('the Terminal runs kubectl: tables, a Deployment created and animated, errors in kubectl\'s words, history and Tab', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openApp(page);
  await setSpeed(page, 50);
  await page.getByRole('tab', { name: 'Terminal' }).click();
  const input = page.getByRole('textbox', { name: 'kubectl command' });
  const output = page.getByRole('log', { name: 'kubectl output' });
  const type = async (line: string) => {
    await expect(input).toBeEnabled();
    await input.fill(line);
    await input.press('Enter');
    await expect(page.locator('.term-busy')).toHaveCount(0, { timeout: 30_000 });
  };
  await type('kubectl get nodes');
  await expect(output).toContainText(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
  await expect(output.locator('.term-line').filter({ hasText: /^node-1 {3}Ready {4}<none>/ })).toHaveCount(1);
  // a write goes through the pipeline: its answer is printed when the played story reaches it
  await type('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  await expect(output).toContainText('deployment.apps/web created');
  // the request pipeline in the diagram shows the terminal's POST, as it does the editor's Apply
  await expect(page.getByRole('region', { name: 'Cluster diagram' })).toContainText('POST /apis/apps/v1/namespaces/default/deployments');
  await expect(podsTable(page).getByRole('row', { name: /^web-/ })).toHaveCount(2, { timeout: 30_000 });
  for (const r of await podsTable(page).getByRole('row', { name: /^web-/ }).all()) await expect(r).toContainText('Running', { timeout: 30_000 });
  // the Deployment's status follows its pods' (ReplicaSet, then Deployment): ask until it reads 2/2,
  // a state that then holds, and pause before reading on
  const ready = output.locator('.term-line').filter({ hasText: /^web {4}2\/2 {5}2 {12}2 {11}\d+[ms\d]*$/ });
  await expect(async () => {
    await type('kubectl get deploy');
    await expect(ready).not.toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await pause(page);
  await type('kubectl get pod missing');
  await expect(output.locator('.term-line.is-err')).toHaveText(['Error from server (NotFound): pods "missing" not found']);
  // exec runs a command in the simulated shell of a running pod (read-only: answered while paused)
  await type('kubectl get pods -l app=web -o name');
  const podName = (await output.locator('.term-line').filter({ hasText: /^pod\/web-/ }).first().textContent())!.replace('pod/', '');
  await type(`kubectl exec ${podName} -- sh -c 'echo $HOSTNAME'`);
  await expect(output.locator('.term-line').last()).toHaveText(podName);
  // a write waits for the story: paused, the terminal says so; played, kubectl's answer comes
  await input.fill('kubectl run nginx --image=nginx:1.27 --as=alice');
  await input.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'press Play or Step' })).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('.term-busy')).toHaveCount(0);
  await expect(output.locator('.term-line.is-err').last()).toHaveText('Error from server (Forbidden): pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"');
  // ↑ brings the last line back; Tab completes a pod's name
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl run nginx --image=nginx:1.27 --as=alice');
  await input.fill('kubectl get pods web');
  await input.press('Tab');
  await expect(input).toHaveValue(/^kubectl get pods web-\w+-/);
  // a here-document: the YAML typed under the > prompt, sent as one command once EOF comes
  await input.fill('kubectl apply -f - <<EOF');
  await input.press('Enter');
  for (const line of ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: settings', 'data:', '  mode: fast']) {
    await input.fill(line);
    await input.press('Enter');
  }
  await type('EOF');
  await expect(output).toContainText('configmap/settings created');
  await shoot(page, 'terminal');
  // presenter mode keeps the open Terminal beside the diagram, in large type
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(input).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cluster diagram' })).toBeVisible();
  expect(await input.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(18);
  await shoot(page, 'terminal-presenter');
  expect(errors).toEqual([]);
});
