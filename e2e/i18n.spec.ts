// The app in Simplified Chinese: the Language switch, the narration in Chinese, and what Kubernetes
// prints (kubectl's columns and STATUS values) kept as Kubernetes prints it.
import { expect, test } from '@playwright/test';
import { openApp, shoot, watchErrors } from './helpers';

const HAN = /[\u4e00-\u9fff]/;

test('in Chinese, the narration reads Chinese and the pods table keeps kubectl’s English', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await shoot(page, 'en-start', [[1280, 720]]);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '应用' })).toBeVisible();

  await page.getByLabel('速度').selectOption('50');
  await page.getByRole('button', { name: '应用' }).click();
  // kubectl's own output line stays as kubectl prints it
  await expect(page.getByRole('status').filter({ hasText: 'pod/nginx created' })).toBeVisible({ timeout: 30_000 });
  const pods = page.getByRole('region', { name: 'Pod 列表' });
  const row = pods.getByRole('row', { name: /^nginx\b/ });
  await expect(row).toContainText('Running', { timeout: 45_000 });
  const pause = page.getByRole('button', { name: '暂停' });
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');

  const narration = page.getByRole('status', { name: '讲解' });
  await expect(narration).toContainText(HAN);
  for (const column of ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE', 'IP']) {
    await expect(pods.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  await expect(row).toContainText('Running');
  await shoot(page, 'zh-running');
  // a view in Chinese: the scheduler's last cycle, with the plugin names as Kubernetes writes them
  await page.getByRole('tab', { name: '调度器' }).click();
  await expect(page.getByRole('region', { name: '调度器' })).toContainText('过滤');
  await shoot(page, 'zh-scheduler', [[1280, 720]]);

  // the choice is kept with the settings
  await page.reload();
  await expect(page.getByLabel('语言')).toHaveValue('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(errors).toEqual([]);
});

// short (~13 s: no manifest is applied, the controllers that sync at boot are enough)
test('in Chinese, the Controllers and Scheduler views have Chinese headings and words', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  const tabs = page.getByRole('tablist', { name: '视图' });
  await tabs.getByRole('tab', { name: '控制器' }).click();
  const ctl = page.getByRole('region', { name: '控制器' });
  await expect(ctl.getByRole('heading', { name: '控制器' })).toBeVisible();
  // the controllers that sync at boot (root-ca-cert-publisher…): their names as Kubernetes writes them, the words in Chinese
  await expect(ctl.getByRole('list', { name: '控制器列表' })).toContainText('最近一次同步');
  await tabs.getByRole('tab', { name: '调度器' }).click();
  const sched = page.getByRole('region', { name: '调度器' });
  await expect(sched.getByRole('heading', { name: '调度器' })).toBeVisible();
  await expect(sched).toContainText('还没有 Pod 被调度');
  expect(errors).toEqual([]);
});
