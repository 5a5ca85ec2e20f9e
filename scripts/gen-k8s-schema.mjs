#!/usr/bin/env node
// Generates src/ui/editor/k8s-schema.json, the editor's JSON schema (monaco-yaml), from the
// TypeScript declarations of kubernetes-types (generated from the Kubernetes OpenAPI spec; its doc
// comments are the API's field descriptions). Only the kinds the engine serves
// (src/engine/api/scheme.ts KINDS) and the definitions they reach are emitted.
//
//   node scripts/gen-k8s-schema.mjs          write the file
//   node scripts/gen-k8s-schema.mjs --check  exit 1 if the committed file is out of date
//
// Needs the TypeScript 5 compiler API (typescript is a devDependency).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = join(ROOT, 'node_modules/kubernetes-types');
export const OUT = join(ROOT, 'src/ui/editor/k8s-schema.json');

/** The kinds the apiserver serves: the K('Kind', 'group', 'version', …) rows of scheme.ts. */
export function servedKinds() {
  const file = join(ROOT, 'src/engine/api/scheme.ts');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const kinds = [];
  const visit = (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'K' && n.arguments.length >= 3) {
      const [kind, group, version] = n.arguments.slice(0, 3).map((a) => (ts.isStringLiteral(a) ? a.text : undefined));
      if (kind !== undefined) kinds.push({ kind, group, version });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return kinds;
}

/** kubernetes-types puts group `apps` in apps/v1.d.ts, `rbac.authorization.k8s.io` in rbac/v1.d.ts, core in core/v1.d.ts. */
const moduleOf = (group, version) => `${group ? group.split('.')[0] : 'core'}/${version}`;

/** The doc comment of a declaration, without the comment markers. */
function docOf(node, text) {
  const ranges = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  const docs = ranges.map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith('/**'));
  if (!docs.length) return undefined;
  return docs[docs.length - 1]
    .replace(/^\/\*\*\s?/, '')
    .replace(/\s*\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** Parse every declaration file once: module → { interfaces, aliases, imports }. */
function loadModules() {
  const modules = new Map();
  const load = (mod) => {
    if (modules.has(mod)) return modules.get(mod);
    const file = join(TYPES, `${mod}.d.ts`);
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const m = { mod, text, interfaces: new Map(), aliases: new Map(), imports: new Map() };
    modules.set(mod, m);
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) {
        const from = join(dirname(mod), st.moduleSpecifier.text).replace(/\\/g, '/');
        for (const el of st.importClause?.namedBindings?.elements ?? []) m.imports.set(el.name.text, from);
      } else if (ts.isInterfaceDeclaration(st)) m.interfaces.set(st.name.text, st);
      else if (ts.isTypeAliasDeclaration(st)) m.aliases.set(st.name.text, st);
    }
    return m;
  };
  return load;
}

/**
 * `aliasRefs`: the scalar aliases (Quantity, Time, MicroTime, IntOrString) as definitions of their
 * own instead of inline, as the apiserver's OpenAPI has them (scripts/gen-openapi-schemas.mjs).
 */
export function generate({ aliasRefs = false } = {}) {
  const load = loadModules();
  const definitions = {};
  const defKey = (mod, name) => `${mod.replace('/', '.')}.${name}`;

  /** A named type as a $ref (emitting its definition once), or inline for the scalar aliases. */
  function named(mod, name) {
    const m = load(mod);
    if (!m.interfaces.has(name) && !m.aliases.has(name)) {
      const from = m.imports.get(name);
      if (!from) throw new Error(`${mod}: unknown type ${name}`);
      return named(from, name);
    }
    if (aliasRefs && m.aliases.has(name)) {
      const key = defKey(mod, name);
      if (!(key in definitions)) definitions[key] = { ...typeSchema(mod, m.aliases.get(name).type), description: docOf(m.aliases.get(name), m.text) };
      return { $ref: `#/definitions/${key}` };
    }
    // Quantity is a string in JSON, but YAML manifests write `cpu: 1` as well (resource.Quantity UnmarshalJSON takes both)
    if (mod === 'api/resource' && name === 'Quantity') return { anyOf: [{ type: 'string' }, { type: 'number' }], description: 'A Quantity: a number with an optional SI or binary suffix, e.g. 100m, 0.5, 64Mi, 1Gi.' };
    // kubectl create --dry-run -o yaml writes `creationTimestamp: null`: a null Time decodes to the zero time
    if (mod === 'meta/v1' && (name === 'Time' || name === 'MicroTime')) return { type: ['string', 'null'], description: docOf(m.aliases.get(name), m.text) };
    if (m.aliases.has(name)) {
      const a = m.aliases.get(name);
      return { ...typeSchema(mod, a.type), ...(docOf(a, m.text) ? { description: docOf(a, m.text) } : {}) };
    }
    const key = defKey(mod, name);
    if (!(key in definitions)) {
      definitions[key] = {}; // reserve: types refer to themselves (JSONSchemaProps, …)
      definitions[key] = interfaceSchema(m, m.interfaces.get(name));
    }
    return { $ref: `#/definitions/${key}` };
  }

  function interfaceSchema(m, decl) {
    const s = { type: 'object' };
    const d = docOf(decl, m.text);
    if (d) s.description = d;
    if (decl.members.length === 0) return s; // RawExtension, FieldsV1: free-form JSON
    s.properties = {};
    const required = [];
    for (const mem of decl.members) {
      if (!ts.isPropertySignature(mem)) continue;
      const name = mem.name.text;
      const p = typeSchema(m.mod, mem.type);
      const doc = docOf(mem, m.text);
      // a $ref cannot carry siblings in draft-07 tools: wrap it to keep the field's own description
      s.properties[name] = doc ? (p.$ref ? { allOf: [p], description: doc } : { ...p, description: doc }) : p;
      if (!mem.questionToken) required.push(name);
    }
    if (required.length) s.required = required;
    // the apiserver decodes strictly (fieldValidation=Strict): an unknown field is an error
    s.additionalProperties = false;
    return s;
  }

  function typeSchema(mod, t) {
    switch (t.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
        return {};
    }
    if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return { type: 'string', enum: [t.literal.text] };
    if (ts.isArrayTypeNode(t)) return { type: 'array', items: typeSchema(mod, t.elementType) };
    if (ts.isParenthesizedTypeNode(t)) return typeSchema(mod, t.type);
    if (ts.isUnionTypeNode(t)) {
      const parts = t.types.map((x) => typeSchema(mod, x));
      if (parts.every((p) => Object.keys(p).length === 1 && typeof p.type === 'string')) return { type: parts.map((p) => p.type) }; // IntOrString: number | string
      return { anyOf: parts };
    }
    if (ts.isTypeLiteralNode(t)) {
      const index = t.members.find(ts.isIndexSignatureDeclaration);
      if (index) return { type: 'object', additionalProperties: typeSchema(mod, index.type) };
      return { type: 'object' };
    }
    if (ts.isTypeReferenceNode(t)) {
      const name = t.typeName.getText();
      if (name === 'Array' && t.typeArguments?.length === 1) return { type: 'array', items: typeSchema(mod, t.typeArguments[0]) };
      if (name === 'Record' && t.typeArguments?.length === 2) return { type: 'object', additionalProperties: typeSchema(mod, t.typeArguments[1]) };
      return named(mod, name);
    }
    throw new Error(`${mod}: unsupported type ${ts.SyntaxKind[t.kind]}: ${t.getText()}`);
  }

  const kinds = servedKinds();
  const allOf = [];
  for (const { kind, group, version } of kinds) {
    const ref = named(moduleOf(group, version), kind);
    const apiVersion = group ? `${group}/${version}` : version;
    // keyed on kind and apiVersion: the kind's own definition applies to the document
    allOf.push({
      if: { properties: { kind: { const: kind }, apiVersion: { const: apiVersion } }, required: ['kind', 'apiVersion'] },
      then: { allOf: [ref], required: ['apiVersion', 'kind', 'metadata'] },
    });
  }
  const pkg = JSON.parse(readFileSync(join(TYPES, 'package.json'), 'utf8'));
  const sortKeys = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `Generated by scripts/gen-k8s-schema.mjs from kubernetes-types ${pkg.version} (the Kubernetes ${pkg.version.split('.').slice(0, 2).join('.')} API): the kinds of src/engine/api/scheme.ts. Do not edit.`,
    title: 'Kubernetes object',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', enum: [...new Set(kinds.map((k) => (k.group ? `${k.group}/${k.version}` : k.version)))].sort(), description: 'APIVersion defines the versioned schema of this representation of an object.' },
      kind: { type: 'string', enum: kinds.map((k) => k.kind).sort(), description: 'Kind is a string value representing the REST resource this object represents.' },
    },
    allOf,
    definitions: sortKeys(definitions),
  };
}

export function render() {
  return `${JSON.stringify(generate())}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = render();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUT, 'utf8');
    if (current !== text) {
      console.error(`${relative(ROOT, OUT)} is out of date: run node scripts/gen-k8s-schema.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(OUT, text);
    console.log(`wrote ${relative(ROOT, OUT)} (${text.length} bytes, ${Object.keys(generate().definitions).length} definitions)`);
  }
}
