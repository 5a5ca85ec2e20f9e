// The Terminal view: type kubectl as in a shell. Each line goes to the worker, which runs it over
// the same REST API the real kubectl reaches through `npm run serve` (src/rest), so a write travels
// the apiserver pipeline and animates like the editor's Apply. A plain input line over an output
// pane (not a terminal emulator) keeps Chinese input methods working; ↑/↓ history, Tab
// completion, Ctrl+C, `clear`; a line ending in `<<EOF` opens a here-document: the next lines are
// collected under bash's `> ` prompt up to the delimiter and go with the command as its stdin.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useServices, useUiState } from '../store/context';
import type { TerminalLine } from '../store/types';
import type { KubeObject } from '../../protocol/messages';
import { useT } from '../../i18n/react';
import { complete } from './complete';
import './terminal.css';

type S = { termLines: TerminalLine[]; termPending: number | null; yaml: string; objects: Map<string, KubeObject> };
const selectLines = (s: S) => s.termLines;
const selectPending = (s: S) => s.termPending;
const selectPlaying = (s: { clock: { playing: boolean } }) => s.clock.playing;

/** ids of Terminal lines (KUBECTL_RESULT answers only the Terminal, so they need not be the bridge's) */
let nextId = 1;

export function TerminalView() {
  const t = useT();
  const { bridge, store } = useServices();
  const lines = useUiState(selectLines);
  const pending = useUiState(selectPending);
  const playing = useUiState(selectPlaying);
  const [input, setInput] = useState('');
  /** an open here-document: the command line, its delimiter and the lines typed so far */
  const [doc, setDoc] = useState<{ first: string; delimiter: string; lines: string[] } | null>(null);
  const history = useRef<string[]>([]);
  const at = useRef(0);
  const pane = useRef<HTMLDivElement>(null);
  useEffect(() => {
    pane.current?.scrollTo({ top: pane.current.scrollHeight });
  }, [lines, doc]);

  const run = (line: string) => {
    if (doc) {
      setInput('');
      if (line !== doc.delimiter) return setDoc({ ...doc, lines: [...doc.lines, line] });
      setDoc(null);
      // the whole input goes to the worker (KubectlSession.run splits off the document); the log shows it as bash does
      const text = [doc.first, ...doc.lines, line].join('\n');
      return send(doc.first, text, [doc.first, ...[...doc.lines, line].map((l) => `> ${l}`)].join('\n'));
    }
    const opens = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$/.exec(line.trim());
    if (opens && /^(kubectl|k)\s/.test(line.trim())) {
      history.current.push(line.trim());
      at.current = history.current.length;
      setInput('');
      return setDoc({ first: line.trim(), delimiter: opens[2], lines: [] });
    }
    const trimmed = line.trim();
    if (trimmed) {
      history.current.push(trimmed);
      at.current = history.current.length;
    }
    setInput('');
    const s = store.getState();
    if (trimmed === 'clear') return s.termPrint(null);
    if (!trimmed) return s.termPrint({ kind: 'cmd', text: '' });
    send(trimmed, trimmed, trimmed);
  };

  const send = (first: string, line: string, shown: string) => {
    const s = store.getState();
    const words = first.split(/\s+/);
    if (words[0] !== 'kubectl' && words[0] !== 'k') {
      s.termPrint({ kind: 'cmd', text: shown });
      return s.termPrint({ kind: 'err', text: t('terminal.onlyKubectl', { command: words[0] }) });
    }
    const id = nextId++;
    s.termRun(id, shown);
    bridge.send({ type: 'KUBECTL', id, line, files: { 'manifest.yaml': s.yaml } });
  };

  const names = (kind: string) => {
    const out: string[] = [];
    for (const o of (store.getState() as unknown as S).objects.values()) if (o.kind === kind) out.push(o.metadata.name);
    return out;
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return; // an input method is composing (Chinese): its keys are its own
    if (e.key === 'Enter') {
      e.preventDefault();
      if (pending === null) run(input);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const h = history.current;
      at.current = Math.max(0, Math.min(h.length, at.current + (e.key === 'ArrowUp' ? -1 : 1)));
      setInput(h[at.current] ?? '');
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const c = complete(input, names);
      setInput(c.line);
      if (c.choices.length) store.getState().termPrint({ kind: 'out', text: c.choices.join('  ') });
    } else if (e.key === 'c' && e.ctrlKey) {
      e.preventDefault();
      // a running line (get -w) is stopped; otherwise the typed line is dropped
      if (pending !== null) {
        bridge.send({ type: 'KUBECTL_CANCEL', id: pending });
        store.getState().termPrint({ kind: 'out', text: '^C' });
      } else if (doc) {
        // bash drops an open here-document and its command
        store.getState().termPrint({ kind: 'cmd', text: [doc.first, ...[...doc.lines, `${input}^C`].map((l) => `> ${l}`)].join('\n') });
        setDoc(null);
      } else store.getState().termPrint({ kind: 'cmd', text: `${input}^C` });
      setInput('');
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      store.getState().termPrint(null);
    }
  };

  return (
    <section className="terminal" aria-label={t('views.terminal')}>
      <div className="term-out" ref={pane} role="log" aria-label={t('terminal.output')} aria-live="polite">
        {lines.length === 0 && <p className="term-hint">{t('terminal.hint')}</p>}
        {lines.map((l, i) => (
          <pre key={i} className={`term-line is-${l.kind}`}>{l.kind === 'cmd' ? `$ ${l.text}` : l.text || ' '}</pre>
        ))}
        {doc && <pre className="term-line is-cmd">{[`$ ${doc.first}`, ...doc.lines.map((l) => `> ${l}`)].join('\n')}</pre>}
      </div>
      <form className="term-in" onSubmit={(e) => e.preventDefault()}>
        <span className="term-prompt" aria-hidden="true">{doc ? '>' : '$'}</span>
        <input
          aria-label={t('terminal.input')}
          value={input}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          placeholder="kubectl get pods"
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKey}
        />
        {pending !== null && <span className="term-busy" role="status">{t(playing ? 'terminal.running' : 'terminal.paused')}</span>}
      </form>
    </section>
  );
}
