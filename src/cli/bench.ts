// Benchmark (not a test): N nodes and M pods through kubectl → apiserver → etcd → scheduler →
// binding → kubelet → Running, headless. Prints wall time, pods per second, virtual time, trace
// events and peak heap. `npm run bench -- [--nodes N] [--pods M] [--seed S]`.
import { performance } from 'node:perf_hooks';
import { createCluster } from '../engine';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function podYaml(i: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: bench-${i}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: 10m
        memory: 16Mi
`;
}

function main(): void {
  const nodes = arg('nodes', 100);
  const pods = arg('pods', 1000);
  const seed = arg('seed', 1);
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const t0 = performance.now();
  const c = createCluster({ seed, nodes });
  c.setTraceRecording(false);
  let events = 0;
  c.onTrace(() => {
    events++;
  });
  c.runUntilIdle();
  const tBoot = performance.now();
  for (let i = 0; i < pods; i++) {
    const [r] = c.apply(podYaml(i));
    if (!r.ok) throw new Error(`apply bench-${i}: ${r.status?.message}`);
    if (i % 100 === 0) sample();
  }
  c.runUntilIdle(3_600_000);
  sample();
  const tEnd = performance.now();
  const running = c.list('Pod').filter((p) => (p.status as { phase?: string }).phase === 'Running').length;
  const secs = (tEnd - tBoot) / 1000;
  console.log(`nodes ${nodes}, pods ${pods}, seed ${seed}`);
  console.log(`bootstrap            ${((tBoot - t0) / 1000).toFixed(2)} s wall`);
  console.log(`pods → Running       ${running}/${pods} in ${secs.toFixed(2)} s wall (${(pods / secs).toFixed(0)} pods/s)`);
  console.log(`virtual time         ${(c.now() / 1000).toFixed(1)} s`);
  console.log(`trace events         ${events} (${(events / secs).toFixed(0)} /s)`);
  console.log(`peak heap            ${(peakHeap / 2 ** 20).toFixed(0)} MiB`);
  if (running !== pods) process.exitCode = 1;
}

main();
