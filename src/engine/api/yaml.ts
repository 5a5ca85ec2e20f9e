// Multi-document YAML → objects, keeping positions so that an error can point at its line
// (the editor's markers). Uses the `yaml` package (pure ES, no platform APIs): the one npm
// dependency of the engine (DESIGN.md explains why).
import { type Document, LineCounter, isMap, isSeq, parseAllDocuments } from 'yaml';

export interface ParsedDoc {
  /** index of the document in the stream */
  index: number;
  object: unknown;
  /** 1-based line where the document's content starts */
  line: number;
  doc: Document.Parsed;
}

export interface YamlError {
  message: string;
  line: number;
}

export interface ParsedManifest {
  docs: ParsedDoc[];
  lineCounter: LineCounter;
  error?: YamlError;
}

export function parseManifest(text: string): ParsedManifest {
  const lineCounter = new LineCounter();
  let all: Document.Parsed[];
  try {
    all = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
  } catch (e) {
    return { docs: [], lineCounter, error: { message: String((e as Error).message), line: 1 } };
  }
  const docs: ParsedDoc[] = [];
  for (const doc of all) {
    if (doc.errors.length) {
      const err = doc.errors[0];
      const line = err.linePos?.[0]?.line ?? lineCounter.linePos(err.pos[0]).line;
      const reason = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return { docs, lineCounter, error: { message: goYamlMessage(err.code, reason, line, text, err.pos[0]), line } };
    }
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // e.g. an alias to an anchor that was never set: go-yaml says "unknown anchor 'x' referenced"
      const line = lineCounter.linePos(doc.contents?.range?.[0] ?? 0).line;
      const m = /Unresolved alias[^:]*: (.*)$/.exec(String((e as Error).message));
      const reason = m ? `unknown anchor '${m[1]}' referenced` : String((e as Error).message);
      return { docs, lineCounter, error: { message: `error converting YAML to JSON: yaml: line ${line}: ${reason}`, line } };
    }
    if (object === null || object === undefined) continue; // an empty document (e.g. a trailing ---)
    const start = doc.contents?.range?.[0] ?? 0;
    docs.push({ index: docs.length, object, line: lineCounter.linePos(start).line, doc });
  }
  return { docs, lineCounter };
}

/** The `yaml` package's error codes in the words of go-yaml, which kubectl users see. */
function goYamlMessage(code: string, reason: string, line: number, text: string, pos: number): string {
  const prefix = 'error converting YAML to JSON: yaml:';
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `${prefix} line ${line}: mapping values are not allowed in this context`;
    case 'TAB_AS_INDENT':
      return `${prefix} line ${line}: found character that cannot start any token`;
    case 'DUPLICATE_KEY': {
      const lineText = text.slice(text.lastIndexOf('\n', pos) + 1).split('\n')[0];
      const key = lineText.trim().replace(/^-\s*/, '').split(':')[0];
      return `${prefix} unmarshal errors:\n  line ${line}: key "${key}" already set in map`;
    }
    case 'MISSING_CHAR':
      return /without - indicator/.test(reason) ? `${prefix} line ${line}: did not find expected '-' indicator` : `${prefix} line ${line}: did not find expected key`;
    case 'BAD_INDENT':
      return /Flow sequence/.test(reason) ? `${prefix} line ${line}: did not find expected ',' or ']'` : `${prefix} line ${line}: did not find expected key`;
    default:
      return `${prefix} line ${line}: ${reason}`;
  }
}

/** `spec.containers[0].image` → ['spec', 'containers', 0, 'image'] */
export function splitFieldPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].match(/\[([^\]]*)\]/g) ?? []) {
      const v = idx.slice(1, -1);
      out.push(/^\d+$/.test(v) ? Number(v) : v);
    }
  }
  return out;
}

/** The line of the deepest existing node along a field path (the editor marks it). */
export function lineForPath(d: ParsedDoc, lc: LineCounter, path: string): number {
  let node: unknown = d.doc.contents;
  let line = d.line;
  for (const seg of splitFieldPath(path)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === seg);
      if (!pair) break;
      const keyRange = (pair.key as { range?: [number, number, number] }).range;
      if (keyRange) line = lc.linePos(keyRange[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as { range?: [number, number, number] } | undefined;
      if (!item) break;
      if (item.range) line = lc.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}
