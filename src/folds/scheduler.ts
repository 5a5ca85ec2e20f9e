export { nextSchedulerSlice, schedulerSlice, type SchedulerSlice } from '../ui/store/scheduler';
