// Twin of pkg/controller/job/indexed_job_utils.go: completion indexes from the pod annotation,
// completedIndexes as ordered intervals ("0-2,4" — two neighbours print as "1,2"),
// firstPendingIndexes, and the per-index pod template (annotation, PodIndexLabel label, hostname,
// JOB_COMPLETION_INDEX env from the downward API).
import type { KObject } from '../../api/types';

type Obj = Record<string, any>;

export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const COMPLETION_INDEX_ENV_NAME = 'JOB_COMPLETION_INDEX';

/** getCompletionIndex: the annotation as an int, or -1 (unknownCompletionIndex). */
export function getCompletionIndex(pod: KObject): number {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
}

/** orderedIntervals.String */
export function intervalsString(indexes: number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const [first, last] = [sorted[i], sorted[j]];
    parts.push(last === first ? `${first}` : last === first + 1 ? `${first},${last}` : `${first}-${last}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** parseIndexesFromString: "0-2,4" → [0,1,2,4], dropping indexes ≥ completions. */
export function parseIndexes(s: string | undefined, completions: number): number[] {
  const out: number[] = [];
  for (const part of (s ?? '').split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) if (i < completions) out.push(i);
  }
  return out;
}

/** calculateSucceededIndexes: previous completedIndexes plus indexes of succeeded pods. */
export function succeededIndexes(pods: KObject[], completions: number | undefined, prev?: string): [number, string] {
  const set = new Set(parseIndexes(prev, completions ?? 0));
  for (const p of pods) {
    const ix = getCompletionIndex(p);
    if ((p.status as Obj | undefined)?.phase === 'Succeeded' && ix >= 0 && ix < (completions ?? 0)) set.add(ix);
  }
  return [set.size, intervalsString([...set])];
}

/** firstPendingIndexes: the lowest indexes neither succeeded nor held by an active pod. */
export function firstPendingIndexes(pods: KObject[], count: number, completions: number, prev?: string): number[] {
  const taken = new Set(parseIndexes(prev, completions));
  for (const p of pods) {
    const ix = getCompletionIndex(p);
    if (ix < 0) continue;
    const phase = (p.status as Obj | undefined)?.phase;
    if (phase === 'Succeeded' || (phase !== 'Failed' && !p.metadata.deletionTimestamp)) taken.add(ix);
  }
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/** The template for one index: annotation + label, hostname `<job>-<i>`, the index env var. */
export function indexedPodTemplate(t: Obj, jobName: string, index: number): Obj {
  t.metadata ??= {};
  t.metadata.annotations = { ...(t.metadata.annotations ?? {}), [COMPLETION_INDEX_ANNOTATION]: String(index) };
  t.metadata.labels = { ...(t.metadata.labels ?? {}), [COMPLETION_INDEX_ANNOTATION]: String(index) };
  t.spec ??= {};
  t.spec.hostname = `${jobName}-${index}`;
  const env = { name: COMPLETION_INDEX_ENV_NAME, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } };
  for (const c of [...(t.spec.initContainers ?? []), ...(t.spec.containers ?? [])]) {
    if (!(c.env ?? []).some((e: Obj) => e.name === COMPLETION_INDEX_ENV_NAME)) c.env = [...(c.env ?? []), env];
  }
  return t;
}
