// Vitest: objects the engine marks shared (kernel/clone.ts markShared) are frozen in the tests, so a
// write to a stored object's version throws where it happens instead of changing a checkpoint's past.
import { FREEZE_SHARED } from '../kernel/clone';

(globalThis as Record<string, unknown>)[FREEZE_SHARED] = true;
