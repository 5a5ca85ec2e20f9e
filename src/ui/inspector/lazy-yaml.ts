// The YAML printer is in the chunk the walkthroughs load right after the first paint; the Inspector
// prints with it once it is there (an object selected in the first instant shows its YAML a moment later).
import { useEffect, useMemo, useState } from 'react';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | null = null;
let loading: Promise<typeof Yaml> | null = null;

function loadYaml(): Promise<typeof Yaml> {
  loading ??= import('yaml').then(
    (m) => (loaded = m),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** `object` as YAML (kubectl get -o yaml's layout, no line folding); null until the printer is loaded. */
export function useYamlText(object: unknown): string | null {
  const [yaml, setYaml] = useState<typeof Yaml | null>(() => loaded);
  useEffect(() => {
    if (yaml) return;
    let live = true;
    loadYaml().then(
      (m) => live && setYaml(() => m),
      (err: unknown) => console.error('the YAML printer could not be loaded:', err),
    );
    return () => {
      live = false;
    };
  }, [yaml]);
  return useMemo(() => (yaml ? yaml.stringify(object, { lineWidth: 0 }) : null), [yaml, object]);
}
