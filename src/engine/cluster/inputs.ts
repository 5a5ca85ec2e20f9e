// The run as data: every user action is an Input recorded at the exact kernel position it came
// at (virtual ms, trace position, envelopes delivered). Replaying the same inputs at the same
// positions on the same seed gives the same trace, byte for byte (DESIGN.md "Time and pacing").
import type { KObject } from '../api/types';
import type { DebugOptions } from '../kubectl/debug';
import type { RawRequest } from '../kubectl/kubectl';

/** Where an input came: the virtual clock, the trace length and the envelopes delivered by then. */
export interface InputMoment {
  /** virtual ms */
  t: number;
  /** trace events emitted before the input (the next event's seq) */
  seq: number;
  /** envelopes the kernel had delivered: the exact position between two deliveries */
  delivered: number;
}

export interface InputIdentity {
  user?: string;
  groups?: string[];
}

export interface InputRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** One kubectl request or fault. A multi-document apply is one input per document, each at the
 * moment kubectl sent it (after the previous document's answer). */
export type Input =
  | { at: InputMoment; type: 'apply'; object: KObject; as?: InputIdentity }
  | {
      at: InputMoment;
      type: 'delete';
      ref: InputRef;
      opts?: { gracePeriodSeconds?: number; propagationPolicy?: 'Foreground' | 'Background' | 'Orphan'; cascade?: 'background' | 'foreground' | 'orphan' };
      as?: InputIdentity;
    }
  | { at: InputMoment; type: 'debug'; ref: { namespace?: string; name: string }; opts: DebugOptions; as?: InputIdentity }
  /** one raw REST request as kubectl sends it (the real kubectl through src/server, src/rest) */
  | { at: InputMoment; type: 'request'; request: RawRequest; as?: InputIdentity }
  | { at: InputMoment; type: 'inject'; fault: { type: string; target: string; [k: string]: unknown } };

/** An input without its moment: what a caller asks for. */
export type InputAction = Input extends infer I ? (I extends Input ? Omit<I, 'at'> : never) : never;

/** The branch a fork left behind: its inputs after the fork and how far its trace had run. */
export interface AbandonedBranch {
  /** the trace position (events before the fork) where the two branches part */
  forkSeq: number;
  inputs: Input[];
  /** trace length the branch had reached */
  traceLength: number;
}

/** Plain-JSON copy: inputs are data and must not share objects with the engine. */
export function cloneInput<T extends Input | InputAction>(i: T): T {
  return JSON.parse(JSON.stringify(i)) as T;
}

/** Inputs must be in order of their position; a log that goes backwards cannot be replayed. */
export function checkInputLog(inputs: readonly Input[]): void {
  for (let i = 1; i < inputs.length; i++) {
    const a = inputs[i - 1].at;
    const b = inputs[i].at;
    if (b.delivered < a.delivered || b.t < a.t || b.seq < a.seq) {
      throw new Error(`input log: input ${i} (${inputs[i].type}) is recorded before input ${i - 1}`);
    }
  }
}
