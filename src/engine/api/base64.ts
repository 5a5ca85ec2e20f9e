// encoding/base64 StdEncoding, as JSON carries []byte fields (Secret data, ConfigMap binaryData,
// token segments). The engine has no atob/btoa/Buffer; shared by the apiserver and the kubelet.
import { utf8 } from '../kernel/bytes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function fromUtf8(b: number[]): string {
  let s = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let cp: number;
    if (c < 0x80) cp = b[i++];
    else if (c < 0xe0) cp = ((c & 31) << 6) | (b[i + 1] & 63), (i += 2);
    else if (c < 0xf0) cp = ((c & 15) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63), (i += 3);
    else cp = ((c & 7) << 18) | ((b[i + 1] & 63) << 12) | ((b[i + 2] & 63) << 6) | (b[i + 3] & 63), (i += 4);
    s += String.fromCodePoint(cp);
  }
  return s;
}

/** Base64 of the UTF-8 bytes of s (what conversion of stringData into []byte data stores); `url` gives RawURLEncoding. */
export function base64Encode(s: string, url = false): string {
  const b = utf8(s);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < b.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < b.length ? ALPHABET[n & 63] : '=';
  }
  return url ? out.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : out;
}

/** Decode standard base64 to a string (undefined when it is not valid base64). */
export function base64Decode(s: string): string | undefined {
  const clean = s.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of clean.replace(/=+$/, '')) {
    buf = (buf << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 255);
    }
  }
  return fromUtf8(bytes);
}

/** encoding/base64 StdEncoding: the offset of the first byte it refuses, or -1. */
export function base64Error(s: string): number {
  const body = s.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) if (!ALPHABET.includes(body[i])) return i;
  if (s.length % 4 !== 0) return s.length - (s.length % 4);
  return -1;
}
