// Next in the app is PLAY_TO: the worker plays the scripted run forward to the step's event. A story
// told by timers (runForMs) has stretches where only periodic work is queued — probe ticks, the node
// monitor, Raft heartbeats — and PLAY_TO must play through them to every step of the computed run.
import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../protocol/messages';
import { runHeadless } from './headless';
import { WALKTHROUGHS } from './index';

// the timer-driven ones, and the etcd election (whose timers run while a request waits)
const TIMED = (w: { id: string; runForMs?: number }) => !!w.runForMs || w.id === 'etcd-leader';

describe.each(WALKTHROUGHS.filter(TIMED).map((w) => [w.id, w] as const))('walkthrough %s played with Next', (_id, w) => {
  it('reaches its last step through the idle stretches', () => {
    const run = runHeadless(w);
    const target = run.result.matches.at(-1)!.event.seq;
    run.messages.length = 0;
    run.host.handle({ type: 'SET_SPEED', speed: 50 });
    run.host.handle({ type: 'PLAY_TO', seq: target, stepMs: 1 });
    let shown = -1;
    for (let i = 0; i < 200_000 && shown < target; i++) {
      run.host.tick();
      for (const m of run.messages.splice(0)) {
        if ((m as WorkerMessage).type === 'BATCH') for (const e of (m as Extract<WorkerMessage, { type: 'BATCH' }>).trace) shown = Math.max(shown, e.seq);
      }
    }
    // a batch may carry the events right after the target; the host then seeks back to it
    expect(shown).toBeGreaterThanOrEqual(target);
  });
});
