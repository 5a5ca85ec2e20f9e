// The UI may not run engine code, so it keeps small copies of two engine helpers. The worker side
// may import both: check here that the copies agree (src/ui stays free of engine imports).
import { describe, expect, it } from 'vitest';
import { EPOCH_MS as ENGINE_EPOCH_MS, humanDuration as engineHumanDuration } from '../engine';
import { EPOCH_MS, humanDuration } from '../ui/time/time';

describe("the UI's copies of engine time helpers", () => {
  it('use the engine epoch', () => {
    expect(EPOCH_MS).toBe(ENGINE_EPOCH_MS);
  });

  it.each([0, 59_000, 119_999, 150_000, 601_000, 3 * 3_600_000 + 60_000, 30 * 3_600_000, 3 * 86_400_000 + 3_600_000, 400 * 86_400_000, 800 * 86_400_000])(
    'humanDuration(%i) matches kubectl (the engine)',
    (ms) => expect(humanDuration(ms)).toBe(engineHumanDuration(ms)),
  );
});
