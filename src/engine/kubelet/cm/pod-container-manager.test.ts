import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { podCgroupParent } from './pod-container-manager';

const UID = '4a1b2c3d-0000-4000-8000-00000000abcd';
const pod = (resources?: object) => ({ spec: { containers: [{ name: 'app', image: 'nginx', ...(resources ? { resources } : {}) }] } });

describe('podCgroupParent (pod_container_manager_linux.go, systemd driver)', () => {
  it('puts Guaranteed pods directly under kubepods and the others under their QoS slice', () => {
    const g = { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } };
    expect(podCgroupParent(pod(g) as never, UID)).toBe('/kubepods.slice/kubepods-pod4a1b2c3d_0000_4000_8000_00000000abcd.slice');
    expect(podCgroupParent(pod({ requests: { cpu: '100m' } }) as never, UID)).toBe(
      '/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod4a1b2c3d_0000_4000_8000_00000000abcd.slice',
    );
    expect(podCgroupParent(pod() as never, UID)).toBe('/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod4a1b2c3d_0000_4000_8000_00000000abcd.slice');
  });

  it('is what the kubelet hands the runtime with RunPodSandbox', () => {
    const c = createCluster({ seed: 3, nodes: 1 });
    c.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n');
    c.runUntilIdle();
    const uid = c.get('Pod', 'default', 'web')!.metadata.uid!;
    const run = c.trace().find((e) => e.type === 'cri.run_pod_sandbox');
    expect(run?.params.cgroup).toBe(`/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${uid.replace(/-/g, '_')}.slice`);
  });
});
