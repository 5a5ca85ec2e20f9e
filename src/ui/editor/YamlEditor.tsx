// The Monaco YAML editor (lazy chunk). Apply errors come back as markers at their line.
import Editor from '@monaco-editor/react';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ApplyResult } from '../../protocol/messages';
import { monaco } from './monaco-setup';
import { useT } from '../../i18n/react';
import { failureText } from './outcome';

type Ed = ReturnType<typeof monaco.editor.create>;
/** The big-screen media query of styles.css, live (projectors switch resolution mid-lesson). */
const BIG = '(min-width: 1600px) and (min-height: 900px)';
function useBigScreen(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = window.matchMedia(BIG);
      mq.addEventListener('change', cb);
      return () => mq.removeEventListener('change', cb);
    },
    () => window.matchMedia(BIG).matches,
  );
}
const OWNER = 'kube-apiserver';

export interface YamlEditorProps {
  value: string;
  onChange(value: string): void;
  results: ApplyResult[] | null;
}

export function markersFor(results: ApplyResult[] | null, lineCount: number): Parameters<typeof monaco.editor.setModelMarkers>[2] {
  return (results ?? [])
    .filter((r) => !r.ok)
    .map((r) => {
      const line = Math.min(Math.max(1, r.line ?? 1), lineCount);
      return { severity: monaco.MarkerSeverity.Error, message: failureText(r), startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1000 };
    });
}

export default function YamlEditor({ value, onChange, results }: YamlEditorProps) {
  const editorRef = useRef<Ed | null>(null);
  const big = useBigScreen();
  const t = useT();
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelMarkers(model, OWNER, markersFor(results, model.getLineCount()));
  }, [results]);
  return (
    <Editor
      language="yaml"
      path="manifest.yaml"
      value={value}
      theme="vs"
      onChange={(v) => onChange(v ?? '')}
      onMount={(ed) => {
        editorRef.current = ed;
        const model = ed.getModel();
        if (model) monaco.editor.setModelMarkers(model, OWNER, markersFor(results, model.getLineCount()));
      }}
      loading={<div className="editor-loading">{t('editor.loading')}</div>}
      options={{
        editContext: false,
        ariaLabel: t('editor.yaml'),
        minimap: { enabled: false },
        // the sticky-scroll header overlaps the lines below it on a small projector panel
        stickyScroll: { enabled: false },
        fontSize: big ? 18 : 15,
        lineNumbersMinChars: 3,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        tabSize: 2,
        renderLineHighlight: 'line',
        fixedOverflowWidgets: true,
      }}
    />
  );
}
