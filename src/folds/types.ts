export type { LogEntry } from '../ui/store/types';
