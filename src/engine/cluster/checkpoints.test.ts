// Seek checkpoints stay within their memory budget when the state grows between two measured
// snapshots (a large Apply): the object count scales the last measure.
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_INTERVAL, Checkpoints, HEAP_PER_JSON_BYTE, JSON_BYTES_PER_EVENT, MEMORY_BUDGET_BYTES } from './checkpoints';

/** A state of `objects` objects, 1,000 bytes of JSON each. */
function setup(withHint: boolean, objects = 1_000) {
  const st = { objects, measured: 0 };
  const cps = new Checkpoints<number>(
    (n) => {
      st.measured++;
      return n * 1000;
    },
    CHECKPOINT_INTERVAL,
    48,
    withHint ? () => st.objects : undefined,
  );
  let seq = 0;
  /** the most JSON bytes the checkpoints held at once */
  let peak = 0;
  const play = (events: number) => {
    for (let i = 0; i < events; i++) {
      cps.maybeTake(++seq, () => st.objects);
      peak = Math.max(peak, cps.list.reduce((n, c) => n + c.snap * 1000, 0));
    }
  };
  return { st, cps, play, peak: () => peak };
}

describe('checkpoints on a growing state', () => {
  it('space out at once when the object count grows tenfold, without measuring again', () => {
    const { st, cps, play, peak } = setup(true);
    play(4 * CHECKPOINT_INTERVAL);
    expect(cps.list).toHaveLength(4);
    expect(st.measured).toBe(1);
    st.objects = 100_000; // 100 MB of JSON: one checkpoint per 100e6 / 16 KiB events
    const before = cps.list.length;
    play(5_000);
    expect(cps.list.length).toBe(before);
    expect(cps.interval).toBe(Math.ceil(100_000_000 / JSON_BYTES_PER_EVENT));
    const lastSeq = cps.list.at(-1)!.seq;
    play(2_000);
    expect(cps.list.at(-1)!.seq).toBeGreaterThan(lastSeq);
    expect(st.measured).toBe(1);
    // within the budget (plus the one being taken) all along
    play(20 * cps.interval);
    expect(peak() * HEAP_PER_JSON_BYTE).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES + 100_000_000 * HEAP_PER_JSON_BYTE);
  });

  it('without the count, the small state’s spacing held until the next measure', () => {
    const { st, play, peak } = setup(false);
    play(4 * CHECKPOINT_INTERVAL);
    st.objects = 100_000;
    play(5_000);
    // what the count prevents: a checkpoint of the grown state every 256 events until the 16th
    expect(peak() * HEAP_PER_JSON_BYTE).toBeGreaterThan(3 * MEMORY_BUDGET_BYTES);
  });

  it('measures the next one when the first measure had too few objects to scale (a bootstrap’s)', () => {
    const { st, cps, play, peak } = setup(true, 20);
    play(4 * CHECKPOINT_INTERVAL);
    expect(st.measured).toBe(1);
    st.objects = 100_000;
    play(3 * CHECKPOINT_INTERVAL);
    expect(st.measured).toBe(2);
    expect(cps.interval).toBeGreaterThanOrEqual(Math.ceil(100_000_000 / JSON_BYTES_PER_EVENT));
    play(20 * cps.interval);
    expect(peak() * HEAP_PER_JSON_BYTE).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES + 100_000_000 * HEAP_PER_JSON_BYTE);
  });
});
