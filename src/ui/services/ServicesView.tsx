// The Services view: each Service, its EndpointSlice endpoints (ready / serving / terminating), and
// the iptables chains kube-proxy synced for it on one node, as the kube-proxy.sync trace carried them.
import { useMemo, useState } from 'react';
import type { KubeObject } from '../../protocol/messages';
import { ViewPanel } from '../scheduler/ViewPanel';
import { useUiState } from '../store/context';
import type { ProxySync } from '../../folds/node-views';
import { formatClock } from '../time/time';
import { chainsFor, endpointsOf, portsColumn, type ChainLine, type ServiceChains } from './service-rules';
import { useT } from '../../i18n/react';
import './services.css';

type S = { objects: Map<string, KubeObject>; proxySyncs: Record<string, ProxySync>; nodeNames: string[] };
const selectObjects = (s: S) => s.objects;
const selectSyncs = (s: S) => s.proxySyncs;
const selectNodes = (s: S) => s.nodeNames;

function Line({ l }: { l: ChainLine }) {
  return (
    <div className={`ipt-line ${l.state}`} title={l.comment}>
      <span className="ipt-chain">{l.chain}</span> <span className="ipt-text">{l.text}</span>
    </div>
  );
}

function Chains({ c }: { c: ServiceChains }) {
  const tr = useT();
  return (
    <div className="ipt" aria-label={tr('svc.rules', { port: c.portName })}>
      {c.entry.map((l, i) => <Line key={`e${i}`} l={l} />)}
      {c.svc.map((l, i) => <Line key={`s${i}`} l={l} />)}
      {c.seps.map((sep) => (
        <div key={sep.chain} className={`ipt-sep ${sep.state}`} title={sep.endpoint}>
          {sep.lines.map((l, i) => <Line key={i} l={l} />)}
        </div>
      ))}
      {c.removed.map((r) => (
        <div key={r.chain} className="ipt-line removed" title={tr('svc.removedTitle')}>
          <span className="ipt-chain">{r.chain}</span> <span className="ipt-text">{tr('svc.removed', { endpoint: r.endpoint })}</span>
        </div>
      ))}
    </div>
  );
}

function ServiceBlock({ svc, slices, sync }: { svc: KubeObject; slices: KubeObject[]; sync: ProxySync | undefined }) {
  const tr = useT();
  const spec = (svc.spec ?? {}) as Record<string, any>;
  const eps = endpointsOf(svc, slices);
  const chains = sync ? chainsFor(svc.metadata.namespace ?? 'default', svc.metadata.name, sync.rules, sync.prev) : [];
  return (
    <li className="svc" aria-label={tr('svc.service', { name: svc.metadata.name })}>
      <div className="svc-head">
        <strong>{svc.metadata.name}</strong>
        <span>{spec.type ?? 'ClusterIP'}</span>
        <code>{spec.clusterIP ?? '<pending>'}</code>
        <span>{portsColumn(svc)}</span>
      </div>
      <table className="svc-eps" aria-label={tr('svc.endpoints', { name: svc.metadata.name })}>
        <tbody>
          {eps.map((e) => (
            <tr key={`${e.slice}/${e.address}`}>
              <td><code>{e.address}</code></td>
              <td title={`ready=${e.ready} serving=${e.serving} terminating=${e.terminating}`}>
                {/* the EndpointSlice conditions in words; the title has them as the API writes them */}
                <span className={e.ready ? 'c-on' : 'c-off'}>{tr('svc.cond', { cond: e.ready ? 'ready' : 'notReady' })}</span>{' '}
                <span className={e.serving ? 'c-on' : 'c-off'}>{tr('svc.cond', { cond: e.serving ? 'serving' : 'notServing' })}</span>
                {e.terminating && <span className="c-off"> {tr('svc.cond', { cond: 'terminating' })}</span>}
              </td>
              <td>{e.node ?? ''}</td>
              <td className="ep-pod" title={e.pod}>{e.pod ?? ''}</td>
            </tr>
          ))}
          {eps.length === 0 && <tr><td className="empty">{tr('svc.noEndpoints')}</td></tr>}
        </tbody>
      </table>
      {chains.map((c) => <Chains key={c.portName} c={c} />)}
    </li>
  );
}

export function ServicesView() {
  const tr = useT();
  const objects = useUiState(selectObjects);
  const syncs = useUiState(selectSyncs);
  const nodes = useUiState(selectNodes);
  const [node, setNode] = useState<string | null>(null);
  const { services, slices } = useMemo(() => {
    const services: KubeObject[] = [];
    const slices: KubeObject[] = [];
    for (const o of objects.values()) {
      if (o.kind === 'Service') services.push(o);
      else if (o.kind === 'EndpointSlice') slices.push(o);
    }
    services.sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
    return { services, slices };
  }, [objects]);
  const shown = node ?? nodes.find((n) => syncs[n]) ?? nodes[0];
  const sync = shown ? syncs[shown] : undefined;
  return (
    <ViewPanel title={tr('views.services')} count={`${services.length}`} className="services-view">
      <div className="svc-bar">
        <label>
          {tr('svc.proxyOn')}{' '}
          <select aria-label={tr('svc.proxyNode')} value={shown ?? ''} onChange={(e) => setNode(e.target.value)}>
            {nodes.slice(0, 100).map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <span className="svc-sync">{sync ? tr('svc.synced', { time: formatClock(sync.t), count: sync.rules.rules.length }) : tr('svc.noSync')}</span>
      </div>
      {services.length === 0 && <p className="empty">{tr('svc.empty')}</p>}
      <ul className="svc-list">{services.map((s) => <ServiceBlock key={`${s.metadata.namespace}/${s.metadata.name}`} svc={s} slices={slices} sync={sync} />)}</ul>
    </ViewPanel>
  );
}
