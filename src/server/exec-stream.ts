// `kubectl exec` over a WebSocket (KEP-4006; client-go tools/remotecommand/websocket.go): kubectl
// 1.32 asks for the subprotocols v5/v4.channel.k8s.io; each binary message is one channel's bytes
// after a channel byte (0 stdin, 1 stdout, 2 stderr, 3 the error channel with a metav1.Status, 4
// resize; v5 adds 255 CLOSE) — staging/src/k8s.io/apimachinery/pkg/util/remotecommand/constants.go.
// The command has already run (the REST handler's answer carries its output): the server sends
// stdout, stderr, the status, then closes. SPDY (kubectl's fallback) is not spoken: an error answer
// is written as plain HTTP, which both transports report the same way.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RestResponse } from '../rest/handler';
import type { ExecAnswer } from '../rest/exec';
import { FrameParser, OP, acceptKey, encodeFrame } from './websocket';

/** the subprotocols this server speaks, best first (v5: CLOSE; v4: the Status on channel 3) */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
/** v5: the client closed one of its streams (the next byte says which) */
const CLOSE = 255;
/** wall ms between the handshake and the first frame */
const STREAM_START_DELAY_MS = 100;

export const EXEC_PATH = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/exec$/;

const reasons: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

/** Write the REST answer to an upgrade request: the stream (101) or the error as plain HTTP. */
export function answerExecUpgrade(req: IncomingMessage, socket: Duplex, r: RestResponse): void {
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
  const protocol = PROTOCOLS.find((p) => offered.includes(p));
  const key = req.headers['sec-websocket-key'];
  const isWebSocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket' && typeof key === 'string';
  if (!r.exec || !isWebSocket || !protocol) {
    // an error, or a SPDY upgrade (not spoken here): 400 makes kubectl's SPDY client give up
    const code = r.exec ? 400 : r.code;
    const body = r.exec ? 'unable to upgrade: this server speaks the v5.channel.k8s.io WebSocket protocol only (Kube Orrery), not SPDY' : r.body;
    socket.end([`HTTP/1.1 ${code} ${reasons[code] ?? 'Error'}`, `Content-Type: ${r.exec ? 'text/plain; charset=utf-8' : r.contentType}`, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', body].join('\r\n'));
    return;
  }
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptKey(key)}`, `Sec-WebSocket-Protocol: ${protocol}`, '', ''].join('\r\n'));
  const send = (channel: number, data: string) => socket.write(encodeFrame(OP.binary, Buffer.concat([Buffer.from([channel]), Buffer.from(data, 'utf8')])));
  const ex = r.exec;
  const parser = new FrameParser(true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let start: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  const finish = (a: ExecAnswer) => {
    if (done) return;
    done = true;
    if (a.stdout) send(STDOUT, a.stdout);
    if (a.stderr) send(STDERR, a.stderr);
    send(ERROR, JSON.stringify(a.status));
    // the command is over: the server starts the closing handshake (RFC 6455 §7.1.2) and ends the
    // TCP connection once the client answers it, or after a while
    const body = Buffer.alloc(2);
    body.writeUInt16BE(1000, 0);
    socket.write(encodeFrame(OP.close, body));
    timer = setTimeout(() => socket.end(), 2000);
  };
  const stop = () => {
    clearTimeout(start);
    clearTimeout(timer);
  };
  // client-go registers its stream readers after the handshake and drops what comes before
  // ("Unknown stream id 1, discarding message"): a real process's output comes later than that
  if (!ex.withStdin) start = setTimeout(() => finish(ex), STREAM_START_DELAY_MS);
  const stdin: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const f of parser.push(chunk)) {
        if (f.opcode === OP.close) {
          stop();
          socket.end();
        } else if (f.opcode === OP.ping) socket.write(encodeFrame(OP.pong, f.payload));
        else if ((f.opcode === OP.binary || f.opcode === OP.continuation) && ex.withStdin && f.payload.length) {
          // stdin (channel 0) until v5's CLOSE of channel 0: then the command runs with it
          if (f.payload[0] === STDIN) stdin.push(f.payload.subarray(1));
          else if (f.payload[0] === CLOSE && f.payload[1] === STDIN) finish(ex.withStdin(Buffer.concat(stdin).toString('utf8')));
        }
      }
    } catch {
      stop();
      socket.destroy();
    }
  });
  socket.on('close', stop);
  socket.on('error', stop);
}
