// An app attached to npm run serve: a WebSocket client speaks the worker ⇄ UI protocol while the real
// kubectl talks to the same server, and the trace the client is sent shows kubectl's request travel
// the pipeline (kubectl's POST through the apiserver's stages, the pod written to etcd, scheduled and
// bound) — what the app animates.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command, TraceEvent, WorkerMessage } from '../protocol/messages';
import { ATTACH_PATH, type OrreryServer, kubeconfig, startServer } from './server';
import { WebSocketConnection, acceptKey } from './websocket';

const KUBECTL = '/usr/bin/kubectl';
const HAVE_KUBECTL = existsSync(KUBECTL);

interface Client {
  messages: WorkerMessage[];
  send(cmd: Command): void;
  close(): void;
  closed: Promise<void>;
}

/** A WebSocket client over node:http's upgrade (Node 20 has no WebSocket global without a flag). */
function attach(port: number, origin?: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const key = randomBytes(16).toString('base64');
    const req = request({ host: '127.0.0.1', port, path: ATTACH_PATH, headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13', ...(origin ? { Origin: origin } : {}) } });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.on('upgrade', (res, socket, head) => {
      if (res.headers['sec-websocket-accept'] !== acceptKey(key)) return reject(new Error('bad Sec-WebSocket-Accept'));
      const conn = new WebSocketConnection(socket, false);
      const messages: WorkerMessage[] = [];
      let onClosed = () => {};
      const closed = new Promise<void>((r) => (onClosed = r));
      conn.onmessage = (text) => messages.push(...(JSON.parse(text) as WorkerMessage[]));
      conn.onclose = onClosed;
      if (head.length) conn.receive(head);
      resolve({ messages, send: (cmd) => conn.send(JSON.stringify(cmd)), close: () => conn.close(), closed });
    });
    req.end();
  });
}

async function until<T>(what: string, f: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const traceOf = (c: Client): TraceEvent[] => c.messages.flatMap((m) => (m.type === 'BATCH' ? m.trace : []));

describe('an app attached to npm run serve', () => {
  let server: OrreryServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 3, nodes: 3, speed: 10, app: false });
    dir = mkdtempSync(join(tmpdir(), 'orrery-attach-'));
    writeFileSync(join(dir, 'kubeconfig'), kubeconfig(server.url));
    env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(KUBECTL, args, { env, timeout: 30_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });

  it('is sent READY and every object on attaching, as the worker sends them', async () => {
    const c = await attach(server.port);
    const ready = await until('READY', () => c.messages.find((m) => m.type === 'READY'));
    expect(ready).toMatchObject({ type: 'READY', nodes: ['node-1', 'node-2', 'node-3'], seed: 3 });
    const reset = await until('a reset batch', () => c.messages.find((m) => m.type === 'BATCH' && m.reset));
    if (reset.type !== 'BATCH') throw new Error('not a batch');
    expect(reset.objectsDelta).toBeUndefined();
    expect(reset.objects.filter((o) => o.op === 'upsert' && o.object?.kind === 'Node')).toHaveLength(3);
    expect(server.attached).toBe(1);
    // the app decides the clock while attached; detached, the server paces in real time × --speed again
    c.send({ type: 'SET_PACING', pacing: 'story' });
    c.send({ type: 'SET_SPEED', speed: 2 });
    await until('story pacing', () => c.messages.some((m) => m.type === 'BATCH' && m.clock.pacing === 'story' && m.clock.speed === 2));
    c.close();
    await c.closed;
    await until('detached', () => server.attached === 0);
    const again = await attach(server.port);
    const reset2 = await until('a reset batch', () => again.messages.find((m): m is Extract<WorkerMessage, { type: 'BATCH' }> => m.type === 'BATCH' && !!m.reset));
    expect(reset2.clock).toMatchObject({ pacing: 'realtime', speed: 10, playing: true });
    again.close();
    await until('detached', () => server.attached === 0);
  });

  it('refuses a page of another origin', async () => {
    await expect(attach(server.port, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it.skipIf(!HAVE_KUBECTL)("plays kubectl's request: the pipeline, the pod's etcd write, the bind", async () => {
    const c = await attach(server.port);
    await until('READY', () => c.messages.find((m) => m.type === 'READY'));
    // the app decides the clock while attached: real time at 10× here, as a learner might pick
    c.send({ type: 'SET_PACING', pacing: 'realtime' });
    c.send({ type: 'SET_SPEED', speed: 10 });
    const run = await kubectl('run', 'web', '--image=nginx:1.27');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('pod/web created\n');
    const kinds = (e: TraceEvent) => e.object?.kind === 'Pod' && e.object.name === 'web';
    const trace = await until('the pod bound', () => {
      const t = traceOf(c);
      return t.some((e) => e.type === 'apiserver.request' && e.from === 'scheduler' && /binding/.test(JSON.stringify(e.params))) && t;
    });
    // kubectl's POST, stage by stage, and its answer
    const post = trace.findIndex((e) => e.type === 'apiserver.request' && e.from === 'kubectl');
    const answer = trace.findIndex((e) => e.type === 'apiserver.response' && e.to === 'kubectl');
    expect(trace[post].params).toMatchObject({ method: 'POST', path: '/api/v1/namespaces/default/pods', user: 'kubernetes-admin' });
    expect(trace[answer].params).toMatchObject({ code: 201 });
    const stages = trace.slice(post, answer).map((e) => e.type);
    for (const stage of ['apiserver.authenticate', 'apiserver.authorize', 'apiserver.admit', 'apiserver.validate']) expect(stages).toContain(stage);
    expect(trace.some((e) => e.type === 'etcd.put' && kinds(e))).toBe(true);
    expect(trace.some((e) => e.type === 'scheduler.decision' && kinds(e))).toBe(true);
    // and the views the app shows: the request pipeline holds kubectl's POST
    const views = c.messages.flatMap((m) => (m.type === 'BATCH' && m.views?.pipeline ? [m.views.pipeline] : []));
    expect(JSON.stringify(views)).toContain('/api/v1/namespaces/default/pods');
    // the pod ends up on a node, in the objects the app is sent
    await until('the pod on a node', () =>
      c.messages.some((m) => m.type === 'BATCH' && m.objects.some((o) => o.op === 'upsert' && o.object?.kind === 'Pod' && o.object.metadata.name === 'web' && (o.object as { spec?: { nodeName?: string } }).spec?.nodeName)),
    );
    // the write is in the run's input log, as the Terminal's are
    expect(server.cluster.inputs().some((i) => i.type === 'request' && i.request.resource === 'pods' && i.request.verb === 'create')).toBe(true);
    // kubectl's watches follow the story while the app paces it: rollout status ends when the rollout has played
    c.send({ type: 'SET_PACING', pacing: 'story' });
    c.send({ type: 'SET_SPEED', speed: 50 });
    const create = await kubectl('create', 'deployment', 'api', '--image=nginx:1.27');
    expect(create.code, create.stderr).toBe(0);
    const rollout = await kubectl('rollout', 'status', 'deploy/api', '--timeout=60s');
    expect(rollout.code, rollout.stderr).toBe(0);
    expect(rollout.stdout).toContain('deployment "api" successfully rolled out');
    c.close();
  }, 90_000);
});

describe('npm run serve serves the built app beside the API', () => {
  it('answers / with the page (marked for attaching), assets with their types, and the API paths as before', async () => {
    const app = mkdtempSync(join(tmpdir(), 'orrery-app-'));
    mkdirSync(join(app, 'assets'));
    writeFileSync(join(app, 'index.html'), '<!doctype html><html><head><title>Kube Orrery</title></head><body></body></html>');
    writeFileSync(join(app, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(app, 'assets', 'index-abc.css'), 'body{}');
    // a file that shadows an API path is never served
    mkdirSync(join(app, 'api'));
    writeFileSync(join(app, 'api', 'v1'), 'not the API');
    const s = await startServer({ port: 0, seed: 1, nodes: 1, app });
    try {
      const page = await fetch(`${s.url}/?nowalkthrough`);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain(`<meta name="orrery-attach" content="${ATTACH_PATH}" />`);
      const js = await fetch(`${s.url}/assets/index-abc.js`);
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(js.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${s.url}/assets/index-abc.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
      const api = await fetch(`${s.url}/api/v1`);
      expect(((await api.json()) as { kind: string }).kind).toBe('APIResourceList');
      expect(((await (await fetch(`${s.url}/version`)).json()) as { minor: string }).minor).toBe('33');
      expect((await fetch(`${s.url}/assets/../../etc/passwd`)).status).toBe(404);
      expect((await fetch(`${s.url}/missing.js`)).status).toBe(404);
    } finally {
      await s.close();
      rmSync(app, { recursive: true, force: true });
    }
  }, 60_000);
});
