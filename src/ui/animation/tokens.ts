// Which trace events become moving tokens, how long they fly and what they are labelled.
// Labels are protocol words (verbs, codes), not prose, so they are not in the i18n catalogue.
import type { ClockState, TraceEvent } from '../../protocol/messages';
import type { Token } from '../store/types';

const MAX_TOKENS = 24;

export function tokenDurationMs(clock: Pick<ClockState, 'pacing' | 'speed'>): number {
  const base = clock.pacing === 'story' ? 510 / clock.speed : 380;
  return Math.round(Math.min(700, Math.max(140, base)));
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

export function tokensFor(prev: readonly Token[], events: readonly TraceEvent[], clock: ClockState): Token[] {
  if (events.length === 0) return prev as Token[];
  const durationMs = tokenDurationMs(clock);
  // Background (ambient) traffic does not fly: it shows as a quiet pulse on its receiver (Flash),
  // which keeps 1,000 nodes' heartbeats from flooding the diagram.
  const fresh = events.filter((e) => !e.ambient).map((e) => ({
    id: e.seq,
    from: e.from,
    to: e.to,
    type: e.type,
    failed: isFailure(e),
    label: tokenLabel(e),
    durationMs,
  }));
  if (fresh.length === 0) return prev as Token[];
  return [...prev, ...fresh].slice(-MAX_TOKENS);
}

export function removeToken(prev: readonly Token[], id: number): Token[] {
  return prev.filter((t) => t.id !== id);
}
