// The apiserver's request pipeline, hung below the apiserver box: the last kubectl request, one row
// per stage (authentication → authorization → mutating admission → validation → validating
// admission → etcd), each lit by its trace event as it is played. A rejected request stops at its
// stage in red and its Status stays here until the next request. Hover or focus "mutating
// admission" for the fields defaulting and the admission plugins filled in.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useUiState } from '../store/context';
import { STAGES, selectPipeline, type PipelineRequest, type StageId, type StageView } from '../../folds/pipeline';
import type { BoxData } from './flow';
import type { MessageKey, Params } from '../../i18n';
import { useT } from '../../i18n/react';

export const STAGE_LABELS: Record<StageId, string> = {
  authn: 'authentication',
  authz: 'authorization',
  mutating: 'mutating admission',
  validation: 'validation',
  validating: 'validating admission',
  etcd: 'etcd',
};

const STATE_WORDS: Record<StageView['state'], string> = {
  idle: 'not reached',
  active: 'in progress',
  ok: 'passed',
  failed: 'rejected',
  skipped: 'skipped',
};

type Translate = (key: MessageKey, params?: Params) => string;

/** The fold's stage notes are English phrases of its own; the user, RBAC reasons and Status
 * messages among them are Kubernetes' words and stay as they are. */
export function stageNoteText(note: string, t: Translate): string {
  const fixed: Record<string, MessageKey> = {
    'no change': 'pipeline.note.noChange', 'no such key': 'pipeline.note.noSuchKey', 'not found': 'pipeline.note.notFound',
    'no change to write': 'pipeline.note.noWrite', 'reads skip admission': 'pipeline.note.readsSkip',
  };
  if (fixed[note]) return t(fixed[note]);
  let m = /^(\d+) fields? set$/.exec(note);
  if (m) return t('pipeline.note.fieldsSet', { count: Number(m[1]) });
  if ((m = /^proposed as entry (\d+)$/.exec(note))) return t('pipeline.note.proposed', { index: m[1] });
  if ((m = /^revision (\d+)$/.exec(note))) return t('pipeline.note.revision', { revision: m[1] });
  if ((m = /^read at revision (\d+)$/.exec(note))) return t('pipeline.note.readAt', { revision: m[1] });
  if ((m = /^compare failed: mod revision is (\d+)$/.exec(note))) return t('pipeline.note.compareFailed', { revision: m[1] });
  return note;
}

const MARKS: Record<StageView['state'], string> = { idle: '', active: '…', ok: '✓', failed: '✗', skipped: '–' };

function AdmissionFields({ r }: { r: PipelineRequest }) {
  const { defaulted, plugins } = r.admission;
  if (defaulted.length === 0 && plugins.length === 0) return null;
  // defaulting runs when the body is decoded (SetDefaults_*), before the admission plugins
  const byPlugin = new Set(plugins.flatMap((p) => p.changed));
  const t = useT();
  const groups = [{ name: t('pipeline.decoding'), changed: defaulted.filter((f) => !byPlugin.has(f)) }, ...plugins].filter((g) => g.changed.length > 0);
  return (
    <div className="pipe-popover" id="pipe-admission-fields" role="tooltip">
      <p className="pipe-popover-title">{t('pipeline.filledIn')}</p>
      {groups.map((g) => (
        <div key={g.name}>
          <p className="pipe-plugin">{g.name}</p>
          <ul>
            {g.changed.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function StageRow({ id, n, r }: { id: StageId; n: number; r: PipelineRequest | null }) {
  const stage = r?.stages[id] ?? { state: 'idle', note: '' };
  const t = useT();
  const label = t(`pipeline.stage.${id}` as MessageKey);
  const hasFields = id === 'mutating' && !!r && r.admission.defaulted.length + r.admission.plugins.length > 0;
  const note = stageNoteText(stage.note, t);
  const name = t('pipeline.stageName', { stage: label, state: t(`pipeline.state.${stage.state}` as MessageKey), note: note || 'none' });
  return (
    <li className={`pipe-stage is-${stage.state}${hasFields ? ' has-fields nopan' : ''}`} data-stage={id} aria-label={name} title={note || undefined}
      tabIndex={hasFields ? 0 : undefined} aria-describedby={hasFields ? 'pipe-admission-fields' : undefined}>
      {r && r.lastStage === id && <span key={r.lastSeq} className="pipe-flash" aria-hidden="true" />}
      <span className="pipe-num" aria-hidden="true">{MARKS[stage.state] || n}</span>
      <span className="pipe-name">{label}</span>
      <span className="pipe-note">{note}</span>
      {hasFields && <AdmissionFields r={r} />}
    </li>
  );
}

const HTTP_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

/** The answer: `201 Created`, or the Status (`403 Forbidden: pods "x" is forbidden: …`). */
export function outcomeText(r: PipelineRequest, inFlight = 'in flight…'): string {
  if (!r.done) return inFlight;
  const code = r.code ?? 0;
  if (code < 400) return `${code} ${HTTP_TEXT[code] ?? r.reason ?? ''}`.trim();
  return `${code} ${r.reason || 'Error'}: ${r.message ?? ''}`;
}

function outcomeTone(r: PipelineRequest): string {
  if (!r.done) return 'is-pending';
  const code = r.code ?? 0;
  // a GET answered 404 is how kubectl apply learns it must create
  if (code === 404 && r.read) return 'is-neutral';
  return code >= 400 ? 'is-failed' : 'is-ok';
}

export const PipelineNode = memo(function PipelineNode({ data }: NodeProps<Node<BoxData>>) {
  const r = useUiState(selectPipeline);
  const t = useT();
  return (
    <div className={`box pipeline${r?.done && (r.code ?? 0) >= 400 && outcomeTone(r) === 'is-failed' ? ' is-rejected' : ''}`} data-component="pipeline"
      role="group" aria-label={t('pipeline.region')}>
      <Handle id="top" type="target" position={Position.Top} className="handle" style={{ left: data.inletX }} isConnectable={false} />
      <div className="pipe-head">
        <span className="pipe-title">{t('pipeline.title')}</span>
        {r && <span className="pipe-user" title={r.groups ? t('pipeline.groups', { groups: r.groups }) : undefined}>{t('pipeline.as', { user: r.user || 'system:anonymous' })}</span>}
        <span className="pipe-path" title={r?.path}>
          {r ? <><b>{r.method}</b> {r.path}</> : t('pipeline.none')}
        </span>
      </div>
      <ol className="pipe-stages" aria-label={t('pipeline.stages')}>
        {STAGES.map((id, i) => (
          <StageRow key={id} id={id} n={i + 1} r={r} />
        ))}
      </ol>
      {r && (
        <p className={`pipe-outcome ${outcomeTone(r)}`} aria-label={t('pipeline.outcome')} title={outcomeText(r, t('pipeline.inFlight'))}>
          {outcomeText(r, t('pipeline.inFlight'))}
        </p>
      )}
    </div>
  );
});
