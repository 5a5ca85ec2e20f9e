// The manifest editor panel: examples, the lazy Monaco editor, Apply / Delete (as the picked
// kubectl identity) and their outcome.
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useBridge, useUiState } from '../store/context';
import { selectIdentity, selectPending, selectResults, selectSetIdentity, selectSetYaml, selectYaml } from '../store/selectors';
import { useT } from '../../i18n/react';
import type { MessageKey } from '../../i18n';
import './editor.css';
import { EXAMPLES } from './examples';
import { asOf, identityById } from './identities';
import { IdentityPicker } from './IdentityPicker';
import { Outcome } from './Outcome';
import { useOptionalWalkSession } from '../walkthrough/context';

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
  const t = useT();
  return (
    <select aria-label={t('editor.examples')} className="examples" value="" onChange={(e) => {
      const ex = EXAMPLES.find((x) => x.id === e.target.value);
      if (ex) setYaml(ex.yaml);
    }}>
      <option value="">{t('editor.examplesPlaceholder')}</option>
      {EXAMPLES.map((x) => (
        <option key={x.id} value={x.id}>{t(`editor.example.${x.id}` as MessageKey)}</option>
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
  const walk = useOptionalWalkSession();
  // the action a walkthrough step waits for plays that step (as Next would); anything else is free play
  const act = (type: 'apply' | 'delete') => {
    if (walk?.claim({ type, yaml, as })) return;
    if (type === 'apply') bridge.apply(yaml, as);
    else bridge.remove(yaml, as);
  };
  const t = useT();
  const plain = <textarea className="plain-editor" aria-label={t('editor.yaml')} value={yaml} spellCheck={false} onChange={(e) => setYaml(e.target.value)} />;
  return (
    <section aria-label={t('editor.region')} className="panel editor-panel">
      <div className="panel-head">
        <h2>{t('editor.title')}</h2>
        <Examples />
      </div>
      <div className="editor-body">
        <EditorBoundary fallback={plain}>
          <Suspense fallback={<div className="editor-loading">{t('editor.loading')}</div>}>
            <YamlEditor value={yaml} onChange={setYaml} results={results} />
          </Suspense>
        </EditorBoundary>
      </div>
      <div className="editor-actions">
        <button type="button" className="btn primary" disabled={!!pending} onClick={() => act('apply')}>{t('editor.apply')}</button>
        <button type="button" className="btn danger" disabled={!!pending} onClick={() => act('delete')}>{t('editor.delete')}</button>
        <IdentityPicker value={who} onChange={setWho} />
      </div>
      <Outcome />
    </section>
  );
}
