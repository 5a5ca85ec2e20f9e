// The Pod, Services and Registry views' store slice: the folded node views the worker sends, and the
// answers to LOGS and REGISTRY requests.
import type { RegistryImageView, WorkerMessage } from '../../protocol/messages';
import type { PodNodeView, ProxySync } from '../../folds/node-views';

/** The last LOGS_RESULT (the request's id dropped). */
export type LogsView = Omit<Extract<WorkerMessage, { type: 'LOGS_RESULT' }>, 'type' | 'id'>;

export interface NodeViewsSlice {
  /** Pod object key → what its node did, for the most recent PODS_CAP pods */
  podViews: Record<string, PodNodeView>;
  /** node → kube-proxy's latest changed sync */
  proxySyncs: Record<string, ProxySync>;
  logsPendingId: number | null;
  logs: LogsView | null;
  registryImages: RegistryImageView[] | null;
}

export const nodeViewsSlice = (): NodeViewsSlice => ({ podViews: {}, proxySyncs: {}, logsPendingId: null, logs: null, registryImages: null });

export function onLogsResult(s: NodeViewsSlice, m: Extract<WorkerMessage, { type: 'LOGS_RESULT' }>): Partial<NodeViewsSlice> {
  if (s.logsPendingId !== m.id) return {};
  const { type: _t, id: _id, ...rest } = m;
  return { logsPendingId: null, logs: rest };
}

/** Request ids for LOGS / REGISTRY, apart from the bridge's own counter. */
let nextRequestId = 1_000_000;
export const nodeRequestId = () => nextRequestId++;
