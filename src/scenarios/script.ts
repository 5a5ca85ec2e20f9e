// A walkthrough as the worker's LOAD_SCRIPT: the setup inputs, then each learner action in step
// order; the run is shown from the moment before the first learner action, and goes on for
// `runForMs` of virtual time after the last one when its story is told by timers.
import type { Walkthrough } from './types';

export function scriptOf(w: Walkthrough): { seed: number; nodes: number; actions: Walkthrough['setup']; startAt: number; runForMs?: number } {
  const actions = [...w.setup, ...w.steps.flatMap((s) => (s.action ? [s.action.input] : []))];
  return { seed: w.seed, nodes: w.nodes, actions, startAt: w.setup.length, ...(w.runForMs ? { runForMs: w.runForMs } : {}) };
}
