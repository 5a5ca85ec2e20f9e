// Types of bundle-size.mjs for its unit test (src/cli/bundle-size.test.ts).
export function htmlAssets(html: string): string[];
export function chunkRefs(code: string, from: string): { staticImports: string[]; dynamicImports: string[]; workers: string[] };
export function classify(files: string[], read: (file: string) => string | undefined): { page: string[]; worker: string[]; lazy: string[] };
