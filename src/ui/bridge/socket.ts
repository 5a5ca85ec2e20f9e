// The app attached to npm run serve: the worker protocol over a WebSocket instead of a Web Worker.
// The server runs the same Host the worker does and sends each tick's messages as one JSON array;
// this port unpacks them into the worker's message events, so connectWorker (and every view, the
// timeline and the walkthroughs behind it) cannot tell the difference.
import type { Command, WorkerMessage } from '../../protocol/messages';
import type { WorkerPort } from './bridge';

/** What the port needs of a WebSocket (a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent<string>) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
}

const OPEN = 1;

/** The attach URL the server put in the page (`<meta name="orrery-attach" content="/orrery/attach">`), as ws(s)://; null when the page was not served by npm run serve. */
export function attachUrl(doc: Pick<Document, 'querySelector'>, location: { readonly href: string }): string | null {
  const path = doc.querySelector('meta[name="orrery-attach"]')?.getAttribute('content');
  if (!path) return null;
  const url = new URL(path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function socketPort(ws: SocketLike): WorkerPort {
  // commands sent before the socket opens (the first INSPECT) wait for it
  let waiting: Command[] = [];
  const port: WorkerPort = {
    postMessage: (cmd) => {
      if (ws.readyState === OPEN) ws.send(JSON.stringify(cmd));
      else waiting.push(cmd);
    },
    onmessage: null,
    onerror: null,
    terminate: () => ws.close(),
  };
  const deliver = (m: WorkerMessage) => port.onmessage?.({ data: m } as MessageEvent<WorkerMessage>);
  ws.onopen = () => {
    if (waiting.length) ws.send(JSON.stringify(waiting));
    waiting = [];
  };
  ws.onmessage = (ev) => {
    const msgs = JSON.parse(ev.data) as WorkerMessage | WorkerMessage[];
    for (const m of Array.isArray(msgs) ? msgs : [msgs]) deliver(m);
  };
  ws.onclose = () => deliver({ type: 'ERROR', message: 'Detached: the connection to npm run serve closed. Reload the page once the server runs again.' });
  return port;
}
