// What the browser downloads before the app is usable, from a built dist/ (npm run size builds
// first): index.html, the scripts, stylesheets and modulepreloads it names and every chunk those
// import statically (the page); the worker scripts the page starts and their static imports (the
// worker); everything else is loaded on demand (lazy). Prints raw and gzip sizes and exits non-zero
// when the page's initial gzip exceeds the limit, so it can be a check.
//   node scripts/bundle-size.mjs [dist] [--limit-kb 300] [--json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ORIGIN = 'http://orrery.invalid/';

/** `path` (relative to dist, as served at /) of `spec` as written in the file at `from`. */
function resolve(spec, from) {
  return decodeURIComponent(new URL(spec, ORIGIN + from).pathname.slice(1));
}

/** The tags of index.html that the browser fetches at once. */
export function htmlAssets(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel=["']([^"']+)["']/.exec(m[0])?.[1] ?? '';
    const href = /\bhref=["']([^"']+)["']/.exec(m[0])?.[1];
    if (href && !href.startsWith('data:') && /\b(stylesheet|modulepreload)\b/.test(rel)) out.push(href);
  }
  return out.map((s) => resolve(s, 'index.html'));
}

/** The references of one built chunk: static imports (and re-exports), dynamic import()s, and
 * worker scripts (`new URL('…js', import.meta.url)`, as Vite emits for `new Worker(new URL(…))`). */
export function chunkRefs(code, from) {
  const local = (s) => /^(\.{1,2}\/|\/)/.test(s);
  const staticImports = new Set();
  const dynamicImports = new Set();
  const workers = new Set();
  // `import{a as b}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"` — minified or not
  for (const m of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?(["'`])([^"'`\n]+?\.m?js)\1/g)) if (local(m[2])) staticImports.add(resolve(m[2], from));
  for (const m of code.matchAll(/\bimport\s*\(\s*(["'`])([^"'`\n]+?\.m?js)\1\s*\)/g)) if (local(m[2])) dynamicImports.add(resolve(m[2], from));
  for (const m of code.matchAll(/new\s+URL\s*\(\s*(["'`])([^"'`\n]+?\.m?js)\1/g)) if (local(m[2])) workers.add(resolve(m[2], from));
  return { staticImports: [...staticImports], dynamicImports: [...dynamicImports], workers: [...workers] };
}

/** The files reached from `roots` by static imports; `workers` collects the worker scripts they start. */
function closure(roots, read, workers) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f)) continue;
    const code = read(f);
    if (code === undefined) continue; // not in dist (an external URL): not ours to count
    seen.add(f);
    if (!/\.m?js$/.test(f)) continue;
    const refs = chunkRefs(code, f);
    stack.push(...refs.staticImports);
    for (const w of refs.workers) workers?.add(w);
  }
  return seen;
}

/** The page's initial files, the worker's (less those the page already has) and the lazy rest. */
export function classify(files, read) {
  const html = read('index.html');
  if (html === undefined) throw new Error('no index.html: build first (vite build)');
  const workerRoots = new Set();
  const page = closure(['index.html', ...htmlAssets(html)], read, workerRoots);
  const worker = new Set([...closure([...workerRoots], read, null)].filter((f) => !page.has(f)));
  const lazy = files.filter((f) => !page.has(f) && !worker.has(f) && !f.endsWith('.map')).sort();
  return { page: [...page].sort(), worker: [...worker].sort(), lazy };
}

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

function sizes(dir, files) {
  return files.map((f) => {
    const buf = readFileSync(join(dir, f));
    return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
}

const kB = (n) => (n / 1000).toFixed(1).padStart(9);
const sum = (rows, k) => rows.reduce((a, r) => a + r[k], 0);

function main(argv) {
  const args = argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args.splice(i, 2)[1];
  };
  const limitKb = Number(flag('--limit-kb') ?? 300);
  const json = args.includes('--json');
  const dir = args.find((a) => !a.startsWith('--')) ?? 'dist';
  const files = listFiles(dir);
  const groups = classify(files, (f) => (files.includes(f) ? readFileSync(join(dir, f), 'utf8') : undefined));
  const page = sizes(dir, groups.page);
  const worker = sizes(dir, groups.worker);
  const lazy = sizes(dir, groups.lazy).sort((a, b) => b.gzip - a.gzip);
  const pageGz = sum(page, 'gzip');
  if (json) {
    console.log(JSON.stringify({ limitKb, page, worker, lazy }, null, 2));
  } else {
    const line = (label, r) => console.log(`  ${label.padEnd(52)}${kB(r.raw)} kB${kB(r.gzip)} kB`);
    const section = (title, rows) => {
      console.log(`${title}${' '.repeat(Math.max(1, 54 - title.length))}     raw      gzip`);
      for (const r of rows) line(r.file, r);
      line('total', { raw: sum(rows, 'raw'), gzip: sum(rows, 'gzip') });
      console.log('');
    };
    section('Page, initial (index.html, entry, CSS, static imports)', page);
    section('Worker, initial (the simulation worker and its static imports)', worker);
    section('Lazy (loaded on demand)', lazy);
    line('page + worker before the app is usable', { raw: sum(page, 'raw') + sum(worker, 'raw'), gzip: pageGz + sum(worker, 'gzip') });
  }
  const over = pageGz > limitKb * 1000;
  console.error(`${over ? 'FAIL' : 'ok'}: the page's initial download is ${(pageGz / 1000).toFixed(1)} kB gzip (limit ${limitKb} kB)`);
  return over ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv);
