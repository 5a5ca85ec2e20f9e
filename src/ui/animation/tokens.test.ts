import { describe, expect, it } from 'vitest';
import { tokenDurationMs, tokensFor } from './tokens';
import type { ClockState, TraceEvent } from '../../protocol/messages';

const story = (speed: number) => ({ pacing: 'story' as const, speed });

describe('token flight time', () => {
  it('at 1× story pacing crosses in 60 % of the narration’s reading time, so it has arrived before the next step', () => {
    expect(tokenDurationMs(story(1), 3000)).toBe(1800);
    expect(tokenDurationMs(story(1), 1000)).toBe(600);
    // a short narration still gets the story slot's flight
    expect(tokenDurationMs(story(1), 0)).toBe(510);
    // capped: a 6 s sentence does not keep a token in the air for 3.6 s
    expect(tokenDurationMs(story(1), 6000)).toBe(2400);
  });

  it('shortens with speed, and real time flies every token alike', () => {
    expect(tokenDurationMs(story(2), 3000)).toBe(900);
    expect(tokenDurationMs(story(50), 3000)).toBe(140);
    expect(tokenDurationMs({ pacing: 'realtime', speed: 1 }, 3000)).toBe(380);
  });

  it('gives each event the reading time of its own narration', () => {
    const ev = (seq: number, key: string): TraceEvent => ({ seq, t: 0, type: 'apiserver.request', key, from: 'kubectl', to: 'kube-apiserver', params: { verb: 'create' } }) as unknown as TraceEvent;
    const clock = { pacing: 'story', speed: 1, nowMs: 0 } as unknown as ClockState;
    const tokens = tokensFor([], [ev(1, 'short'), ev(2, 'long')], clock, { short: 800, long: 4000 });
    expect(tokens.map((t) => t.durationMs)).toEqual([510, 2400]);
  });

  it('flies the newest few of a burst (a large cluster plays thousands of story events a second)', () => {
    const ev = (seq: number, ambient = false): TraceEvent => ({ seq, t: 0, type: 'apiserver.request', key: 'k', from: 'kubectl', to: 'kube-apiserver', params: { verb: 'create' }, ambient }) as unknown as TraceEvent;
    const clock = { pacing: 'realtime', speed: 50, nowMs: 0 } as unknown as ClockState;
    const burst = [...Array.from({ length: 30 }, (_, i) => ev(i + 1)), ev(31, true)];
    expect(tokensFor([], burst, clock).map((t) => t.id)).toEqual([23, 24, 25, 26, 27, 28, 29, 30]);
    // a step of the story still flies whole
    expect(tokensFor([], [ev(1), ev(2)], clock).map((t) => t.id)).toEqual([1, 2]);
  });
});
