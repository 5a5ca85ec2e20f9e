// Every trace type the engine emits, with its params and detail (DESIGN.md "TraceEvent"). The kernel
// declares TraceEventMap empty; this file fills it in with the components' own shapes (type-only
// imports), so `e.type === 'scheduler.decision'` gives the UI the scheduler's decision type. A new
// trace type needs an entry here and in TRACE_TYPES: an unmapped type does not compile at its
// emitter, and trace-events.test.ts fails on any emitted type TRACE_TYPES lacks.
import type { K8sStatus, KObject } from './api/types';
import type { PluginChange } from './apiserver/admission/chain';
import type { ControllerSyncDetail } from './controllers/controller-manager';
import type { Role } from './etcd/raft/types';
import type { NarrationKey, TraceEventMap, TraceParams, TraceType } from './kernel/trace-types';
import type { ProxyRules } from './proxy/iptables/proxier';
import type { SchedulingDecision } from './scheduler/schedule-one';
import type { OmittedNodes } from './scheduler/large-cycle';

/** `scheduler.decision` detail: the cycle's decision without the victims as objects. */
/** `omitted`: a large cluster's cycle lists some of the nodes it evaluated (scheduler/large-cycle.ts) */
export type SchedulerDecisionDetail = Omit<SchedulingDecision, 'victimPods'> & { omitted?: OmittedNodes };
export type { OmittedNodes };

/** An object as etcd.put carries it: plain JSON, so its metadata reads field by field (the UI's KubeObject). */
export type StoredObject = KObject & { metadata: Record<string, unknown> };

/** Params of the events about one pod; `pod` is `namespace/name` (the kubelet and runtime add it). */
type PodParams<P> = { pod: string } & P;

declare module './kernel/trace-types' {
  /** Variant narration keys: a controller.sync of the garbage collector or namespace controller, an idle kube-proxy sync. */
  interface NarrationVariantMap {
    'kube-proxy.sync.unchanged': true;
    'gc.delete_dependent': true;
    'gc.remove_references': true;
    'gc.wait_dependents': true;
    'gc.remove_finalizer': true;
    'gc.orphan': true;
    'namespace.delete_content': true;
  }

  interface TraceEventMap {
    // --- kube-apiserver: one request through its pipeline (apiserver/apiserver.ts)
    'apiserver.ready': { params: { objects: number } };
    'apiserver.request': { params: { verb: string; method: string; path: string; user: string; resource: string; namespace: string; name: string } };
    'apiserver.authenticate': { params: { user: string; groups: string; ok: boolean } };
    'apiserver.authorize': { params: { user: string; verb: string; resource: string; namespace: string; allowed: boolean; reason: string } };
    'apiserver.admit': { params: { ok: boolean; changed: number; message: string; plugin: string }; detail: { defaulted: string[]; plugins: PluginChange[] } };
    'apiserver.validate': { params: { ok: boolean; message: string }; detail: { causes: NonNullable<NonNullable<K8sStatus['details']>['causes']> } };
    'apiserver.validating_admission': { params: { ok: boolean; message: string; plugin: string } };
    'apiserver.response': {
      params: {
        code: number; verb: string; resource: string; namespace: string; name: string; reason: string; message: string;
        /** items in a list answer, -1 otherwise */
        count: number;
        terminating: boolean;
        /** the deletion grace period of an object marked for deletion, -1 otherwise */
        graceSeconds: number;
        /** comma-separated */
        finalizers: string;
      };
      detail: { status: K8sStatus };
    };
    'apiserver.etcd_failover': { params: { from: string; to: string; revision: number } };
    'watch.bookmark': { params: { count: number; resourceVersion: number } };
    'etcd.watch': { params: { count: number; revision: number } };

    // --- client-go informers (client/component.ts)
    'informer.relist': { params: { informer: string; resource: string; resourceVersion: string } };
    'watch.expired': { params: { informer: string; resource: string; code: number; reason: string; message: string; resourceVersion: string }; detail: KObject };
    'watch.event': { params: { eventType: string; kind: string; namespace: string; name: string; informer: string; terminating: boolean } };

    // --- controllers (controllers/controller-manager.ts); a controller may add params for its own narration key
    'controller.sync': {
      params: { controller: string; key: string; desired: number | string; actual: number | string; action: string; queued: number } & TraceParams;
      detail: ControllerSyncDetail;
    };

    // --- scheduler (scheduler/scheduler.ts)
    'scheduler.filter': { params: { pod: string; feasible: number; total: number }; detail: Pick<SchedulingDecision, 'filter'> & { omitted?: OmittedNodes } };
    'scheduler.score': { params: { pod: string; best: string; score: number; nodes: number }; detail: Pick<SchedulingDecision, 'scores' | 'weights' | 'total'> };
    'scheduler.decision': { params: { pod: string; node: string; message: string; nominated?: string; victims?: number }; detail: SchedulerDecisionDetail };

    // --- kube-proxy (proxy/kube-proxy.ts)
    'kube-proxy.sync': { params: { node: string; rules: number; services: number; endpoints: number; changed: boolean }; detail: ProxyRules };

    // --- etcd members (etcd/etcd.ts, etcd/apply.ts)
    'etcd.drop': { params: { member: string; msg: string } };
    'etcd.stop': { params: { member: string; role: Role; term: number } };
    'etcd.start': { params: { member: string; term: number; lastIndex: number; applied: number } };
    'etcd.range': { params: { key: string; count: number; revision: number } };
    'etcd.put': { params: { key: string; revision: number; size: number; createRevision: number; version: number }; detail: { value?: StoredObject } };
    'etcd.delete': { params: { key: string; revision: number; size: number }; detail: { value?: StoredObject } };
    'etcd.txn_failed': { params: { key: string; revision: number; modRevision: number } };
    'etcd.compact': { params: { revision: number; removed: number; current: number } };

    // --- raft (etcd/raft/raft.ts, etcd/raft/replication.ts, etcd/etcd.ts)
    'raft.propose': { params: { leader: string; index: number; term: number; forwarded: boolean; key: string } };
    'raft.leader': { params: { member: string; term: number; lastIndex: number } };
    'raft.commit': { params: { index: number; term: number; revision: number } };
    'raft.append': { params: { index: number; term: number; to: string; count: number; ok: boolean; hint?: number } };
    'raft.heartbeat': { params: { from: string; to: string; term: number; commit: number } };
    'raft.snapshot': { params: { index: number; term: number; to: string } };
    'raft.election_timeout': {
      params: {
        member: string; term: number; role: Role;
        /** virtual ms since the member last heard a leader: added by the worker's etcd fold (src/worker/etcd.ts), not the engine */
        silentMs?: number;
      };
    };
    'raft.step_down': { params: { member: string; term: number; active: number } };
    'raft.pre_vote': { params: { from: string; term: number; lastIndex: number; lastTerm: number; granted: boolean } };
    'raft.vote_request': { params: { from: string; term: number; lastIndex: number; lastTerm: number; granted: boolean } };
    'raft.vote': { params: { granted: boolean; to: string; term: number; pre: boolean } };

    // --- nodes: the kubelet and the container runtime (kubelet/)
    'node.drop': { params: { node: string; msg: string } };
    'node.stop': { params: { node: string; pods: number } };
    'node.start': { params: { node: string; boot: number } };
    'kubelet.node_condition': { params: { node: string; condition: string; status: string; reason: string } };
    'kubelet.admit': { params: PodParams<{ admitted: boolean; reason?: string; message?: string; qosClass?: string }> };
    'kubelet.volumes': { params: PodParams<{ volumes: number; mounted: string }> };
    'kubelet.mount_failed': { params: PodParams<{ volume: string; source: string; message: string; retryMs: number }> };
    'kubelet.volumes_unmounted': { params: PodParams<{ volumes: number }> };
    'kubelet.start_failed': { params: PodParams<{ container: string; reason: string; image?: string; message?: string; backoff?: string }> };
    'kubelet.backoff': { params: PodParams<{ container: string; reason: string; image?: string; backoff?: string; restartCount?: number }> };
    'kubelet.poststart': { params: PodParams<{ container: string; handler: string; stage: 'running' | 'done'; result?: 'success' | 'failure' }> };
    'kubelet.probe': {
      params: PodParams<{
        container: string; probe: string; mechanism: string; result: string; consecutive: number; threshold: number;
        errored?: boolean; output?: string; changed?: boolean;
      }>;
    };
    'kubelet.kill': { params: PodParams<{ container: string; graceSeconds: number; reason?: string; message?: string }> };
    'kubelet.prestop': { params: PodParams<{ container: string; handler: string; durationMs: number; deadlineMs: number }> };
    'kubelet.evict': { params: PodParams<{ signal: string; threshold: string; available: string; message: string }> };
    'cri.run_pod_sandbox': { params: PodParams<{ image: string; cgroup: string }> };
    'cri.sandbox_ready': { params: PodParams<{ ip: string }> };
    'cri.stop_pod_sandbox': { params: PodParams<{ ip: string }> };
    'cri.sandbox_stopped': { params: PodParams<{ ip: string }> };
    'cri.remove_pod_sandbox': { params: PodParams<{ containers: number }> };
    'cri.image_status': { params: PodParams<{ container: string; image: string; present: boolean }> };
    'cri.pull_image': { params: PodParams<{ container: string; image: string; queuedBehind: number }> };
    'cri.image_pulled': { params: PodParams<{ container: string; image: string; durationMs: number; sizeBytes: number }> };
    'cri.image_pull_failed': { params: PodParams<{ container: string; image: string; reason: string; message: string }> };
    'cri.create_container': { params: PodParams<{ container: string; image: string; attempt: number }> };
    'cri.container_created': { params: PodParams<{ container: string }> };
    'cri.start_container': { params: PodParams<{ container: string; argv: string }> };
    'cri.container_started': { params: PodParams<{ container: string }> };
    'cri.stop_container': { params: PodParams<{ container: string; signal: string; graceSeconds: number; deadlineMs: number }> };
    'cri.sigkill': { params: PodParams<{ container: string; signal: string }> };
    'cri.container_exited': { params: PodParams<{ container: string; exitCode: number; reason: string; signal?: string }> };
  }
}

/** Every trace type, at run time: a test checks each emitted event's type is one of these. */
export const TRACE_TYPES = [
  'apiserver.ready', 'apiserver.request', 'apiserver.authenticate', 'apiserver.authorize', 'apiserver.admit', 'apiserver.validate',
  'apiserver.validating_admission', 'apiserver.response', 'apiserver.etcd_failover', 'watch.bookmark', 'etcd.watch',
  'informer.relist', 'watch.expired', 'watch.event',
  'controller.sync',
  'scheduler.filter', 'scheduler.score', 'scheduler.decision',
  'kube-proxy.sync',
  'etcd.drop', 'etcd.stop', 'etcd.start', 'etcd.range', 'etcd.put', 'etcd.delete', 'etcd.txn_failed', 'etcd.compact',
  'raft.propose', 'raft.leader', 'raft.commit', 'raft.append', 'raft.heartbeat', 'raft.snapshot', 'raft.election_timeout',
  'raft.step_down', 'raft.pre_vote', 'raft.vote_request', 'raft.vote',
  'node.drop', 'node.stop', 'node.start', 'kubelet.node_condition',
  'kubelet.admit', 'kubelet.volumes', 'kubelet.mount_failed', 'kubelet.volumes_unmounted', 'kubelet.start_failed', 'kubelet.backoff',
  'kubelet.poststart', 'kubelet.probe', 'kubelet.kill', 'kubelet.prestop', 'kubelet.evict',
  'cri.run_pod_sandbox', 'cri.sandbox_ready', 'cri.stop_pod_sandbox', 'cri.sandbox_stopped', 'cri.remove_pod_sandbox', 'cri.image_status',
  'cri.pull_image', 'cri.image_pulled', 'cri.image_pull_failed', 'cri.create_container', 'cri.container_created', 'cri.start_container',
  'cri.container_started', 'cri.stop_container', 'cri.sigkill', 'cri.container_exited',
] as const satisfies readonly TraceType[];

// TRACE_TYPES lists every key of the map (`satisfies` above checks the converse) and every entry's
// params are serialisable scalars: either check failing names the trace types at fault.
type Missing = Exclude<TraceType, (typeof TRACE_TYPES)[number]>;
type NotScalar = { [K in TraceType]: TraceEventMap[K]['params'] extends TraceParams ? never : K }[TraceType];
type None<T extends never> = T;
export type TraceMapChecks = [None<Missing>, None<NotScalar>];

/** Every narration key, at run time (the UI's catalogue test checks each has a message). */
export const NARRATION_KEYS = [
  ...TRACE_TYPES,
  'kube-proxy.sync.unchanged', 'gc.delete_dependent', 'gc.remove_references', 'gc.wait_dependents', 'gc.remove_finalizer', 'gc.orphan',
  'namespace.delete_content',
] as const satisfies readonly NarrationKey[];
type MissingKey = Exclude<NarrationKey, (typeof NARRATION_KEYS)[number]>;
export type NarrationKeyChecks = None<MissingKey>;
