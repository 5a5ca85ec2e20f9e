import { describe, expect, it } from 'vitest';
import { defaultImagePullPolicy, defaultPod } from './pod-defaults';
import { validatePodCreate } from './pod-validation';
import { strictDecodeError } from './decode';
import { invalidStatus } from '../validation/field-errors';
import { createCluster } from '../../cluster/cluster';

const pod = (spec: Record<string, unknown>, name = 'nginx') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec });

describe('Pod defaulting (pkg/apis/core/v1/defaults.go)', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
    ['nginx:latest@sha256:abc', 'Always'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v1', 'IfNotPresent'],
  ])('imagePullPolicy for %s is %s', (image, want) => {
    expect(defaultImagePullPolicy(image)).toBe(want);
  });

  it("gives an env fieldRef the apiVersion v1 (SetDefaults_ObjectFieldSelector), keeping one that is set", () => {
    const p = pod({ containers: [{ name: 'c', image: 'nginx:1.27', env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'B', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }, { name: 'C', value: 'x' }] }] });
    const added = defaultPod(p);
    const env = (p.spec.containers as Record<string, any>[])[0].env;
    expect(env).toEqual([{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }, { name: 'B', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }, { name: 'C', value: 'x' }]);
    expect(added).toContain('spec.containers[0].env[0].valueFrom.fieldRef.apiVersion');
    expect(added).not.toContain('spec.containers[0].env[1].valueFrom.fieldRef.apiVersion');
  });

  it('fills the PodSpec defaults and copies limits into requests', () => {
    const p = pod({ containers: [{ name: 'c', image: 'nginx:1.27', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] });
    const added = defaultPod(p);
    expect(p.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', enableServiceLinks: true, securityContext: {} });
    const c = (p.spec.containers as Record<string, any>[])[0];
    expect(c).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    expect(c.resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect(added).toContain('spec.containers[0].resources.requests.cpu');
  });
});

describe('hostNetwork host ports (defaultHostNetworkPorts, SetDefaults_Pod)', () => {
  it('copies each unset containerPort into hostPort, for containers and init containers', () => {
    const p = pod({
      hostNetwork: true,
      initContainers: [{ name: 'init', image: 'busybox', ports: [{ containerPort: 9000 }] }],
      containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }, { containerPort: 443, hostPort: 443 }, { containerPort: 53, protocol: 'UDP', hostPort: 0 }] }],
    });
    const added = defaultPod(p);
    const c = (p.spec.containers as Record<string, any>[])[0];
    expect(c.ports).toEqual([
      { containerPort: 80, hostPort: 80, protocol: 'TCP' },
      { containerPort: 443, hostPort: 443, protocol: 'TCP' },
      { containerPort: 53, hostPort: 53, protocol: 'UDP' },
    ]);
    expect((p.spec.initContainers as Record<string, any>[])[0].ports).toEqual([{ containerPort: 9000, hostPort: 9000, protocol: 'TCP' }]);
    expect(added).toEqual(expect.arrayContaining(['spec.containers[0].ports[0].hostPort', 'spec.containers[0].ports[2].hostPort', 'spec.initContainers[0].ports[0].hostPort']));
    expect(added).not.toContain('spec.containers[0].ports[1].hostPort');
  });

  it('leaves ports alone without hostNetwork', () => {
    const p = pod({ containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] });
    const added = defaultPod(p);
    expect((p.spec.containers as Record<string, any>[])[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(added.some((a) => a.endsWith('hostPort'))).toBe(false);
  });

  it('does not touch ephemeral containers', () => {
    const p = pod({ hostNetwork: true, containers: [{ name: 'c', image: 'nginx:1.27' }], ephemeralContainers: [{ name: 'debug', image: 'busybox', ports: [{ containerPort: 8080 }] }] });
    defaultPod(p);
    expect((p.spec.ephemeralContainers as Record<string, any>[])[0].ports).toEqual([{ containerPort: 8080 }]);
  });

  const HOSTNET_POD = `apiVersion: v1
kind: Pod
metadata:
  name: hostnet
spec:
  hostNetwork: true
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 8080
`;

  it('a hostNetwork Pod is stored with hostPort set, and a second one finds the port taken', () => {
    const c = createCluster({ nodes: 1 });
    c.runUntilIdle();
    expect(c.apply(HOSTNET_POD)[0]).toMatchObject({ ok: true, action: 'created' });
    const stored = c.get('Pod', 'default', 'hostnet') as Record<string, any>;
    expect(stored.spec.containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
    c.runUntilIdle();
    expect(c.apply(HOSTNET_POD.replace('name: hostnet', 'name: hostnet-2'))[0]).toMatchObject({ ok: true });
    c.runUntilIdle();
    const second = c.get('Pod', 'default', 'hostnet-2') as Record<string, any>;
    expect(second.spec.nodeName).toBeUndefined();
    expect(second.status.conditions.find((x: Record<string, any>) => x.type === 'PodScheduled')?.message).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
  });

  it("a Deployment's template keeps hostPort unset (Pods only since v1.28); its Pods get it", () => {
    const c = createCluster({ nodes: 2 });
    c.runUntilIdle();
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hostnet
spec:
  replicas: 1
  selector:
    matchLabels:
      app: hostnet
  template:
    metadata:
      labels:
        app: hostnet
    spec:
      hostNetwork: true
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 8080
`;
    expect(c.apply(deploy)[0]).toMatchObject({ ok: true, action: 'created' });
    c.runUntilIdle();
    const d = c.get('Deployment', 'default', 'hostnet') as Record<string, any>;
    expect(d.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    const rs = c.list('ReplicaSet', 'default') as Record<string, any>[];
    expect(rs).toHaveLength(1);
    expect(rs[0].spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    const pods = (c.list('Pod', 'default') as Record<string, any>[]).filter((p) => p.metadata.labels?.app === 'hostnet');
    expect(pods).toHaveLength(1);
    expect(pods[0].spec.containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  });
});

describe('Pod validation messages (pkg/apis/core/validation)', () => {
  const msg = (p: ReturnType<typeof pod>) => {
    defaultPod(p);
    const errs = validatePodCreate(p);
    return errs.length ? invalidStatus('Pod', '', p.metadata.name, errs).message : '';
  };

  it('requires an image', () => {
    expect(msg(pod({ containers: [{ name: 'web' }] }))).toBe('Pod "nginx" is invalid: spec.containers[0].image: Required value');
  });

  it('requires containers', () => {
    expect(msg(pod({}))).toBe('Pod "nginx" is invalid: spec.containers: Required value');
  });

  it('rejects a name that is not a DNS-1123 subdomain, with the upstream detail', () => {
    expect(msg(pod({ containers: [{ name: 'web', image: 'nginx' }] }, 'Nginx_1'))).toBe(
      `Pod "Nginx_1" is invalid: metadata.name: Invalid value: "Nginx_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });

  it('joins several errors in brackets', () => {
    expect(msg(pod({ restartPolicy: 'Sometimes', containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 70000 }] }] }))).toBe(
      'Pod "nginx" is invalid: [spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    );
  });

  it('rejects requests above limits', () => {
    expect(msg(pod({ containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }))).toBe(
      'Pod "nginx" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
  });
});

describe('strict decoding', () => {
  it('reports unknown fields like a Strict field-validation apiserver', () => {
    expect(strictDecodeError('Pod', 'v1', pod({ containers: [{ name: 'web', imagee: 'nginx' }] }))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
    );
  });

  it('reports a wrong JSON type with the Go struct field', () => {
    expect(strictDecodeError('Pod', 'v1', pod({ containers: 'nginx' }))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
    );
  });
});
