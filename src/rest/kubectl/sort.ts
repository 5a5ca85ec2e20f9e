// `kubectl get --sort-by=<jsonpath>` (staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go): the rows of
// the server's Table, fetched with includeObject=Object, ordered by the first value the JSONPath finds
// in each row's object — integers and floats by value, strings as resource quantities when both parse
// (`100m` < `1`), otherwise in natural order (github.com/fvbommel/sortorder NaturalLess), an object
// without the field first. Go's sort.Sort is pdqsort, which runs insertion sort below 13 elements
// (stable); that is what runs here for every length (longer lists may order ties differently).

type Obj = Record<string, any>;

export class SortError extends Error {}

/** get.go RelaxedJSONPathExpression: `.a.b`, `a.b`, `{.a.b}` → `{.a.b}` */
export function relaxedJsonPath(field: string): string {
  if (!field.length) throw new SortError('jsonpath expression cannot be empty');
  const m = /^\{?(\.?)([^{}]*)\}?$/.exec(field);
  if (!m) throw new SortError(`unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
  return `{.${m[2]}}`;
}

/** The values a simple JSONPath (`{.a.b[0].c}`, `[*]`) finds in `o`, as client-go's jsonpath with AllowMissingKeys. */
export function findValues(o: unknown, path: string): unknown[] {
  const expr = path.replace(/^\{|\}$/g, '').replace(/^\./, '');
  const parts = expr.split(/\.(?![^[]*\])/).filter(Boolean);
  let cur: unknown[] = [o];
  for (const part of parts) {
    const m = /^([^[]*)((?:\[(?:\*|-?\d+)\])*)$/.exec(part);
    if (!m) return [];
    const [, key, idxs] = m;
    cur = cur.flatMap((v) => {
      if (!key) return [v];
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
      return key in (v as Obj) ? [(v as Obj)[key]] : [];
    });
    for (const im of idxs.matchAll(/\[(\*|-?\d+)\]/g)) {
      cur = cur.flatMap((v) => {
        if (!Array.isArray(v)) return [];
        if (im[1] === '*') return v;
        const i = Number(im[1]);
        const at = i < 0 ? v.length + i : i;
        return at >= 0 && at < v.length ? [v[at]] : [];
      });
    }
  }
  return cur;
}

const isDigit = (c: string) => c >= '0' && c <= '9';

/** sortorder.NaturalLess: runs of digits compare as numbers, the rest byte by byte. */
export function naturalLess(s1: string, s2: string): boolean {
  let i1 = 0;
  let i2 = 0;
  while (i1 < s1.length && i2 < s2.length) {
    const c1 = s1[i1];
    const c2 = s2[i2];
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i1++;
      i2++;
      continue;
    }
    while (i1 < s1.length && s1[i1] === '0') i1++;
    while (i2 < s2.length && s2[i2] === '0') i2++;
    const nz1 = i1;
    const nz2 = i2;
    while (i1 < s1.length && isDigit(s1[i1])) i1++;
    while (i2 < s2.length && isDigit(s2[i2])) i2++;
    if (i1 - nz1 !== i2 - nz2) return i1 - nz1 < i2 - nz2;
    const n1 = s1.slice(nz1, i1);
    const n2 = s2.slice(nz2, i2);
    if (n1 !== n2) return n1 < n2;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return s1.length < s2.length;
}

const SUFFIX: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** resource.ParseQuantity's grammar, to a number (undefined when the string is not a quantity) */
export function quantityValue(s: string): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  return n * SUFFIX[m[3] ?? ''];
}

/** sorter.go isLess over values from an unstructured object (the reflect.Interface case) */
function isLess(a: unknown, b: unknown, field: string): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantityValue(a);
    const qb = quantityValue(b);
    return qa !== undefined && qb !== undefined ? qa < qb : naturalLess(a, b);
  }
  throw new SortError(`Field ${field} in [][][]reflect.Value is an unsortable type: interface, err: unsortable ${typeof a === typeof b ? 'type' : 'interface'}: ${typeof a === 'object' ? (Array.isArray(a) ? '[]interface {}' : 'map[string]interface {}') : typeof a === 'boolean' ? 'bool' : 'interface'}`);
}

/** Sort `items` (table rows, or objects) in place by the field found through `objectOf`. */
export function sortBy<T>(items: T[], sortField: string, objectOf: (t: T) => unknown): void {
  if (items.length <= 1) return;
  const field = relaxedJsonPath(sortField);
  const parsed = items.map((t) => findValues(objectOf(t), field));
  if (!parsed.some((v) => v.length > 0)) throw new SortError(`couldn't find any field with path "${field}" in the list of objects`);
  const pairs = items.map((t, i) => ({ t, v: parsed[i] }));
  const less = (i: number, j: number) => {
    if (!pairs[i].v.length) return true;
    if (!pairs[j].v.length) return false;
    return isLess(pairs[i].v[0], pairs[j].v[0], field);
  };
  // Go's insertionSort (sort.go), what pdqsort runs for short slices
  for (let i = 1; i < pairs.length; i++) {
    for (let j = i; j > 0 && less(j, j - 1); j--) [pairs[j], pairs[j - 1]] = [pairs[j - 1], pairs[j]];
  }
  pairs.forEach((p, i) => (items[i] = p.t));
}
