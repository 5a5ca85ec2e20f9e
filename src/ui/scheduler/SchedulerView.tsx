// The Scheduler tab: the selected pod's latest scheduling cycle (or the last one played) as two
// tables, nodes × filter plugins and nodes × score plugins, with the winner or the
// FailedScheduling message. Rows reveal one node at a time as the cycle's events play.
import { LazyMotion, m } from 'motion/react';
import { loadMotionFeatures } from '../animation/load-motion';
import { useUiState } from '../store/context';
import { selectSelectedKey } from '../store/selectors';
import { selectCycle, selectPacing, selectSchedLastPod, selectSpeed } from '../store/view-selectors';
import type { SchedulerCycle } from '../../folds/scheduler';
import { formatClock } from '../time/time';
import { abbreviate, filterTable, PLUGIN_HELP, revealStepMs, scoreTable, type FilterCell, type FilterRow, type ScoreTable } from './decision-table';
import { ViewPanel } from './ViewPanel';
import { useT } from '../../i18n/react';
import './scheduler.css';

const MAX_ROWS = 60;
const shortPod = (pod: string) => (pod.startsWith('default/') ? pod.slice('default/'.length) : pod);

function PluginHead({ plugin, extra }: { plugin: string; extra?: string }) {
  const tr = useT();
  const help = PLUGIN_HELP[plugin];
  // the plugin's name stays as Kubernetes writes it (and its short form in the header); what it does is translated
  const title = help ? tr('sched.pluginTitle', { plugin, help: tr(help) }) : plugin;
  return (
    <th scope="col" title={title}>
      <abbr title={title}>{abbreviate(plugin)}</abbr>
      {extra && <span className="sched-weight">{extra}</span>}
    </th>
  );
}

const SYMBOL: Record<FilterCell['state'], string> = { pass: '✓', skip: '–', fail: '✗', notrun: '' };
function FilterCellView({ cell, node }: { cell: FilterCell; node: string }) {
  const tr = useT();
  // the reasons are the plugin's own status messages (Insufficient cpu…): kept as Kubernetes prints them
  const title = tr('sched.cellTitle', { plugin: cell.plugin, node, state: cell.state, reasons: cell.reasons.join(', ') || 'none' });
  return (
    <td className={`sched-cell is-${cell.state}`} title={title} aria-label={title}>
      {SYMBOL[cell.state]}
    </td>
  );
}

function Verdict({ row }: { row: FilterRow }) {
  const tr = useT();
  if (row.verdict === 'fits') return <td className="sched-verdict is-fits" title={tr('sched.fitsTitle')}>{tr('sched.fits')}</td>;
  const text = row.reasons.join(', ');
  const by = row.verdict === 'prefilter' ? 'PreFilter' : row.rejectedBy;
  return (
    <td className="sched-verdict is-rejected" title={by ? tr('sched.pluginTitle', { plugin: by, help: text }) : text}>
      {text}
    </td>
  );
}

function FilterTableView({ cycle, stepMs }: { cycle: SchedulerCycle; stepMs: number }) {
  const t = filterTable(cycle);
  const rows = t.rows.slice(0, MAX_ROWS);
  const tr = useT();
  return (
    <div className="sched-section">
      <h3>
        {tr('sched.filter')} <span className="sched-sub">{tr('sched.filterSub', { feasible: t.feasible, total: t.evaluated })}</span>
      </h3>
      <div className="sched-scroll" tabIndex={0}>
        <table className="sched-table" aria-label={tr('sched.filterTable')}>
          <thead>
            <tr>
              <th scope="col">{tr('sched.node')}</th>
              <th scope="col">{tr('sched.result')}</th>
              {t.plugins.map((p) => <PluginHead key={p} plugin={p} />)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <m.tr key={`${cycle.startSeq}-${r.node}`} className={r.node === cycle.decision?.chosen ? 'is-winner' : undefined}
                initial={{ opacity: 0, x: -8 }} animate={{ opacity: 1, x: 0 }} transition={{ delay: (i * stepMs) / 1000, duration: 0.18 }}>
                <th scope="row">{r.node}</th>
                <Verdict row={r} />
                {t.plugins.map((p, j) => (r.cells[j] ? <FilterCellView key={p} cell={r.cells[j]} node={r.node} /> : <td key={p} className="sched-cell" />))}
              </m.tr>
            ))}
          </tbody>
        </table>
      </div>
      {t.rows.length > MAX_ROWS && <p className="sched-note">{tr('sched.moreNodes', { count: t.rows.length - MAX_ROWS })}</p>}
      {t.omitted.fits + t.omitted.rejected > 0 && <p className="sched-note">{tr('sched.omittedNodes', { fits: t.omitted.fits, rejected: t.omitted.rejected })}</p>}
    </div>
  );
}

function ScoreTableView({ t, cycle, stepMs }: { t: ScoreTable; cycle: SchedulerCycle; stepMs: number }) {
  const rows = t.rows.slice(0, MAX_ROWS);
  const tr = useT();
  return (
    <div className="sched-section">
      <h3>
        {tr('sched.score')} <span className="sched-sub">{tr('sched.scoreSub')}</span>
      </h3>
      <div className="sched-scroll" tabIndex={0}>
        <table className="sched-table" aria-label={tr('sched.scoreTable')}>
          <thead>
            <tr>
              <th scope="col">{tr('sched.node')}</th>
              {t.plugins.map((p) => <PluginHead key={p} plugin={p} extra={`×${t.rows[0].cells.find((c) => c.plugin === p)?.weight ?? 1}`} />)}
              <th scope="col">{tr('sched.total')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <m.tr key={`${cycle.startSeq}-${r.node}`} className={r.winner ? 'is-winner' : undefined}
                initial={{ opacity: 0, x: -8 }} animate={{ opacity: 1, x: 0 }} transition={{ delay: (i * stepMs) / 1000, duration: 0.18 }}>
                <th scope="row">{r.node}{r.winner && <span className="sched-crown" aria-label={tr('sched.chosen')}> ★</span>}</th>
                {r.cells.map((c) => {
                  const title = tr('sched.scoreTitle', { plugin: c.plugin, node: r.node, hasRaw: c.raw !== undefined, raw: c.raw ?? 0, norm: c.norm, weight: c.weight, weighted: c.weighted });
                  return (
                    <td key={c.plugin} className="sched-score" title={title} aria-label={title}>
                      {c.raw !== undefined && c.raw !== c.norm && <span className="sched-raw">{c.raw}→</span>}
                      {c.norm}
                      <span className="sched-weighted">{c.weighted}</span>
                    </td>
                  );
                })}
                <td className="sched-total">{r.total}</td>
              </m.tr>
            ))}
          </tbody>
        </table>
      </div>
      {t.skipped.length > 0 && (
        <p className="sched-note" title={tr('sched.skippedTitle')}>
          {tr('sched.skipped', { plugins: t.skipped.join(', ') })}
        </p>
      )}
    </div>
  );
}

function Outcome({ cycle }: { cycle: SchedulerCycle }) {
  const d = cycle.decision;
  const tr = useT();
  if (!d) {
    return (
      <p className="sched-outcome is-progress" role="status">
        {cycle.phase === 'filter' ? tr('sched.filtering') : tr('sched.scoring')}
      </p>
    );
  }
  if (!d.chosen) {
    return (
      <p className="sched-outcome is-failed" role="status">
        <strong>FailedScheduling</strong> {d.message}
      </p>
    );
  }
  const total = cycle.total?.[d.chosen];
  return (
    <p className="sched-outcome is-chosen" role="status">
      {total === undefined ? (
        <>{tr('sched.boundTo')} <strong>{d.chosen}</strong>{tr('sched.onlyNode')}</>
      ) : (
        <>{tr('sched.winner')} <strong>{d.chosen}</strong>{tr('sched.withTotal', { total, tie: !!scoreTable(cycle)?.tie })}</>
      )}
    </p>
  );
}

export function SchedulerView() {
  const selectedKey = useUiState(selectSelectedKey);
  const lastPod = useUiState(selectSchedLastPod);
  // a selected pod shows its own cycle; anything else (or nothing) selected shows the last one
  const selected = selectedKey?.startsWith('Pod/') ? selectedKey : null;
  const cycle = useUiState(selectCycle(selected ?? lastPod));
  const speed = useUiState(selectSpeed);
  const pacing = useUiState(selectPacing);
  const tr = useT();
  const title = cycle ? `pod/${shortPod(cycle.pod)} · ${formatClock(cycle.t)}` : undefined;
  if (!cycle) {
    return (
      <ViewPanel title={tr('views.scheduler')} className="sched-view">
        <p className="empty">
          {selected ? tr('sched.noCycleOf', { pod: selected.replace(/^Pod\/[^/]*\//, 'pod/') }) : tr('sched.noCycle')}
        </p>
      </ViewPanel>
    );
  }
  const rows = Object.keys(cycle.filter).length;
  const stepMs = revealStepMs({ speed, pacing }, Math.min(rows, MAX_ROWS));
  const scores = scoreTable(cycle);
  return (
    <ViewPanel title={tr('views.scheduler')} count={title} className="sched-view">
      <LazyMotion features={loadMotionFeatures} strict>
        {!selected && <p className="sched-hint">{tr('sched.lastCycle')}</p>}
        <Outcome cycle={cycle} />
        <FilterTableView cycle={cycle} stepMs={stepMs} />
        {scores && <ScoreTableView t={scores} cycle={cycle} stepMs={stepMs} />}
      </LazyMotion>
    </ViewPanel>
  );
}
