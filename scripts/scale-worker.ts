// Headless repro of the browser's large-cluster case (issue 12): the worker's Host on the real engine,
// ticked every 16 ms of wall time as worker.ts does, 1,000 nodes, real time at 50×, one Apply of a
// large Deployment. Prints how long each tick blocked and when the first pods were posted.
// `npx tsx scripts/scale-worker.ts [replicas] [seconds]` (node --cpu-prof for a profile).
import { performance } from 'node:perf_hooks';
import { createCluster } from '../src/engine';
import type { WorkerMessage } from '../src/protocol/messages';
import { Host, type HostedCluster } from '../src/worker/host';

const REPLICAS = Number(process.argv[2] ?? 10_000);
const SECONDS = Number(process.argv[3] ?? 30);
const NODES = Number(process.env.NODES ?? 1000);
const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${REPLICAS}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources:
          requests: {cpu: 10m, memory: 16Mi}
`;

const pods = new Map<string, string>();
/** SIZES=1: JSON bytes posted per view (what the structured clone of each BATCH carries) */
const viewBytes = new Map<string, number>();
let postedBytes = 0;
let firstPodAt: number | undefined;
let applyAt = 0;
const post = (m: WorkerMessage) => {
  if (m.type !== 'BATCH') return;
  if (m.reset) pods.clear();
  if (process.env.SIZES && m.views) for (const [k, v] of Object.entries(m.views)) viewBytes.set(k, (viewBytes.get(k) ?? 0) + JSON.stringify(v).length);
  if (process.env.SIZES) for (const o of m.objects) viewBytes.set(`objects ${o.key.split('/')[0]}`, (viewBytes.get(`objects ${o.key.split('/')[0]}`) ?? 0) + JSON.stringify(o).length);
  if (process.env.SIZES && m.clusterMap) viewBytes.set('clusterMap', (viewBytes.get('clusterMap') ?? 0) + JSON.stringify(m.clusterMap).length);
  if (process.env.SIZES && m.trace) viewBytes.set('trace', (viewBytes.get('trace') ?? 0) + JSON.stringify(m.trace).length);
  for (const c of m.objects) {
    if (!c.key.startsWith('Pod/')) continue;
    if (c.op === 'delete') pods.delete(c.key);
    else pods.set(c.key, (c.object as { status?: { phase?: string } }).status?.phase ?? '');
  }
  if (firstPodAt === undefined && applyAt && pods.size > 0) firstPodAt = performance.now();
};

const t0 = performance.now();
// each engine checkpoint (a structured clone of the whole state) is timed: one is an unsliceable block
const snaps: number[] = [];
const host = new Host((o) => {
  const c = createCluster(o) as HostedCluster & { snapshot(): unknown };
  const snapshot = c.snapshot.bind(c);
  c.snapshot = () => {
    const s = performance.now();
    const r = snapshot();
    snaps.push(performance.now() - s);
    return r;
  };
  return c;
}, post, () => performance.now());
host.start({ nodes: NODES });
console.log(`start ${NODES} nodes: ${(performance.now() - t0).toFixed(0)} ms`);
host.handle({ type: 'SET_PACING', pacing: 'realtime' });
host.handle({ type: 'SET_SPEED', speed: 50 });
host.handle({ type: 'PLAY' });
for (let i = 0; i < 10; i++) host.tick();
applyAt = performance.now();
host.handle({ type: 'APPLY', id: 1, yaml });
const applyMs = performance.now() - applyAt;
snaps.length = 0;
console.log(`APPLY handled in ${applyMs.toFixed(0)} ms`);
const ticks: number[] = [];
let nextReport = applyAt + 5000;
const end = applyAt + SECONDS * 1000;
let nextTick = performance.now();
while (performance.now() < end) {
  // the worker's setInterval(16): a tick runs when due, late ticks run at once
  const now = performance.now();
  if (now < nextTick) {
    const wait = nextTick - now;
    const s = performance.now();
    while (performance.now() - s < wait) { /* idle: no other work in this repro */ }
  }
  const s = performance.now();
  host.tick();
  ticks.push(performance.now() - s);
  nextTick = Math.max(nextTick + 16, performance.now());
  if (performance.now() >= nextReport) {
    let running = 0;
    for (const p of pods.values()) if (p === 'Running') running++;
    const mem = process.memoryUsage().heapUsed / 2 ** 20;
    const clock = (host as unknown as { pacer: { clock(): { nowMs: number } } }).pacer.clock().nowMs;
    console.log(`+${((performance.now() - applyAt) / 1000).toFixed(0)} s: pods ${pods.size}, Running ${running}, virtual ${(clock / 1000).toFixed(1)} s, heap ${mem.toFixed(0)} MiB, worst tick ${Math.max(...ticks.slice(-400)).toFixed(0)} ms, checkpoints ${snaps.length} (worst ${Math.max(0, ...snaps).toFixed(0)} ms, total ${snaps.reduce((a, b) => a + b, 0).toFixed(0)} ms)`);
    nextReport += 5000;
  }
}
const sorted = [...ticks].sort((a, b) => a - b);
console.log(`first pods posted ${firstPodAt ? ((firstPodAt - applyAt) / 1000).toFixed(2) + ' s' : 'never'} after Apply`);
console.log(`ticks ${ticks.length}: median ${sorted[sorted.length >> 1].toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms`);
if (process.env.SIZES) for (const [k, b] of [...viewBytes].sort((x, y) => y[1] - x[1])) console.log(`posted ${k}: ${(b / 2 ** 20).toFixed(1)} MiB`);
