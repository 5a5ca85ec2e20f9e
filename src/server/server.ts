// The Node host of src/rest: Kubernetes' REST API for the real kubectl over plain HTTP on
// 127.0.0.1 only. The engine runs in virtual time paced to the wall clock (× speed): every tick
// advances the cluster to where the wall clock says it should be and feeds the open watches what
// changed. Requests are served between ticks; writes run the engine a few virtual ms forward
// (kubectl's round trip), which the pacing absorbs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Cluster, createCluster } from '../engine';
import { MAX_REQUEST_BODY_BYTES, type RestContext, type Stream, handle } from '../rest/handler';


export interface ServeOptions {
  port?: number;
  seed?: number;
  nodes?: number;
  /** virtual ms per wall ms (1 = real time) */
  speed?: number;
  /** pacing tick, wall ms */
  tickMs?: number;
  /** log each request to this function */
  log?: (line: string) => void;
}

export interface OrreryServer {
  url: string;
  port: number;
  cluster: Cluster;
  close(): Promise<void>;
}

interface OpenWatch {
  stream: Stream;
  res: ServerResponse;
}

export async function startServer(opts: ServeOptions = {}): Promise<OrreryServer> {
  const cluster = createCluster({ seed: opts.seed ?? 1, nodes: opts.nodes ?? 3 });
  // a cluster an installer hands over: control plane up, nodes registered and Ready
  cluster.runUntilIdle(120_000);
  const speed = opts.speed ?? 1;
  const watches = new Set<OpenWatch>();
  const ctx: RestContext = { cluster, serverAddress: '' };

  const server: Server = createServer((req, res) => {
    readBody(req, (body, tooLarge) => {
      try {
        serve(ctx, req, res, body, tooLarge, watches, opts.log);
      } catch (e) {
        // the apiserver's panic recovery answers 500 and keeps serving (filters/wrap.go WithPanicRecovery)
        opts.log?.(`internal error: ${(e as Error).stack ?? e}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Internal error occurred: an error on the server ("unknown") has prevented the request from succeeding', reason: 'InternalError', code: 500 }));
        } else res.end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  ctx.serverAddress = `127.0.0.1:${port}`;

  // pacing: virtual time follows the wall clock × speed from here on
  const wallStart = Date.now();
  const virtualStart = cluster.now();
  const timer = setInterval(() => {
    const target = virtualStart + Math.floor((Date.now() - wallStart) * speed);
    if (target > cluster.now()) cluster.advance(target - cluster.now());
    for (const w of watches) {
      for (const f of w.stream.poll()) w.res.write(f);
      if (w.stream.ended) {
        watches.delete(w);
        w.res.end();
      }
    }
  }, opts.tickMs ?? 20);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    cluster,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        for (const w of watches) w.res.end();
        watches.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Read the body up to the limit; past it, stop keeping bytes (the handler answers 413). */
function readBody(req: IncomingMessage, done: (body: Buffer, tooLarge: boolean) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_REQUEST_BODY_BYTES) tooLarge = true;
    else chunks.push(c);
  });
  req.on('end', () => done(tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge));
  req.on('error', () => done(Buffer.alloc(0), false));
}

function serve(ctx: RestContext, req: IncomingMessage, res: ServerResponse, body: Buffer, bodyTooLarge: boolean, watches: Set<OpenWatch>, log?: (l: string) => void): void {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const r = handle(ctx, { method: req.method ?? 'GET', url: req.url ?? '/', headers, body: body.toString('utf8'), bodyBytes: new Uint8Array(body), bodyTooLarge });
  log?.(`${req.method} ${req.url} ${r.code}`);
  if (r.watch) {
    const stream = r.watch;
    res.writeHead(200, { 'Content-Type': r.contentType, 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    // the client waits for the headers before it reads (or cancels) the stream: send them now
    res.flushHeaders();
    for (const f of stream.start()) res.write(f);
    if (stream.ended) {
      res.end();
      return;
    }
    const w = { stream, res };
    watches.add(w);
    res.on('close', () => watches.delete(w));
    return;
  }
  res.writeHead(r.code, { 'Content-Type': r.contentType, 'Cache-Control': 'no-cache, private' });
  res.end(req.method === 'HEAD' ? undefined : r.body);
}

/** A kubeconfig for this server: plain http, kubeadm's admin user name (no credential: the server trusts 127.0.0.1). */
export function kubeconfig(url: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: orrery
  cluster:
    server: ${url}
contexts:
- name: kubernetes-admin@orrery
  context:
    cluster: orrery
    user: kubernetes-admin
    namespace: default
current-context: kubernetes-admin@orrery
users:
- name: kubernetes-admin
  user: {}
`;
}
