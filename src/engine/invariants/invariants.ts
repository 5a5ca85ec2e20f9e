// Invariant checkers run after simulation steps in tests (STYLE.md: a seed sweep with invariant
// checkers). Each returns a list of violations; an empty list means the cluster is sane.
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../api/types';
import type { TraceEvent, TraceEventBase } from '../kernel/types';
import { cpuMilli, bytes } from '../api/quantity';

type Obj = Record<string, any>;

/** Trace order: seq increases by one, time never goes backwards. */
export function traceIsOrdered(trace: readonly Pick<TraceEventBase, 'seq' | 't'>[], from = 0): string[] {
  const out: string[] = [];
  for (let i = Math.max(1, from); i < trace.length; i++) {
    if (trace[i].seq !== trace[i - 1].seq + 1) out.push(`trace seq jumps from ${trace[i - 1].seq} to ${trace[i].seq}`);
    if (trace[i].t < trace[i - 1].t) out.push(`trace time goes back at seq ${trace[i].seq}`);
  }
  return out;
}

/** etcd revisions in etcd.put/delete events strictly increase. */
export function revisionsIncrease(trace: readonly TraceEvent[]): string[] {
  let last = 0;
  const out: string[] = [];
  for (const e of trace) {
    if (e.type !== 'etcd.put' && e.type !== 'etcd.delete') continue;
    const rev = Number(e.params.revision);
    if (rev <= last) out.push(`etcd revision ${rev} after ${last} (seq ${e.seq})`);
    last = rev;
  }
  return out;
}

function podRequests(p: Obj): { cpu: number; mem: number } {
  let cpu = 0;
  let mem = 0;
  for (const c of p.spec?.containers ?? []) {
    cpu += cpuMilli(c.resources?.requests?.cpu);
    mem += bytes(c.resources?.requests?.memory);
  }
  return { cpu, mem };
}

/** What the scheduler promised: bound pods fit their node's allocatable and pod count. */
export function nodesNotOvercommitted(c: Cluster): string[] {
  const out: string[] = [];
  const nodes = new Map(c.list('Node').map((n) => [n.metadata.name, n as Obj]));
  const used = new Map<string, { cpu: number; mem: number; pods: number }>();
  for (const p of c.list('Pod') as Obj[]) {
    const node = p.spec?.nodeName;
    if (!node || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    if (!nodes.has(node)) {
      out.push(`pod ${p.metadata.namespace}/${p.metadata.name} is bound to missing node ${node}`);
      continue;
    }
    const u = used.get(node) ?? { cpu: 0, mem: 0, pods: 0 };
    const r = podRequests(p);
    used.set(node, { cpu: u.cpu + r.cpu, mem: u.mem + r.mem, pods: u.pods + 1 });
  }
  for (const [name, u] of used) {
    const alloc = nodes.get(name)!.status?.allocatable ?? {};
    if (u.cpu > cpuMilli(alloc.cpu)) out.push(`node ${name}: cpu requests ${u.cpu}m > allocatable ${alloc.cpu}`);
    if (u.mem > bytes(alloc.memory)) out.push(`node ${name}: memory requests ${u.mem} > allocatable ${alloc.memory}`);
    if (u.pods > Number(alloc.pods)) out.push(`node ${name}: ${u.pods} pods > allocatable ${alloc.pods}`);
  }
  return out;
}

/** Running pods have distinct IPs from their node's podCIDR. */
export function podIPsUnique(c: Cluster): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const p of c.list('Pod') as Obj[]) {
    const ip = p.status?.podIP;
    if (!ip || p.status?.phase !== 'Running') continue;
    const name = `${p.metadata.namespace}/${p.metadata.name}`;
    if (seen.has(ip)) out.push(`pods ${seen.get(ip)} and ${name} share IP ${ip}`);
    seen.set(ip, name);
  }
  return out;
}

/** A pod object is never in a state kubelet and apiserver could not produce together. */
export function podStatesCoherent(pods: KObject[]): string[] {
  const out: string[] = [];
  for (const p of pods as Obj[]) {
    const name = `${p.metadata.namespace}/${p.metadata.name}`;
    if (p.status?.phase === 'Running' && !p.spec?.nodeName) out.push(`${name} is Running without a node`);
    if (p.status?.podIP && !p.spec?.nodeName) out.push(`${name} has an IP without a node`);
    for (const cs of p.status?.containerStatuses ?? []) {
      if (cs.ready && !cs.state?.running) out.push(`${name}/${cs.name} is ready but not running`);
    }
  }
  return out;
}

export function checkAll(c: Cluster, traceFrom = 0): string[] {
  const trace = c.trace();
  return [...traceIsOrdered(trace, traceFrom), ...nodesNotOvercommitted(c), ...podIPsUnique(c), ...podStatesCoherent(c.list('Pod'))];
}
