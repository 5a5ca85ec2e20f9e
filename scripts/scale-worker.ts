// Headless repro of the browser's large-cluster case (issue 12): the worker's Host on the real engine,
// ticked every 16 ms of wall time as worker.ts does, 1,000 nodes, real time at 50×, one Apply of a
// large Deployment. Prints how long each tick blocked and when the first pods were posted.
// `npx tsx scripts/scale-worker.ts [replicas] [seconds]` (node --cpu-prof for a profile).
import { performance } from 'node:perf_hooks';
import { createCluster } from '../src/engine';
import type { WorkerMessage } from '../src/protocol/messages';
import { Host, type HostedCluster } from '../src/worker/host';
import { deflateTraceCodec } from '../src/worker/trace-codec';

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
// as worker.ts does once its lazy chunk is in; the time packing takes is counted
let packMs = 0;
let unpackMs = 0;
const timed = <A extends unknown[], R>(f: (...a: A) => R, add: (ms: number) => void) => (...a: A): R => {
  const s = performance.now();
  const r = f(...a);
  add(performance.now() - s);
  return r;
};
if (!process.env.NO_PACKING) host.setTraceCodec({ ...deflateTraceCodec, pack: timed(deflateTraceCodec.pack, (ms) => (packMs += ms)), unpack: timed(deflateTraceCodec.unpack, (ms) => (unpackMs += ms)) });
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
void (async () => {
const REPORT_MS = Number(process.env.REPORT_MS ?? 5000);
let nextReport = applyAt + REPORT_MS;
const end = applyAt + SECONDS * 1000;
let nextTick = performance.now();
while (performance.now() < end) {
  // the worker's setInterval(16): a tick runs when due, late ticks run at once
  const now = performance.now();
  // idle until the tick is due; a late tick still lets the event loop run (the trace codec deflates there)
  await new Promise((r) => (now < nextTick ? setTimeout(r, nextTick - now) : setImmediate(r)));
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
    nextReport += REPORT_MS;
  }
}
const sorted = [...ticks].sort((a, b) => a - b);
console.log(`first pods posted ${firstPodAt ? ((firstPodAt - applyAt) / 1000).toFixed(2) + ' s' : 'never'} after Apply`);
{
  const log = (host as unknown as { cluster: { k: { traceLog: { packedEvents: number; packedBytes: number; length: number } } } }).cluster.k.traceLog;
  console.log(`trace ${log.length} events, ${log.packedEvents} of them in packed pages of ${(log.packedBytes / 2 ** 20).toFixed(1)} MiB: packed in ${packMs.toFixed(0)} ms, unpacked in ${unpackMs.toFixed(0)} ms`);
}
console.log(`ticks ${ticks.length}: median ${sorted[sorted.length >> 1].toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms`);
if (process.env.BREAKDOWN) breakdown();
if (process.env.SIZES) for (const [k, b] of [...viewBytes].sort((x, y) => y[1] - x[1])) console.log(`posted ${k}: ${(b / 2 ** 20).toFixed(1)} MiB`);
})();

/** BREAKDOWN=1 (node --expose-gc): what the worker's heap holds, live after full collections, by
 * dropping one part after another: the engine's checkpoints, the views' checkpoints, the recorded
 * trace, the views, then each engine component's state. Ends the run. */
function breakdown(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return void console.log('BREAKDOWN needs node --expose-gc');
  const live = () => (gc(), gc(), process.memoryUsage().heapUsed / 2 ** 20);
  const h = host as unknown as Record<string, unknown> & { cluster: { checkpoints: { list: unknown[] }; k: { traceLog: { truncate(n: number): void }; actors: Map<string, { s: unknown }> } }; checkpoints: { list: unknown[] } };
  let last = live();
  console.log(`live ${last.toFixed(0)} MiB`);
  const drop = (what: string, f: () => void) => {
    f();
    const now = live();
    if (last - now >= 1) console.log(`  ${what}: ${(last - now).toFixed(0)} MiB`);
    last = now;
  };
  drop('engine checkpoints', () => (h.cluster.checkpoints.list.length = 0));
  drop('view checkpoints', () => (h.checkpoints.list.length = 0));
  drop('recorded trace', () => h.cluster.k.traceLog.truncate(0));
  drop('views', () => ((h.views = null), (h.sent = null)));
  // the components by kind (1,000 kubelets are one line)
  const kinds = new Map<string, { s: unknown }[]>();
  for (const [id, a] of h.cluster.k.actors) {
    const kind = id.replace(/[-:][^-:]*\d+$/, '');
    kinds.set(kind, [...(kinds.get(kind) ?? []), a]);
  }
  for (const [kind, actors] of kinds) drop(`state of ${kind} (${actors.length})`, () => actors.forEach((a) => (a.s = null)));
  console.log(`  the rest: ${last.toFixed(0)} MiB`);
}
