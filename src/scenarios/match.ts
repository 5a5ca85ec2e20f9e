// The matcher: pure, over any trace. Each step's event is the first story event after the previous
// step's event that the step's matcher accepts; a step with no match ends the search (reported).
import type { AnyTraceEvent } from '../engine';
import type { TraceMatcher, Walkthrough } from './types';

export interface StepMatch {
  step: number;
  event: AnyTraceEvent;
}

export interface MatchResult {
  matches: StepMatch[];
  /** index of the first step that found no event, or -1 */
  missing: number;
}

export function matches(m: TraceMatcher, e: AnyTraceEvent): boolean {
  if (e.ambient || e.type !== m.type) return false;
  if (m.from !== undefined && !glob(m.from).test(e.from)) return false;
  if (m.to !== undefined && !glob(m.to).test(e.to)) return false;
  if (m.object !== undefined && (!e.object || !glob(m.object).test(`${e.object.kind}/${e.object.name}`))) return false;
  for (const [k, v] of Object.entries(m.params ?? {})) if (e.params[k] !== v) return false;
  return true;
}

export function matchSteps(w: Pick<Walkthrough, 'steps'>, trace: readonly AnyTraceEvent[], fromSeq = -1): MatchResult {
  const out: StepMatch[] = [];
  let i = 0;
  let after = fromSeq;
  for (let s = 0; s < w.steps.length; s++) {
    const m = w.steps[s].match;
    while (i < trace.length && (trace[i].seq <= after || !matches(m, trace[i]))) i++;
    if (i >= trace.length) return { matches: out, missing: s };
    out.push({ step: s, event: trace[i] });
    after = trace[i].seq;
    i++;
  }
  return { matches: out, missing: -1 };
}

/** The parts of a matched event a golden trace pins. */
export function goldenOf(r: MatchResult): Array<{ step: number; seq: number; type: string; from: string; to: string; key: string; object: string }> {
  return r.matches.map(({ step, event: e }) => ({
    step: step + 1,
    seq: e.seq,
    type: e.type,
    from: e.from,
    to: e.to,
    key: e.key,
    object: e.object ? `${e.object.kind}/${e.object.namespace ?? ''}/${e.object.name}` : '',
  }));
}

const globs = new Map<string, RegExp>();
function glob(p: string): RegExp {
  let r = globs.get(p);
  if (!r) {
    r = new RegExp(`^${p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    globs.set(p, r);
  }
  return r;
}
