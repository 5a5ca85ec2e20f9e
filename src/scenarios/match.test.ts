// The matcher as a table: type, from/to globs, object globs, params subsets, order, ambient events.
import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent } from '../engine';
import { matches, matchSteps } from './match';

const ev = (seq: number, type: string, extra: Partial<AnyTraceEvent> = {}): AnyTraceEvent => ({
  seq, t: seq, type, from: 'a', to: 'b', key: type, params: {}, ...extra,
});

describe('matches', () => {
  it.each([
    [{ type: 'etcd.put' }, ev(1, 'etcd.put'), true],
    [{ type: 'etcd.put' }, ev(1, 'etcd.delete'), false],
    [{ type: 'etcd.put' }, ev(1, 'etcd.put', { ambient: true }), false],
    [{ type: 'x', to: 'kubelet:*' }, ev(1, 'x', { to: 'kubelet:node-2' }), true],
    [{ type: 'x', to: 'kubelet:*' }, ev(1, 'x', { to: 'scheduler' }), false],
    [{ type: 'x', from: 'kubectl' }, ev(1, 'x', { from: 'kubectl' }), true],
    [{ type: 'x', object: 'Pod/web-*' }, ev(1, 'x', { object: { kind: 'Pod', name: 'web-abc' } }), true],
    [{ type: 'x', object: 'Pod/web-*' }, ev(1, 'x', { object: { kind: 'ReplicaSet', name: 'web-abc' } }), false],
    [{ type: 'x', object: 'Pod/nginx' }, ev(1, 'x'), false],
    [{ type: 'x', params: { verb: 'get', code: 404 } }, ev(1, 'x', { params: { verb: 'get', code: 404, extra: 1 } }), true],
    [{ type: 'x', params: { verb: 'get', code: 404 } }, ev(1, 'x', { params: { verb: 'get', code: 200 } }), false],
    [{ type: 'x', params: { ok: true } }, ev(1, 'x', { params: { ok: 'true' } }), false],
  ])('%j on %j → %s', (m, e, want) => expect(matches(m, e)).toBe(want));
});

describe('matchSteps', () => {
  const trace = [ev(1, 'a'), ev(2, 'b'), ev(3, 'a'), ev(4, 'c')];
  it('finds each step after the previous one, in order', () => {
    const r = matchSteps({ steps: [{ match: { type: 'a' } }, { match: { type: 'a' } }, { match: { type: 'c' } }] as never }, trace);
    expect(r.matches.map((m) => m.event.seq)).toEqual([1, 3, 4]);
    expect(r.missing).toBe(-1);
  });
  it('starts after fromSeq', () => {
    const r = matchSteps({ steps: [{ match: { type: 'a' } }] as never }, trace, 1);
    expect(r.matches[0].event.seq).toBe(3);
  });
  it('reports the first step without an event', () => {
    const r = matchSteps({ steps: [{ match: { type: 'c' } }, { match: { type: 'a' } }] as never }, trace);
    expect(r.missing).toBe(1);
    expect(r.matches).toHaveLength(1);
  });
});
