// The pod's cgroup, from its QoS class (pkg/kubelet/cm/pod_container_manager_linux.go
// GetPodContainerName + qos_container_manager_linux.go): Guaranteed pods sit directly under
// kubepods, Burstable and BestEffort under their QoS cgroup. Written as the systemd cgroup
// driver names it (kubeadm's default since 1.22; cgroup_manager_linux.go ToSystemd escapes '-'
// in the uid as '_'), which is what the kubelet passes as LinuxPodSandboxConfig.CgroupParent.
import type { Pod } from 'kubernetes-types/core/v1';
import { getPodQOS } from '../../api/helper/qos';

export function podCgroupParent(pod: Pod, uid: string): string {
  const qos = getPodQOS(pod);
  const id = `pod${uid.replace(/-/g, '_')}`;
  if (qos === 'Guaranteed') return `/kubepods.slice/kubepods-${id}.slice`;
  const q = qos === 'Burstable' ? 'burstable' : 'besteffort';
  return `/kubepods.slice/kubepods-${q}.slice/kubepods-${q}-${id}.slice`;
}
