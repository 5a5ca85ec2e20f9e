// Share links: the run in the URL hash, `#run=` + base64url(deflate(UTF-8(JSON {v: 1, run}))).
// A run is its seed and its inputs (a few manifests), so links stay a few hundred characters.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { RunData } from '../../protocol/messages';
import { checkRun } from './run-file';

/** The payload's format version: a link from a later format is refused, not misread. */
export const SHARE_FORMAT = 1;
const PARAM = 'run';

export function encodeRun(run: RunData): string {
  const json = JSON.stringify({ v: SHARE_FORMAT, run });
  return toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

/** The run in a link's token, or an Error "This share link is damaged: …". */
export function decodeRun(token: string): RunData {
  try {
    return decodePayload(token);
  } catch (err) {
    throw new Error(`This share link is damaged: ${(err as Error).message}.`);
  }
}

function decodePayload(token: string): RunData {
  if (token === '') throw new Error('it holds no run');
  if (!/^[A-Za-z0-9_-]+$/.test(token) || token.length % 4 === 1) throw new Error('it has characters a share link never has (was it edited?)');
  let json: string;
  try {
    json = strFromU8(inflateSync(fromBase64Url(token)));
  } catch {
    throw new Error('its data does not unpack (was it cut short when copied?)');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new Error('its data is not a recorded run');
  }
  const v = (payload as { v?: unknown } | null)?.v;
  if (v !== SHARE_FORMAT) {
    throw new Error(typeof v === 'number' && v > SHARE_FORMAT ? `it was made by a newer Kube Orrery (format ${v}; this one reads ${SHARE_FORMAT})` : 'its data is not a recorded run');
  }
  return checkRun((payload as { run: unknown }).run);
}

/** The token in a location hash (`#run=…`), or null when the hash carries no run. */
export function runTokenOf(hash: string): string | null {
  if (!hash.startsWith('#')) return null;
  return new URLSearchParams(hash.slice(1)).get(PARAM);
}

/** The page's address with the run in its hash (anything else in the hash is replaced). */
export function shareUrl(href: string, token: string): string {
  return `${withoutHash(href)}#${PARAM}=${token}`;
}

export function withoutHash(href: string): string {
  const i = href.indexOf('#');
  return i < 0 ? href : href.slice(0, i);
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  // in chunks: String.fromCharCode(...) of a whole large array overflows the argument stack
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
