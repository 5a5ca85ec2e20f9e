// Benchmark (not a test): time travel in Chromium. Serves the built app, loads a recorded run of
// ~10,000 trace events (written by `npm run bench:seek -- --out …`), then seeks to 50 random
// positions and prints how long each took until every view showed the moment and the browser
// painted it (median and worst), plus the page's JS heap. Uses Debian's chromium, never a download.
// `npm run bench:browser` (builds first). TRACE=1 records a Chromium trace over the seeks and also
// prints the page main thread's CPU time per seek, which other processes on the machine disturb
// far less than the wall-clock times (the timings of that run include the tracing's overhead).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';

const RUN = process.env.RUN ?? '/tmp/orrery-run.json';
const PORT = Number(process.env.PORT ?? 4593);
const SEEKS = Number(process.env.SEEKS ?? 50);
const TRACE = process.env.TRACE === '1';
// DIST: a build elsewhere (`vite build --outDir …`), so others' builds into dist/ do not swap it mid-run
const DIST = process.env.DIST ?? 'dist';

// a run recorded by another engine version is refused by the app (it would replay differently), so
// record it again rather than wait for a load that never comes
const ENGINE = /ENGINE_VERSION = '([^']+)'/.exec(readFileSync('src/engine/version.ts', 'utf8'))[1];
const stale = () => !existsSync(RUN) || JSON.parse(readFileSync(RUN, 'utf8')).engine !== ENGINE;
if (stale()) {
  const r = spawnSync('npx', ['tsx', '--expose-gc', 'src/cli/bench-seek.ts', '--out', RUN], { stdio: 'inherit' });
  if (r.status !== 0 || stale()) process.exit(1);
}
const run = JSON.parse(readFileSync(RUN, 'utf8'));
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST], { stdio: 'ignore' });
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info'];
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
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://127.0.0.1:${PORT}/?bench`);
  await page.waitForFunction(() => window.__orreryBench && window.__orreryBench.length() > 0, null, { timeout: 60_000 });
  const loadMs = await page.evaluate((r) => window.__orreryBench.load(r), run);
  const length = await page.evaluate(() => window.__orreryBench.length());
  if (TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const times = await page.evaluate(async ({ n, len }) => {
    let x = 12345;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const out = [];
    const store = [];
    const frame = [];
    let prev = window.__orreryBench.position();
    for (let i = 0; i < n; i++) {
      let seq = Math.floor(rand() * len);
      if (seq === prev) seq = (seq + 1) % len;
      out.push(await window.__orreryBench.seek(seq));
      store.push(window.__orreryBench.lastStoreMs);
      frame.push(window.__orreryBench.lastFrameMs);
      prev = seq;
    }
    return { out, store, frame };
  }, { n: SEEKS, len: run.cursor + 1 });
  let mainCpu = null;
  if (TRACE) {
    const trace = JSON.parse((await browser.stopTracing()).toString());
    const events = trace.traceEvents ?? trace;
    const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    mainCpu = 0;
    for (const e of events) if (e.ph === 'X' && e.name === 'RunTask' && e.tdur && main.has(`${e.pid}:${e.tid}`)) mainCpu += e.tdur / 1000;
  }
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  const sorted = [...times.out].sort((a, b) => a - b);
  const storeSorted = [...times.store].sort((a, b) => a - b);
  const frameSorted = [...times.frame].sort((a, b) => a - b);
  const load = loadavg()[0];
  console.log(`Chromium, 1280×720, a run of ${run.cursor + 1} trace events (${run.inputs.length} inputs, timeline ${length})`);
  console.log(`open the run (replay from its input log)  ${loadMs.toFixed(0)} ms`);
  console.log(`seek, every view updated and painted      median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, worst ${sorted.at(-1).toFixed(0)} ms over ${SEEKS} random seeks`);
  if (frameSorted[0] !== undefined && frameSorted[0] !== null) console.log(`  until the frame showing it was painted   median ${frameSorted[Math.floor(frameSorted.length / 2)].toFixed(0)} ms, worst ${frameSorted.at(-1).toFixed(0)} ms (the next frame's rAF; the line above waits one frame more)`);
  console.log(`  of which until the store had it         median ${storeSorted[Math.floor(storeSorted.length / 2)].toFixed(0)} ms, worst ${storeSorted.at(-1).toFixed(0)} ms (worker seek + transfer + reduce + React render)`);
  if (mainCpu !== null) console.log(`page main thread CPU per seek            ${(mainCpu / SEEKS).toFixed(1)} ms (trace: worker messages, reduce, React, style, layout, paint)`);
  console.log(`machine load average (1 min) at the end   ${load.toFixed(1)} on ${cpus().length} cores (other processes share them)`);
  console.log(`page JS heap                              ${(heap / 2 ** 20).toFixed(0)} MiB`);
  await browser.close();
} finally {
  server.kill();
}
