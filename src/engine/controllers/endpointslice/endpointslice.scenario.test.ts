// Seeds 002/003: a Service is a stable entry point over the pods its selector picks; the
// EndpointSlice and Endpoints controllers keep the list of those pods, and a failing readiness
// probe or a deletion takes a pod out of it.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { TestCluster } from '../../testing/test-cluster';

type Obj = Record<string, any>;

const app = (readiness = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - {name: http, containerPort: 80}
${readiness}---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {tier: frontend}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http}
`;

const slices = (t: TestCluster) => t.c.list('EndpointSlice', 'default', 'kubernetes.io/service-name=web');
const endpointsOf = (t: TestCluster) => slices(t).flatMap((s) => (s.endpoints ?? []) as Obj[]);
const readyIPs = (t: TestCluster) => endpointsOf(t).filter((e) => e.conditions.ready).map((e) => e.addresses[0]).sort();
const podIPOf = (p: KObject) => String((p.status as Obj).podIP);
const webPods = (t: TestCluster) => t.c.list('Pod', 'default', 'app=web');
const legacy = (t: TestCluster) => t.c.get('Endpoints', 'default', 'web') as Obj | undefined;

describe('EndpointSlice and Endpoints controllers', () => {
  it('give a Service of a 3-replica Deployment one slice with 3 ready endpoints and matching Endpoints', () => {
    const t = TestCluster.create().apply(app()).runUntilIdle();
    const [slice] = slices(t);
    expect(slices(t)).toHaveLength(1);
    const svc = t.c.get('Service', 'default', 'web')!;
    expect(slice.metadata).toMatchObject({
      generateName: 'web-',
      labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', tier: 'frontend' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
    });
    expect(slice.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice).toMatchObject({ addressType: 'IPv4', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] });
    const pods = webPods(t);
    expect(readyIPs(t)).toEqual(pods.map(podIPOf).sort());
    for (const e of endpointsOf(t)) {
      const pod = pods.find((p) => p.metadata.name === e.targetRef.name)!;
      expect(e).toEqual({ addresses: [podIPOf(pod)], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: pod.metadata.name, uid: pod.metadata.uid }, nodeName: (pod.spec as Obj).nodeName });
    }
    const ep = legacy(t)!;
    expect(ep.metadata.labels).toEqual({ tier: 'frontend' });
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses.map((a: Obj) => a.ip)).toEqual(pods.map(podIPOf).sort());
    expect(ep.subsets[0].notReadyAddresses).toBeUndefined();
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    const writes = t.traceOf('controller.sync').filter((e) => e.params.controller === 'endpointslice' && !e.ambient);
    expect(writes[0].params).toMatchObject({ key: 'default/web', action: 'create 1 slice(s)' });
    expect(writes.at(-1)!.params).toMatchObject({ desired: '3 endpoint(s), 3 ready', actual: '2 endpoint(s), 2 ready', action: 'update 1 slice(s)' });
  });

  it('moves a pod whose readiness probe fails out of the ready set, and back when it passes again', () => {
    const probe = `        command: ["sh", "-c", "touch /tmp/ready; sleep 40; rm -f /tmp/ready; sleep 40; touch /tmp/ready; sleep 3600"]
        readinessProbe:
          exec:
            command: ["cat", "/tmp/ready"]
          periodSeconds: 5
`;
    const t = TestCluster.create().apply(app(probe));
    t.runUntil(() => readyIPs(t).length === 3, 60_000);
    const all = readyIPs(t);
    // both controllers write in the same round; wait for the second of the two writes
    t.runUntil(() => readyIPs(t).length === 0 && !legacy(t)?.subsets?.[0]?.addresses, 90_000);
    // not ready, but neither terminating nor gone: still listed, ready=false, serving=false
    expect(endpointsOf(t).map((e) => e.conditions)).toEqual(Array(3).fill({ ready: false, serving: false, terminating: false }));
    expect(legacy(t)!.subsets[0].addresses).toBeUndefined();
    expect(legacy(t)!.subsets[0].notReadyAddresses.map((a: Obj) => a.ip)).toEqual(all);
    t.runUntil(() => readyIPs(t).length === 3 && legacy(t)?.subsets?.[0]?.addresses?.length === 3, 90_000);
    expect(readyIPs(t)).toEqual(all);
    expect(legacy(t)!.subsets[0].addresses.map((a: Obj) => a.ip)).toEqual(all);
  });

  it('shows a deleted pod as terminating (not ready, still serving) and then drops it', () => {
    const t = TestCluster.create().apply(app()).runUntilIdle();
    const victim = webPods(t)[0];
    const ip = podIPOf(victim);
    const seen: Obj[] = [];
    const off = t.c.onTrace(() => {
      const e = endpointsOf(t).find((x) => x.addresses[0] === ip);
      const last = seen.at(-1);
      if (JSON.stringify(e?.conditions) !== JSON.stringify(last)) seen.push(e?.conditions);
    });
    t.delete('Pod', victim.metadata.name).runUntilIdle();
    off();
    expect(seen[0]).toEqual({ ready: true, serving: true, terminating: false });
    expect(seen).toContainEqual({ ready: false, serving: true, terminating: true });
    expect(seen.at(-1)).toBeUndefined();
    // the Endpoints object drops it at once (terminating pods are omitted)
    expect(JSON.stringify(legacy(t))).not.toContain(ip);
    expect(readyIPs(t)).toHaveLength(3); // the ReplicaSet's replacement
  });

  it('resolves a named targetPort per pod and leaves out pods without that port', () => {
    const pods = ['a:8080', 'b:9090', 'c:'].map((s) => {
      const [name, port] = s.split(':');
      return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: api}
spec:
  containers:
  - name: app
    image: nginx:1.27
${port ? `    ports:\n    - {name: web, containerPort: ${port}}\n` : ''}---
`;
    });
    const t = TestCluster.create().apply(`${pods.join('')}apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports:
  - {port: 80, targetPort: web}
`).runUntilIdle();
    const s = t.c.list('EndpointSlice', 'default', 'kubernetes.io/service-name=api');
    const byPort = Object.fromEntries(s.map((x) => [(x.ports as Obj[]).map((p) => p.port).join(','), (x.endpoints as Obj[]).map((e) => e.targetRef.name)]));
    // one slice per distinct port set; the pod without a "web" port gets a slice with no ports
    expect(byPort).toEqual({ '8080': ['a'], '9090': ['b'], '': ['c'] });
    const ep = t.c.get('Endpoints', 'default', 'api') as Obj;
    expect(ep.subsets.map((x: Obj) => [x.ports[0].port, x.addresses.length]).sort()).toEqual([[8080, 1], [9090, 1]]);
  });

  it('removes the slices and the Endpoints of a deleted Service', () => {
    const t = TestCluster.create().apply(app()).runUntilIdle();
    expect(slices(t)).toHaveLength(1);
    t.delete('Service', 'web').runUntilIdle();
    expect(slices(t)).toHaveLength(0);
    expect(legacy(t)).toBeUndefined();
  });
});
