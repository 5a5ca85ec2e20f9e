// The controllers' conformance surface: pure twins of upstream helpers, used by the controllers.
export { resolveFenceposts, maxUnavailable, minAvailable, newRSNewReplicas, deploymentComplete, deploymentProgressing, deploymentTimedOut, getReplicaSetFraction } from './deployment/util/deployment-util';
export { slowStartBatchSizes } from './controller-utils';
export { getPodsToDelete } from './replicaset/replica-set-utils';
export { computeHash } from './hash';
export { ControllerManager, CONTROLLER_MANAGER } from './controller-manager';
