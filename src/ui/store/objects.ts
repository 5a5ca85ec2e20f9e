// Pure reducers for the object slice (xyflow's applyNodeChanges style): never mutate, keep the
// identity of whatever did not change so subscribed components do not re-render.
import type { KubeObject, ObjectChange } from '../../protocol/messages';
import type { ObjectsSlice } from './types';

export function applyObjectChanges(prev: Map<string, KubeObject>, changes: readonly ObjectChange[]): Map<string, KubeObject> {
  if (changes.length === 0) return prev;
  const next = new Map(prev);
  for (const c of changes) {
    if (c.op === 'upsert') next.set(c.key, c.object);
    else next.delete(c.key);
  }
  return next;
}

const collator = new Intl.Collator('en', { numeric: true });

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

function nodeNameOf(pod: KubeObject | undefined): string {
  const spec = pod?.spec as { nodeName?: string } | undefined;
  return spec?.nodeName ?? '';
}

/** Recompute pod and node indexes after `changes` (all of them when `all`: a full set replaced the
 * objects), reusing previous arrays when equal. */
export function deriveIndexes(
  objects: Map<string, KubeObject>,
  changes: readonly ObjectChange[],
  prev: Pick<ObjectsSlice, 'podKeys' | 'podKeysByNode' | 'nodeNames'>,
  all = false,
): Pick<ObjectsSlice, 'podKeys' | 'podKeysByNode' | 'nodeNames'> {
  const touchesPods = all || changes.some((c) => c.key.startsWith('Pod/'));
  const touchesNodes = all || changes.some((c) => c.key.startsWith('Node/'));
  let { podKeys, podKeysByNode, nodeNames } = prev;
  if (touchesPods) {
    const keys = [...objects.keys()].filter((k) => k.startsWith('Pod/')).sort((a, b) => collator.compare(a, b));
    if (!sameList(podKeys, keys)) podKeys = keys;
    const byNode: Record<string, string[]> = {};
    for (const k of keys) (byNode[nodeNameOf(objects.get(k))] ??= []).push(k);
    const merged: Record<string, string[]> = {};
    for (const [node, list] of Object.entries(byNode)) merged[node] = sameList(prev.podKeysByNode[node], list) ? prev.podKeysByNode[node] : list;
    const nodes = Object.keys(merged);
    const same = nodes.length === Object.keys(prev.podKeysByNode).length && nodes.every((n) => merged[n] === prev.podKeysByNode[n]);
    podKeysByNode = same ? prev.podKeysByNode : merged;
  }
  if (touchesNodes) {
    const names = [...objects.values()].filter((o) => o.kind === 'Node').map((o) => o.metadata.name).sort(collator.compare);
    if (!sameList(nodeNames, names)) nodeNames = names;
  }
  return { podKeys, podKeysByNode, nodeNames };
}
