// The event log fold: runs of background events fold into one line; the log is capped.
import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent, TraceEvent } from '../protocol/messages';
import { appendLog } from './trace';

let seq = 0;
const ev = (type: string, more: Partial<AnyTraceEvent> = {}): TraceEvent => ({ seq: seq++, t: 1000 + seq, type, key: type, from: 'kube-apiserver', to: 'etcd-0', params: {}, ...more }) as TraceEvent;

describe('appendLog', () => {
  it('folds runs of ambient events and caps the log', () => {
    const log = appendLog([], [ev('a', { ambient: true }), ev('b', { ambient: true }), ev('s'), ev('a', { ambient: true })], 3);
    expect(log.map((e) => (e.kind === 'ambient' ? `~${e.count}` : e.event.type))).toEqual(['~5', 's', '~1']);
    const capped = appendLog([], Array.from({ length: 10 }, () => ev('s')), 0, 4);
    expect(capped).toHaveLength(4);
  });
});
