// Module-level selectors of the Scheduler and Controllers views (primitives or stored values only,
// so subscriptions stay stable).
import type { UiActions } from './store';
import type { UiState } from './types';

type S = UiState & UiActions;

export const selectSpeed = (s: S) => s.clock.speed;
export const selectPacing = (s: S) => s.clock.pacing;
export const selectSchedLastPod = (s: S) => s.schedLastPod;
export const selectCycle = (podKey: string | null) => (s: S) => (podKey ? s.schedCycles[podKey] : undefined);
export const selectControllers = (s: S) => s.controllers;
export const selectObjects = (s: S) => s.objects;
