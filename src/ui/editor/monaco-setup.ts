// Monaco, lean (STACK.md "Monaco without the bloat"): only the editor core, the YAML grammar and
// two workers (editor, yaml), bundled locally — no CDN. Imported only by the lazy editor chunk.
import 'monaco-editor/esm/vs/editor/edcore.main.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import { loader } from '@monaco-editor/react';
import { configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';
import { POD_SCHEMA } from './pod-schema';

function getWorker(_moduleId: string, label: string): Worker {
  return label === 'yaml' ? new YamlWorker() : new EditorWorker();
}

(globalThis as unknown as { MonacoEnvironment: object }).MonacoEnvironment = { getWorker };

// monaco-yaml 5.5 calls createWebWorker without `worker`, which Monaco ≥ 0.54 requires
// (monaco-yaml issue #272): create it ourselves and hand it its createData first.
type WorkerOpts = Parameters<typeof monaco.editor.createWebWorker>[0] & { moduleId?: string; label?: string; createData?: unknown };
const createWebWorker = monaco.editor.createWebWorker;
monaco.editor.createWebWorker = ((opts: WorkerOpts) => {
  if (opts.worker) return createWebWorker(opts);
  const worker = getWorker(opts.moduleId ?? '', opts.label ?? '');
  worker.postMessage('ignore');
  worker.postMessage(opts.createData);
  return createWebWorker({ ...opts, worker });
}) as typeof monaco.editor.createWebWorker;

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  format: { enable: false },
  schemas: [{ uri: 'inmemory://kube-orrery/pod.schema.json', fileMatch: ['*'], schema: POD_SCHEMA }],
});

loader.config({ monaco });

export { monaco };
