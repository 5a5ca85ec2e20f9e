// The PATCH content types kube-apiserver accepts (staging/src/k8s.io/apiserver/pkg/endpoints/
// handlers/patch.go): application/json-patch+json (RFC 6902, evanphx/json-patch),
// application/merge-patch+json (RFC 7386) and application/strategic-merge-patch+json
// (staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go). The strategic merge patch
// here reads the merge keys of the built-in types by field name from patch-meta.ts (the
// `patchMergeKey` struct tags of k8s.io/api, the table the OpenAPI documents serve); it handles
// the directives kubectl sends: `$patch` (replace, delete, merge), `$setElementOrder/<list>`,
// `$deleteFromPrimitiveList/<list>` and `$retainKeys`. Server-side apply (application/apply-patch+yaml) is src/rest/apply.ts.
import { mergePatch } from '../engine';
import { mergeKeysByField } from './patch-meta';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export class PatchError extends Error {
  constructor(
    message: string,
    /** 422 for a patch that does not apply (json patch test failure / bad path), 400 for a malformed one */
    readonly code: 400 | 422 = 400,
  ) {
    super(message);
  }
}

/** patchMergeKey tags and merged scalar lists, by list field name, from the table the OpenAPI documents serve */
const { keys: MERGE_KEYS, primitives: MERGE_PRIMITIVES } = mergeKeysByField();

/** `ports`: containerPort in a container, port in a Service. */
function mergeKeyOf(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

export function strategicMergePatch(original: unknown, patch: unknown): unknown {
  if (!isObj(patch)) throw new PatchError('strategic merge patch: the patch must be a JSON object');
  return mergeMap(isObj(original) ? original : {}, patch);
}

function mergeMap(original: Obj, patch: Obj): Obj {
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return stripDirectives(rest) as Obj;
  }
  if (patch.$patch === 'delete') return {};
  const out: Obj = { ...original };
  const orders: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (k.startsWith('$setElementOrder/')) {
      orders[k.slice('$setElementOrder/'.length)] = v as unknown[];
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      const drop = new Set((v as unknown[]).map((x) => JSON.stringify(x)));
      if (Array.isArray(out[f])) out[f] = (out[f] as unknown[]).filter((x) => !drop.has(JSON.stringify(x)));
      continue;
    }
    if (v === null) delete out[k];
    else if (isObj(v)) out[k] = mergeMap(isObj(out[k]) ? (out[k] as Obj) : {}, v);
    else if (Array.isArray(v)) out[k] = mergeList(k, Array.isArray(out[k]) ? (out[k] as unknown[]) : [], v);
    else out[k] = v;
  }
  for (const [f, order] of Object.entries(orders)) if (Array.isArray(out[f])) out[f] = reorder(f, out[f] as unknown[], order);
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}

function mergeList(field: string, original: unknown[], patch: unknown[]): unknown[] {
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) return stripDirectives(patch.filter((p) => !(isObj(p) && p.$patch === 'replace'))) as unknown[];
  if (MERGE_PRIMITIVES.has(field)) {
    const out = [...original];
    for (const p of patch) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(p))) out.push(p);
    return out;
  }
  const key = mergeKeyOf(field, [...original, ...patch]);
  if (!key || !patch.every(isObj)) return stripDirectives(patch) as unknown[];
  const out = original.map((o) => o);
  for (const p of patch as Obj[]) {
    const i = out.findIndex((o) => isObj(o) && o[key] === p[key]);
    if (p.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = mergeMap(out[i] as Obj, p);
    else out.push(mergeMap({}, p));
  }
  return out;
}

/** $setElementOrder: the listed elements in that order, the others (server-added) after them. */
function reorder(field: string, list: unknown[], order: unknown[]): unknown[] {
  const key = mergeKeyOf(field, list);
  const id = (x: unknown) => JSON.stringify(key && isObj(x) ? x[key] : x);
  const ids = order.map(id);
  const listed = ids.map((k) => list.find((x) => id(x) === k)).filter((x) => x !== undefined);
  return [...listed, ...list.filter((x) => !ids.includes(id(x)))];
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

/** RFC 6901 pointer → tokens */
function pointer(path: unknown): string[] {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) throw new PatchError(`the json patch path ${JSON.stringify(path)} is not a JSON pointer`);
  return path === '' ? [] : path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, tokens: string[], op: string): { parent: Obj | unknown[]; last: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isObj(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: /${tokens.join('/')}`, 422);
  }
  if (!isObj(cur) && !Array.isArray(cur)) throw new PatchError(`${op} operation does not apply: doc is missing path: /${tokens.join('/')}`, 422);
  return { parent: cur, last: tokens[tokens.length - 1] };
}

function getAt(doc: unknown, tokens: string[], op: string): unknown {
  let cur = doc;
  for (const t of tokens) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isObj(cur) ? cur[t] : undefined;
    if (cur === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: /${tokens.join('/')}`, 422);
  }
  return cur;
}

function remove(doc: unknown, tokens: string[], op: string): unknown {
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw new PatchError(`${op} operation does not apply: doc is missing path: /${tokens.join('/')}`, 422);
    return parent.splice(i, 1)[0];
  }
  if (!(last in parent)) throw new PatchError(`${op} operation does not apply: doc is missing path: /${tokens.join('/')}`, 422);
  const v = parent[last];
  delete parent[last];
  return v;
}

function add(doc: unknown, tokens: string[], value: unknown, op: string): unknown {
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!(i >= 0 && i <= parent.length)) throw new PatchError(`${op} operation does not apply: doc is missing path: /${tokens.join('/')}`, 422);
    parent.splice(i, 0, value);
  } else parent[last] = value;
  return doc;
}

export function jsonPatch(original: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(original);
  for (const o of ops) {
    if (!isObj(o)) throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const op = String(o.op ?? '');
    const path = pointer(o.path);
    switch (op) {
      case 'add':
        doc = add(doc, path, structuredClone(o.value), op);
        break;
      case 'remove':
        remove(doc, path, op);
        break;
      case 'replace':
        if (path.length === 0) doc = structuredClone(o.value);
        else {
          remove(doc, path, op);
          doc = add(doc, path, structuredClone(o.value), op);
        }
        break;
      case 'move': {
        const v = remove(doc, pointer(o.from), op);
        doc = add(doc, path, v, op);
        break;
      }
      case 'copy':
        doc = add(doc, path, structuredClone(getAt(doc, pointer(o.from), op)), op);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, path, op)) !== JSON.stringify(o.value)) throw new PatchError(`testing value /${path.join('/')} failed: test failed`, 422);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

/** Apply a PATCH body of the given content type to the current object. */
export function applyPatch(current: unknown, patch: unknown, contentType: string): unknown {
  if (contentType === PATCH_TYPES.json) return jsonPatch(current, patch);
  if (contentType === PATCH_TYPES.merge) {
    if (!isObj(patch)) throw new PatchError('merge patch: the patch must be a JSON object');
    return mergePatch(current, patch);
  }
  return strategicMergePatch(current, patch);
}

/** jsonpatch.CreateMergePatch: the RFC 7386 patch that turns `from` into `to` (lists whole, null deletes). */
export function createMergePatch(from: unknown, to: unknown): Obj {
  const out: Obj = {};
  const a = isObj(from) ? from : {};
  const b = isObj(to) ? to : {};
  for (const [k, v] of Object.entries(b)) {
    if (JSON.stringify(a[k]) === JSON.stringify(v)) continue;
    if (isObj(v) && isObj(a[k])) {
      const sub = createMergePatch(a[k], v);
      if (Object.keys(sub).length) out[k] = sub;
    } else out[k] = v;
  }
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
  return out;
}
