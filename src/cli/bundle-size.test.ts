// npm run size: the chunk-graph walk that splits a build into what the page and the worker need at
// start and what loads on demand, on a tiny dist/ written the way Vite writes one.
import { describe, expect, it } from 'vitest';
import { chunkRefs, classify, htmlAssets } from '../../scripts/bundle-size.mjs';

const dist: Record<string, string> = {
  'index.html': `<!doctype html><html><head><link rel="icon" href="data:,"><script type="module" crossorigin src="/assets/index-a.js"></script>
<link rel="modulepreload" crossorigin href="/assets/react-b.js"><link rel="stylesheet" crossorigin href="/assets/index-c.css"></head></html>`,
  'assets/index-a.js': `import{a as e}from"./react-b.js";import"./store-d.js";const w=new Worker(new URL(\`/assets/worker-e.js\`,\`\`+import.meta.url),{type:\`module\`});const V=()=>import(\`./Views-f.js\`);console.log("import x from './not-a-chunk.js' in a string");`,
  'assets/react-b.js': `export const a=1;`,
  'assets/store-d.js': `export{a}from"./react-b.js";`,
  'assets/index-c.css': `body{}`,
  'assets/Views-f.js': `import{a}from"./react-b.js";import"./views-g.js";`,
  'assets/views-g.js': `export const v=2;`,
  'assets/Views-f.css': `.v{}`,
  'assets/worker-e.js': `import{x}from"./engine-h.js";const r=()=>import("./rest-i.js");`,
  'assets/engine-h.js': `export const x=3;`,
  'assets/rest-i.js': `import{x}from"./engine-h.js";`,
  'assets/index-a.js.map': `{}`,
};
const read = (f: string) => dist[f];

describe('bundle-size: what loads at start', () => {
  it('reads the script, modulepreload and stylesheet tags of index.html (not a data: icon)', () => {
    expect(htmlAssets(dist['index.html'])).toEqual(['assets/index-a.js', 'assets/react-b.js', 'assets/index-c.css']);
  });

  it('tells static imports, dynamic imports and worker scripts apart in a minified chunk', () => {
    expect(chunkRefs(dist['assets/index-a.js'], 'assets/index-a.js')).toEqual({
      staticImports: ['assets/react-b.js', 'assets/store-d.js'],
      dynamicImports: ['assets/Views-f.js'],
      workers: ['assets/worker-e.js'],
    });
  });

  it('puts the static closure in the page, the started worker with its imports in the worker, the rest in lazy', () => {
    expect(classify(Object.keys(dist), read)).toEqual({
      page: ['assets/index-a.js', 'assets/index-c.css', 'assets/react-b.js', 'assets/store-d.js', 'index.html'],
      worker: ['assets/engine-h.js', 'assets/worker-e.js'],
      lazy: ['assets/Views-f.css', 'assets/Views-f.js', 'assets/rest-i.js', 'assets/views-g.js'],
    });
  });
});
