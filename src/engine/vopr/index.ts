// The VOPR's surface for hosts (src/cli/vopr.ts, tests): run one seed or a sweep.
export { runSeed, sweep, formatViolation } from './vopr';
export type { RunOptions, RunResult, SweepResult } from './vopr';
export { Generator, configFor } from './generator';
export type { Op, VoprConfig } from './generator';
export { fnv1a64, traceHash } from './fnv';
