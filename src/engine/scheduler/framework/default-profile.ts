// Twin of pkg/scheduler/apis/config/v1/default_plugins.go (getDefaultPlugins) and the profile part of
// KubeSchedulerConfiguration. Simplified: only plugins this simulator implements; the omitted upstream ones
// (SchedulingGates, VolumeRestrictions, NodeVolumeLimits, VolumeZone, DefaultBinder) keep their slots in the
// comment below so the order stays recognisable.
export interface PluginEntry {
  name: string;
  /** Score weight; unset means 1 for score plugins. */
  weight?: number;
}

export interface Profile {
  schedulerName: string;
  /** MultiPoint plugins in order; each runs at every extension point it implements. */
  plugins: readonly PluginEntry[];
  /** pluginConfig[].args by plugin name (e.g. NodeResourcesFit scoringStrategy). */
  pluginConfig?: Readonly<Record<string, unknown>>;
  /** Profile-level percentageOfNodesToScore; 0/unset means adaptive. */
  percentageOfNodesToScore?: number;
}

export const DefaultSchedulerName = 'default-scheduler';

/**
 * Upstream MultiPoint order: SchedulingGates, PrioritySort, NodeUnschedulable, NodeName, TaintToleration(3),
 * NodeAffinity(2), NodePorts, NodeResourcesFit(1), VolumeRestrictions, NodeVolumeLimits, VolumeBinding,
 * VolumeZone, PodTopologySpread(2), InterPodAffinity(2), DefaultPreemption, NodeResourcesBalancedAllocation(1),
 * ImageLocality(1), DefaultBinder.
 */
export function getDefaultPlugins(): PluginEntry[] {
  return [
    { name: 'PrioritySort' },
    { name: 'NodeUnschedulable' },
    { name: 'NodeName' },
    { name: 'TaintToleration', weight: 3 },
    { name: 'NodeAffinity', weight: 2 },
    { name: 'NodePorts' },
    { name: 'NodeResourcesFit', weight: 1 },
    { name: 'VolumeBinding' },
    { name: 'PodTopologySpread', weight: 2 },
    { name: 'InterPodAffinity', weight: 2 },
    { name: 'DefaultPreemption' },
    { name: 'NodeResourcesBalancedAllocation', weight: 1 },
    { name: 'ImageLocality', weight: 1 },
  ];
}

export function defaultProfile(): Profile {
  return { schedulerName: DefaultSchedulerName, plugins: getDefaultPlugins() };
}
