// Twin of pkg/controller/history/controller_history.go (ControllerRevisionName,
// NewControllerRevision, HashControllerRevision, SortControllerRevisions, EqualRevision,
// FindEqualRevisions) for the StatefulSet and DaemonSet controllers. Revisions are read from the
// controllerrevisions informer; creating, updating and deleting them are ops like any write.
import type { KObject } from '../../api/types';
import { utf8 } from '../../kernel/bytes';
import { safeEncodeString } from '../hash';
import { type OwnerReference, getControllerOf, newControllerRef, timeMs } from '../pod-util';
import { labelSelectorAsSelector, matchesSelector } from '../../api/selectors';

type Obj = Record<string, any>;

/** ControllerRevisionHashLabel: the hash of a revision's data, on the revision itself. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** hash/fnv New32 (FNV-1, not FNV-1a: multiply, then xor). */
export function fnv32(bytes: number[], h = 0x811c9dc5): number {
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/**
 * encoding/json's Marshal of a map[string]interface{}: keys sorted at every level, and `<`, `>`,
 * `&` escaped as \u003c, \u003e, \u0026 (Go's HTML-safe default).
 */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Obj;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${goJson(k)}:${goJson(o[k])}`).join(',')}}`;
  }
  if (typeof v === 'string') return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return JSON.stringify(v);
}

/**
 * getPatch (statefulset/stateful_set_utils.go, daemon/update.go): a strategic merge patch that
 * replaces spec.template, `{"spec":{"template":{"$patch":"replace",…}}}`. The template is printed
 * as Go prints the typed object back through a map (creationTimestamp: null included).
 */
export function templatePatch(owner: KObject): Obj {
  const template = structuredClone(((owner.spec as Obj)?.template ?? {}) as Obj);
  template.metadata = { creationTimestamp: null, ...(template.metadata ?? {}) };
  return { spec: { template: { ...template, $patch: 'replace' } } };
}

/** HashControllerRevision: FNV-1 over the data's JSON, then the probe (collision count) in decimal. */
export function hashControllerRevision(data: Obj, probe?: number): string {
  let h = fnv32(utf8(goJson(data)));
  if (probe !== undefined) h = fnv32(utf8(String(probe)), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: prefix (cut to 223 bytes) + "-" + hash. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.slice(0, 223)}-${hash}`;
}

/** NewControllerRevision: owned by parent, template labels plus the hash label, named by the hash. */
export function newControllerRevision(parent: KObject, templateLabels: Record<string, string>, data: Obj, revision: number, collisionCount?: number): KObject {
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(parent.metadata.name, hash),
      namespace: parent.metadata.namespace,
      labels: { ...templateLabels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(parent) as unknown as Obj],
    },
    data,
    revision,
  } as unknown as KObject;
}

export const revisionOf = (cr: KObject): number => Number((cr as Obj).revision ?? 0);

/** SortControllerRevisions: by revision, then creation time, then name. */
export function sortControllerRevisions(revs: KObject[]): KObject[] {
  return [...revs].sort((a, b) => {
    if (revisionOf(a) !== revisionOf(b)) return revisionOf(a) - revisionOf(b);
    const ta = timeMs(a.metadata.creationTimestamp) ?? 0;
    const tb = timeMs(b.metadata.creationTimestamp) ?? 0;
    if (ta !== tb) return ta - tb;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}

/** EqualRevision: same hash label (when both parse) and the same data. */
export function equalRevision(a: KObject | undefined, b: KObject | undefined): boolean {
  if (!a || !b) return a === b;
  const ha = a.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
  const hb = b.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
  if (ha !== undefined && hb !== undefined && /^\d+$/.test(ha) && /^\d+$/.test(hb) && ha !== hb) return false;
  return goJson((a as Obj).data) === goJson((b as Obj).data);
}

export function findEqualRevisions(revs: KObject[], needle: KObject): KObject[] {
  return revs.filter((r) => equalRevision(r, needle));
}

/** ListControllerRevisions: in the parent's namespace, matching its selector, owned by it or by no one. */
export function listControllerRevisions(store: Record<string, KObject>, parent: KObject): KObject[] {
  const sel = labelSelectorAsSelector((parent.spec as Obj)?.selector);
  return Object.values(store).filter((cr) => {
    if (cr.metadata.namespace !== parent.metadata.namespace) return false;
    if (!matchesSelector(sel, cr.metadata.labels as Record<string, string> | undefined)) return false;
    const ref: OwnerReference | undefined = getControllerOf(cr);
    return !ref || ref.uid === parent.metadata.uid;
  });
}
