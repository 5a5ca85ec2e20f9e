// The large-cluster view (issue 12): 1,000 nodes on the canvas map, a 2,000-replica Deployment
// applied from the editor in real time at 50×, and a click on a node opening its full detail.
import { expect, test, type Page } from '@playwright/test';
import { openApp, pause, podsTable, setManifest, setSpeed, shoot, watchErrors } from './helpers';

// MAP_REPLICAS changes the size (the worker computes in slices, so the first pods show at once and
// the first ones are Running ~30 s after Apply on this 2-core machine)
const REPLICAS = Number(process.env.MAP_REPLICAS ?? 2000);
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${REPLICAS}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests:
            cpu: 250m
            memory: 512Mi
`;

/** The centre of tile `i` of the map in page coordinates (the pool's grid: 10 px cells, 2 px gaps, 12 px padding at 1,000 nodes). */
async function tileCentre(page: Page, i: number): Promise<{ x: number; y: number }> {
  return page.getByRole('img', { name: /^Cluster map/ }).evaluate((c: HTMLCanvasElement, i) => {
    const r = c.getBoundingClientRect();
    const k = r.width / c.offsetWidth; // the diagram's zoom
    const cols = Math.floor((c.offsetWidth + 2 - 24) / 12);
    return { x: r.left + (12 + (i % cols) * 12 + 5) * k, y: r.top + (12 + Math.floor(i / cols) * 12 + 5) * k };
  }, i);
}

test('1,000 nodes on the canvas map: a Deployment\'s pods come Running, a click opens a node with its kubelet, runtime and pods', async ({ page }) => {
  test.setTimeout(REPLICAS > 2000 ? 900_000 : 300_000);
  const errors = watchErrors(page);
  await openApp(page);
  await page.getByLabel('Nodes').selectOption('1000');
  const map = page.getByRole('img', { name: /^Cluster map: 1,?000 nodes/ });
  await expect(map).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Map legend' })).toContainText('ContainerCreating');

  await page.getByRole('radio', { name: 'Real time' }).click();
  await setSpeed(page, 50);
  await setManifest(page, DEPLOYMENT);
  const applied = Date.now();
  await page.getByRole('button', { name: 'Apply' }).click();
  const pods = podsTable(page);
  // the legend counts the pods of each colour: the first one Running (the Pods table is a virtual
  // list in name order, so the first Running pod need not be on its screen)
  const legend = page.getByRole('list', { name: 'Map legend' });
  const running = legend.getByRole('listitem').filter({ hasText: /^Running/ });
  await expect(running).toHaveText(/^Running [1-9][\d,]*$/, { timeout: REPLICAS > 2000 ? 800_000 : 200_000 });
  const firstRunningS = (Date.now() - applied) / 1000;
  // let the rollout go on a little, then stop the clock before reading anything
  await page.waitForTimeout(3000);
  await pause(page);
  const count = Number((await pods.locator('.panel-count').textContent())?.replace(/\D/g, ''));
  console.log(`[cluster-map] first Running pod ${firstRunningS.toFixed(1)} s after Apply; ${count} pods listed when paused`);
  expect(count).toBeGreaterThan(0);
  // every pod is in one of the legend's counts
  const tallies = await legend.locator('.map-count').allTextContents();
  expect(tallies.map((c) => Number(c.replace(/\D/g, ''))).reduce((a, b) => a + b, 0)).toBe(count);
  // the table renders a screenful of its rows, in kubectl's order, and says how many it lists
  await expect(pods.getByRole('table')).toHaveAttribute('aria-rowcount', String(Math.min(count, 300) + 1));
  await expect(pods.getByRole('row', { name: /^web-\S+ \d\/1 / }).first()).toBeVisible();
  // the table lists compact rows, capped, and says so
  if (count > 300) await expect(pods).toContainText(`the first 300 of ${count.toLocaleString('en')}`);

  // the Scheduler view of the last cycle: 1,000 nodes → the scheduler stops at 420 that fit
  // (percentageOfNodesToScore 42%); it lists the 10 best and counts the rest
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Scheduler' }).click();
  const sched = page.getByRole('region', { name: 'Scheduler' });
  await expect(sched).toContainText('420 of 420 nodes fit');
  await expect(sched).toContainText('410 more nodes fit and 0 more were rejected');
  await expect(sched.getByRole('table', { name: /filter/i }).getByRole('row')).toHaveCount(11);
  await shoot(page, 'cluster-map-scheduler');
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Inspector' }).click();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  console.log(`[cluster-map] page JS heap ${(heap.usedSize / 2 ** 20).toFixed(1)} MB with ${count} pods on 1,000 nodes`);

  // click node-1's tile: time from the click to the detail painted
  const at = await tileCentre(page, 0);
  // the page notes the click (its pointerup: Playwright's press and release are two round trips) and
  // the second frame after the detail's pods are in the DOM (the first one painted them)
  await page.evaluate(() => {
    const w = window as unknown as { mapClick?: { t0: number; t1?: number } };
    addEventListener('pointerup', () => {
      const m = (w.mapClick = { t0: performance.now() } as { t0: number; t1?: number });
      const check = () => (document.querySelector('[role="dialog"] .pod-chip, [role="dialog"] .pods.is-empty') ? requestAnimationFrame(() => (m.t1 = performance.now())) : requestAnimationFrame(check));
      check();
    }, { capture: true, once: true });
  });
  await page.mouse.click(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Node node-1' })).toBeVisible();
  const ms = await page.waitForFunction(() => {
    const m = (window as unknown as { mapClick?: { t0: number; t1?: number } }).mapClick;
    return m?.t1 !== undefined && m.t1 - m.t0;
  }).then((h) => h.jsonValue() as Promise<number>);
  // a figure for the log and the benchmark (issue 12's goal is under 100 ms), not a timed assertion
  console.log(`[cluster-map] click on a node → its detail painted in ${ms.toFixed(1)} ms`);
  const detail = page.getByRole('dialog', { name: 'Node node-1' });
  await expect(detail).toContainText('node-1');
  await expect(detail).toContainText('Ready');
  await expect(detail).toContainText('kubelet');
  await expect(detail).toContainText('container runtime');
  const chips = detail.locator('.pod-chip');
  const n = await chips.count();
  expect(n).toBeGreaterThan(0);
  await expect(detail).toContainText(`${n} / 110`);
  // the whole pods arrive (one round trip): each chip gains its container marks
  await expect(detail.locator('.pod-chip .ctrs').first()).toBeVisible();
  const first = chips.first();
  const podName = (await first.locator('.pod-name').textContent())!;
  expect(podName).toMatch(/^web-/);
  // that pod is node-1's: the inspector shows its stored object
  await first.click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector).toContainText(`name: ${podName}`);
  await expect(inspector).toContainText('nodeName: node-1');
  await shoot(page, 'cluster-map-detail');
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toBeHidden();

  // another node, and the keyboard: Enter opens the focused one
  const second = await tileCentre(page, 1);
  await page.mouse.click(second.x, second.y);
  await expect(page.getByRole('dialog', { name: 'Node node-2' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Node node-2' })).toBeHidden();
  await map.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Node node-3' })).toBeVisible();
  await page.keyboard.press('Escape');

  // zoomed in, the tiles show names and pod cells
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await shoot(page, 'cluster-map-near');
  await page.getByRole('button', { name: 'Show every node' }).click();
  await shoot(page, 'cluster-map-far');

  // time travel over a large run: most of its trace now lies in packed pages (the worker packs pages
  // of 4,096 events once eight newer ones follow), read back for the seek. The start has no pod yet,
  // the end every pod listed when paused
  const length = Number(/\/\s*(\d+)/.exec((await page.getByLabel('Timeline position').textContent()) ?? '')?.[1]);
  expect(length).toBeGreaterThan(10 * 4096);
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.getByLabel('Timeline position')).toHaveText(new RegExp(`^1 / ${length}$`));
  await expect(pods.locator('.panel-count')).toHaveText('0');
  await page.keyboard.press('End');
  await expect(page.getByLabel('Timeline position')).toHaveText(`${length} / ${length}`);
  await expect(pods.locator('.panel-count')).toHaveText(String(count));

  // while it plays the map repaints only the tiles whose rows or highlights changed: once the
  // highlights have faded, that is the very picture a whole repaint draws
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(2000);
  await pause(page);
  await page.waitForTimeout(1800); // highlights fade over 1.2 s
  // the canvas's pixels as a digest (a failure prints two short strings, not two PNGs)
  const pixels = () => map.evaluate(async (c: HTMLCanvasElement) => {
    const d = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(c.toDataURL())));
    return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
  });
  const played = await pixels();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Show every node' }).click();
  await page.waitForTimeout(300);
  expect(await pixels()).toBe(played);
  expect(errors).toEqual([]);
});
