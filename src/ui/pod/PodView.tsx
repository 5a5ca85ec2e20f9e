// The Pod view: the selected pod's containers as its node sees them — state, restarts, last state,
// probe ticks, the back-off and grace-period countdowns — and `kubectl logs [--previous]`.
import { useEffect, useState } from 'react';
import type { KubeObject } from '../../protocol/messages';
import { ViewPanel } from '../scheduler/ViewPanel';
import { useServices, useUiState } from '../store/context';
import { type PodNodeView, type ProbeRow, type TermSteps } from '../../folds/node-views';
import { nodeRequestId } from '../store/node-views';
import { selectClock, selectObject, selectPodKeys, selectSelect, selectSelectedKey } from '../store/selectors';
import { formatClock, humanDuration } from '../time/time';
import { backoffLeftMs, containersOf, countdown, graceLeftMs, termPhase, type ContainerDetail, type ProbeSpec } from './pod-detail';
import { useT } from '../../i18n/react';
import type { MessageKey, Params } from '../../i18n';

type Translate = (key: MessageKey, params?: Params) => string;
import './pod.css';

const selectPodViews = (s: { podViews: Record<string, PodNodeView> }) => s.podViews;

function ProbeTicks({ spec, row }: { spec: ProbeSpec; row: ProbeRow | undefined }) {
  const tr = useT();
  const marks = row?.marks ?? [];
  const last = marks.at(-1);
  const failing = last && !last.ok ? last.consecutive : 0;
  return (
    <div className="probe-row" role="group" aria-label={tr('pod.probeGroup', { probe: spec.probe })}>
      <span className="probe-name">{tr('pod.probeName', { probe: spec.probe })}</span>
      {/* the mechanism is the probe's field name (exec, httpGet, tcpSocket, grpc): kept as the spec writes it */}
      <span className="probe-meta">{tr('pod.probeEvery', { mechanism: spec.mechanism, seconds: spec.periodSeconds })}</span>
      <span className="probe-marks" aria-label={tr('pod.probeResults', { probe: spec.probe })}>
        {marks.length === 0 && <span className="probe-none">{tr('pod.noResult')}</span>}
        {marks.map((m) => (
          <span key={m.seq} className={m.ok ? 'tick ok' : 'tick fail'} title={tr('pod.tickTitle', { time: formatClock(m.t), ok: m.ok, consecutive: m.consecutive, threshold: m.threshold })}>
            {m.ok ? '✓' : '✗'}
          </span>
        ))}
      </span>
      <span className={failing ? 'probe-count fail' : 'probe-count'} title={tr('pod.failuresTitle')}>
        {tr('pod.failures', { failing, threshold: spec.failureThreshold })}
      </span>
    </div>
  );
}

function Termination({ t, nowMs }: { t: TermSteps; nowMs: number }) {
  const tr = useT();
  const ph = termPhase(t, nowMs);
  // preStop, the signal names and the reason (LivenessProbe…) stay as Kubernetes writes them
  const steps: string[] = [tr('pod.term.kill', { reason: t.reason || 'none', seconds: t.graceSeconds })];
  if (t.preStop) steps.push(`preStop ${t.preStop.handler} ${formatClock(t.preStop.t)}`);
  if (t.stop) steps.push(`${t.stop.signal} ${formatClock(t.stop.t)}`);
  if (ph.phase === 'sigkill') steps.push(`SIGKILL ${formatClock(t.sigkillT!)}`);
  else if (t.exited) steps.push(tr('pod.term.exited', { code: t.exited.exitCode, signal: t.exited.signal ? String(t.exited.signal) : 'none', time: formatClock(t.exited.t) }));
  return (
    <div className={`term term-${ph.phase}`} aria-label={tr('pod.termination')}>
      {steps.join(' → ')}
      {ph.killInMs !== undefined && <strong className="term-left">{tr('pod.sigkillIn', { time: countdown(ph.killInMs) })}</strong>}
    </div>
  );
}

/** The state names (Waiting, Running, Terminated) and reasons as kubectl prints them, the words around them translated. */
function stateText(c: ContainerDetail, nowMs: number, tr: Translate): string {
  if (c.state === 'waiting') return tr('pod.state.waiting', { reason: c.reason ?? '' });
  if (c.state === 'running') return tr('pod.state.running', { time: formatClock(c.startedAtMs ?? 0), age: humanDuration(nowMs - (c.startedAtMs ?? nowMs)) });
  if (c.state === 'terminated') return tr('pod.state.terminated', { reason: c.reason ?? '', code: String(c.exitCode) });
  return tr('pod.state.unknown');
}

function ContainerCard({ c, view, nowMs }: { c: ContainerDetail; view: PodNodeView | undefined; nowMs: number }) {
  const tr = useT();
  const left = backoffLeftMs(view?.backoff[c.name], c, nowMs);
  const term = view?.term[c.name];
  return (
    <li className={`ctr ctr-${c.state}`} aria-label={tr('pod.containerLabel', { name: c.name })}>
      <div className="ctr-head">
        <span className="ctr-kind">{tr('pod.kind', { kind: c.kind })}</span>
        <strong>{c.name}</strong>
        <span className="ctr-image" title={c.image}>{c.image}</span>
        <span className="ctr-restarts">{tr('pod.restarts', { count: c.restartCount })}</span>
      </div>
      <div className="ctr-state">
        {stateText(c, nowMs, tr)}
        {c.ready !== undefined && c.kind !== 'init' && <span className={c.ready ? 'ready yes' : 'ready no'}>{c.ready ? tr('pod.ready') : tr('pod.notReady')}</span>}
      </div>
      {c.message && c.state === 'waiting' && <div className="ctr-msg" title={c.message}>{c.message}</div>}
      {left !== undefined && (
        <div className="backoff" aria-label={tr('pod.backoffLabel')}>
          <span>{tr('pod.backoff', { backoff: view!.backoff[c.name].backoff })} <strong>{countdown(left)}</strong></span>
          <span className="bar"><span style={{ width: `${100 - (100 * left) / Math.max(1, view!.backoff[c.name].backoffMs)}%` }} /></span>
        </div>
      )}
      {c.last && (
        <div className="ctr-last">
          {tr('pod.lastState', {
            reason: c.last.reason ?? '', code: String(c.last.exitCode),
            at: c.last.finishedAtMs !== undefined && !Number.isNaN(c.last.finishedAtMs) ? formatClock(c.last.finishedAtMs) : 'none',
          })}
        </div>
      )}
      {c.probes.map((p) => <ProbeTicks key={p.probe} spec={p} row={view?.probes[`${c.name}/${p.probe}`]} />)}
      {term && <Termination t={term} nowMs={nowMs} />}
    </li>
  );
}

function Logs({ pod, containers }: { pod: KubeObject; containers: ContainerDetail[] }) {
  const tr = useT();
  const { bridge, store } = useServices();
  const logs = useUiState((s) => s.logs);
  const pending = useUiState((s) => s.logsPendingId) !== null;
  const [container, setContainer] = useState(containers.find((c) => c.kind === 'app')?.name ?? containers[0]?.name ?? '');
  const [previous, setPrevious] = useState(false);
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  const rv = pod.metadata.resourceVersion;
  const fetchLogs = () => {
    const id = nodeRequestId();
    store.setState({ logsPendingId: id });
    bridge.send({ type: 'LOGS', id, namespace: ns, pod: name, container, previous });
  };
  // refresh when the pod changes (a restart, a new state) and when the choice changes
  useEffect(fetchLogs, [ns, name, rv, container, previous]);
  const mine = logs && logs.pod === name && logs.namespace === ns ? logs : null;
  const cmd = `kubectl logs ${name}${containers.length > 1 ? ` -c ${container}` : ''}${previous ? ' --previous' : ''}`;
  return (
    <div className="pod-logs" aria-label={tr('pod.logs')}>
      <div className="logs-bar">
        <code className="logs-cmd">$ {cmd}</code>
        {containers.length > 1 && (
          <select aria-label={tr('pod.container')} value={container} onChange={(e) => setContainer(e.target.value)}>
            {containers.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
          </select>
        )}
        <label><input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} /> --previous</label>
        <button type="button" onClick={fetchLogs} disabled={pending}>{tr('pod.refresh')}</button>
      </div>
      <pre className="logs-out" aria-label={tr('pod.logOutput')} tabIndex={0}>
        {mine ? (mine.ok ? (mine.lines.length ? mine.lines.join('\n') : tr('pod.noOutput')) : `Error from server (${mine.reason}): ${mine.message}`) : '…'}
      </pre>
    </div>
  );
}

function PodPicker() {
  const tr = useT();
  const keys = useUiState(selectPodKeys);
  const select = useUiState(selectSelect);
  return (
    <div className="pod-pick">
      <p className="empty">{tr('pod.pick')}</p>
      {keys.slice(0, 8).map((k) => <button type="button" key={k} onClick={() => select(k)}>{k.split('/')[2]}</button>)}
    </div>
  );
}

export function PodView() {
  const tr = useT();
  const key = useUiState(selectSelectedKey);
  const isPod = !!key && key.startsWith('Pod/');
  const pod = useUiState(selectObject(isPod ? key : null));
  const views = useUiState(selectPodViews);
  const nowMs = useUiState(selectClock).nowMs;
  if (!pod) return <ViewPanel title={tr('views.pod')} className="pod-view"><PodPicker /></ViewPanel>;
  const view = views[key!];
  const containers = containersOf(pod);
  const grace = graceLeftMs(pod, nowMs);
  return (
    <ViewPanel title={tr('views.pod')} count={`pod/${pod.metadata.name}`} className="pod-view">
      {grace && (
        <div className="grace" aria-label={tr('pod.graceLabel')}>
          {tr('pod.grace', { seconds: grace.graceSeconds })} <strong>{tr('pod.left', { time: countdown(grace.leftMs) })}</strong>
          <span className="bar"><span style={{ width: `${100 - (100 * grace.leftMs) / Math.max(1, grace.graceSeconds * 1000)}%` }} /></span>
        </div>
      )}
      <p className="pod-qos" aria-label={tr('pod.qosLabel')}>
        QoS <strong>{String((pod.status as { qosClass?: string } | undefined)?.qosClass ?? '—')}</strong>
        {view?.cgroup && <> · cgroup <code title={view.cgroup}>{view.cgroup}</code></>}
      </p>
      <ul className="ctr-list">{containers.map((c) => <ContainerCard key={c.name} c={c} view={view} nowMs={nowMs} />)}</ul>
      <Logs key={key} pod={pod} containers={containers} />
    </ViewPanel>
  );
}
