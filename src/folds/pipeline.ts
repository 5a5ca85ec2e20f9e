// The last kubectl request as it passes through kube-apiserver's pipeline (authentication →
// authorization → mutating admission → validation → validating admission → etcd), folded from the
// played trace: each stage takes the verdict of its own trace event. Pure.
import type { TraceEvent } from '../protocol/messages';

export const STAGES = ['authn', 'authz', 'mutating', 'validation', 'validating', 'etcd'] as const;
export type StageId = (typeof STAGES)[number];

/** `active`: the request is at this stage now; `skipped`: a read does not pass it. */
export type StageState = 'idle' | 'active' | 'ok' | 'failed' | 'skipped';

export interface StageView {
  state: StageState;
  /** what the stage said: the user, the RBAC reason, the fields admission set, the revision, … */
  note: string;
}

export interface AdmissionPatch {
  /** field paths filled in by defaulting and mutating admission */
  defaulted: string[];
  /** per mutating admission plugin, the paths it changed (when the trace names them) */
  plugins: Array<{ name: string; changed: string[] }>;
}

export interface PipelineRequest {
  /** seq of the apiserver.request event */
  seq: number;
  method: string;
  path: string;
  verb: string;
  user: string;
  /** comma-separated, as authentication reported them */
  groups: string;
  read: boolean;
  kind: string;
  namespace: string;
  name: string;
  stages: Record<StageId, StageView>;
  /** seq of the latest event that moved this request (restarts the stage's flash) */
  lastSeq: number;
  /** the stage that event marked */
  lastStage: StageId | null;
  done: boolean;
  code?: number;
  reason?: string;
  message?: string;
  admission: AdmissionPatch;
}

export interface PipelineSlice {
  /** the latest kubectl request; stays until the next one starts */
  pipeline: PipelineRequest | null;
}

export const pipelineSlice = (): PipelineSlice => ({ pipeline: null });
export const selectPipeline = (s: PipelineSlice) => s.pipeline;

const READS = new Set(['get', 'list', 'watch']);
type StageEvent = TraceEvent<'apiserver.authenticate' | 'apiserver.authorize' | 'apiserver.admit' | 'apiserver.validate' | 'apiserver.validating_admission'>;
const STAGE_OF: Record<StageEvent['type'], StageId> = {
  'apiserver.authenticate': 'authn',
  'apiserver.authorize': 'authz',
  'apiserver.admit': 'mutating',
  'apiserver.validate': 'validation',
  'apiserver.validating_admission': 'validating',
};
const isStageEvent = (e: TraceEvent): e is StageEvent => e.type in STAGE_OF;

function started(e: TraceEvent<'apiserver.request'>): PipelineRequest {
  const p = e.params;
  const verb = String(p.verb ?? '');
  const read = READS.has(verb);
  const stages = Object.fromEntries(STAGES.map((id) => [id, { state: 'idle', note: '' }])) as Record<StageId, StageView>;
  if (read) for (const id of ['mutating', 'validation', 'validating'] as const) stages[id] = { state: 'skipped', note: id === 'mutating' ? 'reads skip admission' : '' };
  stages.authn = { state: 'active', note: '' };
  return {
    seq: e.seq,
    method: String(p.method ?? verb.toUpperCase()),
    path: String(p.path ?? ''),
    verb,
    user: String(p.user ?? ''),
    groups: '',
    read,
    kind: e.object?.kind ?? '',
    namespace: String(p.namespace ?? ''),
    name: String(p.name ?? ''),
    stages,
    lastSeq: e.seq,
    lastStage: 'authn',
    done: false,
    admission: { defaulted: [], plugins: [] },
  };
}

/** Marks `id` and moves the request on: every earlier stage was passed, the next one is active. */
function mark(r: PipelineRequest, id: StageId, state: StageState, note: string): void {
  const i = STAGES.indexOf(id);
  STAGES.forEach((s, j) => {
    const cur = r.stages[s];
    if (j < i && (cur.state === 'idle' || cur.state === 'active')) r.stages[s] = { state: 'ok', note: cur.note };
  });
  r.stages[id] = { state, note };
  r.lastStage = id;
  if (state !== 'ok') return;
  const next = STAGES.slice(i + 1).find((s) => r.stages[s].state === 'idle');
  if (next) r.stages[next] = { state: 'active', note: '' };
}

/** A stage's verdict: only an explicit `false` fails it. */
const passed = (verdict: boolean | undefined) => verdict !== false;

function stageEvent(r: PipelineRequest, e: StageEvent): void {
  const id = STAGE_OF[e.type];
  switch (e.type) {
    case 'apiserver.authenticate': {
      const ok = passed(e.params.ok);
      r.groups = e.params.groups ?? '';
      return mark(r, id, ok ? 'ok' : 'failed', ok ? (e.params.user ?? '') : 'Unauthorized');
    }
    case 'apiserver.authorize':
      return mark(r, id, passed(e.params.allowed) ? 'ok' : 'failed', e.params.reason ?? '');
    case 'apiserver.admit': {
      const d = e.detail;
      r.admission = { defaulted: d?.defaulted ?? [], plugins: (d?.plugins ?? []).map((x) => ({ name: x.name, changed: x.changed ?? [] })) };
      const n = Number(e.params.changed ?? r.admission.defaulted.length);
      const ok = passed(e.params.ok);
      return mark(r, id, ok ? 'ok' : 'failed', ok ? (n > 0 ? `${n} field${n === 1 ? '' : 's'} set` : 'no change') : (e.params.message ?? ''));
    }
    case 'apiserver.validate':
      return mark(r, id, passed(e.params.ok) ? 'ok' : 'failed', passed(e.params.ok) ? '' : (e.params.message ?? ''));
    case 'apiserver.validating_admission':
      return mark(r, id, passed(e.params.ok) ? 'ok' : 'failed', passed(e.params.ok) ? (e.params.plugin ?? '') : (e.params.message ?? ''));
  }
}

/** Whether an etcd event is about the request's object (other components write all the time). */
function sameObject(r: PipelineRequest, e: TraceEvent): boolean {
  if (e.type === 'etcd.range') {
    const key = e.params.key ?? '';
    return r.read && (r.name ? key.endsWith(`/${r.name}`) : true);
  }
  const o = e.object;
  if (!o || o.kind !== r.kind || (o.namespace ?? '') !== r.namespace) return false;
  return !r.name || o.name === r.name;
}

function etcdEvent(r: PipelineRequest, e: TraceEvent): void {
  switch (e.type) {
    case 'raft.propose':
      return mark(r, 'etcd', 'active', `proposed as entry ${e.params.index}`);
    case 'etcd.put':
    case 'etcd.delete':
      return mark(r, 'etcd', 'ok', `revision ${e.params.revision}`);
    case 'etcd.txn_failed':
      return mark(r, 'etcd', 'failed', `compare failed: mod revision is ${e.params.modRevision}`);
    case 'etcd.range':
      return mark(r, 'etcd', 'ok', e.params.count > 0 ? `read at revision ${e.params.revision}` : 'no such key');
  }
}

/** The answer closes the request. A read is not traced stage by stage: its verdict comes from the
 * status code (a read passes no admission, so a 403 is authorization's and a 401 authentication's). */
function responded(r: PipelineRequest, e: TraceEvent<'apiserver.response'>): void {
  const p = e.params;
  const code = Number(p.code ?? 0);
  Object.assign(r, { done: true, code, reason: String(p.reason ?? ''), message: String(p.message ?? '') });
  if (STAGES.some((s) => r.stages[s].state === 'failed')) return;
  if (r.read && code === 401) return mark(r, 'authn', 'failed', 'Unauthorized');
  if (r.read && r.stages.authn.note === '') r.stages.authn = { ...r.stages.authn, note: r.user };
  if (r.read && code === 403) return mark(r, 'authz', 'failed', String(p.reason ?? 'Forbidden'));
  if (r.read && code === 404) return mark(r, 'etcd', 'ok', 'not found');
  if (code >= 400) {
    const at = STAGES.find((s) => r.stages[s].state === 'active' || r.stages[s].state === 'idle') ?? 'etcd';
    return mark(r, at, 'failed', `${code} ${p.reason ?? ''}`.trim());
  }
  const etcd = r.stages.etcd;
  mark(r, 'etcd', 'ok', etcd.note || (r.read ? '' : 'no change to write'));
}

function copy(r: PipelineRequest): PipelineRequest {
  return { ...r, stages: { ...r.stages } };
}

export function nextPipeline(prev: PipelineRequest | null, events: readonly TraceEvent[]): PipelineRequest | null {
  let r = prev;
  let fresh = false;
  const edit = () => {
    if (!fresh && r) {
      r = copy(r);
      fresh = true;
    }
    return r!;
  };
  for (const e of events) {
    if (e.ambient) continue;
    if (e.type === 'apiserver.request' && e.from === 'kubectl') {
      r = started(e);
      fresh = true;
      continue;
    }
    if (!r || r.done) continue;
    if (isStageEvent(e) && e.from === 'kube-apiserver' && e.to === 'kube-apiserver') stageEvent(edit(), e);
    else if (e.type === 'apiserver.response' && e.to === 'kubectl') responded(edit(), e);
    else if ((e.type.startsWith('etcd.') || e.type === 'raft.propose') && sameObject(r, e)) etcdEvent(edit(), e);
    else continue;
    r.lastSeq = e.seq;
  }
  return r;
}
