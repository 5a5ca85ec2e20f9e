// Server-side apply (PATCH with application/apply-patch+yaml), simplified: the applyPatcher of
// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go. Upstream merges the applied
// configuration into the live object with structured-merge-diff and records which manager owns
// which field (metadata.managedFields), so a field dropped from the configuration is removed and a
// field another manager set is a conflict. This model keeps no managedFields: the configuration is
// merged into the live object (maps by key, lists by their merge keys, other lists replaced — the
// strategic merge patch's rules, which follow the same list types), a field dropped from it stays,
// and there are no conflicts. An object that does not exist is created (201), as upstream's
// createNewObject applies to an empty object.
import { parseDocument } from 'yaml';
import type { Cluster, KObject, KindInfo, RawRequest } from '../engine';
import { type Obj, type RestRequest, type RestResponse, answer, fail, identity } from './http';
import { createMergePatch, strategicMergePatch } from './patch';

export function serverSideApply(c: Cluster, req: RestRequest, kind: KindInfo, namespace: string | undefined, name: string, q: URLSearchParams): RestResponse {
  // validation.ValidatePatchOptions: apply needs a manager to own the fields
  if (!q.get('fieldManager')) {
    return fail(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', { kind: 'PatchOptions', group: 'meta.k8s.io', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] });
  }
  const doc = parseDocument(req.body ?? '');
  // applyPatcher.applyPatchToCurrentObject: "error decoding YAML: …"
  if (doc.errors.length) return fail(400, 'BadRequest', `error decoding YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const applied = doc.toJS() as Obj | null;
  if (!applied || typeof applied !== 'object' || Array.isArray(applied)) return fail(400, 'BadRequest', 'error decoding YAML: the applied configuration must be an object');
  const meta = (applied.metadata ?? {}) as Obj;
  if (meta.name !== undefined && meta.name !== name) return fail(400, 'BadRequest', `the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
  const current = c.get(kind.kind, namespace, name);
  if (!current) {
    const body = { ...applied, metadata: { ...meta, name, ...(namespace ? { namespace } : {}) } } as unknown as KObject;
    const r: RawRequest = { verb: 'create', resource: kind.resource, namespace, body };
    return answer(c.request(r, identity(req)));
  }
  const desired = strategicMergePatch(structuredClone(current), applied);
  const body = createMergePatch(current, desired) as KObject;
  const r: RawRequest = { verb: 'patch', resource: kind.resource, namespace, name, body };
  return answer(c.request(r, identity(req)));
}
