// A walkthrough is data (DESIGN.md `src/scenarios/`): a seed, a cluster size, the inputs issued
// before the first step, and numbered steps. Each step names the trace event it explains through a
// matcher; its narration is a message in the `walkthroughs` catalogue whose parameters come from
// that event's own params and detail (params.ts), never from facts typed into the script.
import type { InputAction } from '../engine/cluster/inputs';
import type { WorkloadDerive } from './params-workloads';

/** What a step's event must look like. Every given field must match; the first match after the
 * previous step's event is the one explained. Only story (non-ambient) events are matched. */
export interface TraceMatcher {
  type: string;
  /** component ids, `*` as a wildcard (`kubelet:*`) */
  from?: string;
  to?: string;
  /** `Pod/nginx`, `Pod/web-*` (glob on kind/name; the namespace is not part of it) */
  object?: string;
  /** a subset of the event's params (scalars compared with ===) */
  params?: Record<string, string | number | boolean>;
}

/** Diagram boxes (component ids of src/ui/diagram: `kube-apiserver`, `scheduler`, `etcd`,
 * `controller-manager`, `kubelet`, `node`…), the request pipeline stage, a pods-table row, a view tab. */
export interface Highlights {
  components?: string[];
  stage?: string;
  pod?: string;
  view?: string;
}

/** Derivations that turn one event's params/detail into narration parameters (params.ts). */
export type Derive =
  | 'defaulted' // apiserver.admit: the fields mutating admission defaulted
  | 'filter' // scheduler.filter: the nodes that fit, and those filtered out with their reasons
  | 'score' // scheduler.score: every node's total, ties
  | 'pull' // the container's imagePullPolicy, from the pod as stored
  | 'status' // the pod's phase, IP and Ready condition, as stored
  | 'terminating' // the pod's deletionTimestamp and grace period, as stored
  | 'slice' // an EndpointSlice's endpoints and their conditions, as stored
  | 'columns' // a pod's READY, STATUS and RESTARTS as kubectl get pods prints them, as stored
  | 'node' // a Node's Ready condition (status, reason, message) and taints, as stored
  | 'eviction' // a pod's time-limited NoExecute tolerations and its DisruptionTarget condition, as stored
  | 'service' // a Service as stored: ClusterIP, type, ports, selector
  | 'proxy' // kube-proxy.sync: the Service port's ClusterIP, KUBE-SVC chain and endpoints with their probabilities
  | WorkloadDerive // scale, rollout and failure walkthroughs (params-workloads.ts)
  | 'none';

export interface WalkthroughStep {
  /** the event this step explains */
  match: TraceMatcher;
  /** message id in the `walkthroughs` namespace (ICU; parameters from the event) */
  narration: string;
  /** what to notice (a message id; the same parameters) */
  notice: string;
  derive?: Derive;
  highlight?: Highlights;
  /** the learner's action this step waits for: issued when they press the button naming it */
  action?: { label: string; input: InputAction };
}

export interface Walkthrough {
  id: string;
  /** message id of the title (and `<title>.summary` for the picker) */
  title: string;
  seed: number;
  nodes: number;
  /** issued (each settled) before the first step */
  setup: InputAction[];
  steps: WalkthroughStep[];
  /** "try it yourself": the manifest left in the editor at the end */
  manifest: string;
  /** virtual ms the run goes on after the last action settled, for a story told by timers (probes,
   * the node monitor, tolerationSeconds, Raft elections) that an idle run would stop short of */
  runForMs?: number;
}
