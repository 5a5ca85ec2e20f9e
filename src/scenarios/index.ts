// The walkthroughs, in the picker's order (DESIGN.md `src/scenarios/`).
import { createDeployment } from './create-deployment';
import { createPod } from './create-pod';
import { crashLoop } from './crash-loop';
import { deletePod } from './delete-pod';
import { etcdLeader } from './etcd-leader';
import { imagePullBackOff } from './image-pull-backoff';
import { initSidecar } from './init-sidecar';
import { nodeFailure } from './node-failure';
import { oomQos } from './oom-qos';
import { pending } from './pending';
import { probes } from './probes';
import { rbac } from './rbac';
import { rollingUpdate } from './rolling-update';
import { scaleDeployment } from './scale-deployment';
import { serviceRouting } from './service-routing';
import type { Walkthrough } from './types';

export const WALKTHROUGHS: readonly Walkthrough[] = [createPod, createDeployment, deletePod, scaleDeployment, rollingUpdate, crashLoop, imagePullBackOff, pending, probes, initSidecar, nodeFailure, etcdLeader, rbac, serviceRouting, oomQos];

export function walkthroughById(id: string): Walkthrough | undefined {
  return WALKTHROUGHS.find((w) => w.id === id);
}

export { matchSteps, matches, goldenOf } from './match';
export type { MatchResult, StepMatch } from './match';
export { narrationParams } from './params';
export { scriptOf } from './script';
export type { NarrationParams, ObjectLike } from './params';
export type { Walkthrough, WalkthroughStep, TraceMatcher, Highlights, Derive } from './types';
