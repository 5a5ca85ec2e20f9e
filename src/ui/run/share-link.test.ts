import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sampleRun } from './fixtures';
import { decodeRun, encodeRun, runTokenOf, shareUrl, withoutHash } from './share-link';

const tokenOf = (payload: unknown) => Buffer.from(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 })).toString('base64url');

describe('share link', () => {
  it('round-trips a run through the URL hash', () => {
    const run = sampleRun();
    const token = encodeRun(run);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const url = shareUrl('http://127.0.0.1:4173/?lang=en#old', token);
    expect(url).toBe(`http://127.0.0.1:4173/?lang=en#run=${token}`);
    expect(decodeRun(runTokenOf(new URL(url).hash)!)).toEqual(run);
  });

  it('is short: a run with a manifest compresses to a few hundred characters', () => {
    expect(encodeRun(sampleRun()).length).toBeLessThan(500);
  });

  it('keeps non-ASCII text (UTF-8), and runs larger than one base64 chunk', () => {
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'grüße' }, data: { note: '日本語 ✓' } };
    // random-ish data that deflate cannot shrink much: more than 0x8000 bytes after compression
    const noise = Array.from({ length: 12_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join('');
    const run = sampleRun({ inputs: [{ at: { t: 1, seq: 2, delivered: 3 }, type: 'apply', object: { ...manifest, data: { note: manifest.data.note, noise } } }] });
    expect(decodeRun(encodeRun(run))).toEqual(run);
  });

  it('reads the token from a hash that carries a run, and only then', () => {
    expect(runTokenOf('#run=abc_-9')).toBe('abc_-9');
    expect(runTokenOf('#x=1&run=abc')).toBe('abc');
    expect(runTokenOf('')).toBeNull();
    expect(runTokenOf('#section')).toBeNull();
    expect(withoutHash('http://h/p?q#run=1')).toBe('http://h/p?q');
  });

  const token = encodeRun(sampleRun());
  it.each([
    ['empty', '', /holds no run/],
    ['cut short when copied', token.slice(0, Math.floor(token.length / 2)), /does not unpack|characters/],
    ['an edited character', `${token.slice(0, 10)}!${token.slice(11)}`, /characters a share link never has/],
    ['a length base64 never has', token.slice(0, 4 * Math.floor(token.length / 4) - 3), /characters a share link never has/],
    ['not deflate data', 'aGVsbG8gd29ybGQ', /does not unpack/],
    ['deflated text that is not JSON', Buffer.from(deflateSync(strToU8('not json'))).toString('base64url'), /is not a recorded run/],
    ['JSON without a format version', tokenOf({ run: sampleRun() }), /is not a recorded run/],
    ['a later format', tokenOf({ v: 2, run: sampleRun() }), /newer Kube Orrery \(format 2; this one reads 1\)/],
    ['a run of the wrong shape', tokenOf({ v: 1, run: { ...sampleRun(), seed: 'one' } }), /"seed" should be a number/],
  ])('a damaged link (%s) says so plainly', (_name, bad, reason) => {
    expect(() => decodeRun(bad)).toThrow(/^This share link is damaged: /);
    expect(() => decodeRun(bad)).toThrow(reason);
  });
});
