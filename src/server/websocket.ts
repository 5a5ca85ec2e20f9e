// RFC 6455 WebSockets, the small part the attached app needs: the opening handshake (§4.2.2), text
// frames both ways, fragmented messages, ping/pong and the closing handshake (§5.5.1). Node 20 has
// no WebSocket server; a dependency for ~150 lines was not worth it. Frames from a client must be
// masked (§5.1); this side never masks, except as the client the tests use (`encodeFrame(…, true)`).
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
export const OP = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;
/** the largest message accepted (a LOAD_RUN with a long input log is the biggest command) */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

export function encodeFrame(opcode: number, payload: Buffer, mask = false): Buffer {
  const len = payload.length;
  const ext = len < 126 ? 0 : len < 0x10000 ? 2 : 8;
  const head = Buffer.alloc(2 + ext + (mask ? 4 : 0));
  head[0] = 0x80 | opcode;
  head[1] = (mask ? 0x80 : 0) | (ext === 0 ? len : ext === 2 ? 126 : 127);
  if (ext === 2) head.writeUInt16BE(len, 2);
  else if (ext === 8) head.writeBigUInt64BE(BigInt(len), 2);
  if (!mask) return Buffer.concat([head, payload]);
  const key = randomBytes(4);
  key.copy(head, 2 + ext);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] ^= key[i & 3];
  return Buffer.concat([head, body]);
}

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** Splits a byte stream into frames (unmasking masked ones); `requireMask`: a server's side. */
export class FrameParser {
  private buf: Buffer = Buffer.alloc(0);
  constructor(private readonly requireMask: boolean) {}

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Frame[] = [];
    for (;;) {
      if (this.buf.length < 2) break;
      const b0 = this.buf[0];
      const b1 = this.buf[1];
      const masked = (b1 & 0x80) !== 0;
      if (this.requireMask && !masked) throw new Error('client frame not masked');
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (this.buf.length < 4) break;
        len = this.buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) break;
        const big = this.buf.readBigUInt64BE(2);
        if (big > BigInt(MAX_MESSAGE_BYTES)) throw new Error('frame too large');
        len = Number(big);
        off = 10;
      }
      if (len > MAX_MESSAGE_BYTES) throw new Error('frame too large');
      const keyOff = off;
      if (masked) off += 4;
      if (this.buf.length < off + len) break;
      const payload = Buffer.from(this.buf.subarray(off, off + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= this.buf[keyOff + (i & 3)];
      frames.push({ fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload });
      this.buf = this.buf.subarray(off + len);
    }
    return frames;
  }
}

/** One accepted connection: whole text messages in, text messages out. */
export class WebSocketConnection {
  onmessage: (text: string) => void = () => {};
  onclose: () => void = () => {};
  private readonly parser: FrameParser;
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private closed = false;

  constructor(
    private readonly socket: Duplex,
    isServer = true,
  ) {
    this.parser = new FrameParser(isServer);
    this.mask = !isServer;
    socket.on('data', (c: Buffer) => this.receive(c));
    socket.on('close', () => this.end());
    socket.on('error', () => this.end());
  }

  private readonly mask: boolean;

  get open(): boolean {
    return !this.closed;
  }

  send(text: string): void {
    if (this.closed) return;
    this.socket.write(encodeFrame(OP.text, Buffer.from(text, 'utf8'), this.mask));
  }

  close(code = 1000): void {
    if (this.closed) return;
    const body = Buffer.alloc(2);
    body.writeUInt16BE(code, 0);
    this.socket.write(encodeFrame(OP.close, body, this.mask));
    this.socket.end();
    this.end();
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose();
  }

  /** bytes from the peer (the socket's, and those read with the upgrade request) */
  receive(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.parser.push(chunk);
    } catch {
      return this.close(1002); // protocol error
    }
    for (const f of frames) {
      if (this.closed) return;
      if (f.opcode === OP.close) return this.close(1000);
      if (f.opcode === OP.ping) {
        this.socket.write(encodeFrame(OP.pong, f.payload, this.mask));
        continue;
      }
      if (f.opcode === OP.pong) continue;
      this.parts.push(f.payload);
      this.partsBytes += f.payload.length;
      if (this.partsBytes > MAX_MESSAGE_BYTES) return this.close(1009);
      if (!f.fin) continue;
      const text = Buffer.concat(this.parts).toString('utf8');
      this.parts = [];
      this.partsBytes = 0;
      this.onmessage(text);
    }
  }
}

/** The server's half of the opening handshake; undefined (and a 400/403 written) when refused. */
export function acceptUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): WebSocketConnection | undefined {
  const key = req.headers['sec-websocket-key'];
  const refuse = (code: number, reason: string) => {
    socket.end(`HTTP/1.1 ${code} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    return undefined;
  };
  if (typeof key !== 'string' || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket' || req.headers['sec-websocket-version'] !== '13') return refuse(400, 'Bad Request');
  // a page of another site open in the same browser must not drive the cluster (WebSockets have no CORS)
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== req.headers.host) return refuse(403, 'Forbidden');
  }
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptKey(key)}`, '', ''].join('\r\n'));
  const conn = new WebSocketConnection(socket, true);
  if (head.length) conn.receive(head);
  return conn;
}
