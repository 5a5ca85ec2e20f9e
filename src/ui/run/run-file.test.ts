import { describe, expect, it } from 'vitest';
import { sampleRun } from './fixtures';
import { checkRun, MAX_NODES, parseRunFile, runFileText } from './run-file';

describe('run file', () => {
  it('Export run writes pretty JSON that Import run reads back', () => {
    const run = sampleRun();
    const text = runFileText(run);
    expect(text).toContain('\n  "engine": "orrery-engine/2",\n');
    expect(parseRunFile(text)).toEqual(run);
  });

  it('a run with no inputs and no cursorMs is a run', () => {
    const { cursorMs: _, ...run } = sampleRun({ inputs: [] });
    expect(checkRun(run)).toEqual(run);
  });

  const base = sampleRun() as unknown as Record<string, unknown>;
  it.each([
    ['not JSON', '{"engine": ', /it is not JSON\.$/],
    ['a list', '[1, 2]', /it holds no run object\.$/],
    ['null', 'null', /it holds no run object/],
    ['no engine', JSON.stringify({ ...base, engine: undefined }), /"engine" should name the engine that recorded it\.$/],
    ['seed as text', JSON.stringify({ ...base, seed: '1' }), /"seed" should be a number/],
    ['nodes missing', JSON.stringify({ ...base, nodes: undefined }), /"nodes" should be a number/],
    ['a fractional node count', JSON.stringify({ ...base, nodes: 2.5 }), /"nodes" should be a whole number from 1 to 5000/],
    ['too many nodes', JSON.stringify({ ...base, nodes: MAX_NODES + 1 }), /"nodes" should be a whole number/],
    ['no etcd member count', JSON.stringify({ ...base, etcdMembers: undefined }), /"etcdMembers" should be a number/],
    ['inputs not a list', JSON.stringify({ ...base, inputs: {} }), /"inputs" should be a list/],
    ['an input without its moment', JSON.stringify({ ...base, inputs: [{ type: 'apply' }] }), /input 1 should be a recorded request/],
    ['no cursor', JSON.stringify({ ...base, cursor: undefined }), /"cursor" should be a number/],
    ['cursorMs as text', JSON.stringify({ ...base, cursorMs: 'late' }), /"cursorMs" should be a number/],
  ])('refuses %s with a clear message', (_name, text, reason) => {
    expect(() => parseRunFile(text)).toThrow(/^This file is not a Kube Orrery run: /);
    expect(() => parseRunFile(text)).toThrow(reason);
  });
});
