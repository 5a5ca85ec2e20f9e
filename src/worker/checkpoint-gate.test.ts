import { describe, expect, it } from 'vitest';
import { checkpointGate } from './checkpoint-gate';

describe('checkpointGate: the wall-time share of the engine checkpoints', () => {
  it('takes cheap checkpoints whenever they are due', () => {
    let wallMs = 0;
    const gate = checkpointGate(() => wallMs);
    let taken = 0;
    for (let i = 0; i < 5; i++) {
      gate(() => {
        taken++;
        wallMs += 10; // a small cluster's clone
      });
      wallMs += 1;
    }
    expect(taken).toBe(5);
  });

  it('after a costly one, waits ten times its cost before the next', () => {
    let wallMs = 0;
    const gate = checkpointGate(() => wallMs);
    const taken: number[] = [];
    const take = () => {
      taken.push(wallMs);
      wallMs += 1000; // 1,000 nodes: a clone of a second
    };
    gate(take); // at 0, ends at 1,000
    for (; wallMs < 12_000; wallMs += 16) gate(take);
    expect(taken).toEqual([0, 11_000]);
  });
});
