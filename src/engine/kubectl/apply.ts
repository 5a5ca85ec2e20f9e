// kubectl apply's client-side bookkeeping (staging/src/k8s.io/kubectl/pkg/cmd/apply):
// the last-applied-configuration annotation and a three-way merge patch computed from the
// last applied manifest (original), the new manifest (modified) and the live object (current).
type Obj = Record<string, any>;

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The manifest with the annotation it will carry once applied (kubectl util.CreateApplyAnnotation). */
export function withLastApplied(manifest: Obj): Obj {
  const copy = structuredClone(manifest);
  copy.metadata ??= {};
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const forAnnotation = structuredClone(copy);
  if (Object.keys(annotations).length) forAnnotation.metadata.annotations = annotations;
  else delete forAnnotation.metadata.annotations;
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: `${JSON.stringify(forAnnotation)}\n` };
  return copy;
}

/**
 * Is everything `modified` says already true of `current`? Lists compare element by element,
 * so a container list that only lacks server-side defaults counts as unchanged (what the
 * strategic merge patch's merge keys achieve in kubectl).
 */
export function isSubset(modified: unknown, current: unknown): boolean {
  if (Array.isArray(modified)) {
    return Array.isArray(current) && modified.length === current.length && modified.every((m, i) => isSubset(m, current[i]));
  }
  if (isObj(modified)) return isObj(current) && Object.entries(modified).every(([k, v]) => isSubset(v, current[k]));
  return JSON.stringify(modified) === JSON.stringify(current);
}

/** A JSON-merge-style three-way patch: set what `modified` changes, null what it dropped from `original`. */
export function threeWayMergePatch(original: Obj | undefined, modified: Obj, current: Obj): Obj {
  const patch: Obj = {};
  for (const [k, v] of Object.entries(modified)) {
    const cur = current?.[k];
    if (isObj(v) && isObj(cur)) {
      const sub = threeWayMergePatch(isObj(original?.[k]) ? original![k] : undefined, v, cur);
      if (Object.keys(sub).length) patch[k] = sub;
    } else if (!isSubset(v, cur)) {
      patch[k] = v;
    }
  }
  for (const k of Object.keys(original ?? {})) if (!(k in modified) && current && k in current) patch[k] = null;
  return patch;
}
