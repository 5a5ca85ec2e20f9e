import { describe, expect, it } from 'vitest';
import { createMergePatch, jsonPatch, strategicMergePatch } from './patch';

describe('strategic merge patch', () => {
  const deploy = { spec: { template: { spec: { containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'y:1' }] } } } };
  it.each([
    ['merges containers by name', { spec: { template: { spec: { containers: [{ name: 'b', image: 'y:2' }] } } } }, ['x:1', 'y:2']],
    ['adds a container it does not know', { spec: { template: { spec: { containers: [{ name: 'c', image: 'z:1' }] } } } }, ['x:1', 'y:1', 'z:1']],
    ['deletes one with $patch: delete', { spec: { template: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } } } }, ['y:1']],
    ['replaces the list with $patch: replace', { spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'q', image: 'q:1' }] } } } }, ['q:1']],
    ['orders by $setElementOrder', { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } } } }, ['y:1', 'x:1']],
  ])('%s', (_, patch, images) => {
    const out = strategicMergePatch(structuredClone(deploy), patch) as typeof deploy;
    expect(out.spec.template.spec.containers.map((c) => c.image)).toEqual(images);
  });
  it('deletes a map key with null and keeps the rest (kubectl label x-)', () => {
    expect(strategicMergePatch({ metadata: { labels: { a: '1', b: '2' } } }, { metadata: { labels: { a: null } } })).toEqual({ metadata: { labels: { b: '2' } } });
  });
});

describe('json patch', () => {
  it('adds, replaces, removes, moves and tests', () => {
    const doc = { a: { b: [1, 2] }, c: 'x' };
    expect(jsonPatch(doc, [{ op: 'add', path: '/a/b/-', value: 3 }, { op: 'replace', path: '/c', value: 'y' }, { op: 'move', from: '/c', path: '/d' }, { op: 'remove', path: '/a/b/0' }, { op: 'test', path: '/d', value: 'y' }])).toEqual({ a: { b: [2, 3] }, d: 'y' });
    expect(doc).toEqual({ a: { b: [1, 2] }, c: 'x' });
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/nope' }])).toThrow(/missing path/);
  });
});

describe('createMergePatch', () => {
  it('sets what changed, nulls what went, and leaves the rest out', () => {
    expect(createMergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { a: 1, b: { c: 5 }, e: [1, 2] })).toEqual({ b: { c: 5, d: null }, e: [1, 2] });
  });
});
