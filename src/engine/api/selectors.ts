// Label and field selectors: twins of apimachinery/pkg/labels/selector.go and
// pkg/fields/selector.go, reduced to the operators kubectl and the components use.
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export type Selector = Requirement[];

/** `a=b,c!=d,e in (x,y),!f,g` → requirements. Throws on syntax it cannot read. */
export function parseLabelSelector(s: string | undefined): Selector {
  if (!s || !s.trim()) return [];
  const out: Selector = [];
  const parts = s.match(/(?:[^,(]+|\([^)]*\))+/g) ?? [];
  for (const raw of parts) {
    const p = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      out.push({ key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()).filter(Boolean) });
    } else if ((m = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(p))) {
      out.push({ key: m[1], op: 'notin', values: [m[2]] });
    } else if ((m = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(p))) {
      out.push({ key: m[1], op: 'in', values: [m[2]] });
    } else if ((m = /^!\s*(\S+)$/.exec(p))) {
      out.push({ key: m[1], op: '!' });
    } else if ((m = /^(\S+)$/.exec(p))) {
      out.push({ key: m[1], op: 'exists' });
    } else {
      throw new Error(`unable to parse requirement: ${p}`);
    }
  }
  return out;
}

/** metav1.LabelSelectorAsSelector. An empty LabelSelector matches everything; null matches nothing. */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector | null {
  if (!ls) return null;
  const out: Selector = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {})) out.push({ key, op: 'in', values: [value] });
  for (const e of ls.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In') out.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (op === 'NotIn') out.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (op === 'Exists') out.push({ key: e.key, op: 'exists' });
    else if (op === 'DoesNotExist') out.push({ key: e.key, op: '!' });
    else throw new Error(`"${op}" is not a valid label selector operator`);
  }
  return out;
}

export function matchesSelector(sel: Selector | null, labels: Record<string, string> | undefined): boolean {
  if (sel === null) return false;
  const l = labels ?? {};
  return sel.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'exists':
        return has;
      case '!':
        return !has;
    }
  });
}

/** Field selector terms `a.b=v`, `a.b!=v` joined by commas. */
export type FieldSelector = Array<{ path: string; op: '=' | '!='; value: string }>;

export function parseFieldSelector(s: string | undefined): FieldSelector {
  if (!s || !s.trim()) return [];
  return s.split(',').map((term) => {
    const m = /^\s*([^!=\s]+)\s*(!=|==|=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw new Error(`invalid selector: '${s}'; can't understand '${term}'`);
    return { path: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] };
  });
}

function fieldValue(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

export function matchesFields(sel: FieldSelector, obj: unknown): boolean {
  return sel.every((t) => (fieldValue(obj, t.path) === t.value) === (t.op === '='));
}
