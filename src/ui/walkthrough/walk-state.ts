// The walkthrough's state shape and its start, without the walkthroughs themselves: the shell the
// page starts with (lazy-session.ts) and the session in its chunk (session.ts) share one store.
import type { AnyTraceEvent } from '../../protocol/messages';

export const FIRST_WALKTHROUGH = 'create-pod';

export interface WalkState {
  pickerOpen: boolean;
  /** the walkthrough the picker has selected */
  selected: string;
  /** the walkthrough being followed */
  id: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /** each step's event */
  events: AnyTraceEvent[];
  /** the moment the walkthrough starts from (just before the learner's first action) */
  start: number;
  /** the step shown; -1 before the first */
  index: number;
  /** the first step that found no event (-1: all found) */
  missing: number;
}

export function initialWalkState(): WalkState {
  return { pickerOpen: false, selected: FIRST_WALKTHROUGH, id: null, status: 'idle', events: [], start: -1, index: -1, missing: -1 };
}
