import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';

const svc = (name: string, extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: web
  ports:
  - port: 80${extra}
`;

describe('Services in the apiserver', () => {
  it('defaults a ClusterIP Service and allocates an IP from 10.96.0.0/12', () => {
    const c = createCluster();
    c.runUntilIdle();
    expect(c.apply(svc('web'))[0]).toMatchObject({ ok: true, action: 'created' });
    const s = c.get('Service', 'default', 'web') as Record<string, any>;
    expect(s.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(s.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
    // re-applying keeps the allocated IP
    expect(c.apply(svc('web'))[0].action).toBe('unchanged');
  });

  it('allocates NodePorts in 30000-32767 and refuses one that is taken', () => {
    const c = createCluster();
    c.runUntilIdle();
    c.apply(svc('a').replace('spec:\n', 'spec:\n  type: NodePort\n'));
    const port = (c.get('Service', 'default', 'a') as Record<string, any>).spec.ports[0].nodePort;
    expect(port).toBeGreaterThanOrEqual(30000);
    expect(port).toBeLessThanOrEqual(32767);
    const [r] = c.apply(svc('b', `\n    nodePort: ${port}`).replace('spec:\n', 'spec:\n  type: NodePort\n'));
    expect(r.status?.message).toBe(`Service "b" is invalid: spec.ports[0].nodePort: Invalid value: ${port}: provided port is already allocated`);
  });

  it('refuses a headless NodePort or LoadBalancer Service, created or changed into one (found by the VOPR)', () => {
    const c = createCluster();
    c.runUntilIdle();
    for (const type of ['NodePort', 'LoadBalancer']) {
      const [r] = c.apply(svc(`h-${type.toLowerCase()}`).replace('spec:\n', `spec:\n  type: ${type}\n  clusterIP: None\n`));
      expect(r.status?.message).toBe(`Service "h-${type.toLowerCase()}" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for ${type} services`);
    }
    expect(c.apply(svc('headless').replace('spec:\n', 'spec:\n  clusterIP: None\n'))[0].ok).toBe(true);
    const [u] = c.apply(svc('headless').replace('spec:\n', 'spec:\n  type: NodePort\n'));
    expect(u.status?.message).toContain(`may not be set to 'None' for NodePort services`);
  });

  it('names Services as DNS-1035 labels', () => {
    const c = createCluster();
    c.runUntilIdle();
    const [r] = c.apply(svc('1web'));
    expect(r.status?.message).toContain(`metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character`);
  });
});
