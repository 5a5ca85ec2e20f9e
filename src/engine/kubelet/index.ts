// The kubelet package: the kubelet and container-runtime actors, and the pure functions the UI,
// kubectl and tests use (QoS, phase, conditions, the STATUS column).
export { Kubelet, type KubeletOptions, type KubeletState } from './kubelet';
export { ContainerRuntime, type RuntimeState } from './runtime/container-runtime';
export type * from './runtime/cri';
export { runtimeId, kubeletId, containerIdUri } from './runtime/cri';
export { IMAGE_CATALOGUE, PAUSE_IMAGE, lookupImage, parseImageRef, type ImageInfo, type ImageRef, type LookupResult, type Signal } from './runtime/images';
export { planProcess, resolveArgv, stopDelayMs, type ProcessPlan } from './runtime/process';
export { getPodQOS, type PodQOSClass } from '../api/helper/qos';
export { getPhase, type PodPhase } from './kubelet-pods';
export { printPodRow, type PodRow } from './printers';
export {
  generateContainersReadyCondition,
  generatePodInitializedCondition,
  generatePodReadyCondition,
  generatePodReadyToStartContainersCondition,
} from './status/generate';
export { canAdmitPod } from './lifecycle/predicate';
export { readContainerLog, type ContainerLog } from './runtime/logs';
export { isReady, isStarted, type ProbeWorker } from './prober/prober-manager';
