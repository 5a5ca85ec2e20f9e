// Twin of pkg/kubelet/kubelet.go HandlePodAdditions / HandlePodUpdates / HandlePodRemoves and the
// first steps of SyncPod: admission (canAdmitPod), the first status (Pending, ContainerCreating,
// qosClass, hostIP, startTime) and WaitForAttachAndMount; plus housekeeping's sandbox removal.
// An update that adds ephemeral containers (pods/ephemeralcontainers) makes the worker sync.
import type { Pod } from 'kubernetes-types/core/v1';
import { canAdmitPod, type NodeAllocatable } from './lifecycle/predicate';
import { beginTermination } from './kuberuntime/kuberuntime-manager';
import { newPodWorker, requestSync, scheduleSync, type KubeletHost, type PodWorker } from './pod-workers';
import { mountVolumes } from './volumemanager/volume-manager';
import { maybeDelete } from './pod-termination';
import { syncStatus } from './status/status-manager';
import { getPodQOS } from '../api/helper/qos';

/** volumemanager WaitForAttachAndMount polls every 300 ms; the first check finds nothing mounted yet. */
const MOUNT_WAIT_MS = 300;
/** kubelet housekeeping runs every 2 s; container GC removes what deleted pods left behind. */
const HOUSEKEEPING_PERIOD_MS = 2_000;

/** ADDED / MODIFIED from the pod informer (spec.nodeName = this node). */
export function handlePodUpdate(kl: KubeletHost, pods: Record<string, PodWorker>, pod: Pod): void {
  const uid = pod.metadata?.uid ?? '';
  let pw = pods[uid];
  if (!pw) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      // finished before this kubelet saw it (or before it restarted): nothing to run, but a pod
      // being deleted is the status manager's to delete (status_manager.go canBeDeleted)
      if (!pod.metadata?.deletionTimestamp) return;
      pw = pods[uid] = newPodWorker(pod);
      pw.phase = 'terminated';
      return maybeDelete(kl, pw);
    }
    pw = pods[uid] = newPodWorker(pod);
    pw.startTimeMs = kl.now();
    if (pod.metadata?.deletionTimestamp) beginTermination(kl, pw, true); // deleted before it was admitted
    else kl.self({ type: 'ADMIT', uid }, 1);
    return;
  }
  const ephemeralBefore = JSON.stringify(pw.pod.spec?.ephemeralContainers ?? []);
  pw.pod = pod;
  if (!pod.metadata?.deletionTimestamp && JSON.stringify(pod.spec?.ephemeralContainers ?? []) !== ephemeralBefore) {
    kl.registerPod(pod);
    requestSync(kl, pw);
  }
  if (pod.metadata?.deletionTimestamp) {
    if (pw.phase === 'rejected') pw.phase = 'terminated';
    if (pw.phase === 'terminated') maybeDelete(kl, pw);
    else beginTermination(kl, pw, true);
  }
}

/** DELETED: the API object is gone (our own DELETE, or a force delete). */
export function handlePodRemove(kl: KubeletHost, pods: Record<string, PodWorker>, pod: Pod): void {
  const pw = pods[pod.metadata?.uid ?? ''];
  if (!pw) return;
  pw.pod = pod;
  pw.deletedFromApi = true;
  if (pw.phase === 'terminated' || pw.phase === 'rejected') scheduleRemoval(kl, pw);
  else beginTermination(kl, pw, true);
}

export function scheduleRemoval(kl: KubeletHost, pw: PodWorker): void {
  kl.self({ type: 'REMOVE_SANDBOX', uid: pw.uid }, HOUSEKEEPING_PERIOD_MS - (kl.now() % HOUSEKEEPING_PERIOD_MS));
}

/** ADMIT: canAdmitPod against the pods already admitted, then the first status write. */
export function admitPod(kl: KubeletHost, pods: Record<string, PodWorker>, alloc: NodeAllocatable, pw: PodWorker): void {
  if (pw.phase !== 'admitting') return;
  const active = Object.values(pods)
    .filter((p) => p !== pw && (p.phase === 'mounting' || p.phase === 'syncing' || p.phase === 'terminating'))
    .map((p) => p.pod);
  const r = canAdmitPod(alloc, active, pw.pod);
  if (!r.admit) {
    pw.phase = 'rejected';
    kl.trace(pw, 'kubelet.admit', { admitted: false, reason: r.reason, message: r.message });
    kl.event(pw, 'Warning', r.reason, r.message);
    // kubelet.go rejectPod: phase Failed with the reason, no containers started
    pw.written = { phase: 'Failed', reason: r.reason, message: `Pod was rejected: ${r.message}`, qosClass: getPodQOS(pw.pod) };
    const { resourceVersion: _rv, ...metadata } = pw.pod.metadata ?? {};
    kl.api({ verb: 'update', resource: 'pods', subresource: 'status', namespace: pw.namespace, name: pw.name, body: { ...pw.pod, metadata, status: pw.written } as never }, { kind: 'pod.status', uid: pw.uid });
    return;
  }
  pw.phase = 'mounting';
  kl.trace(pw, 'kubelet.admit', { admitted: true, qosClass: getPodQOS(pw.pod) });
  kl.registerPod(pw.pod);
  syncStatus(kl, pw);
  const volumes = pw.pod.spec?.volumes ?? [];
  kl.self({ type: 'VOLUMES_MOUNTED', uid: pw.uid }, volumes.length ? MOUNT_WAIT_MS : 1);
}

/** VOLUMES_MOUNTED: emptyDir / configMap / secret / projected volumes are set up; sync the pod. */
export function volumesMounted(kl: KubeletHost, pw: PodWorker): void {
  if (pw.phase !== 'mounting') return;
  if (!mountVolumes(kl, pw)) return; // a volume failed (FailedMount) or waits for its object's cache
  const volumes = pw.pod.spec?.volumes ?? [];
  const kinds = volumes.map((v) => `${v.name}:${Object.keys(v).find((k) => k !== 'name') ?? 'emptyDir'}`);
  kl.trace(pw, 'kubelet.volumes', { volumes: volumes.length, mounted: kinds.join(',') });
  pw.phase = 'syncing';
  scheduleSync(kl, pw);
}
