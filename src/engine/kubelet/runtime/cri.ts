// The CRI between kubelet:<node> and runtime:<node> (k8s.io/cri-api runtime/v1 api.proto
// RuntimeService + ImageService), as plain messages. Requests go kubelet → runtime; replies and
// container-exit notifications (what PLEG would observe) go runtime → kubelet.
import type { Msg } from '../../kernel/types';
import type { Signal } from './images';

export const runtimeId = (node: string) => `runtime:${node}`;
export const kubeletId = (node: string) => `kubelet:${node}`;

/** Identifies the pod a CRI call is about (PodSandboxMetadata). */
export interface PodRef {
  podUid: string;
  namespace: string;
  name: string;
}

export interface RunPodSandbox extends Msg, PodRef {
  type: 'RUN_POD_SANDBOX';
  /** LinuxPodSandboxConfig.CgroupParent: the pod's cgroup under its QoS class */
  cgroupParent?: string;
}
export interface StopPodSandbox extends Msg, PodRef { type: 'STOP_POD_SANDBOX'; sandboxId: string }
export interface RemovePodSandbox extends Msg, PodRef { type: 'REMOVE_POD_SANDBOX'; sandboxId: string }
export interface ImageStatusRequest extends Msg, PodRef { type: 'IMAGE_STATUS'; container: string; image: string }
export interface PullImage extends Msg, PodRef { type: 'PULL_IMAGE'; container: string; image: string }
export interface RemoveImage extends Msg { type: 'REMOVE_IMAGE'; image: string }
export interface CreateContainer extends Msg, PodRef {
  type: 'CREATE_CONTAINER';
  sandboxId: string;
  container: string;
  image: string;
  command?: string[];
  args?: string[];
  attempt: number;
  /** resources.limits.memory: the container cgroup's memory.max (0: unlimited) */
  memoryLimitBytes?: number;
  /** ContainerConfig.envs, in order (the kubelet's makeEnvironmentVariables) */
  envs?: Array<{ key: string; value: string }>;
  /** ContainerConfig.mounts: each volume's files as the kubelet wrote them on the host */
  mounts?: Mount[];
  /** ContainerConfig.stdin / tty (`kubectl debug -it`) */
  stdin?: boolean;
  tty?: boolean;
}
/** A bind mount of a volume directory (or one file of it, subPath) at `containerPath`. */
export interface Mount {
  containerPath: string;
  /** path relative to the volume root (or '' for a single-file subPath mount) → contents */
  files: Record<string, string>;
  readonly?: boolean;
}
export interface StartContainer extends Msg, PodRef { type: 'START_CONTAINER'; container: string; containerId: string }
export interface StopContainer extends Msg, PodRef { type: 'STOP_CONTAINER'; container: string; containerId: string; timeoutSeconds: number }

/** What a probe or a lifecycle hook does: ExecSync in the container, or a connection to the pod IP. */
export type ProbeAction =
  | { kind: 'exec'; command: string[] }
  | { kind: 'http'; port: number; path: string; scheme?: string; host?: string }
  | { kind: 'tcp'; port: number }
  | { kind: 'grpc'; port: number; service?: string };
/**
 * A probe or hook run against a container: exec is the CRI ExecSync call; http/tcp/grpc go over
 * the pod network, which on this node is served by the runtime's simulated processes.
 */
export interface ProbeRequest extends Msg, PodRef {
  type: 'PROBE_REQUEST';
  /** who asks: `probe/<container>/<kind>` or `hook/<container>/postStart` */
  tag: string;
  container: string;
  containerId: string;
  sandboxId: string;
  podIP: string;
  action: ProbeAction;
  timeoutMs: number;
  periodic: boolean;
}

/** ListContainerStats: the working set of every running container (what cadvisor/CRI stats give the eviction manager). */
export interface ListContainerStats extends Msg { type: 'LIST_CONTAINER_STATS' }

export type KubeletToRuntime =
  | ListContainerStats
  | RunPodSandbox | StopPodSandbox | RemovePodSandbox | ImageStatusRequest | PullImage | RemoveImage
  | CreateContainer | StartContainer | StopContainer | ProbeRequest;

export interface PodSandboxReady extends Msg, PodRef { type: 'POD_SANDBOX_READY'; sandboxId: string; ip: string }
export interface PodSandboxStopped extends Msg, PodRef { type: 'POD_SANDBOX_STOPPED'; sandboxId: string; ip: string }
export interface PodSandboxRemoved extends Msg, PodRef { type: 'POD_SANDBOX_REMOVED'; sandboxId: string; containers: number }
export interface ImageStatusResponse extends Msg, PodRef {
  type: 'IMAGE_STATUS_RESULT';
  container: string;
  image: string;
  present: boolean;
  /** docker.io/library/nginx:1.27 when present */
  imageRef?: string;
  repoDigest?: string;
}
export interface ImagePulled extends Msg, PodRef {
  type: 'IMAGE_PULLED';
  container: string;
  image: string;
  imageRef: string;
  repoDigest: string;
  sizeBytes: number;
  /** time spent pulling, and time including the wait in the serial pull queue */
  pullMs: number;
  totalMs: number;
}
export interface ImagePullFailed extends Msg, PodRef {
  type: 'IMAGE_PULL_FAILED';
  container: string;
  image: string;
  reason: 'ErrImagePull' | 'InvalidImageName';
  message: string;
}
export interface ContainerCreated extends Msg, PodRef { type: 'CONTAINER_CREATED'; container: string; containerId: string }
export interface ContainerStarted extends Msg, PodRef { type: 'CONTAINER_STARTED'; container: string; containerId: string; startedAtMs: number }
export interface ContainerStartFailed extends Msg, PodRef { type: 'CONTAINER_START_FAILED'; container: string; containerId: string; message: string }
/** The container's process exited: on its own (PLEG) or because StopContainer was called (`stopped`). */
export interface ContainerExited extends Msg, PodRef {
  type: 'CONTAINER_EXITED';
  container: string;
  containerId: string;
  exitCode: number;
  startedAtMs: number;
  finishedAtMs: number;
  /** the signal that ended it, if any */
  signal?: Signal;
  stopped: boolean;
  /** the runtime's reason: OOMKilled when the cgroup OOM killer ended it */
  reason?: 'OOMKilled';
}
export interface ProbeReply extends Msg, PodRef {
  type: 'PROBE_REPLY';
  tag: string;
  container: string;
  containerId: string;
  result: 'success' | 'failure' | 'error';
  output: string;
  exitCode?: number;
}
/** The node's image list changed (what the kubelet's image cache would see on its next ListImages). */
export interface ImageList extends Msg {
  type: 'IMAGE_LIST';
  images: Array<{ names: string[]; sizeBytes: number }>;
}

export interface ContainerStats extends Msg {
  type: 'CONTAINER_STATS';
  stats: Array<{ podUid: string; container: string; workingSetBytes: number }>;
  /** the node's memory used outside pods (kubelet, containerd, system daemons) */
  systemBytes: number;
}

export type RuntimeToKubelet =
  | ContainerStats
  | PodSandboxReady | PodSandboxStopped | PodSandboxRemoved | ImageStatusResponse | ImagePulled | ImagePullFailed
  | ContainerCreated | ContainerStarted | ContainerStartFailed | ContainerExited | ImageList | ProbeReply;

/** `containerd://<id>` as ContainerStatus.containerID shows it. */
export const containerIdUri = (id: string) => `containerd://${id}`;
