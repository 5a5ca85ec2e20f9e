// A run carries ENGINE_VERSION: the app refuses a run from another engine instead of replaying
// something different. This pins what this engine emits for one fixed lesson; when the hash moves,
// the engine's output changed: bump ENGINE_VERSION and update the hash together.
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION, createCluster } from './index';
import { traceHash } from './vopr/fnv';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`;

/** version → the trace hash it emits for the lesson below */
const PINNED: Record<string, string> = {
  'orrery-engine/2': '1399:c267e831d9f62389',
  // a leader stopped between two applies of one commit traces them before it stops (VOPR seed 408):
  // the lesson is unchanged, a run that stopped an etcd leader there is not
  'orrery-engine/3': '1399:c267e831d9f62389',
  // the disruption controller keeps PodDisruptionBudgets' status and an env fieldRef is stored with
  // apiVersion v1: the lesson is unchanged, a run with a PDB or a fieldRef is not
  'orrery-engine/4': '1399:c267e831d9f62389',
};

function lessonHash(): string {
  const c = createCluster({ seed: 1, nodes: 3 });
  c.runUntilIdle();
  c.apply(POD);
  c.runUntilIdle();
  c.delete({ kind: 'Pod', name: 'nginx' });
  c.runUntilIdle();
  return `${c.trace().length}:${traceHash(c.trace())}`;
}

describe('ENGINE_VERSION', () => {
  it('names what this engine emits (bump it when the pinned lesson changes)', () => {
    const got = lessonHash();
    expect(PINNED[ENGINE_VERSION], `the engine's output changed (lesson hash ${got}): bump ENGINE_VERSION in src/engine/version.ts and pin the new hash`).toBe(got);
  });
});
