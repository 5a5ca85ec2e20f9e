// Break things: stop/start etcd members and nodes, remove an image from every node. Each button
// sends one INJECT; the engine's answer (or its refusal) is shown here.
import { useMemo, useState } from 'react';
import type { Fault } from '../../protocol/messages';
import { useBridge, useUiState } from '../store/context';
import { selectEtcdMembers, selectFaultPending, selectFaultResult, selectNodeNames, selectPodKeys } from '../store/selectors';
import { faultDoneText, faultFailedText, imagesOf } from './faults';
import './faults.css';
import { useT } from '../../i18n/react';
import { useOptionalWalkSession } from '../walkthrough/context';

/** Past this many nodes the node picker lists only the first ones (a 1,000-entry select is no help). */
const NODE_CHOICES = 50;

function EtcdButtons({ send, busy }: { send: (f: Fault) => void; busy: boolean }) {
  const members = useUiState(selectEtcdMembers);
  const t = useT();
  return (
    <div className="fault-group" role="group" aria-label={t('faults.etcdGroup')}>
      {members.map((m) => (
        <button key={m.id} type="button" disabled={busy} className={`btn fault-btn${m.stopped ? ' is-down' : ''}`}
          onClick={() => send({ type: m.stopped ? 'etcd.start' : 'etcd.stop', target: m.id })}>
          {m.stopped ? t('faults.startMember', { member: m.id }) : t('faults.stopMember', { member: m.id })}
        </button>
      ))}
    </div>
  );
}

function NodeControls({ send, busy }: { send: (f: Fault) => void; busy: boolean }) {
  const names = useUiState(selectNodeNames);
  const [picked, setPicked] = useState('');
  const t = useT();
  const node = names.includes(picked) ? picked : (names[1] ?? names[0] ?? '');
  return (
    <div className="fault-group" role="group" aria-label={t('faults.nodeGroup')}>
      <select aria-label={t('faults.node')} value={node} onChange={(e) => setPicked(e.target.value)}>
        {names.slice(0, NODE_CHOICES).map((n) => (
          <option key={n} value={n}>{n}</option>
        ))}
      </select>
      <button type="button" className="btn fault-btn" disabled={busy || !node} onClick={() => send({ type: 'node.stop', target: node })}>{t('faults.stopNode')}</button>
      <button type="button" className="btn fault-btn" disabled={busy || !node} onClick={() => send({ type: 'node.start', target: node })}>{t('faults.startNode')}</button>
    </div>
  );
}

function ImageControls({ send, busy }: { send: (f: Fault) => void; busy: boolean }) {
  const podKeys = useUiState(selectPodKeys);
  const pods = useUiState((s) => s.objects);
  const images = useMemo(() => imagesOf(podKeys.map((k) => pods.get(k))), [podKeys, pods]);
  const [picked, setPicked] = useState('');
  const image = images.includes(picked) ? picked : images[0];
  const t = useT();
  return (
    <div className="fault-group" role="group" aria-label={t('faults.imageGroup')}>
      <select aria-label={t('faults.image')} value={image} onChange={(e) => setPicked(e.target.value)}>
        {images.map((i) => (
          <option key={i} value={i}>{i}</option>
        ))}
      </select>
      <button type="button" className="btn fault-btn" disabled={busy} title={t('faults.removeImageTitle')} onClick={() => send({ type: 'image.remove', target: image })}>{t('faults.removeImage')}</button>
    </div>
  );
}

function FaultOutcome() {
  const result = useUiState(selectFaultResult);
  const t = useT();
  if (!result) return null;
  return result.ok ? (
    <p role="status" className="fault-outcome is-ok">{faultDoneText(result.fault, t)}</p>
  ) : (
    <p role="alert" className="fault-outcome is-error">{faultFailedText(result.fault, result.message, t)}</p>
  );
}

export function FaultsPanel() {
  const bridge = useBridge();
  const busy = !!useUiState(selectFaultPending);
  const walk = useOptionalWalkSession();
  // stopping the node (or etcd member) a walkthrough step waits for plays that step
  const send = (f: Fault) => void (walk?.claim({ type: 'inject', fault: f }) || bridge.inject(f));
  const t = useT();
  return (
    <section aria-label={t('faults.region')} className="panel faults">
      <div className="fault-row">
        <h2>{t('faults.title')}</h2>
        <EtcdButtons send={send} busy={busy} />
      </div>
      <div className="fault-row">
        <NodeControls send={send} busy={busy} />
        <ImageControls send={send} busy={busy} />
      </div>
      <FaultOutcome />
    </section>
  );
}
