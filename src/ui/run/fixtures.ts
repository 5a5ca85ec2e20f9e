// Test fixtures: a recorded run as the worker exports it (shape only: these tests run no engine)
// and Web Storage over a Map.
import type { RunData } from '../../protocol/messages';
import type { StorageLike } from './persistence';
import { STARTER_POD } from '../editor/examples';

export function sampleRun(over: Partial<RunData> = {}): RunData {
  return {
    engine: 'orrery-engine/2',
    seed: 1,
    nodes: 3,
    etcdMembers: 3,
    inputs: [
      {
        at: { t: 5120, seq: 412, delivered: 198 },
        type: 'apply',
        object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
        as: { user: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] },
      },
    ],
    cursor: 655,
    cursorMs: 9875,
    ...over,
  };
}

export { STARTER_POD };

/** Web Storage over a Map, as a page sees it (strings in, strings out). */
export function fakeStorage(init: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(init));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
  };
}
