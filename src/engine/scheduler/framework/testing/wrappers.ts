// Twin of pkg/scheduler/testing/wrappers.go (st.MakePod / st.MakeNode): fluent builders for test fixtures.
import type { Affinity, Container, ContainerPort, Node, Pod, PodAffinityTerm, Taint, Toleration, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

type Quantities = Record<string, string | number>;

export class PodWrapper {
  private seq = 0;
  readonly p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: '', namespace: 'default' }, spec: { containers: [] } };

  name(n: string): this {
    this.p.metadata!.name = n;
    return this;
  }
  namespace(ns: string): this {
    this.p.metadata!.namespace = ns;
    return this;
  }
  uid(u: string): this {
    (this.p.metadata as { uid?: string }).uid = u;
    return this;
  }
  node(n: string): this {
    this.p.spec!.nodeName = n;
    return this;
  }
  /** A container with these requests (Req in st.MakePod). */
  req(requests: Quantities, image = ''): this {
    this.p.spec!.containers.push({ name: `c${this.seq++}`, image, resources: { requests: requests as Record<string, string> } });
    return this;
  }
  /** A container without requests. */
  container(image = ''): this {
    this.p.spec!.containers.push({ name: `c${this.seq++}`, image });
    return this;
  }
  initReq(requests: Quantities, restartPolicy?: 'Always'): this {
    const c: Container = { name: `i${this.seq++}`, resources: { requests: requests as Record<string, string> } };
    if (restartPolicy) c.restartPolicy = restartPolicy;
    (this.p.spec!.initContainers ??= []).push(c);
    return this;
  }
  initImage(image: string): this {
    (this.p.spec!.initContainers ??= []).push({ name: `i${this.seq++}`, image });
    return this;
  }
  overhead(q: Quantities): this {
    this.p.spec!.overhead = q as Record<string, string>;
    return this;
  }
  hostPorts(...ports: string[]): this {
    const list: ContainerPort[] = ports.map((s) => {
      const [protocol, hostIP, port] = s.split('/');
      return { containerPort: Number(port), hostPort: Number(port), protocol, hostIP };
    });
    this.p.spec!.containers.push({ name: `c${this.seq++}`, ports: list });
    return this;
  }
  tolerations(...t: Toleration[]): this {
    this.p.spec!.tolerations = t;
    return this;
  }
  nodeSelector(s: Record<string, string>): this {
    this.p.spec!.nodeSelector = s;
    return this;
  }
  affinity(a: Affinity): this {
    this.p.spec!.affinity = a;
    return this;
  }
  priority(p: number): this {
    this.p.spec!.priority = p;
    return this;
  }
  preemptionPolicy(p: 'Never' | 'PreemptLowerPriority'): this {
    this.p.spec!.preemptionPolicy = p;
    return this;
  }
  label(k: string, v: string): this {
    (this.p.metadata!.labels ??= {})[k] = v;
    return this;
  }
  /** SpreadConstraint(maxSkew, key, whenUnsatisfiable, selector, minDomains, nodeAffinityPolicy, nodeTaintsPolicy, matchLabelKeys). */
  spreadConstraint(
    maxSkew: number,
    topologyKey: string,
    whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway',
    labelSelector?: LabelSelector,
    minDomains?: number,
    nodeAffinityPolicy?: 'Honor' | 'Ignore',
    nodeTaintsPolicy?: 'Honor' | 'Ignore',
    matchLabelKeys?: string[],
  ): this {
    const c: TopologySpreadConstraint = { maxSkew, topologyKey, whenUnsatisfiable };
    if (labelSelector) c.labelSelector = labelSelector;
    if (minDomains !== undefined) c.minDomains = minDomains;
    if (nodeAffinityPolicy) c.nodeAffinityPolicy = nodeAffinityPolicy;
    if (nodeTaintsPolicy) c.nodeTaintsPolicy = nodeTaintsPolicy;
    if (matchLabelKeys) c.matchLabelKeys = matchLabelKeys;
    (this.p.spec!.topologySpreadConstraints ??= []).push(c);
    return this;
  }
  terminating(): this {
    (this.p.metadata as { deletionTimestamp?: string }).deletionTimestamp = '2026-01-01T00:00:00Z';
    return this;
  }
  ownerReference(name: string, kind: string, apiVersion = 'apps/v1'): this {
    this.p.metadata!.ownerReferences = [{ apiVersion, kind, name, uid: `${name}-uid`, controller: true }];
    return this;
  }
  /** PodAffinity / PodAntiAffinity with one required term `key In values` (or Exists when values is empty). */
  private podAffinityTerm(key: string, values: string[], topologyKey: string): PodAffinityTerm {
    const expr = values.length ? { key, operator: 'In', values } : { key, operator: 'Exists' };
    return { labelSelector: { matchExpressions: [expr] }, topologyKey };
  }
  podAffinityIn(key: string, topologyKey: string, values: string[] = []): this {
    const a = (this.p.spec!.affinity ??= {});
    ((a.podAffinity ??= {}).requiredDuringSchedulingIgnoredDuringExecution ??= []).push(this.podAffinityTerm(key, values, topologyKey));
    return this;
  }
  podAntiAffinityIn(key: string, topologyKey: string, values: string[] = []): this {
    const a = (this.p.spec!.affinity ??= {});
    ((a.podAntiAffinity ??= {}).requiredDuringSchedulingIgnoredDuringExecution ??= []).push(this.podAffinityTerm(key, values, topologyKey));
    return this;
  }
  preferredPodAffinityIn(weight: number, key: string, topologyKey: string, values: string[] = []): this {
    const a = (this.p.spec!.affinity ??= {});
    ((a.podAffinity ??= {}).preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, podAffinityTerm: this.podAffinityTerm(key, values, topologyKey) });
    return this;
  }
  preferredPodAntiAffinityIn(weight: number, key: string, topologyKey: string, values: string[] = []): this {
    const a = (this.p.spec!.affinity ??= {});
    ((a.podAntiAffinity ??= {}).preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, podAffinityTerm: this.podAffinityTerm(key, values, topologyKey) });
    return this;
  }
  pvc(claimName: string, volumeName = claimName): this {
    (this.p.spec!.volumes ??= []).push({ name: volumeName, persistentVolumeClaim: { claimName } });
    return this;
  }
  startTime(t: string): this {
    (this.p as { status?: Pod['status'] }).status = { ...this.p.status, startTime: t };
    return this;
  }
  phase(phase: string): this {
    (this.p as { status?: Pod['status'] }).status = { ...this.p.status, phase };
    return this;
  }
  obj(): Pod {
    return this.p;
  }
}

export class NodeWrapper {
  readonly n: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: '' }, spec: {}, status: {} };

  name(n: string): this {
    this.n.metadata!.name = n;
    return this;
  }
  /** Capacity sets both capacity and allocatable, as st.MakeNode().Capacity does. */
  capacity(q: Quantities): this {
    this.n.status!.capacity = q as Record<string, string>;
    this.n.status!.allocatable = q as Record<string, string>;
    return this;
  }
  label(k: string, v: string): this {
    (this.n.metadata!.labels ??= {})[k] = v;
    return this;
  }
  taints(...t: Taint[]): this {
    this.n.spec!.taints = t;
    return this;
  }
  unschedulable(u = true): this {
    this.n.spec!.unschedulable = u;
    return this;
  }
  images(...imgs: { names: string[]; sizeBytes: number }[]): this {
    this.n.status!.images = imgs;
    return this;
  }
  obj(): Node {
    return this.n;
  }
}

export const makePod = (name = '') => new PodWrapper().name(name);
export const makeNode = (name = '') => new NodeWrapper().name(name);
