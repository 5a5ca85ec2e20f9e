// A short VOPR sweep (the long one is `npm run vopr -- --seeds 1000`): every seed's random
// operations keep every invariant, its settled state converges, and its input log replays to the
// same trace hash. A failure names the seed: `npm run vopr -- --seed N --verbose` shows it again.
import { describe, expect, it } from 'vitest';
import { Fnv64, fnv1a64, traceHash } from './fnv';
import { Generator, configFor } from './generator';
import { formatViolation, runSeed } from './vopr';

const SEEDS = 8;
const OPS = 25;

describe('VOPR sweep', () => {
  it(`keeps every invariant for ${SEEDS} seeds × ${OPS} operations, and each run replays from its inputs`, () => {
    const failures: string[] = [];
    let ops = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      // as the long sweeps run (--fast): the cluster keeps no trace of its own, the VOPR sees every event
      const r = runSeed(seed, { ops: OPS, record: false });
      ops += r.ops;
      if (r.violation) failures.push(formatViolation(r));
      else expect(r.replay, `seed ${seed}`).toBe('match');
    }
    expect(failures).toEqual([]);
    expect(ops).toBe(SEEDS * OPS);
  }, 120_000);

  it('seed 408 stays clean: an etcd leader stopped between two applies of one commit, restarted 12 min later', () => {
    // its restart traced the write it had committed at revision 621 after revision 1255 (revision-order)
    const r = runSeed(408, { ops: 40, record: false });
    expect(r.violation && formatViolation(r)).toBeUndefined();
    expect(r.replay).toBe('match');
  }, 120_000);

  it('a recorded run (the cluster keeps its trace and seek checkpoints) keeps them too and replays byte for byte', () => {
    const r = runSeed(SEEDS + 1, { ops: 10 });
    expect(r.violation && formatViolation(r)).toBeUndefined();
    expect(r.replay).toBe('match');
  }, 120_000);
});

describe('the generator', () => {
  it('is a function of the seed: the same seed gives the same cluster shape and operations', () => {
    const ops = (seed: number) => {
      const g = new Generator(configFor(seed));
      const view = { get: () => undefined };
      return JSON.stringify(Array.from({ length: 50 }, () => [g.next(view), g.pause()]));
    };
    expect(ops(42)).toBe(ops(42));
    expect(ops(42)).not.toBe(ops(43));
    expect(configFor(7)).toEqual(configFor(7));
  });
});

describe('FNV-1a/64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('%j → %s (the reference vectors)', (s, want) => {
    expect(fnv1a64(s)).toBe(want);
  });

  it('hashes incrementally and tells traces apart', () => {
    expect(new Fnv64().update('foo').update('bar').digest()).toBe(fnv1a64('foobar'));
    const e = { seq: 0, t: 1, type: 'x' };
    expect(traceHash([e])).toBe(traceHash([{ ...e }]));
    expect(traceHash([e])).not.toBe(traceHash([{ ...e, t: 2 }]));
  });
});
