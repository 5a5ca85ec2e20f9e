import { describe, expect, it } from 'vitest';
import { lineForPath, parseManifest } from './yaml';

const text = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: web
    ports:
    - containerPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: two
`;

describe('parseManifest', () => {
  it('splits documents and remembers where each starts', () => {
    const m = parseManifest(text);
    expect(m.error).toBeUndefined();
    expect(m.docs.map((d) => d.line)).toEqual([1, 11]);
  });

  it('maps a field path to the line of the deepest existing node', () => {
    const m = parseManifest(text);
    expect(lineForPath(m.docs[0], m.lineCounter, 'spec.containers[0].image')).toBe(7);
    expect(lineForPath(m.docs[0], m.lineCounter, 'spec.containers[0].ports[0].containerPort')).toBe(9);
    expect(lineForPath(m.docs[0], m.lineCounter, 'metadata.name')).toBe(4);
  });

  it('reports a syntax error with its line in the words kubectl uses', () => {
    const m = parseManifest('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n');
    expect(m.error).toEqual({ line: 4, message: 'error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context' });
    expect(parseManifest('a: 1\nb:\n\t- x\n').error?.message).toBe('error converting YAML to JSON: yaml: line 3: found character that cannot start any token');
  });
});
