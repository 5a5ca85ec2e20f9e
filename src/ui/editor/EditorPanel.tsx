// The manifest editor panel: examples, the lazy Monaco editor, Apply / Delete (as the picked
// kubectl identity) and their outcome.
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useBridge, useUiState } from '../store/context';
import { selectIdentity, selectPending, selectResults, selectSetIdentity, selectSetYaml, selectYaml } from '../store/selectors';
import './editor.css';
import { EXAMPLES } from './examples';
import { asOf, identityById } from './identities';
import { IdentityPicker } from './IdentityPicker';
import { Outcome } from './Outcome';

const YamlEditor = lazy(() => import('./YamlEditor'));

/** If Monaco cannot load, a plain textarea keeps the app usable. */
class EditorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function Examples() {
  const setYaml = useUiState(selectSetYaml);
  return (
    <select aria-label="Examples" className="examples" value="" onChange={(e) => {
      const ex = EXAMPLES.find((x) => x.id === e.target.value);
      if (ex) setYaml(ex.yaml);
    }}>
      <option value="">Examples…</option>
      {EXAMPLES.map((x) => (
        <option key={x.id} value={x.id}>{x.title}</option>
      ))}
    </select>
  );
}

export function EditorPanel() {
  const yaml = useUiState(selectYaml);
  const setYaml = useUiState(selectSetYaml);
  const results = useUiState(selectResults);
  const pending = useUiState(selectPending);
  const bridge = useBridge();
  const who = useUiState(selectIdentity);
  const setWho = useUiState(selectSetIdentity);
  const as = asOf(identityById(who));
  const plain = <textarea className="plain-editor" aria-label="Manifest YAML" value={yaml} spellCheck={false} onChange={(e) => setYaml(e.target.value)} />;
  return (
    <section aria-label="Manifest editor" className="panel editor-panel">
      <div className="panel-head">
        <h2>Manifest</h2>
        <Examples />
      </div>
      <div className="editor-body">
        <EditorBoundary fallback={plain}>
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <YamlEditor value={yaml} onChange={setYaml} results={results} />
          </Suspense>
        </EditorBoundary>
      </div>
      <div className="editor-actions">
        <button type="button" className="btn primary" disabled={!!pending} onClick={() => bridge.apply(yaml, as)}>Apply</button>
        <button type="button" className="btn danger" disabled={!!pending} onClick={() => bridge.remove(yaml, as)}>Delete</button>
        <IdentityPicker value={who} onChange={setWho} />
      </div>
      <Outcome />
    </section>
  );
}
