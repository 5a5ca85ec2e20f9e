// DESIGN.md dependency rules, checked on the source: components depend on kernel, api and
// client only — never on each other; only the apiserver uses etcd; only cluster/ knows every
// component (trace-events.ts names their trace shapes, type-only); the engine imports no DOM,
// React, Worker or Node modules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname);
const COMPONENTS = ['apiserver', 'controllers', 'scheduler', 'kubelet', 'proxy'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

function typeOnly(file: string, spec: string): boolean {
  return new RegExp(`^\\s*(?:import|export) type [^;]*['"]${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`, 'm').test(readFileSync(file, 'utf8'));
}

/** The top-level engine folder an import resolves to ('' for a package). */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return '';
  const abs = join(file, '..', spec);
  return relative(ROOT, abs).split(/[\\/]/)[0];
}

describe('engine dependency rules', () => {
  const all = files(ROOT);

  it('imports no platform or UI modules (only yaml and type-only kubernetes-types)', () => {
    const bad: string[] = [];
    for (const f of all) {
      const src = readFileSync(f, 'utf8');
      for (const spec of imports(f)) {
        if (spec.startsWith('.')) {
          if (/(^|\/)(ui|worker|cli|protocol)(\/|$)/.test(relative(ROOT, join(f, '..', spec))) || relative(ROOT, join(f, '..', spec)).startsWith('..')) bad.push(`${relative(ROOT, f)} → ${spec}`);
        } else if (spec === 'yaml') {
          if (!f.endsWith(join('api', 'yaml.ts'))) bad.push(`${relative(ROOT, f)} → yaml (only api/yaml.ts parses YAML)`);
        } else if (spec.startsWith('kubernetes-types')) {
          if (!new RegExp(`import type [^;]*['"]${spec}['"]`).test(src) && !new RegExp(`export type [^;]*['"]${spec}['"]`).test(src)) bad.push(`${relative(ROOT, f)} → ${spec} (must be type-only)`);
        } else bad.push(`${relative(ROOT, f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps components apart: none imports another, only the apiserver uses etcd', () => {
    const bad: string[] = [];
    for (const f of all) {
      const from = relative(ROOT, f).split(/[\\/]/)[0];
      for (const spec of imports(f)) {
        const to = target(f, spec);
        if (!to || to === from) continue;
        if (COMPONENTS.includes(from) && COMPONENTS.includes(to)) bad.push(`${from} → ${to} (${relative(ROOT, f)})`);
        // trace-events.ts names the trace shapes of the components and etcd, so it may import their types (only)
        if (from === 'trace-events.ts' && [...COMPONENTS, 'etcd'].includes(to) && !typeOnly(f, spec)) bad.push(`${from} → ${to} (must be type-only)`);
        if (to === 'etcd' && !['apiserver', 'cluster', 'trace-events.ts'].includes(from)) bad.push(`${from} → etcd (${relative(ROOT, f)})`);
        if (COMPONENTS.includes(to) && !['cluster', 'testing', 'index.ts', 'trace-events.ts'].includes(from) && from !== to) bad.push(`${from} → ${to} (${relative(ROOT, f)})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('uses no ambient time or randomness', () => {
    const bad = all.filter((f) => /Date\.now|new Date\(|Math\.random|setTimeout|setInterval|performance\.now/.test(readFileSync(f, 'utf8')));
    expect(bad.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
