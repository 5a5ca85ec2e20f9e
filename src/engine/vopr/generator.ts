// The VOPR's workload: a seeded stream of user operations (after TigerBeetle's vopr.zig — one
// root seed, a child stream per concern, integer probabilities). Applies of valid and broken
// manifests, updates (scale, rollout, stale resourceVersions), deletes with every propagation
// policy and grace period, node and etcd member faults, image removal and registry pushes, each
// followed by a random stretch of virtual time. Operations are plain data, printed on failure.
import type { KObject } from '../api/types';
import type { NodeSpec } from '../cluster/cluster';
import { Rng } from '../kernel/rng';
import { type World, breakManifest, pickKind, validManifest } from './manifests';

type Obj = Record<string, any>;

export interface Ref {
  kind: string;
  namespace?: string;
  name: string;
}

export type Fault = { type: string; target: string; [k: string]: unknown };

export type Op =
  | { type: 'apply'; manifest: Obj; why: string; expect?: 'refused' | 'conflict' }
  | { type: 'delete'; ref: Ref; opts: { gracePeriodSeconds?: number; propagationPolicy?: 'Foreground' | 'Background' | 'Orphan' } }
  | { type: 'inject'; fault: Fault }
  | { type: 'advance'; ms: number }
  | { type: 'step'; count: number };

export interface VoprConfig {
  seed: number;
  nodes: NodeSpec[];
  etcdMembers: 1 | 3 | 5;
}

/** The cluster shape for a seed: 1–4 nodes of one of three sizes, 1, 3 or 5 etcd members. */
export function configFor(seed: number): VoprConfig {
  const rng = new Rng({}, seed, 'vopr/config');
  const count = [1, 2, 3, 3, 3, 4][rng.int(6)];
  const nodes: NodeSpec[] = Array.from({ length: count }, () => [{}, {}, { cpu: '2', memory: '4Gi', pods: 20 }, { cpu: '1', memory: '2Gi', pods: 8 }][rng.int(4)]);
  const etcdMembers = ([1, 3, 3, 3, 5] as const)[rng.int(5)];
  return { seed, nodes, etcdMembers };
}

const key = (r: Ref) => `${r.kind}/${r.namespace ?? ''}/${r.name}`;
const refOf = (m: Obj): Ref => ({ kind: m.kind, namespace: m.metadata?.namespace, name: m.metadata?.name });

const IMAGES_TO_REMOVE = ['nginx:1.27', 'busybox:1.36', 'httpd:2.4', 'redis:7', 'docker.io/library/nginx:1.27'];

export interface ClusterView {
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
}

export class Generator {
  private readonly ops: Rng;
  private readonly manifests: Rng;
  private readonly time: Rng;
  private readonly nodes: string[];
  private readonly etcd: string[];
  private readonly stoppedNodes = new Set<string>();
  private readonly stoppedEtcd = new Set<string>();
  /** an etcd member stopped beyond the minority: restarted by the next operation */
  private healEtcd: string | undefined;
  private readonly pushed: string[] = [];
  /** what was applied last per object, for scale, rollout and stale updates */
  private readonly applied = new Map<string, Obj>();
  /** a resourceVersion each object had before a later update */
  private readonly oldRv = new Map<string, string>();

  constructor(readonly config: VoprConfig) {
    const root = new Rng({}, config.seed, 'vopr');
    this.ops = root.fork('ops');
    this.manifests = root.fork('manifests');
    this.time = root.fork('time');
    this.nodes = config.nodes.map((n, i) => n.name ?? `node-${i + 1}`);
    this.etcd = Array.from({ length: config.etcdMembers }, (_, i) => `etcd-${i}`);
  }

  private world(): World {
    return { nodes: this.nodes, pushed: this.pushed };
  }

  /** The next user operation. */
  next(view: ClusterView): Op {
    if (this.healEtcd) {
      const target = this.healEtcd;
      this.healEtcd = undefined;
      this.stoppedEtcd.delete(target);
      return { type: 'inject', fault: { type: 'etcd.start', target } };
    }
    const r = this.ops;
    const x = r.int(100);
    if (x < 34) return this.applyValid(view);
    if (x < 46) return this.applyBroken();
    if (x < 58) return this.update(view);
    if (x < 62) return this.stale(view);
    if (x < 76) return this.delete();
    if (x < 84) return this.nodeFault();
    if (x < 92) return this.etcdFault();
    if (x < 96) return { type: 'inject', fault: { type: 'image.remove', target: IMAGES_TO_REMOVE[r.int(IMAGES_TO_REMOVE.length)], ...(r.chance(1, 2) ? { node: this.nodes[r.int(this.nodes.length)] } : {}) } };
    return this.push();
  }

  /** Virtual time after an operation: a few trace events, a moment, a minute, or several. */
  pause(): Op {
    const r = this.time;
    if (this.healEtcd) return { type: 'advance', ms: 500 + r.int(4_500) };
    const x = r.int(100);
    if (x < 35) return { type: 'step', count: 1 + r.int(40) };
    if (x < 75) return { type: 'advance', ms: r.int(3_000) };
    if (x < 95) return { type: 'advance', ms: 3_000 + r.int(57_000) };
    return { type: 'advance', ms: 60_000 + r.int(240_000) };
  }

  /** Restart every stopped node and etcd member. */
  heal(): Op[] {
    const out: Op[] = [];
    for (const target of this.stoppedEtcd) out.push({ type: 'inject', fault: { type: 'etcd.start', target } });
    for (const target of this.stoppedNodes) out.push({ type: 'inject', fault: { type: 'node.start', target } });
    this.stoppedEtcd.clear();
    this.stoppedNodes.clear();
    this.healEtcd = undefined;
    return out;
  }

  /** Learn from a successful apply what now exists. */
  learn(m: Obj): void {
    this.applied.set(key(refOf(m)), structuredClone(m));
  }

  private applyValid(view: ClusterView): Op {
    const m = validManifest(this.manifests, pickKind(this.manifests), this.world());
    this.rememberRv(view, m);
    return { type: 'apply', manifest: m, why: `valid ${m.kind}` };
  }

  private applyBroken(): Op {
    const m = validManifest(this.manifests, pickKind(this.manifests), this.world());
    const why = breakManifest(this.manifests, m);
    return { type: 'apply', manifest: m, why: `broken ${m.kind}: ${why}`, expect: 'refused' };
  }

  private rememberRv(view: ClusterView, m: Obj): void {
    const r = refOf(m);
    const cur = r.name ? view.get(r.kind, r.namespace ?? 'default', r.name) : undefined;
    if (cur?.metadata.resourceVersion) this.oldRv.set(key(r), cur.metadata.resourceVersion);
  }

  /** Scale or roll out something applied before (replicas, image, a label), else a fresh valid apply. */
  private update(view: ClusterView): Op {
    const keys = [...this.applied.keys()].filter((k) => /^(Deployment|StatefulSet|ReplicaSet|DaemonSet|Service|ConfigMap|Pod|Job)\//.test(k));
    if (!keys.length) return this.applyValid(view);
    const m = structuredClone(this.applied.get(keys[this.manifests.int(keys.length)])!);
    const r = this.manifests;
    const spec = m.spec as Obj | undefined;
    let why: string;
    if (spec && 'replicas' in spec && r.chance(1, 2)) {
      spec.replicas = r.int(6);
      why = `scale ${m.kind} to ${spec.replicas}`;
    } else if (spec?.template?.spec?.containers?.length) {
      const c = spec.template.spec.containers[0];
      c.image = ['nginx:1.27', 'nginx:1.26', 'busybox:1.36', 'httpd:2.4', 'nope/missing:2.0', ...this.pushed][r.int(5 + this.pushed.length)];
      if (c.image === 'busybox:1.36' && !c.command) c.command = ['sleep', '3600'];
      why = `roll out ${m.kind} to ${c.image}`;
    } else {
      m.metadata.labels = { ...(m.metadata.labels ?? {}), rev: `r${r.int(10)}` };
      if (m.kind === 'ConfigMap') m.data = { key: `v${r.int(100)}` };
      why = `relabel ${m.kind}`;
    }
    this.rememberRv(view, m);
    return { type: 'apply', manifest: m, why };
  }

  /** An update carrying a resourceVersion the object has since moved past: refused with 409. */
  private stale(view: ClusterView): Op {
    const candidates = [...this.oldRv.keys()].filter((k) => this.applied.has(k));
    if (!candidates.length) return this.update(view);
    const k = candidates[this.manifests.int(candidates.length)];
    const m = structuredClone(this.applied.get(k)!);
    const r = refOf(m);
    const cur = view.get(r.kind, r.namespace ?? 'default', r.name);
    const rv = this.oldRv.get(k)!;
    if (!cur || cur.metadata.resourceVersion === rv) return this.update(view);
    m.metadata.resourceVersion = rv;
    m.metadata.labels = { ...(m.metadata.labels ?? {}), stale: 'yes' };
    return { type: 'apply', manifest: m, why: `stale update of ${k} at resourceVersion ${rv} (now ${cur.metadata.resourceVersion})`, expect: 'conflict' };
  }

  private delete(): Op {
    const r = this.ops;
    // Nodes are the kubelets' to register: deleting one needs the pod GC this cluster does not run
    const known = [...this.applied.values()].map(refOf).filter((r) => r.kind !== 'Node');
    const ref: Ref = known.length && r.chance(9, 10) ? known[r.int(known.length)] : { kind: 'Pod', namespace: 'default', name: 'never-created' };
    const opts: Extract<Op, { type: 'delete' }>['opts'] = {};
    const policy = ([undefined, 'Foreground', 'Background', 'Orphan'] as const)[r.int(4)];
    if (policy) opts.propagationPolicy = policy;
    const grace = [undefined, undefined, 0, 1, 3, 10][r.int(6)];
    if (grace !== undefined) opts.gracePeriodSeconds = grace;
    return { type: 'delete', ref, opts };
  }

  private nodeFault(): Op {
    const r = this.ops;
    const stopped = [...this.stoppedNodes];
    if (stopped.length && r.chance(2, 3)) {
      const target = stopped[r.int(stopped.length)];
      this.stoppedNodes.delete(target);
      return { type: 'inject', fault: { type: 'node.start', target } };
    }
    const running = this.nodes.filter((n) => !this.stoppedNodes.has(n));
    if (!running.length) return this.delete();
    const target = running[r.int(running.length)];
    this.stoppedNodes.add(target);
    return { type: 'inject', fault: { type: 'node.stop', target } };
  }

  /** A minority of members down at a time; now and then a majority, healed by the next operation. */
  private etcdFault(): Op {
    const r = this.ops;
    const stopped = [...this.stoppedEtcd];
    if (stopped.length && r.chance(1, 2)) {
      const target = stopped[r.int(stopped.length)];
      this.stoppedEtcd.delete(target);
      return { type: 'inject', fault: { type: 'etcd.start', target } };
    }
    const running = this.etcd.filter((m) => !this.stoppedEtcd.has(m));
    const minority = Math.floor((this.etcd.length - 1) / 2);
    const majority = stopped.length + 1 > minority;
    if (!running.length || (majority && !r.chance(1, 5))) return this.delete();
    const target = running[r.int(running.length)];
    this.stoppedEtcd.add(target);
    if (majority) this.healEtcd = target;
    return { type: 'inject', fault: { type: 'etcd.stop', target } };
  }

  private push(): Op {
    const r = this.ops;
    const target = `vopr/app:v${this.pushed.length + 1}`;
    const behaviour = [{ kind: 'http', port: 80 }, { kind: 'sleep' }, { kind: 'exit', afterSeconds: 1 + r.int(20), exitCode: r.int(2) }][r.int(3)];
    this.pushed.push(target);
    return { type: 'inject', fault: { type: 'registry.add', target, sizeMB: 1 + r.int(200), behaviour } };
  }
}
