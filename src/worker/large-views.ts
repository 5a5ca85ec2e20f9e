// What the UI is sent of the scheduler's view on a large cluster. The fold keeps the latest cycle of
// the last SCHED_CAP pods, each with a verdict and scores per node: ~27 MB at 1,000 nodes, posted (a
// structured clone) whenever it changed. The UI draws one cycle: the selected pod's, else the last
// scheduled pod's (SchedulerView), so those two are what it gets.
import type { SchedulerSlice } from '../folds/scheduler';

export function schedulerForUi(s: SchedulerSlice, inspected: string | null): SchedulerSlice {
  const schedCycles: SchedulerSlice['schedCycles'] = {};
  for (const key of [s.schedLastPod, inspected]) if (key !== null && s.schedCycles[key]) schedCycles[key] = s.schedCycles[key];
  return { ...s, schedCycles };
}
