// The Registry view: the images the simulated registry serves (from the engine), which nodes have
// them cached (node status images), and a form to push a new image (inject registry.add).
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { KubeObject, RegistryImageView } from '../../protocol/messages';
import { ViewPanel } from '../scheduler/ViewPanel';
import { useServices, useUiState } from '../store/context';
import { nodeRequestId } from '../store/node-views';
import { selectFaultPending, selectFaultResult, selectReady } from '../store/selectors';
import { behaviourText, cachedOn, formatMB, registryAddFault, shortName, type AddImageForm, type BehaviourChoice } from './registry-view';
import { useT } from '../../i18n/react';
import { spaceCjk, useLocale } from '../i18n';
import './registry.css';

type S = { objects: Map<string, KubeObject>; registryImages: RegistryImageView[] | null };
const selectObjects = (s: S) => s.objects;
const selectImages = (s: S) => s.registryImages;

const INITIAL: AddImageForm = { image: 'myapp:1.0', sizeMB: 25, behaviour: 'http', port: 8080, seconds: 5, exitCode: 1 };

function AddImage() {
  const tr = useT();
  const { bridge } = useServices();
  const [f, setF] = useState(INITIAL);
  const pending = useUiState(selectFaultPending);
  const result = useUiState(selectFaultResult);
  const set = <K extends keyof AddImageForm>(k: K, v: AddImageForm[K]) => setF({ ...f, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    bridge.inject(registryAddFault(f));
  };
  const mine = result?.fault.type === 'registry.add' ? result : null;
  const num = (k: 'sizeMB' | 'port' | 'seconds' | 'exitCode', label: string, width = 52) => (
    <label>{label} <input type="number" aria-label={label} style={{ width }} value={f[k]} onChange={(e) => set(k, Number(e.target.value))} /></label>
  );
  return (
    <form className="reg-add" onSubmit={submit} aria-label={tr('reg.add')}>
      <label>{tr('reg.image')} <input aria-label={tr('reg.image')} value={f.image} onChange={(e) => set('image', e.target.value)} style={{ width: 110 }} /></label>
      {num('sizeMB', 'MB', 48)}
      <select aria-label={tr('reg.behaviour')} value={f.behaviour} onChange={(e) => set('behaviour', e.target.value as BehaviourChoice)}>
        <option value="http">{tr('reg.http')}</option>
        <option value="complete">{tr('reg.complete')}</option>
        <option value="crash">{tr('reg.crash')}</option>
        <option value="sleep">{tr('reg.sleep')}</option>
      </select>
      {f.behaviour === 'http' && num('port', tr('reg.port'))}
      {(f.behaviour === 'complete' || f.behaviour === 'crash') && num('seconds', tr('reg.seconds'), 44)}
      {f.behaviour === 'crash' && num('exitCode', tr('reg.exitCode'), 40)}
      <button type="submit" disabled={!!pending}>{tr('reg.push')}</button>
      {mine && (mine.ok ? <span className="reg-ok" role="status">{tr('reg.pushed', { image: mine.fault.target })}</span> : <span className="reg-err" role="alert">{mine.message}</span>)}
    </form>
  );
}

export function RegistryView() {
  const tr = useT();
  const locale = useLocale();
  const list = useMemo(() => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }), [locale]);
  // Intl's Chinese list joins with 和 without spaces: one space between Chinese and Latin text
  const spaced = (text: string) => (locale === 'en' ? text : spaceCjk(text));
  const { bridge } = useServices();
  const images = useUiState(selectImages);
  const objects = useUiState(selectObjects);
  const ready = useUiState(selectReady);
  const result = useUiState(selectFaultResult);
  // ask on open, after a reset, and after each push
  useEffect(() => {
    if (ready) bridge.send({ type: 'REGISTRY', id: nodeRequestId() });
  }, [bridge, ready, result]);
  const nodes = useMemo(() => [...objects.values()].filter((o) => o.kind === 'Node'), [objects]);
  return (
    <ViewPanel title={tr('views.registry')} count={images ? tr('reg.count', { count: images.length }) : undefined} className="registry-view">
      <AddImage />
      <ul className="reg-list" aria-label={tr('reg.list')}>
        {(images ?? []).map((i) => {
          const name = `${shortName(i.repository)}${i.tag ? `:${i.tag}` : ''}`;
          const cached = cachedOn(i, nodes);
          return (
            <li key={name} aria-label={name} className={i.pushed ? 'pushed' : undefined} title={i.repository}>
              <div className="reg-l1">
                <code className="reg-name">{name}</code>{!i.tag && <span className="reg-any">{tr('reg.anyTag')}</span>}
                <span className="reg-size">{formatMB(i.sizeBytes)}</span>
                {i.ports.length > 0 && <span className="reg-ports">:{i.ports.join(', :')}</span>}
                <span className="reg-beh">{behaviourText(i.behaviour, tr)}</span>
              </div>
              <div className="reg-l2">
                <code className="reg-cmd" title={i.command.join(' ')}>{i.command.join(' ') || tr('reg.noCommand')}</code>
                <span className="reg-cached">{cached.length ? spaced(tr('reg.cachedOn', { nodes: list.format(cached.map((c) => tr('reg.nodeTags', { node: c.node, tags: c.tags.join(', ') }))) })) : tr('reg.notCached')}</span>
              </div>
            </li>
          );
        })}
      </ul>
    </ViewPanel>
  );
}
