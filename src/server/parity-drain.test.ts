// `kubectl drain` in the Terminal prints what the real kubectl 1.32 prints against `npm run serve`:
// a DaemonSet pod (refused, then ignored with its Warning), a Deployment pod with an emptyDir
// (refused without --delete-emptydir-data), a PodDisruptionBudget that blocks the eviction (429,
// retried every 5 s until --timeout), then one that allows it (evicted, waited for, drained).
// The waiting commands run against moving clocks: the real kubectl sleeps and polls in wall time
// while the test moves the server's clock a virtual second every 100 ms; the Terminal's drain is
// polled as the twin's clock moves a virtual second at a time. Both print the same lines; the
// clocks are brought back in step after each such command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPOCH_MS } from '../engine';
import { handle } from '../rest/handler';
import { KubectlSession } from '../rest/kubectl/kubectl';
import { HAVE_KUBECTL, type Out, type Parity, startParity } from './parity';

const DS_YAML = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "3600"]
`;

const WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      nodeSelector:
        kubernetes.io/hostname: node-1
      containers:
      - name: nginx
        image: nginx:1.27
        volumeMounts:
        - {name: cache, mountPath: /cache}
      volumes:
      - name: cache
        emptyDir: {}
`;

const PDB_YAML = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
`;

const PDB_OPEN_YAML = PDB_YAML.replace('minAvailable: 1', 'maxUnavailable: 1');

/** A pod no controller manages, bound to node-2. */
const SOLO_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: solo
  labels: {app: solo}
spec:
  nodeName: node-2
  containers:
  - name: nginx
    image: nginx:1.27
`;

const FILES = { 'ds.yaml': DS_YAML, 'web.yaml': WEB_YAML, 'pdb.yaml': PDB_YAML, 'pdb-open.yaml': PDB_OPEN_YAML, 'solo.yaml': SOLO_YAML };

/** A command, `+N` to move both clocks, or `wait: command` for a drain that runs while the clocks move. */
const SESSION = [
  'kubectl apply -f ds.yaml',
  '+20000',
  'kubectl drain node-1',
  'kubectl uncordon node-1',
  'kubectl apply -f web.yaml',
  // (the pods first: a budget made before them records NoPods, whose age the real kubectl
  // reckons from the wall clock while the server's clock is virtual)
  '+30000',
  'kubectl apply -f pdb.yaml',
  '+30000',
  'kubectl get pdb',
  'kubectl get pdb web-pdb -o yaml',
  'kubectl describe pdb web-pdb',
  'kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data --dry-run=client',
  // this server refuses dry runs (the patch and the eviction): kubectl prints both refusals
  'kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data --dry-run=server',
  'kubectl drain node-1 --ignore-daemonsets',
  'wait: kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data --timeout=3s',
  'kubectl apply -f pdb-open.yaml',
  '+5000',
  'kubectl get pdb',
  'wait: kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data --grace-period=5',
  'kubectl get pdb',
  'kubectl describe pdb',
  'kubectl get pods -l app=web -o name',
  'kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data',
  'kubectl apply -f solo.yaml',
  '+10000',
  // (--pod-selector leaves node-2's DaemonSet pod out: two warnings print in Go's random map order)
  'kubectl drain node-2 --pod-selector=app=solo',
  'wait: kubectl drain node-2 --pod-selector=app=solo --force --grace-period=5',
  'kubectl uncordon node-2',
  'kubectl get pod solo',
  'kubectl drain node-9',
  'kubectl drain',
  'kubectl drain node-1 --timeout=abc',
  'kubectl drain node-1 --dry-run=maybe',
  'kubectl get nodes',
];

describe.skipIf(!HAVE_KUBECTL && !process.env.CI)('kubectl drain: the Terminal and the real kubectl print the same', () => {
  let px: Parity;
  let term: KubectlSession;
  beforeAll(async () => {
    px = await startParity({ seed: 11, nodes: 2, files: FILES });
    // kubectl's clock is the twin's virtual clock (drain retries and polls in virtual seconds)
    term = new KubectlSession({ handle: (r) => handle({ cluster: px.twin, serverAddress: 'orrery.local' }, r), namespace: 'default', files: FILES, nowMs: () => EPOCH_MS + px.twin.now() });
  }, 60_000);
  afterAll(async () => {
    await px?.close();
  });

  /** The real kubectl with the server's clock moving a virtual second every 100 ms; then the Terminal's drain polled second by second. */
  async function waiting(line: string): Promise<string | undefined> {
    const server = px.server.cluster;
    const tick = setInterval(() => server.advance(1000), 100);
    let want: Out;
    try {
      want = await px.real(line);
    } finally {
      clearInterval(tick);
    }
    const first = term.run(line);
    const got: Out = { stdout: first.stdout, stderr: first.stderr, exitCode: first.exitCode };
    for (let i = 0; first.watching && i < 600; i++) {
      px.twin.advance(1000);
      const p = term.pollDrain();
      if (!p) break;
      got.stdout += p.stdout;
      got.stderr += p.stderr;
      if (p.exitCode !== undefined) {
        got.exitCode = p.exitCode;
        break;
      }
    }
    // the clocks in step again
    const d = server.now() - px.twin.now();
    if (d > 0) px.twin.advance(d);
    else if (d < 0) server.advance(-d);
    const pick = (o: Out) => JSON.stringify({ stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode });
    return pick(got) === pick(want) ? undefined : `$ ${line}\n--- kubectl\n${JSON.stringify(want, null, 1)}\n--- terminal\n${JSON.stringify(got, null, 1)}`;
  }

  it('cordons, refuses, retries on the budget, evicts, waits and drains byte for byte', async () => {
    const mismatches: string[] = [];
    for (const step of SESSION) {
      if (step.startsWith('wait: ')) {
        const m = await waiting(step.slice(6));
        if (m) mismatches.push(m);
      } else mismatches.push(...(await px.compare([step], term)));
    }
    expect(mismatches.join('\n\n')).toBe('');
    // the drain did what it said: node-1 keeps only the DaemonSet's pod, the budget was honoured
    const onNode1 = px.twin.list('Pod', 'default').filter((p) => (p.spec as { nodeName?: string }).nodeName === 'node-1' && !p.metadata.deletionTimestamp);
    expect(onNode1.map((p) => p.metadata.labels?.app)).toEqual(['agent']);
  }, 60_000);
});
