// Which component (and the box it is drawn in) last received an event: the diagram's pulses. Animation
// state of the UI, not a view: a seek starts it afresh.
import type { ActivityMark } from '../../protocol/messages';
import { boxIdOf } from '../diagram/layout';
import type { Activity } from './types';

export function nextActivity(prev: Record<string, Activity>, events: readonly ActivityMark[]): Record<string, Activity> {
  if (events.length === 0) return prev;
  const next = { ...prev };
  for (const e of events) {
    const a = { seq: e.seq, ambient: !!e.ambient, type: e.type };
    // both the component (kubelet:node-1) and the box it is drawn in (node:node-1) light up
    next[e.to] = a;
    next[boxIdOf(e.to)] = a;
  }
  return next;
}

