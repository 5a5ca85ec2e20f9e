// Benchmark (not a test), issue 12: the app in Chromium at 1280×720 with a large cluster, and a
// walkthrough's animation on the 3-node one. `npm run bench:browser:scale` (builds first).
// (a) Nodes 1000, real time at 50×, Apply of a REPLICAS-replica Deployment (cpu 10m, memory 16Mi):
//     time from the Apply click to the first pod shown, the pods shown / Running every 5 s, frame times
//     from a requestAnimationFrame loop, the page's JS heap and the worker's (CDP on the worker target).
// (b) the "Create a Deployment" walkthrough played with Next: frame times while it animates.
// It reads only what stays stable across UI rewrites: the worker's messages (observed by wrapping the
// page's Worker), the Pods panel's count, the timeline bar's controls and the walkthrough player.
// Env: DIST (a build folder), PORT, REPLICAS (10000), SECONDS (60), TRACE=file.json (a Chromium trace),
// PAGE_PROFILE=file.cpuprofile (the
// page's main thread), PROFILE=file.cpuprofile (a CPU
// profile of the worker over the sampling, its top functions printed), SIZES=1 (the batches' JSON
// size by field, every 5 s: it stringifies each batch on the page, so its frame figures are not the bench's).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.PORT ?? 4594);
const DIST = process.env.DIST ?? 'dist';
const REPLICAS = Number(process.env.REPLICAS ?? 10_000);
const SECONDS = Number(process.env.SECONDS ?? 60);
const PROFILE = process.env.PROFILE;
const PAGE_PROFILE = process.env.PAGE_PROFILE;
const TRACE = process.env.TRACE;
const SIZES = !!process.env.SIZES;
const WALK_SECONDS = Number(process.env.WALK_SECONDS ?? 20);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info'];
const MiB = 2 ** 20;

const YAML = `apiVersion: apps/v1
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
      - name: web
        image: nginx:1.27
        resources:
          requests:
            cpu: 10m
            memory: 16Mi
`;

/** In the page before the app: watch the worker's messages (pods by phase, READY) and count frames. */
function instrument() {
  // The message handler stays cheap (it runs on the page's main thread, inside the frames measured):
  // it keeps the latest Pod objects and map rows; pods are counted when a sample asks (w.count()).
  const w = (window.__scale = { objPods: new Map(), rows: new Map(), any: false, ready: null, frames: [], sampling: false, firstPodAt: 0, worker: null });
  // rows sent as their changes (ClusterMapDelta.edited) are merged when a sample counts, not here
  w.edits = new Map();
  w.count = () => {
    for (const [name, list] of w.edits) {
      const cells = new Map((w.rows.get(name) ?? []).map((c) => [c.key, c]));
      for (const e of list) {
        for (const k of e.removed) cells.delete(k);
        for (const c of e.set) cells.set(c.key, c);
      }
      w.rows.set(name, [...cells.values()]);
    }
    w.edits.clear();
    const pods = new Map(w.objPods);
    for (const cells of w.rows.values()) for (const c of cells) pods.set(c.key, c.status);
    let running = 0;
    for (const p of pods.values()) if (p === 'Running') running++;
    return { sent: pods.size, running };
  };
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(...a) {
      super(...a);
      w.worker = this;
      this.addEventListener('message', (ev) => {
        const m = ev.data;
        if (m?.type === 'READY') w.ready = m;
        if (m?.type !== 'BATCH') return;
        if (w.sizes) {
          w.sizes.batches++;
          for (const [k, v] of Object.entries(m)) w.sizes[k] = (w.sizes[k] ?? 0) + (JSON.stringify(v)?.length ?? 0);
          for (const c of m.objects ?? []) {
            const k = `objects ${c.key.split('/')[0]}`;
            w.sizes[k] = (w.sizes[k] ?? 0) + JSON.stringify(c).length;
          }
          const u = m.clusterMap?.rows?.find((r) => r.name === '');
          if (u) w.sizes['clusterMap (row of unscheduled pods)'] = (w.sizes['clusterMap (row of unscheduled pods)'] ?? 0) + JSON.stringify(u).length;
        }
        if (m.reset && !m.objectsDelta) w.objPods.clear();
        for (const c of m.objects ?? []) {
          if (typeof c.key !== 'string' || !c.key.startsWith('Pod/')) continue;
          if (c.op === 'remove') w.objPods.delete(c.key);
          else (w.objPods.set(c.key, c.object?.status?.phase ?? c.phase ?? ''), (w.any = true));
        }
        // a large cluster sends its pods as the cluster map's cells (one row per node, as deltas)
        const map = m.clusterMap;
        if (map) {
          if (map.full) (w.rows.clear(), w.edits.clear());
          for (const row of map.removed ?? []) (w.rows.delete(row), w.edits.delete(row));
          for (const r of map.rows ?? []) {
            w.rows.set(r.name, r.pods);
            w.edits.delete(r.name);
            if (r.pods.length) w.any = true;
          }
          for (const e of map.edited ?? []) {
            if (!w.edits.has(e.row.name)) w.edits.set(e.row.name, []);
            w.edits.get(e.row.name).push(e);
            if (e.set.length) w.any = true;
          }
        }
      });
    }
  };
  let last = 0;
  const loop = (t) => {
    if (w.sampling && last) w.frames.push(t - last);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}

/** The Pods panel's count as shown (the panel lists what the worker has played). */
async function podsShown(page) {
  const text = await page.evaluate(() => document.querySelector('section[aria-label="Pods"] .panel-count')?.textContent ?? null);
  const n = Number.parseInt((text ?? '').replace(/[^\d]/g, ''), 10);
  return Number.isFinite(n) ? n : null;
}

/** A CDP channel to the page's engine worker (non-flat sessions: Playwright keeps the flat one); the
 * editor's Monaco workers are left out. A call the worker does not answer in 5 s (blocked) gives null. */
async function workerChannel(page) {
  const cdp = await page.context().newCDPSession(page);
  let sessionId;
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker' && !/(yaml|editor)\.worker/.test(e.targetInfo.url) && !sessionId) sessionId = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  for (let i = 0; i < 50 && !sessionId; i++) await new Promise((r) => setTimeout(r, 100));
  if (!sessionId) return null;
  return (method, params = {}, timeoutMs = 5000) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      if (timeoutMs) setTimeout(() => pending.delete(id) && resolve(null), timeoutMs);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
}

function frameStats(frames) {
  if (frames.length === 0) return { fps: 0, median: NaN, p95: NaN };
  const sorted = [...frames].sort((a, b) => a - b);
  const total = frames.reduce((a, b) => a + b, 0);
  return { fps: (frames.length * 1000) / total, median: sorted[sorted.length >> 1], p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] };
}

function topFunctions(profile, n = 15) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}`;
    self.set(name, (self.get(name) ?? 0) + dt);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, t]) => `  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(6)} ms  ${name}`);
}

async function large(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(instrument);
  await page.goto(`http://127.0.0.1:${PORT}/?nowalkthrough`);
  await page.getByRole('region', { name: 'Cluster diagram' }).getByText('node-1', { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByRole('textbox', { name: 'Manifest YAML' }).waitFor({ timeout: 60_000 });
  const worker = await workerChannel(page);
  const t0 = Date.now();
  await page.getByLabel('Nodes').selectOption('1000');
  await page.waitForFunction(() => window.__scale.ready?.nodes.length === 1000, null, { timeout: 600_000, polling: 200 });
  const resetMs = Date.now() - t0;
  await page.getByRole('radiogroup', { name: 'Pacing' }).getByRole('radio', { name: 'Real time' }).click();
  await page.getByLabel('Speed').selectOption('50');
  // the manifest as a person gives it: pasted into the editor (Monaco indents typed text)
  await page.evaluate((text) => navigator.clipboard.writeText(text), YAML);
  await page.getByRole('textbox', { name: 'Manifest YAML' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  if (PROFILE && worker) {
    await worker('Profiler.enable');
    await worker('Profiler.setSamplingInterval', { interval: 1000 });
    await worker('Profiler.start');
  }
  // TRACE=file.json: a Chromium trace of the sampling, the main thread's time per event name printed
  if (TRACE) await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
  // PAGE_PROFILE=file.cpuprofile: the page's main thread (what the frame rate depends on)
  const pageCdp = PAGE_PROFILE ? await page.context().newCDPSession(page) : null;
  if (pageCdp) {
    await pageCdp.send('Profiler.enable');
    await pageCdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await pageCdp.send('Profiler.start');
  }
  await page.evaluate((sizes) => {
    const w = window.__scale;
    w.frames = [];
    w.sampling = true;
    w.applyAt = performance.now();
    if (sizes) w.sizes = { batches: 0 };
    // the first pod the worker sends, timed in the page (a poll from here would add its own delay)
    const poll = () => {
      if (w.any) w.firstPodAt = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }, SIZES);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  const rows = [];
  const start = Date.now();
  let firstShownMs = null;
  let crashed = null;
  page.on('crash', () => (crashed ??= Date.now() - start));
  try {
  for (let s = 5; s <= SECONDS; s += 5) {
    for (;;) {
      const left = start + s * 1000 - Date.now();
      if (left <= 0) break;
      // the Pods panel's count polled while waiting, for the first pod shown on the page
      if (firstShownMs === null && ((await podsShown(page)) ?? 0) > 0) firstShownMs = Date.now() - start;
      await new Promise((r) => setTimeout(r, Math.min(left, firstShownMs === null ? 100 : left)));
    }
    const shown = await podsShown(page);
    const seen = await page.evaluate(() => {
      return { ...window.__scale.count(), heap: performance.memory?.usedJSHeapSize ?? 0 };
    });
    if (SIZES) {
      const sz = await page.evaluate(() => {
        const out = window.__scale.sizes;
        window.__scale.sizes = { batches: 0 };
        return out;
      });
      if (sz?.batches) console.log(`    ${sz.batches} batches, kB of JSON: ${Object.entries(sz).filter(([k]) => k !== 'batches').sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(', ')}`);
    }
    const wheap = worker ? await worker('Runtime.getHeapUsage').catch(() => null) : null; // null: the worker did not answer
    rows.push({ s, shown, ...seen, workerHeap: wheap?.usedSize ?? null });
    // a blocked page answers late: the sample's real time after Apply is printed beside its due time
    console.log(`  +${String(s).padStart(2)} s (read at +${((Date.now() - start) / 1000).toFixed(0)} s)  pods shown ${String(shown ?? '?').padStart(6)}  sent ${String(seen.sent).padStart(6)}  Running ${String(seen.running).padStart(6)}  page heap ${(seen.heap / MiB).toFixed(0).padStart(5)} MiB  worker heap ${wheap ? (wheap.usedSize / MiB).toFixed(0).padStart(5) : '    ?'} MiB`);
  }
  } catch (err) {
    // a tab that runs out of memory crashes: the samples so far are the result, and the crash is one
    if (crashed === null) throw err;
  }
  if (crashed !== null) {
    console.log(`  the page crashed ${(crashed / 1000).toFixed(0)} s after Apply (out of memory?)`);
    await page.close().catch(() => {});
    return { resetMs, firstPodMs: null, firstShownMs, rows, frames: frameStats([]), crashedMs: crashed };
  }
  const r = await page.evaluate(() => {
    const w = window.__scale;
    w.sampling = false;
    return { frames: w.frames, firstPodMs: w.firstPodAt ? w.firstPodAt - w.applyAt : null };
  });
  // the samples count garbage V8 has not collected yet: what the worker holds is read after a full collection
  let workerLive = null;
  if (worker && (await worker('HeapProfiler.collectGarbage', {}, 60_000).catch(() => null)) !== null) {
    workerLive = (await worker('Runtime.getHeapUsage').catch(() => null))?.usedSize ?? null;
  }
  if (TRACE) {
    const buf = await browser.stopTracing();
    const events = JSON.parse(buf.toString()).traceEvents ?? [];
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const byName = new Map();
    // complete events ('X') on the renderer's main thread: top-level slices by name (self time is not split)
    for (const e of events) if (e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur);
    console.log(`Chromium trace written to ${TRACE}; the page's main thread by event (inclusive ms):`);
    for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
  if (pageCdp) {
    const { profile } = await pageCdp.send('Profiler.stop');
    writeFileSync(PAGE_PROFILE, JSON.stringify(profile));
    console.log(`page CPU profile written to ${PAGE_PROFILE}; top functions (self time):`);
    for (const line of topFunctions(profile)) console.log(line);
  }
  if (PROFILE && worker) {
    // a worker blocked in one long computation answers when it ends
    const stopped = await worker('Profiler.stop', {}, 300_000);
    if (stopped) {
      writeFileSync(PROFILE, JSON.stringify(stopped.profile));
      console.log(`worker CPU profile written to ${PROFILE}; top functions (self time):`);
      for (const line of topFunctions(stopped.profile)) console.log(line);
    } else console.log('the worker did not answer Profiler.stop within 5 min');
  }
  await page.close();
  return { resetMs, firstPodMs: r.firstPodMs, firstShownMs, rows, frames: frameStats(r.frames), workerLive };
}

async function walkthrough(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(instrument);
  await page.goto(`http://127.0.0.1:${PORT}/?nowalkthrough`);
  await page.getByRole('region', { name: 'Cluster diagram' }).getByText('node-1', { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Walkthroughs' }).click();
  const picker = page.getByRole('dialog', { name: 'Walkthroughs' });
  await picker.getByRole('radio', { name: /Create a Deployment/ }).check();
  await picker.getByRole('button', { name: 'Start' }).click();
  const next = page.locator('section.walk-player').getByRole('button', { name: /^Next/ });
  await next.waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    window.__scale.frames = [];
    window.__scale.sampling = true;
  });
  // Next as a learner presses it: whenever it is enabled, the step's tokens travel in between
  const end = Date.now() + WALK_SECONDS * 1000;
  let steps = 0;
  while (Date.now() < end) {
    if (await next.isEnabled().catch(() => false)) {
      await next.click().catch(() => {});
      steps++;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const frames = await page.evaluate(() => {
    window.__scale.sampling = false;
    return window.__scale.frames;
  });
  await page.close();
  return { steps, frames: frameStats(frames) };
}

const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST], { stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const loadStart = loadavg()[0];
  console.log(`(a) Nodes 1000, real time 50×, Apply of a ${REPLICAS.toLocaleString('en')}-replica Deployment, sampled for ${SECONDS} s`);
  const a = await large(browser);
  console.log(`(b) walkthrough "Create a Deployment" on 3 nodes, Next pressed when enabled, ${WALK_SECONDS} s`);
  const b = await walkthrough(browser);
  await browser.close();
  const last = a.rows.at(-1) ?? {};
  const ms = (x) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(0)} ms`);
  const peak = (k) => Math.max(0, ...a.rows.map((r) => r[k] ?? 0));
  const table = [
    ...(a.crashedMs ? [['the page crashed after Apply', 'never', ms(a.crashedMs)]] : []),
    ['Nodes 1000: reset (select → READY)', '', ms(a.resetMs)],
    ['first pod sent by the worker after Apply', '≤ 2 s', ms(a.firstPodMs)],
    ['first pod in the Pods panel after Apply', '≤ 2 s', ms(a.firstShownMs)],
    [`pods shown / Running after ${SECONDS} s`, `${REPLICAS.toLocaleString('en')}`, `${last.shown ?? '?'} / ${last.running ?? '?'}`],
    ['frame rate while the pods churn', '≥ 30 fps', `${a.frames.fps.toFixed(1)} fps`],
    ['  median / 95th percentile frame', 'p95 < 50 ms', `${ms(a.frames.median)} / ${ms(a.frames.p95)}`],
    ['page JS heap (peak of the samples)', '≤ 300 MB', `${(peak('heap') / MiB).toFixed(0)} MiB`],
    ['worker JS heap (peak of the samples)', '≤ 1 GiB', `${(peak('workerHeap') / MiB).toFixed(0)} MiB`],
    [`  live after a full collection, at ${SECONDS} s`, '', a.workerLive === null || a.workerLive === undefined ? 'n/a' : `${(a.workerLive / MiB).toFixed(0)} MiB`],
    [`walkthrough animation (${b.steps} Next presses)`, '≥ 55 fps', `${b.frames.fps.toFixed(1)} fps`],
    ['  median / 95th percentile frame', '', `${ms(b.frames.median)} / ${ms(b.frames.p95)}`],
  ];
  console.log(`\nChromium ${browser.version?.() ?? ''} 1280×720, ${new Date().toISOString().slice(0, 16)}Z, load average (1 min) ${loadStart.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  console.log(`| measure | goal | measured |\n|---|---|---|`);
  for (const [m, g, v] of table) console.log(`| ${m} | ${g} | ${v} |`);
} finally {
  server.kill();
}
