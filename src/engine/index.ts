// The engine's public API (DESIGN.md): the only module imported from outside src/engine.
export { createCluster } from './cluster/cluster';
export { ENGINE_VERSION } from './version';
export type { Cluster, ClusterOptions, NodeSpec, Identity, DeleteOptions, Snapshot } from './cluster/cluster';
export type { ExecOptions, ExecResult } from './cluster/pod-exec';
export type { DebugResult, RequestResult, ObjectChange, AccessAttributes } from './cluster/cluster';
export type { RawRequest } from './kubectl/kubectl';
export { LAST_APPLIED, threeWayMergePatch, withLastApplied } from './kubectl/apply';
export type { Verb, RequestOptions } from './api/wire';

// The REST surface (src/rest): the kinds served, selectors, merge patch and Status as the apiserver has them.
export { KINDS, kindInfo, resourceInfo, resolveResource, apiVersionOf, qualifiedResource } from './api/scheme';
export type { KindInfo } from './api/scheme';
export { parseLabelSelector, parseFieldSelector, matchesSelector, matchesFields } from './api/selectors';
export { mergePatch } from './apiserver/merge-patch';
export { statusFor } from './apiserver/http';
export type { Input, InputMoment, InputAction, AbandonedBranch } from './cluster/inputs';
export type { DebugOptions } from './kubectl/debug';
export { parseCascade } from './kubectl/delete';
export type { Cascade } from './kubectl/delete';
export type { TraceEvent, AnyTraceEvent, TypedTraceEvent, TraceEventMap, TraceType, TraceParamsOf, TraceDetailOf, TraceParams, ObjectRef } from './kernel/types';
export type { NarrationKey } from './kernel/trace-types';
export type { TraceLog, TracePageCodec, TraceView } from './kernel/trace-log';
export { TRACE_TYPES, NARRATION_KEYS } from './trace-events';
export type { OmittedNodes, SchedulerDecisionDetail } from './trace-events';
export type { ApplyResult, K8sStatus, KObject } from './api/types';
export { objectKey } from './api/types';
export { rfc3339, parseRfc3339, humanDuration, goDuration, EPOCH_MS } from './api/time';

// Conformance surface: pure functions named after their upstream twins, used by the components
// themselves (not copies), so tables from Kubernetes' own unit tests can be fed to them.
export { getPodQOS } from './api/helper/qos';
export { getPhase, printPodRow } from './kubelet';
export {
  scheduleOne,
  runFilterPlugin,
  runScorePlugin,
  fitErrorMessage,
  numFeasibleNodesToFind,
  defaultNormalizeScore,
  normalizedImageName,
  runFilterPluginOnNodes,
  pickOneNodeForPreemption,
  calculateNumCandidates,
  topologyNormalizingWeight,
  scoreForCount,
} from './scheduler';
export type { ClusterObjects, PreemptionDecision } from './scheduler';
export {
  resolveFenceposts,
  maxUnavailable,
  minAvailable,
  newRSNewReplicas,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getReplicaSetFraction,
  slowStartBatchSizes,
  getPodsToDelete,
  computeHash,
} from './controllers';

// Services: the endpoint controllers' pure pieces and kube-proxy's rules as data.
export { reconcile as reconcileEndpointSlices } from './controllers/endpointslice/reconciler';
export { findPort } from './controllers/endpointslice/util/controller-utils';
export { repackSubsets } from './controllers/endpoint/endpoints-util';
export { syncProxyRules, routeRequest, iptablesSave, servicePortChainName, servicePortEndpointChainName, portProtoHash } from './proxy';
export type { ProxyRules, ServicePortRules, IptablesRule, RouteOptions, RouteResult, RecentLists } from './proxy';

// Jobs and CronJobs: the cron schedule (robfig/cron), the pod-failure back-off, job naming.
export { parseStandard as parseCronSchedule, next as nextCronTime } from './api/cron';
export type { Schedule as CronSchedule } from './api/cron';
export { getRemainingTimeForFailuresCount, newBackoffRecord, DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, MAX_JOB_POD_FAILURE_BACKOFF_MS } from './controllers/job/backoff-utils';
export { getJobName as getCronJobJobName, getTimeHashInMinutes, mostRecentScheduleTime, nextScheduleTimeDuration } from './controllers/cronjob/utils';
