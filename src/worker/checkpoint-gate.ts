// When the engine takes its seek checkpoints, timed by the host (the engine has no clock to time
// them). A checkpoint is a structured clone of the whole state: ~10 ms on 3 nodes, seconds on 1,000
// nodes with thousands of pods, and a clone cannot be cut into slices. A cheap one is taken when due,
// as before; after a costly one the next waits COST_SHARE × its cost of wall time, so cloning takes
// at most ~1/COST_SHARE of the worker's time and the clock keeps moving between them. Fewer
// checkpoints only make a seek back replay further; the run itself is the same.

/** a checkpoint cheaper than a frame never delays the next */
export const CHEAP_CHECKPOINT_MS = 16;
export const COST_SHARE = 10;

export type CheckpointGate = (take: () => void) => void;

export function checkpointGate(wallNow: () => number): CheckpointGate {
  let readyAtMs = -Infinity;
  return (take) => {
    const t0 = wallNow();
    if (t0 < readyAtMs) return;
    take();
    const t1 = wallNow();
    readyAtMs = t1 - t0 < CHEAP_CHECKPOINT_MS ? -Infinity : t1 + (t1 - t0) * COST_SHARE;
  };
}
