// Twin of pkg/util/hash/hash.go DeepHashObject + controller_utils.go ComputeHash +
// apimachinery util/rand SafeEncodeString. Upstream hashes spew's `%#v` print of the Go struct
// v1.PodTemplateSpec (every field, type names, nil pointers); we print the JSON template with
// sorted keys in the same spirit, so hashes are stable and deterministic but not byte-identical.
import { utf8 } from '../kernel/bytes';

/** utilrand alphanums: no vowels, no 0/1/3, so names never spell words. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';


/** hash/fnv New32a over bytes, continuing from `h`. */
export function fnv32a(bytes: number[], h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A spew-like print: sorted keys, quoted strings, `map[k:v]` and `[a b]`. */
export function deepPrint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(deepPrint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `map[${keys.map((k) => `${k}:${deepPrint(o[k])}`).join(' ')}]`;
  }
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** rand.SafeEncodeString: each character mapped into the alphanums alphabet. */
export function safeEncodeString(s: string): string {
  let r = '';
  for (const ch of s) r += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return r;
}

/** ComputeHash(template, collisionCount): FNV-32a, collisionCount as 8 little-endian bytes. */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(utf8(deepPrint(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0;
    h = fnv32a([c & 255, (c >>> 8) & 255, (c >>> 16) & 255, (c >>> 24) & 255, 0, 0, 0, 0], h);
  }
  return safeEncodeString(String(h));
}
