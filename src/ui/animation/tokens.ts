// Which trace events become moving tokens, how long they fly and what they are labelled.
// Labels are protocol words (verbs, codes), not prose, so they are not in the i18n catalogue.
import { STORY_EVENTS_PER_LARGE_BATCH, type ClockState, type TraceEvent } from '../../protocol/messages';
import type { Token } from '../store/types';

const MAX_TOKENS = 24;
/** a batch's newest story events that start flying; the rest of a burst (a large cluster at 50×
 * plays thousands a second) would each mount an animation only to be dropped a batch later */
const MAX_NEW_PER_BATCH = STORY_EVENTS_PER_LARGE_BATCH;

/** Story pacing gives each step its narration's reading time (the worker's Pacer, SET_READING): the
 * token crosses the diagram in the first 60 % of that slot, so it has arrived before the next step
 * and the eye can follow it while the sentence is read. Real time flies every token alike. */
const STORY_SLOT_MS = 510;
const TRAVEL_SHARE = 0.6;

export function tokenDurationMs(clock: Pick<ClockState, 'pacing' | 'speed'>, readingMs = 0): number {
  if (clock.pacing !== 'story') return 380;
  const slot = Math.max(STORY_SLOT_MS, readingMs) / clock.speed;
  return Math.round(Math.min(2400, Math.max(140, Math.max(STORY_SLOT_MS / clock.speed, slot * TRAVEL_SHARE))));
}

export function isFailure(e: TraceEvent): boolean {
  // a GET answered 404 is how kubectl apply learns it must create: not a failure
  if (e.type === 'apiserver.response') return e.params.code >= 400 && !(e.params.code === 404 && e.params.verb === 'get');
  if (e.type === 'apiserver.validate') return e.params.ok === false;
  if (e.type === 'apiserver.authorize') return e.params.allowed === false;
  return /fail|error|backoff/i.test(e.type);
}

export function tokenLabel(e: TraceEvent): string {
  switch (e.type) {
    case 'apiserver.request':
      return `${e.params.method ?? e.params.verb ?? ''} ${e.params.resource ?? ''}`.trim();
    case 'apiserver.response':
      return String(e.params.code);
    case 'etcd.put':
      return 'put';
    case 'etcd.delete':
      return 'delete';
    case 'etcd.range':
      return 'range';
    case 'watch.event':
      return e.params.eventType ?? 'watch';
    default:
      return e.type.slice(e.type.indexOf('.') + 1).replace(/_/g, ' ');
  }
}

export function tokensFor(prev: readonly Token[], events: readonly TraceEvent[], clock: ClockState, reading: Readonly<Record<string, number>> = {}): Token[] {
  if (events.length === 0) return prev as Token[];
  // Background (ambient) traffic does not fly: it shows as a quiet pulse on its receiver (Flash),
  // which keeps 1,000 nodes' heartbeats from flooding the diagram.
  const story = events.filter((e) => !e.ambient);
  const fresh = story.slice(-MAX_NEW_PER_BATCH).map((e) => ({
    id: e.seq,
    from: e.from,
    to: e.to,
    type: e.type,
    failed: isFailure(e),
    label: tokenLabel(e),
    durationMs: tokenDurationMs(clock, reading[e.key] ?? 0),
  }));
  if (fresh.length === 0) return prev as Token[];
  return [...prev, ...fresh].slice(-MAX_TOKENS);
}

export function removeToken(prev: readonly Token[], id: number): Token[] {
  return prev.filter((t) => t.id !== id);
}
