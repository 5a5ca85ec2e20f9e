// The editor's Examples menu carries copies of manifests that also live in examples/ (the CLI's
// and the README's). Pin each copy to its file, so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../ui/editor/examples';

const FILE_OF: Record<string, string> = {
  nginx: 'nginx-pod',
  'rbac-alice': 'rbac-alice',
  'too-big': 'too-big-pod',
  statefulset: 'statefulset',
  daemonset: 'daemonset',
  'configmap-env': 'configmap-env',
};

const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

describe('editor examples', () => {
  for (const [id, file] of Object.entries(FILE_OF)) {
    it(`${id} is examples/${file}.yaml`, () => {
      const example = EXAMPLES.find((e) => e.id === id);
      expect(example, `no example ${id}`).toBeDefined();
      const onDisk = readFileSync(new URL(`../../examples/${file}.yaml`, import.meta.url), 'utf8');
      expect(docs(example!.yaml)).toEqual(docs(onDisk));
    });
  }
});
