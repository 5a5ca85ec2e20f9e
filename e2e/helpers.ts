// Shared steps for the end-to-end tests: everything goes through accessible names.
import { expect, type Page } from '@playwright/test';

export const SHOTS = 'e2e/screenshots';

/** Console errors and uncaught exceptions seen by the page (asserted empty at the end of a test). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

export async function openApp(page: Page): Promise<void> {
  await page.goto('/?nowalkthrough'); // the walkthrough picker opens by itself on a first visit
  const diagram = page.getByRole('region', { name: 'Cluster diagram' });
  await expect(diagram).toBeVisible();
  // the worker has booted the cluster: its nodes are drawn
  await expect(diagram.getByText('node-1', { exact: true })).toBeVisible();
  // the lazy Monaco editor has loaded
  await expect(page.getByRole('textbox', { name: 'Manifest YAML' })).toBeAttached();
}

/**
 * Pause the virtual clock and wait until the worker says it is paused (the clock state comes from the
 * worker, after every batch it sent before): read anything that changes with virtual time — revisions,
 * counts, countdowns, statuses — only after this, or it may move between the read and the comparison.
 */
export async function pause(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Pause' });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

export async function setSpeed(page: Page, speed: number): Promise<void> {
  await page.getByLabel('Speed').selectOption(String(speed));
}

/** Replace the editor's text the way a person does: select all, paste (Monaco auto-indents typing). */
export async function setManifest(page: Page, yaml: string): Promise<void> {
  await page.evaluate((text) => navigator.clipboard.writeText(text), yaml);
  const editor = page.getByRole('textbox', { name: 'Manifest YAML' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

export function podsTable(page: Page) {
  return page.getByRole('region', { name: 'Pods' });
}

export async function storyCount(page: Page): Promise<number> {
  const text = await page.getByLabel('Story events played').textContent();
  return Number.parseInt(text ?? '', 10);
}

export async function shoot(page: Page, name: string, sizes: Array<[number, number]> = [[1280, 720], [1920, 1080]]): Promise<void> {
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300); // let the diagram re-fit
    await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}
