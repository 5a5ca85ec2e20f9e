// Deep copies of API objects without the structured-clone serializer: for plain JSON-shaped data
// (what YAML, JSON and the engine's own literals produce) a recursive copy is 6–10× faster than
// `structuredClone`, and the apiserver copies every object it writes. Anything that is not a plain
// object or array (a Map, a Date) is handed to `structuredClone`, so the result is the same.

/** A deep copy with `structuredClone`'s result for plain data (undefined-valued keys are kept). */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const n = v.length;
    const a = new Array(n);
    for (let i = 0; i < n; i++) a[i] = deepClone(v[i]);
    return a as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(v)) o[k] = deepClone((v as Record<string, unknown>)[k]);
  return o as T;
}

/**
 * `JSON.parse(JSON.stringify(v))` for plain data, without the string: undefined-valued keys are
 * dropped, undefined array items and non-finite numbers become null, keys keep their order.
 */
export function jsonClone<T>(v: T): T {
  return jsonValue(v) as T;
}

function jsonValue(v: unknown): unknown {
  if (v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null; // -0 prints as 0
    case 'object':
      break;
    default:
      return undefined; // undefined, functions, symbols: dropped from objects, null in arrays
  }
  if (Array.isArray(v)) {
    const n = v.length;
    const a = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = jsonValue(v[i]);
      a[i] = x === undefined ? null : x;
    }
    return a;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return JSON.parse(JSON.stringify(v));
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(v as object)) {
    const x = jsonValue((v as Record<string, unknown>)[k]);
    if (x !== undefined) o[k] = x;
  }
  return o;
}

/** Objects nobody changes any more (a stored object's version): a checkpoint holds them, not copies. */
const SHARED = new WeakSet<object>();

/**
 * Declare `o` and everything it holds immutable from now on: the apiserver's cached versions are
 * held by its watch cache, its windows and every informer, and were most of what a checkpoint
 * copied (a 1,000-node cluster's took seconds). Tests freeze them too (see FREEZE_SHARED), so a
 * write to one throws there instead of changing a checkpoint's past.
 */
export function markShared<T extends object>(o: T): T {
  SHARED.add(o);
  if ((globalThis as { [FREEZE_SHARED]?: boolean })[FREEZE_SHARED]) deepFreeze(o);
  return o;
}

/** globalThis flag: markShared also freezes (the unit tests set it) */
export const FREEZE_SHARED = '__orreryFreezeShared';

function deepFreeze(o: object): void {
  if (Object.isFrozen(o)) return;
  Object.freeze(o);
  for (const v of Object.values(o)) if (v !== null && typeof v === 'object') deepFreeze(v);
}

/**
 * A deep copy of a whole state graph with `structuredClone`'s result for plain data: an object
 * reached twice is copied once (the apiserver's cache, watch windows and RBAC index share objects),
 * array holes stay holes; an object marked shared (markShared) is kept, not copied. Several times
 * faster than the serializer for the engine's checkpoints.
 */
export function cloneGraph<T>(root: T): T {
  const memo = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (SHARED.has(v)) return v;
    const seen = memo.get(v);
    if (seen !== undefined) return seen;
    if (Array.isArray(v)) {
      const n = v.length;
      const a = new Array(n);
      memo.set(v, a);
      for (let i = 0; i < n; i++) if (i in v) a[i] = copy(v[i]);
      return a;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      const c = structuredClone(v);
      memo.set(v, c);
      return c;
    }
    const o: Record<string, unknown> = {}; // as structuredClone: a null-prototype object comes back plain
    memo.set(v, o);
    for (const k of Object.keys(v)) o[k] = copy((v as Record<string, unknown>)[k]);
    return o;
  };
  return copy(root) as T;
}

/**
 * Structural sharing between two versions of a stored object: every subtree of `next` equal to
 * the one at the same place in `prev` (same keys in the same order, same values) is replaced by
 * `prev`'s, and `prev` itself comes back when the whole is equal. `next` must be a fresh copy
 * nobody else holds yet; both are treated as immutable from then on. A pod's spec, labels and
 * owner references stay the same over its many status writes: the watch cache's window and the
 * informers then hold one copy of them, not one per version.
 */
export function shareUnchanged<T>(next: T, prev: unknown): T {
  return share(next, prev) as T;
}

function share(next: unknown, prev: unknown): unknown {
  if (next === prev) return prev;
  if (next === null || prev === null || typeof next !== 'object' || typeof prev !== 'object') return next;
  const na = Array.isArray(next);
  if (na !== Array.isArray(prev)) return next;
  let same = true;
  if (na) {
    const a = next as unknown[];
    const b = prev as unknown[];
    if (a.length !== b.length) same = false;
    for (let i = 0; i < a.length; i++) {
      const c = share(a[i], b[i]);
      if (c !== a[i]) a[i] = c;
      if (c !== b[i]) same = false;
    }
  } else {
    const a = next as Record<string, unknown>;
    const b = prev as Record<string, unknown>;
    const ak = Object.keys(a);
    const bk = Object.keys(b);
    if (ak.length !== bk.length) same = false;
    for (let i = 0; i < ak.length; i++) {
      const k = ak[i];
      if (bk[i] !== k) same = false;
      if (!(k in b)) continue;
      const c = share(a[k], b[k]);
      if (c !== a[k]) a[k] = c;
      if (c !== b[k]) same = false;
    }
  }
  return same ? prev : next;
}
