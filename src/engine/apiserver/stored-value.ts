// The etcd value an object of the watch cache was decoded from, kept beside it (not in actor state:
// a WeakMap keyed by the decoded object, so a restored state just misses it and pays the old cost).
// An update compares its new value with the stored one and clones the old object; both used to
// serialize or structured-clone the whole old object again (the apiserver's hottest JSON work). The
// values are JSON.stringify output of stripForStorage (storage.ts), so stringify(strip(decode(v)))
// is v, and JSON.parse(v) with the resourceVersion set is decode(v): the same bytes, the same object.
import type { KObject } from '../api/types';
import { stripForStorage } from './registry/strategy';

const values = new WeakMap<object, string>();

export function rememberStoredValue(obj: KObject, value: string): void {
  values.set(obj, value);
}

/** What `obj` is stored as: JSON.stringify(stripForStorage(obj)). */
export function storedValue(obj: KObject): string {
  return values.get(obj) ?? JSON.stringify(stripForStorage(obj));
}

/** A deep copy of a watch-cache object (structuredClone of plain JSON with its resourceVersion). */
export function cloneStored<T extends KObject>(obj: T): T {
  const v = values.get(obj);
  if (v === undefined) return structuredClone(obj);
  const o = JSON.parse(v) as T;
  if (obj.metadata.resourceVersion !== undefined) (o.metadata as { resourceVersion?: string }).resourceVersion = obj.metadata.resourceVersion;
  return o;
}
