export { appendLog, lastStoryOf, maxRevision, nextObjectEvents, LOG_CAP } from '../ui/store/trace';
