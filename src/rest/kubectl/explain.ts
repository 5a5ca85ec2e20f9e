// `kubectl explain` in the Terminal: what kubectl's OpenAPI v3 explainer prints from the
// /openapi/v3 document of the resource's group version, a port of
// staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl (its "output", "fieldList",
// "fieldDetail", "description", "typeGuess" and "extractEnum" templates) and the template functions
// of explain/v2/funcs.go: `wrap` is mitchellh/go-wordwrap's WrapString, `indent` pads every line.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schemas are walked as untyped JSON, as the Go template does
type Schema = Record<string, any>;

/** the resource explain resolved (RESTMapper) */
export interface ExplainTarget {
  group: string;
  version: string;
  resource: string;
}

/** explainError: the template's `throw`, printed by kubectl as it is */
export class ExplainError extends Error {}

/** Go template truthiness: empty strings, maps and lists are false */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '' || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** an additionalProperties that is a schema (the template skips the boolean form) */
const mapValue = (s: Schema): Schema | undefined => (typeof s.additionalProperties === 'object' && truthy(s.additionalProperties) ? s.additionalProperties : undefined);

/** funcs.go resolveRef: a fragment-only reference walked through the document */
function resolveRef(ref: unknown, doc: Schema): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let cur: unknown = doc;
  for (const k of ref.slice(1).split('/')) {
    if (!k) continue;
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Schema)[k];
  }
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Schema) : undefined;
}

// unicode.IsSpace without U+00A0, which go-wordwrap keeps inside words
const SPACE = /[\t\n\v\f\r \u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** github.com/mitchellh/go-wordwrap v1.0.1 WrapString: break at spaces so lines stay within lim runes; longer words are left whole */
export function wrapString(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  let wordLen = 0;
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (!word) {
        if (current + spaceLen <= lim) buf += space;
      } else buf += space + word;
      space = '';
      spaceLen = 0;
      word = '';
      wordLen = 0;
      buf += ch;
      current = 0;
    } else if (SPACE.test(ch)) {
      if (!space || word) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (!word) {
    if (current + spaceLen <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** funcs.go indent: the pad before the text and after every newline */
const indent = (n: number, s: string) => ' '.repeat(n) + s.split('\n').join(`\n${' '.repeat(n)}`);

class Explainer {
  constructor(
    readonly doc: Schema,
    readonly recursive: boolean,
  ) {}

  typeGuess(s: Schema | undefined): string {
    if (!truthy(s)) throw new ExplainError('expected schema argument to subtemplate \'typeguess\'');
    s = s as Schema;
    if (truthy(s.items)) return `[]${this.typeGuess(s.items)}`;
    const map = mapValue(s);
    if (map) return `map[string]${this.typeGuess(map)}`;
    if (truthy(s.allOf) && !truthy(s.properties) && s.allOf.length === 1) return this.typeGuess(s.allOf[0]);
    if (truthy(s.$ref)) {
      const target = resolveRef(s.$ref, this.doc);
      if (!target || !truthy(target.type) || target.type === 'object') {
        const name = String(s.$ref).split('/').pop() ?? '';
        return name.split('.').pop() || 'Object';
      }
      return String(target.type);
    }
    return s.type === 'object' ? 'Object' : truthy(s.type) ? String(s.type) : 'Object';
  }

  extractEnum(s: Schema, long: boolean, limit: number, indentAmount = 0): string {
    if (!truthy(s) || !truthy(s.enum)) return '';
    let out = long ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
    (s.enum as unknown[]).some((e, i) => {
      if (limit > -1 && i >= limit) {
        out += ', ....';
        return true;
      }
      if (i > 0 && !long) out += ', ';
      else if (long) out += '\n    ';
      out += e === '' ? '""' : String(e);
      return false;
    });
    return out;
  }

  description(s: Schema): string {
    const r = resolveRef(s.$ref, this.doc) ?? s;
    if (!truthy(r)) return '';
    let out = truthy(r.description) ? `${r.description}\n` : '';
    for (const x of r.allOf ?? []) out += this.description(x);
    if (truthy(r.items)) out += this.description(r.items);
    const map = mapValue(r);
    if (map) out += this.description(map);
    return out;
  }

  fieldDetail(name: string, parent: Schema, short: boolean, level: number): string {
    const pad = level * 2;
    const f: Schema = parent.properties[name];
    let out = `${indent(pad, name)}\t<${this.typeGuess(f)}>`;
    if (Array.isArray(parent.required) && parent.required.includes(name)) out += ' -required-';
    out += this.extractEnum(f, false, 4, pad);
    out += '\n';
    if (!short) {
      out += `${indent(pad + 2, wrapString(truthy(f.description) ? f.description : '<no description>', 78 - pad))}\n`;
      out += '\n';
    }
    return out;
  }

  fieldList(s: Schema, level: number, history: Set<string>): string {
    const ref = typeof s.$ref === 'string' ? s.$ref : '';
    if (ref && history.has(ref)) return ''; // a cycle
    const next = new Set(history).add(ref);
    const r = resolveRef(ref, this.doc) ?? s;
    let out = '';
    for (const k of Object.keys(r.properties ?? {}).sort()) {
      out += this.fieldDetail(k, r, this.recursive, level);
      if (this.recursive) out += this.fieldList(r.properties[k], level + 1, next);
    }
    for (const x of r.allOf ?? []) out += this.fieldList(x, level, next);
    if (truthy(r.items)) out += this.fieldList(r.items, level, next);
    const map = mapValue(r);
    if (map) out += this.fieldList(map, level, next);
    return out;
  }

  output(s: Schema, path: string[], history: Set<string>): string {
    const ref = typeof s.$ref === 'string' ? s.$ref : '';
    const next = new Set(history).add(ref);
    const r = resolveRef(ref, this.doc) ?? s;
    if (!path.length) {
      let out = `DESCRIPTION:\n${indent(4, wrapString(this.description(r) || '<empty>', 76))}\n`;
      const fields = this.fieldList(r, 1, new Set());
      if (fields) out += `FIELDS:\n${fields}`;
      return out;
    }
    if (ref && history.has(ref)) return '';
    if (truthy(r.properties) && truthy(r.properties[path[0]])) {
      const sub: Schema = r.properties[path[0]];
      let out = '';
      if (path.length === 1) out += `FIELD: ${path[0]} <${this.typeGuess(sub)}>\n${this.extractEnum(sub, true, -1)}\n\n`;
      return out + this.output(sub, path.slice(1), new Set());
    }
    if (truthy(r.items)) return this.output(r.items, path, next);
    const map = mapValue(r);
    if (map) return this.output(map, path, next);
    for (const x of r.allOf ?? []) {
      const out = this.output(x, path, next);
      if (out) return out;
    }
    return '';
  }
}

/**
 * The text `kubectl explain` prints for a resource and field path from its group version's
 * OpenAPI v3 document: stdout, and the error that ends it (as kubectl prints both: the KIND lines
 * are written before the template fails on an unknown field).
 */
export function explain(doc: Schema, t: ExplainTarget, fieldPath: string[], recursive: boolean): { stdout: string; error?: string } {
  const prefix = t.group ? `/apis/${t.group}` : '/api';
  const searches = [
    [prefix, t.version, t.resource],
    [prefix, t.version, t.resource, '{name}'],
    [prefix, t.version, 'namespaces', '{namespace}', t.resource],
    [prefix, t.version, 'namespaces', '{namespace}', t.resource, '{name}'],
  ].map((p) => p.join('/'));
  let gvk: Schema | undefined;
  for (const p of searches) {
    const el = doc.paths?.[p];
    if (!truthy(el)) continue;
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) {
      if (!truthy(el[m])) continue;
      gvk = el[m]['x-kubernetes-group-version-kind'];
      if (truthy(gvk)) break;
    }
  }
  const gvr = `${t.group}/${t.version}, Resource=${t.resource}`; // schema.GroupVersionResource.String()
  if (!truthy(gvk)) return { stdout: '', error: `error: GVR (${gvr}) not found in OpenAPI schema` };
  const g = gvk as Schema;
  let stdout = `${g.group ? `GROUP:      ${g.group}\n` : ''}KIND:       ${g.kind}\nVERSION:    ${g.version}\n\n`;
  const ex = new Explainer(doc, recursive);
  for (const name of Object.keys(doc.components?.schemas ?? {}).sort()) {
    const s: Schema = doc.components.schemas[name];
    const kinds = s['x-kubernetes-group-version-kind'];
    if (!Array.isArray(kinds) || !kinds.some((k: Schema) => k.group === g.group && k.kind === g.kind && k.version === g.version && Object.keys(k).length === Object.keys(g).length)) continue;
    const out = ex.output(s, fieldPath, new Set());
    if (!out) return { stdout, error: `error: field "${fieldPath[fieldPath.length - 1]}" does not exist` };
    return { stdout: `${stdout}${out}\n` };
  }
  // %v of the template's map
  return { stdout, error: `error: GVK map[group:${g.group} kind:${g.kind} version:${g.version}] not found in OpenAPI schema` };
}
