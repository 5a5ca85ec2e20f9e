// Benchmark (not a test): N nodes and M pods through kubectl → apiserver → etcd → scheduler →
// binding → kubelet → Running, headless. Prints wall time, pods per second, virtual time, trace
// events and peak heap. `npm run bench -- [--nodes N] [--pods M] [--seed S] [--deployment]`
// (--deployment: one Deployment of M replicas instead of M pods applied one by one).
import { loadavg } from 'node:os';
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

function deploymentYaml(replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bench
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: bench}
  template:
    metadata:
      labels: {app: bench}
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

function cpuSecs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1e6;
}

function main(): void {
  const nodes = arg('nodes', 100);
  const pods = arg('pods', 1000);
  const seed = arg('seed', 1);
  const deployment = process.argv.includes('--deployment');
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const c = createCluster({ seed, nodes });
  c.setTraceRecording(false);
  // story events are built and counted here; ambient ones (heartbeats, Raft appends, watch
  // deliveries) nobody observes are only counted by the kernel (Cluster.ambientSummary)
  let story = 0;
  c.onTrace(() => {
    story++;
  }, { ambient: false });
  c.runUntilIdle();
  const tBoot = performance.now();
  const cpuBoot = process.cpuUsage();
  // pods/s to Bound: wall and CPU time from the first POST until the last pod's scheduling decision
  let bound = 0;
  let tBound = 0;
  let cpuBound = 0;
  c.onTrace((e) => {
    // the scheduler's decision for a pod with a node: its binding POST follows in the same virtual ms
    if (e.type === 'scheduler.decision' && (e.params as { node?: string }).node) {
      bound++;
      if (bound === pods) {
        tBound = performance.now();
        cpuBound = cpuSecs(process.cpuUsage(cpuBoot));
      }
    }
  }, { ambient: false });
  if (deployment) {
    // one Deployment of `pods` replicas: the ReplicaSet controller's bursts fill the scheduling queue
    const [r] = c.apply(deploymentYaml(pods));
    if (!r.ok) throw new Error(`apply deployment: ${r.status?.message}`);
    let n = 0;
    c.onTrace(() => {
      if (++n % 100 === 0) sample();
    }, { ambient: false });
  } else {
    for (let i = 0; i < pods; i++) {
      const [r] = c.apply(podYaml(i));
      if (!r.ok) throw new Error(`apply bench-${i}: ${r.status?.message}`);
      if (i % 100 === 0) sample();
    }
  }
  c.runUntilIdle(3_600_000);
  sample();
  const tEnd = performance.now();
  const cpuRun = cpuSecs(process.cpuUsage(cpuBoot));
  const cpuBootS = cpuSecs(process.cpuUsage(cpu0)) - cpuRun;
  const running = c.list('Pod').filter((p) => (p.status as { phase?: string }).phase === 'Running').length;
  const secs = (tEnd - tBoot) / 1000;
  console.log(`nodes ${nodes}, pods ${pods}${deployment ? ' (one Deployment)' : ''}, seed ${seed}`);
  const boundSecs = (tBound - tBoot) / 1000;
  console.log(`bootstrap            ${((tBoot - t0) / 1000).toFixed(2)} s wall, ${cpuBootS.toFixed(2)} s CPU`);
  console.log(`pods → Bound         ${bound}/${pods} in ${boundSecs.toFixed(2)} s wall (${(pods / boundSecs).toFixed(0)} pods/s), ${cpuBound.toFixed(2)} s CPU (${(pods / cpuBound).toFixed(0)} pods/CPU-s)`);
  console.log(`pods → Running       ${running}/${pods} in ${secs.toFixed(2)} s wall (${(pods / secs).toFixed(0)} pods/s), ${cpuRun.toFixed(2)} s CPU (${(pods / cpuRun).toFixed(0)} pods/CPU-s)`);
  console.log(`virtual time         ${(c.now() / 1000).toFixed(1)} s`);
  const ambient = Object.values(c.ambientSummary()).reduce((a, b) => a + b, 0);
  const events = story + ambient;
  console.log(`trace events         ${events} (${(events / secs).toFixed(0)} /s): ${story} story events built, ${ambient} ambient ones counted`);
  // the peak counts garbage not collected yet; after a full collection, what the cluster holds
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const live = gc ? ` (${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB live after a full GC)` : '';
  console.log(`peak heap            ${(peakHeap / 2 ** 20).toFixed(0)} MiB sampled${live}`);
  console.log(`load average         ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (running !== pods) process.exitCode = 1;
}

main();
