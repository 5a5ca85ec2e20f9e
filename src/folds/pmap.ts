// A persistent map for the folds' large views (objects, etcd keys, per-object events, the cluster
// map's rows). A fold is a value and a checkpoint a reference, so a fold that writes a Map must copy
// it: at 1,000 nodes that was ~25,000 entries copied per view per frame, a third of the worker's time
// (issue 12). Here a write copies only its path: a fixed-depth trie on the key's hash (32 slots a
// level), so a frame's writes cost what they touch. Iteration keeps a Map's order (first insertion;
// a delete then a set moves the key to the end) so the UI's lists do not reorder after a seek.
const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
const DEPTH = 3;

interface Entry<V> {
  readonly k: string;
  readonly v: V;
  /** insertion order: iteration sorts by it */
  readonly o: number;
}
type Leaf<V> = Array<Entry<V>>;
type Branch<V> = Array<Branch<V> | Leaf<V> | undefined>;

let nextOrder = 0;

function hash(s: string): number {
  // FNV-1a
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function leafOf<V>(root: Branch<V>, h: number): Leaf<V> | undefined {
  let n: Branch<V> | Leaf<V> | undefined = root;
  for (let d = 0; d < DEPTH && n; d++) n = (n as Branch<V>)[(h >>> (d * BITS)) & MASK];
  return n as Leaf<V> | undefined;
}

function find<V>(leaf: Leaf<V> | undefined, k: string): Entry<V> | undefined {
  if (leaf) for (let i = 0; i < leaf.length; i++) if (leaf[i].k === k) return leaf[i];
  return undefined;
}

export class PMap<V> implements ReadonlyMap<string, V> {
  private ordered: Array<Entry<V>> | undefined;

  /** @internal use PMap.empty / PMap.from / edit() */
  constructor(
    readonly root: Branch<V>,
    readonly size: number,
  ) {}

  static empty<V>(): PMap<V> {
    return new PMap<V>(new Array(WIDTH), 0);
  }

  static from<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
    const d = PMap.empty<V>().edit();
    for (const [k, v] of entries) d.set(k, v);
    return d.done();
  }

  get(k: string): V | undefined {
    return find(leafOf(this.root, hash(k)), k)?.v;
  }

  has(k: string): boolean {
    return find(leafOf(this.root, hash(k)), k) !== undefined;
  }

  /** A draft on this map: writes copy the paths they touch; done() gives the new map. */
  edit(): PMapDraft<V> {
    return new PMapDraft(this);
  }

  private inOrder(): Array<Entry<V>> {
    if (this.ordered) return this.ordered;
    const out: Array<Entry<V>> = [];
    const walk = (n: Branch<V> | Leaf<V> | undefined, d: number): void => {
      if (!n) return;
      if (d === DEPTH) {
        for (const e of n as Leaf<V>) out.push(e);
        return;
      }
      for (const c of n as Branch<V>) if (c) walk(c, d + 1);
    };
    walk(this.root, 0);
    out.sort((a, b) => a.o - b.o);
    return (this.ordered = out);
  }

  *entries(): MapIterator<[string, V]> {
    for (const e of this.inOrder()) yield [e.k, e.v];
  }

  *keys(): MapIterator<string> {
    for (const e of this.inOrder()) yield e.k;
  }

  *values(): MapIterator<V> {
    for (const e of this.inOrder()) yield e.v;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(cb: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const e of this.inOrder()) cb(e.v, e.k, this);
  }
}

export class PMapDraft<V> {
  private root: Branch<V>;
  private size: number;
  private changed = false;
  /** the arrays this draft made (written in place); the rest are shared with `base` */
  private own = new Set<unknown>();

  constructor(private readonly base: PMap<V>) {
    this.root = base.root;
    this.size = base.size;
  }

  get(k: string): V | undefined {
    return find(leafOf(this.root, hash(k)), k)?.v;
  }

  has(k: string): boolean {
    return find(leafOf(this.root, hash(k)), k) !== undefined;
  }

  set(k: string, v: V): this {
    const h = hash(k);
    const leaf = this.writableLeaf(h);
    for (let i = 0; i < leaf.length; i++) {
      if (leaf[i].k !== k) continue;
      if (leaf[i].v !== v) leaf[i] = { k, v, o: leaf[i].o };
      return this;
    }
    leaf.push({ k, v, o: nextOrder++ });
    this.size++;
    return this;
  }

  delete(k: string): boolean {
    const h = hash(k);
    const i = leafOf(this.root, h)?.findIndex((e) => e.k === k) ?? -1;
    if (i < 0) return false;
    this.writableLeaf(h).splice(i, 1);
    this.size--;
    return true;
  }

  done(): PMap<V> {
    this.own = new Set(); // later writes copy again: the map handed out stays as it is
    if (!this.changed) return this.base;
    this.changed = false;
    return new PMap(this.root, this.size);
  }

  private writable<T extends unknown[]>(a: T | undefined, empty: () => T): T {
    if (a === undefined) {
      const fresh = empty();
      this.own.add(fresh);
      return fresh;
    }
    if (this.own.has(a)) return a;
    const copy = a.slice() as T;
    this.own.add(copy);
    return copy;
  }

  private writableLeaf(h: number): Leaf<V> {
    this.changed = true;
    this.root = this.writable(this.root, () => new Array(WIDTH));
    let n = this.root;
    for (let d = 0; d < DEPTH - 1; d++) {
      const i = (h >>> (d * BITS)) & MASK;
      const child = this.writable(n[i] as Branch<V> | undefined, () => new Array(WIDTH));
      n[i] = child;
      n = child;
    }
    const i = (h >>> ((DEPTH - 1) * BITS)) & MASK;
    const leaf = this.writable(n[i] as Leaf<V> | undefined, () => []);
    n[i] = leaf;
    return leaf;
  }
}
