// The Node host (npm run serve): Kubernetes' REST API (src/rest) for the real kubectl over plain HTTP
// on 127.0.0.1 only, the built app at `/`, and the worker ⇄ UI protocol over a WebSocket at
// ATTACH_PATH for that app. One Host — the class the browser's Web Worker runs — owns the cluster,
// its pacing and the view folds: kubectl's writes enter it as inputs (as the Terminal's do), so an
// attached app animates them, and its timeline and time travel cover them. With no app attached the
// host paces in real time × speed; an attached app decides the clock (story or real time), as in the
// browser. Every tick (16 ms) the host releases what its pacing allows, the open watches get what
// changed in the store, and the attached apps get the tick's messages as one WebSocket message.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { type Cluster, createCluster } from '../engine';
import type { Command, WorkerMessage } from '../protocol/messages';
import { MAX_REQUEST_BODY_BYTES, type Stream } from '../rest/handler';
import { Host, type HostedCluster } from '../worker/host';
import { syncRest } from '../worker/rest-sync';
import { WebSocketConnection, acceptUpgrade } from './websocket';
import { EXEC_PATH, answerExecUpgrade } from './exec-stream';

/** where the app attaches (a WebSocket carrying the worker ⇄ UI protocol as JSON) */
export const ATTACH_PATH = '/orrery/attach';

export interface ServeOptions {
  port?: number;
  seed?: number;
  nodes?: number;
  /** virtual ms per wall ms while no app is attached (1 = real time; 0 = the clock stands still) */
  speed?: number;
  /** pacing tick, wall ms */
  tickMs?: number;
  /** the built app to serve (vite build's dist); default `dist` when it holds an index.html; false: none */
  app?: string | false;
  /** log each request to this function */
  log?: (line: string) => void;
}

export interface OrreryServer {
  url: string;
  port: number;
  /** the cluster the host runs now (an attached app's Reset or walkthrough replaces it) */
  readonly cluster: Cluster;
  host: Host;
  /** the app's directory, when it is served */
  app: string | undefined;
  /** attached apps */
  readonly attached: number;
  close(): Promise<void>;
}

interface OpenWatch {
  stream: Stream;
  res: ServerResponse;
}

export async function startServer(opts: ServeOptions = {}): Promise<OrreryServer> {
  const speed = opts.speed ?? 1;
  const clients = new Set<WebSocketConnection>();
  let outbox: WorkerMessage[] = [];
  // the same host the browser's worker runs: the cluster, its pacing, the view folds, time travel
  const host = new Host(
    (o) => createCluster(o) as unknown as HostedCluster,
    (m) => {
      if (clients.size > 0) outbox.push(m);
    },
    () => performance.now(),
    syncRest(),
  );
  // a cluster an installer hands over: control plane up, nodes registered and Ready (start runs it until idle)
  host.start({ seed: opts.seed ?? 1, nodes: opts.nodes ?? 3 });
  // no app attached: virtual time follows the wall clock × speed, as kubectl alone expects
  const detached = () => {
    host.handle({ type: 'SET_PACING', pacing: 'realtime' });
    host.handle({ type: 'SET_SPEED', speed });
    host.handle({ type: speed > 0 ? 'PLAY' : 'PAUSE' });
  };
  detached();
  const watches = new Set<OpenWatch>();
  const app = appDir(opts.app);
  let serverAddress = '';
  const flush = () => {
    if (outbox.length === 0) return;
    // one WebSocket message per tick, as the worker posts one BATCH per frame
    const text = JSON.stringify(outbox);
    outbox = [];
    for (const c of clients) c.send(text);
  };

  const server: Server = createServer((req, res) => {
    readBody(req, (body, tooLarge) => {
      try {
        if (app && serveApp(app, req, res)) return;
        serve(host, serverAddress, req, res, body, tooLarge, watches, opts.log);
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
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    // kubectl exec: the REST handler runs the command, the answer goes out as a WebSocket stream
    if (EXEC_PATH.test(new URL(req.url ?? '/', 'http://orrery.invalid').pathname)) {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
      const r = host.rest({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body: '', bodyBytes: new Uint8Array(0), bodyTooLarge: false }, serverAddress);
      opts.log?.(`${req.method} ${req.url} ${r.code}`);
      return answerExecUpgrade(req, socket, r);
    }
    if (new URL(req.url ?? '/', 'http://orrery.invalid').pathname !== ATTACH_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const conn = acceptUpgrade(req, socket, head);
    if (!conn) return;
    clients.add(conn);
    opts.log?.(`app attached (${clients.size})`);
    conn.onmessage = (text) => {
      let cmds: Command[];
      try {
        const parsed = JSON.parse(text) as Command | Command[];
        cmds = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        outbox.push({ type: 'ERROR', message: 'attach: a message that is not JSON' });
        return flush();
      }
      for (const cmd of cmds) host.handle(cmd);
      flush();
    };
    conn.onclose = () => {
      clients.delete(conn);
      opts.log?.(`app detached (${clients.size})`);
      if (clients.size === 0) {
        outbox = [];
        detached();
      }
    };
    // READY and every object, to this app (and, harmlessly, as a reset to the others)
    host.resync();
    flush();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  serverAddress = `127.0.0.1:${port}`;

  let watched = host.currentCluster();
  const timer = setInterval(() => {
    host.tick();
    const cluster = host.currentCluster();
    // another run (an app's Reset, a loaded run or walkthrough): the watches were of the old one
    if (cluster !== watched) {
      watched = cluster;
      for (const w of watches) w.res.end();
      watches.clear();
    }
    for (const w of watches) {
      for (const f of w.stream.poll()) w.res.write(f);
      if (w.stream.ended) {
        watches.delete(w);
        w.res.end();
      }
    }
    flush();
  }, opts.tickMs ?? 16);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get cluster() {
      return host.currentCluster() as unknown as Cluster;
    },
    host,
    app,
    get attached() {
      return clients.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        for (const w of watches) w.res.end();
        watches.clear();
        for (const c of clients) c.close(1001);
        clients.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function appDir(opt: string | false | undefined): string | undefined {
  if (opt === false) return undefined;
  const dir = resolve(opt ?? 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** Paths of the Kubernetes API: never the app's, whatever files the app has. */
const API_PATH = /^\/(api|apis|version|openapi|healthz|livez|readyz|metrics|logs)(\/|$)/;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The built app for GET / and its files; false: not the app's (the API answers). The page carries
 * `<meta name="orrery-attach">`, which tells the app to attach here instead of starting a worker. */
function serveApp(dir: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://orrery.invalid').pathname);
  } catch {
    return false; // not a file name: the API answers (404)
  }
  if (API_PATH.test(path)) return false;
  if (path === '/' || path === '/index.html') {
    const html = readFileSync(join(dir, 'index.html'), 'utf8').replace('<head>', `<head>\n    <meta name="orrery-attach" content="${ATTACH_PATH}" />`);
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'], 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  }
  const file = normalize(join(dir, path));
  if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // vite names the built assets by content hash: they never change under their name
  const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache });
  res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  return true;
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

function serve(host: Host, serverAddress: string, req: IncomingMessage, res: ServerResponse, body: Buffer, bodyTooLarge: boolean, watches: Set<OpenWatch>, log?: (l: string) => void): void {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const r = host.rest({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body: body.toString('utf8'), bodyBytes: new Uint8Array(body), bodyTooLarge }, serverAddress);
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
