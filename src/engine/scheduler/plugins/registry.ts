// Twin of pkg/scheduler/framework/plugins/registry.go (NewInTreeRegistry): plugin name → factory(args, handle).
import type { Registry } from '../framework/runtime';
import * as defaultPreemption from './default-preemption/default-preemption';
import * as imageLocality from './image-locality/image-locality';
import * as interPodAffinity from './inter-pod-affinity/inter-pod-affinity';
import * as nodeAffinity from './node-affinity/node-affinity';
import * as nodeName from './node-name/node-name';
import * as nodePorts from './node-ports/node-ports';
import * as balancedAllocation from './node-resources/balanced-allocation';
import * as fit from './node-resources/fit';
import * as nodeUnschedulable from './node-unschedulable/node-unschedulable';
import * as podTopologySpread from './pod-topology-spread/pod-topology-spread';
import * as taintToleration from './taint-toleration/taint-toleration';
import * as volumeBinding from './volume-binding/volume-binding';

export function newInTreeRegistry(): Registry {
  return {
    [nodeUnschedulable.Name]: () => nodeUnschedulable.New(),
    [nodeName.Name]: () => nodeName.New(),
    [taintToleration.Name]: () => taintToleration.New(),
    [nodeAffinity.Name]: (args) => nodeAffinity.New(args as nodeAffinity.NodeAffinityArgs | undefined),
    [nodePorts.Name]: () => nodePorts.New(),
    [fit.Name]: (args) => fit.New(args as fit.NodeResourcesFitArgs | undefined),
    [volumeBinding.Name]: (args, h) => volumeBinding.New(args, h),
    [podTopologySpread.Name]: (args, h) => podTopologySpread.New(args as podTopologySpread.PodTopologySpreadArgs | undefined, h),
    [interPodAffinity.Name]: (args, h) => interPodAffinity.New(args as interPodAffinity.InterPodAffinityArgs | undefined, h),
    [defaultPreemption.Name]: (args, h) => defaultPreemption.New(args as defaultPreemption.DefaultPreemptionArgs | undefined, h),
    [balancedAllocation.BalancedAllocationName]: (args) =>
      balancedAllocation.New(args as balancedAllocation.NodeResourcesBalancedAllocationArgs | undefined),
    [imageLocality.Name]: (_args, h) => imageLocality.New(() => h.snapshotSharedLister().numNodes()),
  };
}
