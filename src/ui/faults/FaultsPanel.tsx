// Break things: stop/start etcd members and nodes, remove an image from every node. Each button
// sends one INJECT; the engine's answer (or its refusal) is shown here.
import { useMemo, useState } from 'react';
import type { Fault } from '../../protocol/messages';
import { useBridge, useUiState } from '../store/context';
import { selectEtcdMembers, selectFaultPending, selectFaultResult, selectNodeNames, selectPodKeys } from '../store/selectors';
import { faultDoneText, faultFailedText, imagesOf } from './faults';
import './faults.css';

/** Past this many nodes the node picker lists only the first ones (a 1,000-entry select is no help). */
const NODE_CHOICES = 50;

function EtcdButtons({ send, busy }: { send: (f: Fault) => void; busy: boolean }) {
  const members = useUiState(selectEtcdMembers);
  return (
    <div className="fault-group" role="group" aria-label="Stop or start etcd members">
      {members.map((m) => (
        <button key={m.id} type="button" disabled={busy} className={`btn fault-btn${m.stopped ? ' is-down' : ''}`}
          onClick={() => send({ type: m.stopped ? 'etcd.start' : 'etcd.stop', target: m.id })}>
          {m.stopped ? `Start ${m.id}` : `Stop ${m.id}`}
        </button>
      ))}
    </div>
  );
}

function NodeControls({ send, busy }: { send: (f: Fault) => void; busy: boolean }) {
  const names = useUiState(selectNodeNames);
  const [picked, setPicked] = useState('');
  const node = names.includes(picked) ? picked : (names[1] ?? names[0] ?? '');
  return (
    <div className="fault-group" role="group" aria-label="Stop or start a node">
      <select aria-label="Node" value={node} onChange={(e) => setPicked(e.target.value)}>
        {names.slice(0, NODE_CHOICES).map((n) => (
          <option key={n} value={n}>{n}</option>
        ))}
      </select>
      <button type="button" className="btn fault-btn" disabled={busy || !node} onClick={() => send({ type: 'node.stop', target: node })}>Stop node</button>
      <button type="button" className="btn fault-btn" disabled={busy || !node} onClick={() => send({ type: 'node.start', target: node })}>Start node</button>
    </div>
  );
}

function ImageControls({ send, busy }: { send: (f: Fault) => void; busy: boolean }) {
  const podKeys = useUiState(selectPodKeys);
  const pods = useUiState((s) => s.objects);
  const images = useMemo(() => imagesOf(podKeys.map((k) => pods.get(k))), [podKeys, pods]);
  const [picked, setPicked] = useState('');
  const image = images.includes(picked) ? picked : images[0];
  return (
    <div className="fault-group" role="group" aria-label="Remove an image">
      <select aria-label="Image" value={image} onChange={(e) => setPicked(e.target.value)}>
        {images.map((i) => (
          <option key={i} value={i}>{i}</option>
        ))}
      </select>
      <button type="button" className="btn fault-btn" disabled={busy} title="Remove the image from every node (crictl rmi): the next start must pull it again" onClick={() => send({ type: 'image.remove', target: image })}>Remove image</button>
    </div>
  );
}

function FaultOutcome() {
  const result = useUiState(selectFaultResult);
  if (!result) return null;
  return result.ok ? (
    <p role="status" className="fault-outcome is-ok">{faultDoneText(result.fault)}</p>
  ) : (
    <p role="alert" className="fault-outcome is-error">{faultFailedText(result.fault, result.message)}</p>
  );
}

export function FaultsPanel() {
  const bridge = useBridge();
  const busy = !!useUiState(selectFaultPending);
  const send = (f: Fault) => void bridge.inject(f);
  return (
    <section aria-label="Faults" className="panel faults">
      <div className="fault-row">
        <h2>Break things</h2>
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
