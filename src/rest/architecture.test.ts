// DESIGN.md dependency rules for the REST layer and its Node host: `rest → engine` (through the
// engine's public index only, and no Node or DOM modules: the in-app terminal will share it);
// `server → engine, folds, rest, protocol` and Node's own modules, plus the worker's Host (the pure
// class the Web Worker runs; the server runs the same one for an attached app), never the worker's
// DOM entry `worker/worker.ts`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(dir, f));
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

/** the top-level folder of src an import lands in, or the package name */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return `pkg:${spec}`;
  const rel = relative(SRC, join(file, '..', spec)).split(/[\\/]/);
  return rel.length === 1 ? rel[0] : `${rel[0]}/${rel.slice(1).join('/')}`;
}

describe('rest and server dependency rules', () => {
  it('rest imports only the engine index, itself and yaml', () => {
    const bad: string[] = [];
    for (const f of sources(join(SRC, 'rest'))) {
      for (const spec of imports(f)) {
        const t = target(f, spec);
        // and the yaml package (the design card's), which the apiserver needs to read YAML bodies
        if (t !== 'engine' && t !== 'engine/index' && !t.startsWith('rest/') && t !== 'pkg:yaml') bad.push(`${relative(SRC, f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('server imports engine (index), folds, rest, protocol, the worker\'s host (with its static link to rest) and node: modules', () => {
    const bad: string[] = [];
    for (const f of sources(join(SRC, 'server'))) {
      for (const spec of imports(f)) {
        const t = target(f, spec);
        const ok = t === 'engine' || t === 'engine/index' || /^(folds|rest|protocol|server)\//.test(t) || t === 'worker/host' || t === 'worker/rest-sync' || t.startsWith('pkg:node:');
        if (!ok) bad.push(`${relative(SRC, f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
