// Module-level selectors: stable functions, so components subscribe to exactly what they render.
import type { UiActions } from './store';
import type { UiState } from './types';

type S = UiState & UiActions;

export const selectClock = (s: S) => s.clock;
/** The clock an AGE column shows: whole seconds, stepping at most about twice a wall second (at 50×
 * every wall second is 50 virtual ones, and re-rendering a table's rows that often cost its frames). */
export const selectAgeNowMs = (s: UiState): number => {
  // paused (or slow): exact seconds
  const step = s.clock.playing ? Math.max(1, Math.floor(s.clock.speed / 2)) : 1;
  return Math.floor(s.clock.nowMs / 1000 / step) * step * 1000;
};
export const selectTimeline = (s: S) => s.timeline;
export const selectNodeCount = (s: S) => s.nodeCount;
export const selectJump = (s: S) => s.jump;
export const selectReady = (s: S) => s.ready;
export const selectWorkerError = (s: S) => s.workerError;
export const selectNodeNames = (s: S) => s.nodeNames;
export const selectPodKeys = (s: S) => s.podKeys;
export const selectUnscheduled = (s: S) => s.podKeysByNode[''];
export const selectLog = (s: S) => s.log;
export const selectStoryCount = (s: S) => s.storyCount;
export const selectLastStory = (s: S) => s.lastStory;
export const selectTokens = (s: S) => s.tokens;
export const selectEtcdRevision = (s: S) => s.etcdRevision;
export const selectEtcdMembers = (s: S) => s.etcdMembers;
/** `etcd-0,etcd-1,etcd-2`: a string, so the layout only changes when membership does */
export const selectEtcdMemberIds = (s: S) => s.etcdMembers.map((m) => m.id).join(',');
export const selectFaultPending = (s: S) => s.faultPending;
export const selectFaultResult = (s: S) => s.faultResult;
export const selectSelectedKey = (s: S) => s.selectedKey;
export const selectYaml = (s: S) => s.yaml;
export const selectPending = (s: S) => s.pending;
export const selectResults = (s: S) => s.results;
export const selectResultsAction = (s: S) => s.resultsAction;
export const selectSelect = (s: S) => s.select;
export const selectTokenDone = (s: S) => s.tokenDone;
export const selectSetYaml = (s: S) => s.setYaml;
export const selectIdentity = (s: S) => s.identity;
export const selectSetIdentity = (s: S) => s.setIdentity;

export const selectObject = (key: string | null) => (s: S) => (key ? s.objects.get(key) : undefined);
export const selectPodKeysOn = (node: string) => (s: S) => s.podKeysByNode[node];
export const selectActivity = (id: string) => (s: S) => s.activity[id];
export const selectObjectEvents = (key: string | null) => (s: S) => (key ? s.objectEvents[key] : undefined);
