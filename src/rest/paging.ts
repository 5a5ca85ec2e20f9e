// `limit` and `continue` on a list (staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go GetList,
// storage/continue.go): pages in etcd key order, every page read at the first page's revision; the
// token is base64url(JSON {"v":"meta.k8s.io/v1","rv":REV,"start":"<key after the prefix>\u0000"});
// a token whose revision etcd has compacted is 410 Expired with a token to go on inconsistently
// (rv -1: the latest revision); a token that does not decode is 400 BadRequest.
import type { Cluster, KObject } from '../engine';
import { type RestResponse, json } from './http';

type Obj = Record<string, unknown>;

export interface Page {
  items: KObject[];
  /** the revision every page is read at (the list's resourceVersion) */
  revision: number;
  continue?: string;
  remainingItemCount?: number;
}

const INVALID = 'continue key is not valid';
// etcd3/store.go
const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64.RawURLEncoding.EncodeToString */
export function encodeContinue(start: string, rv: number): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start }));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += B64URL[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** base64.RawURLEncoding.DecodeString, with Go's error for the first illegal byte */
function decodeB64(s: string): Uint8Array | string {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const v = B64URL.indexOf(s[i]);
    if (v < 0) return `illegal base64 data at input byte ${i}`;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  if (s.length % 4 === 1) return `illegal base64 data at input byte ${s.length - 1}`;
  return new Uint8Array(out);
}

/** storage.DecodeContinue: the start key (relative to the prefix) and revision, or the error's text */
export function decodeContinue(token: string): { start: string; rv: number } | string {
  const raw = decodeB64(token);
  if (typeof raw === 'string') return `${INVALID}: ${raw}`;
  let c: Obj;
  try {
    c = JSON.parse(new TextDecoder().decode(raw)) as Obj;
  } catch {
    return `${INVALID}: invalid character looking for beginning of value`;
  }
  if (c.v !== 'meta.k8s.io/v1') return `${INVALID}: server does not recognize this encoded version ${String(c.v ?? '')}`;
  if (!c.rv) return `${INVALID}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`;
  if (!c.start) return `${INVALID}: encoded start key empty (version meta.k8s.io/v1)`;
  const start = String(c.start);
  // path.Clean guards against climbing out of the prefix
  if (start.split('/').some((seg) => seg === '..' || seg === '.') || start.startsWith('/') || start.includes('//')) return `${INVALID}: ${start}`;
  return { start, rv: Number(c.rv) };
}

/**
 * One page of a list, or the Status that refuses it. `matches` is the label and field selector:
 * etcd's keys are read in order from the token's start, the matching ones kept until `limit` is reached.
 */
export function pageList(c: Cluster, kind: string, namespace: string | undefined, q: URLSearchParams, matches: (o: KObject) => boolean): Page | RestResponse {
  const limit = Math.max(0, Math.floor(Number(q.get('limit') ?? 0)) || 0);
  const token = q.get('continue') ?? '';
  let start = '';
  let rv = c.revision();
  if (token) {
    if (q.get('resourceVersion')) return badRequest('specifying resource version is not allowed when using continue');
    const d = decodeContinue(token);
    if (typeof d === 'string') return badRequest(`invalid continue token: ${d}`);
    start = d.start;
    // rv -1: go on at the latest revision (the token a 410 hands out)
    if (d.rv > 0) rv = d.rv;
  }
  const all = c.listAt(kind, namespace, rv);
  if (all === 'compacted') {
    return json(410, {
      kind: 'Status', apiVersion: 'v1',
      metadata: { continue: encodeContinue(start, -1) },
      status: 'Failure', message: INCONSISTENT_CONTINUE, reason: 'Expired', code: 410,
    });
  }
  const rest = all.filter((e) => e.key >= start);
  const items: KObject[] = [];
  let lastKey = '';
  let more = false;
  for (const e of rest) {
    if (limit && items.length >= limit) {
      more = true;
      break;
    }
    lastKey = e.key;
    if (matches(e.object)) items.push(e.object);
  }
  const page: Page = { items, revision: rv };
  if (more) {
    page.continue = encodeContinue(`${lastKey}\u0000`, rv);
    // only without selectors: the count of keys left is the count of items left
    if (!q.get('labelSelector') && !q.get('fieldSelector')) page.remainingItemCount = rest.length - limit;
  }
  return page;
}

function badRequest(message: string): RestResponse {
  return json(400, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
}
