// Twin of pkg/kubelet/events/event.go: the Event reasons the kubelet posts.
export const CreatedContainer = 'Created';
export const StartedContainer = 'Started';
export const FailedToCreateContainer = 'Failed';
export const FailedToStartContainer = 'Failed';
export const KillingContainer = 'Killing';
export const PreemptContainer = 'Preempting';
export const BackOffStartContainer = 'BackOff';
export const ExceededGracePeriod = 'ExceededGracePeriod';

export const FailedToKillPod = 'FailedKillPod';
export const FailedToCreatePodContainer = 'FailedCreatePodContainer';
export const FailedToMakePodDataDirectories = 'Failed';
export const NetworkNotReady = 'NetworkNotReady';

export const PullingImage = 'Pulling';
export const PulledImage = 'Pulled';
export const FailedToPullImage = 'Failed';
export const FailedToInspectImage = 'InspectFailed';
export const ErrImageNeverPullPolicy = 'ErrImageNeverPull';
export const BackOffPullImage = 'BackOff';

export const NodeReady = 'NodeReady';
export const NodeNotReady = 'NodeNotReady';
export const StartingKubelet = 'Starting';
export const NodeAllocatableEnforced = 'NodeAllocatableEnforced';
export const FailedCreatePodSandBox = 'FailedCreatePodSandBox';
export const SandboxChanged = 'SandboxChanged';
export const FailedPostStartHook = 'FailedPostStartHook';
export const FailedPreStopHook = 'FailedPreStopHook';
export const ContainerUnhealthy = 'Unhealthy';
export const ContainerProbeWarning = 'ProbeWarning';
