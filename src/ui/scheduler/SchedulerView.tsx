// The Scheduler tab: the selected pod's latest scheduling cycle (or the last one played) as two
// tables, nodes × filter plugins and nodes × score plugins, with the winner or the
// FailedScheduling message. Rows reveal one node at a time as the cycle's events play.
import { LazyMotion, domAnimation, m } from 'motion/react';
import { useUiState } from '../store/context';
import { selectSelectedKey } from '../store/selectors';
import { selectCycle, selectPacing, selectSchedLastPod, selectSpeed } from '../store/view-selectors';
import type { SchedulerCycle } from '../../folds/scheduler';
import { formatClock } from '../time/time';
import { abbreviate, filterTable, PLUGIN_HELP, revealStepMs, scoreTable, type FilterCell, type FilterRow, type ScoreTable } from './decision-table';
import { ViewPanel } from './ViewPanel';
import './scheduler.css';

const MAX_ROWS = 60;
const shortPod = (pod: string) => (pod.startsWith('default/') ? pod.slice('default/'.length) : pod);

function PluginHead({ plugin, extra }: { plugin: string; extra?: string }) {
  const help = PLUGIN_HELP[plugin];
  return (
    <th scope="col" title={help ? `${plugin}: ${help}` : plugin}>
      <abbr title={help ? `${plugin}: ${help}` : plugin}>{abbreviate(plugin)}</abbr>
      {extra && <span className="sched-weight">{extra}</span>}
    </th>
  );
}

const SYMBOL: Record<FilterCell['state'], string> = { pass: '✓', skip: '–', fail: '✗', notrun: '' };
const CELL_TITLE: Record<FilterCell['state'], string> = {
  pass: 'passed',
  skip: 'skipped: PreFilter found nothing for this plugin to check',
  fail: 'rejected',
  notrun: 'not run: an earlier filter already rejected the node',
};

function FilterCellView({ cell, node }: { cell: FilterCell; node: string }) {
  const title = `${cell.plugin} on ${node}: ${CELL_TITLE[cell.state]}${cell.reasons.length ? ` — ${cell.reasons.join(', ')}` : ''}`;
  return (
    <td className={`sched-cell is-${cell.state}`} title={title} aria-label={title}>
      {SYMBOL[cell.state]}
    </td>
  );
}

function Verdict({ row }: { row: FilterRow }) {
  if (row.verdict === 'fits') return <td className="sched-verdict is-fits" title="passed every filter">✓ fits</td>;
  const text = row.reasons.join(', ');
  const by = row.verdict === 'prefilter' ? 'PreFilter' : row.rejectedBy;
  return (
    <td className="sched-verdict is-rejected" title={by ? `${by}: ${text}` : text}>
      {text}
    </td>
  );
}

function FilterTableView({ cycle, stepMs }: { cycle: SchedulerCycle; stepMs: number }) {
  const t = filterTable(cycle);
  const rows = t.rows.slice(0, MAX_ROWS);
  return (
    <div className="sched-section">
      <h3>
        Filter <span className="sched-sub">{t.feasible} of {t.rows.length} node{t.rows.length === 1 ? '' : 's'} fit</span>
      </h3>
      <div className="sched-scroll" tabIndex={0}>
        <table className="sched-table" aria-label="Filter results">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Result</th>
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
      {t.rows.length > MAX_ROWS && <p className="sched-note">… and {t.rows.length - MAX_ROWS} more nodes</p>}
    </div>
  );
}

function ScoreTableView({ t, cycle, stepMs }: { t: ScoreTable; cycle: SchedulerCycle; stepMs: number }) {
  const rows = t.rows.slice(0, MAX_ROWS);
  return (
    <div className="sched-section">
      <h3>
        Score <span className="sched-sub">raw → normalised, × weight; total = Σ weight × normalised</span>
      </h3>
      <div className="sched-scroll" tabIndex={0}>
        <table className="sched-table" aria-label="Score results">
          <thead>
            <tr>
              <th scope="col">Node</th>
              {t.plugins.map((p) => <PluginHead key={p} plugin={p} extra={`×${t.rows[0].cells.find((c) => c.plugin === p)?.weight ?? 1}`} />)}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <m.tr key={`${cycle.startSeq}-${r.node}`} className={r.winner ? 'is-winner' : undefined}
                initial={{ opacity: 0, x: -8 }} animate={{ opacity: 1, x: 0 }} transition={{ delay: (i * stepMs) / 1000, duration: 0.18 }}>
                <th scope="row">{r.node}{r.winner && <span className="sched-crown" aria-label="chosen"> ★</span>}</th>
                {r.cells.map((c) => {
                  const title = `${c.plugin} on ${r.node}: ${c.raw !== undefined ? `raw ${c.raw} → ` : ''}normalised ${c.norm} × weight ${c.weight} = ${c.weighted}`;
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
        <p className="sched-note" title="PreScore returned Skip: these plugins had nothing to score for this pod">
          Not scored (PreScore skip): {t.skipped.join(', ')}
        </p>
      )}
    </div>
  );
}

function Outcome({ cycle }: { cycle: SchedulerCycle }) {
  const d = cycle.decision;
  if (!d) {
    return (
      <p className="sched-outcome is-progress" role="status">
        {cycle.phase === 'filter' ? 'Filtering the nodes…' : 'Scoring the nodes that fit…'}
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
        <>Bound to <strong>{d.chosen}</strong>: the only node that fits, so scoring is skipped.</>
      ) : (
        <>Winner <strong>{d.chosen}</strong> with {total}{scoreTable(cycle)?.tie ? ' (a tie, broken at random)' : ''}.</>
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
  const title = cycle ? `pod/${shortPod(cycle.pod)} · ${formatClock(cycle.t)}` : undefined;
  if (!cycle) {
    return (
      <ViewPanel title="Scheduler" className="sched-view">
        <p className="empty">
          {selected ? `No scheduling cycle of ${selected.replace(/^Pod\/[^/]*\//, 'pod/')} has been played yet.` : 'No pod has been scheduled yet. Apply a pod or a Deployment.'}
        </p>
      </ViewPanel>
    );
  }
  const rows = Object.keys(cycle.filter).length;
  const stepMs = revealStepMs({ speed, pacing }, Math.min(rows, MAX_ROWS));
  const scores = scoreTable(cycle);
  return (
    <ViewPanel title="Scheduler" count={title} className="sched-view">
      <LazyMotion features={domAnimation} strict>
        {!selected && <p className="sched-hint">The last cycle played. Select a pod to see its own.</p>}
        <Outcome cycle={cycle} />
        <FilterTableView cycle={cycle} stepMs={stepMs} />
        {scores && <ScoreTableView t={scores} cycle={cycle} stepMs={stepMs} />}
      </LazyMotion>
    </ViewPanel>
  );
}
