// Benchmark (not a test): time travel on a recorded run of about 10,000 trace events. Prints the
// seek times (median and worst of 50 random seeks), the checkpoints' memory, and the cost of a
// replay from the input log (what opening a share link costs). Writes the run as RunData JSON for
// the browser benchmark. `npm run bench:seek -- [--events 10000] [--seeks 50] [--out FILE]`.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createCluster, type Cluster } from '../engine';
import { ENGINE_VERSION } from '../engine/version';
import { Rng } from '../engine/kernel/rng';
import { STARTER_POD } from '../ui/editor/examples';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

const DEPLOY = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
        readinessProbe:
          httpGet: {path: /, port: 80}
          periodSeconds: 5
`;

/** A lesson's worth of activity: a Pod, a Deployment scaled and rolled, a node failure, deletions. */
function record(events: number): Cluster {
  const c = createCluster({ seed: 1, nodes: 3 });
  c.runUntilIdle();
  const steps: Array<() => void> = [
    () => c.apply(STARTER_POD),
    () => c.apply(DEPLOY(3, 'nginx:1.27')),
    () => c.apply(DEPLOY(5, 'nginx:1.27')),
    () => c.apply(DEPLOY(5, 'nginx:1.28')),
    () => c.inject({ type: 'node.stop', target: 'node-2' }),
    () => c.delete({ kind: 'Pod', name: 'nginx' }),
    () => c.inject({ type: 'node.start', target: 'node-2' }),
    () => c.apply(DEPLOY(2, 'nginx:1.28')),
  ];
  for (let i = 0; c.trace().length < events; i++) {
    if (i < steps.length) steps[i]();
    c.runUntilIdle();
    c.advance(20_000);
  }
  while (c.trace().length > events) c.seek(events - 1);
  return c;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const events = Number(arg('events', '10000'));
  const seeks = Number(arg('seeks', '50'));
  const out = arg('out', '');
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const c = record(events);
  const tRecord = performance.now() - t0;
  const st = c.checkpointStats();
  const inputs = c.inputs();
  const length = c.trace().length;

  const rng = new Rng({}, 7, 'bench');
  const times: number[] = [];
  for (let i = 0; i < seeks; i++) {
    const seq = rng.int(length);
    const s = performance.now();
    c.seek(seq);
    times.push(performance.now() - s);
  }
  global.gc?.();
  const heap1 = process.memoryUsage().heapUsed;

  const r0 = performance.now();
  const replay = createCluster({ seed: 1, nodes: 3, inputs });
  replay.seek(length - 1);
  const tReplay = performance.now() - r0;

  console.log(`recorded run          ${length} trace events, ${inputs.length} inputs, ${(c.now() / 1000).toFixed(0)} s virtual, ${(tRecord / 1000).toFixed(1)} s wall`);
  console.log(`checkpoints           ${st.count} every ${st.interval} events, ~${(st.snapshotBytes / 2 ** 20).toFixed(1)} MiB each (estimate), ~${((st.count * st.snapshotBytes) / 2 ** 20).toFixed(0)} MiB together`);
  console.log(`heap after the run    ${((heap1 - heap0) / 2 ** 20).toFixed(0)} MiB (engine, trace and checkpoints)`);
  console.log(`seek (engine)         median ${median(times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms over ${seeks} random seeks`);
  console.log(`replay from the log   ${tReplay.toFixed(0)} ms to the last event (opening a share link)`);
  if (out) {
    writeFileSync(out, JSON.stringify({ engine: ENGINE_VERSION, seed: 1, nodes: 3, etcdMembers: 3, inputs, cursor: length - 1 }));
    console.log(`run written to        ${out}`);
  }
}

main();
