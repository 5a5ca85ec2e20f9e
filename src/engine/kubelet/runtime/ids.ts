// Identifiers the runtime hands out: 64-hex container/sandbox ids (seeded PRNG) and stable
// sha256-looking image digests (a hash of the reference, so every node agrees on them).
import type { Rng } from '../../kernel/rng';
import { fnv1a32 } from '../../kernel/rng';

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** A 64-hex id drawn from the runtime's PRNG stream (containerd ids are random). */
export function randomHex64(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += hex8(rng.next());
  return s;
}

/** A stable 64-hex digest of a string (not a real SHA-256: a deterministic stand-in). */
export function stableHex64(text: string): string {
  let s = '';
  let h = 0x811c9dc5;
  for (let i = 0; i < 8; i++) {
    h = fnv1a32(`${i}:${text}`, h);
    s += hex8(h);
  }
  return s;
}
