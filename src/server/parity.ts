// What the real-kubectl tests share: the manifests a session applies, a server with a twin cluster of
// the same seed, and one session typed into both — the real kubectl (Debian's 1.32) against
// `npm run serve`'s server and the in-app Terminal's kubectl against the twin — with the clocks held
// still (speed 0) and moved by the same amounts between commands, so both clusters see the same
// requests at the same virtual moments. Test-only: imported by src/server/*.test.ts.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCluster, type Cluster } from '../engine';
import { handle } from '../rest/handler';
import { splitWords } from '../rest/kubectl/args';
import { KubectlSession } from '../rest/kubectl/kubectl';
import { type OrreryServer, kubeconfig, startServer } from './server';

export const KUBECTL = '/usr/bin/kubectl';
export const HAVE_KUBECTL = existsSync(KUBECTL);

/** A ConfigMap and a Deployment in one file, as a class applies it twice (`unchanged`). */
export const APP_YAML = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: nginx:1.27
`;

/** A Pod without an image: the apiserver's Invalid. */
export const INVALID_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
  - name: c
`;

export const FILES: Record<string, string> = { 'app.yaml': APP_YAML, 'invalid.yaml': INVALID_YAML };

export interface Out {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The real kubectl's answer to `args` with this environment (async: the server answers in-process). */
export function runKubectl(args: string[], env: NodeJS.ProcessEnv, cwd?: string, timeout = 30_000): Promise<Out> {
  return new Promise((resolve) => {
    execFile(KUBECTL, args, { env, cwd, timeout }, (err, stdout, stderr) => {
      const exitCode = err ? (typeof (err as { code?: unknown }).code === 'number' ? Number((err as { code: number }).code) : 1) : 0;
      resolve({ stdout, stderr, exitCode });
    });
  });
}

export interface Parity {
  server: OrreryServer;
  twin: Cluster;
  dir: string;
  env: NodeJS.ProcessEnv;
  files: Record<string, string>;
  /** the real kubectl, a whole command line (`kubectl get pods`) */
  real(line: string): Promise<Out>;
  /** a Terminal session against the twin */
  terminal(namespace?: string): KubectlSession;
  /** move both clocks */
  advance(ms: number): void;
  /**
   * Type `session` into both: a line is a command, or `+N` to move both clocks N virtual ms;
   * `{pod}` is replaced by the first name a `-o name` command printed. Returns one text per command
   * whose stdout, stderr or exit code differ (empty when every byte matched).
   */
  compare(session: string[], terminal?: KubectlSession): Promise<string[]>;
  close(): Promise<void>;
}

/** A speed-0 server and its twin, both run idle for two virtual minutes (the cluster settled). */
export async function startParity(opts: { seed?: number; nodes?: number; files?: Record<string, string> } = {}): Promise<Parity> {
  const seed = opts.seed ?? 7;
  const nodes = opts.nodes ?? 3;
  const files = opts.files ?? FILES;
  // speed 0: the server's clock moves only when the test moves it
  const server = await startServer({ port: 0, seed, nodes, speed: 0 });
  const twin = createCluster({ seed, nodes });
  twin.runUntilIdle(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'orrery-parity-'));
  writeFileSync(join(dir, 'kubeconfig'), kubeconfig(server.url));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // a cache of its own: kubectl keeps discovery for hours under ~/.kube/cache
  const env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
  const real = (line: string) => runKubectl(splitWords(line).slice(1), env, dir);
  const terminal = (namespace = 'default') =>
    new KubectlSession({ handle: (r) => handle({ cluster: twin, serverAddress: 'orrery.local' }, r), namespace, files, nowMs: () => Date.now() });
  const advance = (ms: number) => {
    server.cluster.advance(ms);
    twin.advance(ms);
  };
  return {
    server,
    twin,
    dir,
    env,
    files,
    real,
    terminal,
    advance,
    async compare(session, term = terminal()) {
      let pod = '';
      const mismatches: string[] = [];
      for (const step of session) {
        if (step.startsWith('+')) {
          advance(Number(step.slice(1)));
          continue;
        }
        const line = step.replace('{pod}', pod);
        const want = await real(line);
        const got = term.run(line);
        if (!pod && line.endsWith('-o name')) pod = want.stdout.split('\n')[0].replace(/^[a-z.]+\//, '');
        const pick = (o: Out) => ({ stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode });
        if (JSON.stringify(pick(got)) !== JSON.stringify(pick(want))) mismatches.push(`$ ${line}\n--- kubectl\n${JSON.stringify(want, null, 1)}\n--- terminal\n${JSON.stringify(got, null, 1)}`);
      }
      return mismatches;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
