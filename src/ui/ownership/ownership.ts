// The Ownership view's tree (pure): workloads → what they own → pods, from the objects'
// controller ownerReferences (metadata.ownerReferences[].controller, matched by uid), with the
// columns `kubectl get` prints for each kind (pkg/printers/internalversion/printers.go).
import type { KubeObject } from '../../protocol/messages';
import { objectKey } from '../../protocol/messages';
import { podColumns } from '../pods/pod-status';
import { humanDuration, virtualMsOf } from '../time/time';

export interface Column {
  label: string;
  value: string;
  title?: string;
}

export interface OwnerNode {
  key: string;
  kind: string;
  name: string;
  namespace: string;
  columns: Column[];
  /** pods: kubectl's STATUS column */
  status?: string;
  /** the replica count asked for and how many are ready (bars; undefined when the kind has none) */
  desired?: number;
  ready?: number;
  terminating: boolean;
  children: OwnerNode[];
}

const KIND_ORDER = ['CronJob', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet', 'Pod'];
const collator = new Intl.Collator('en', { numeric: true });

interface OwnerRef {
  uid: string;
  kind: string;
  name: string;
  controller?: boolean;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const rec = (v: unknown) => (v ?? {}) as Record<string, any>;

/** The owner that controls `o` (the ownerReference with controller: true). */
export function controllerRef(o: KubeObject): OwnerRef | undefined {
  const refs = (o.metadata.ownerReferences ?? []) as OwnerRef[];
  return refs.find((r) => r.controller);
}

export function revisionOf(rs: KubeObject): number {
  const ann = rec(rs.metadata.annotations);
  return Number(ann['deployment.kubernetes.io/revision'] ?? 0);
}

/** kubectl's Job COMPLETIONS: succeeded/completions, or `n/1 of p` for a work queue Job. */
function jobCompletions(spec: Record<string, any>, status: Record<string, any>): string {
  const succeeded = num(status.succeeded);
  if (typeof spec.completions === 'number') return `${succeeded}/${spec.completions}`;
  const parallelism = typeof spec.parallelism === 'number' ? spec.parallelism : 1;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function describe(o: KubeObject, nowMs: number): Pick<OwnerNode, 'columns' | 'status' | 'desired' | 'ready'> {
  const spec = rec(o.spec);
  const status = rec(o.status);
  switch (o.kind) {
    case 'Deployment': {
      const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const ready = num(status.readyReplicas);
      return {
        desired, ready,
        columns: [
          { label: 'READY', value: `${ready}/${desired}` },
          { label: 'UP-TO-DATE', value: String(num(status.updatedReplicas)) },
          { label: 'AVAILABLE', value: String(num(status.availableReplicas)) },
        ],
      };
    }
    case 'ReplicaSet': {
      const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const ready = num(status.readyReplicas);
      const rev = revisionOf(o);
      const hash = rec(o.metadata.labels)['pod-template-hash'] as string | undefined;
      return {
        desired, ready,
        columns: [
          ...(rev ? [{ label: 'REV', value: String(rev), title: 'annotation deployment.kubernetes.io/revision' }] : []),
          ...(hash ? [{ label: 'HASH', value: hash, title: 'label pod-template-hash' }] : []),
          { label: 'DESIRED', value: String(desired) },
          { label: 'CURRENT', value: String(num(status.replicas)) },
          { label: 'READY', value: String(ready) },
        ],
      };
    }
    case 'StatefulSet': {
      const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const ready = num(status.readyReplicas);
      return { desired, ready, columns: [{ label: 'READY', value: `${ready}/${desired}` }] };
    }
    case 'DaemonSet': {
      const desired = num(status.desiredNumberScheduled);
      const ready = num(status.numberReady);
      return {
        desired, ready,
        columns: [
          { label: 'DESIRED', value: String(desired) },
          { label: 'CURRENT', value: String(num(status.currentNumberScheduled)) },
          { label: 'READY', value: String(ready) },
        ],
      };
    }
    case 'Job':
      return { columns: [{ label: 'COMPLETIONS', value: jobCompletions(spec, status) }, { label: 'ACTIVE', value: String(num(status.active)) }] };
    case 'CronJob': {
      const last = virtualMsOf(status.lastScheduleTime);
      return {
        columns: [
          { label: 'SCHEDULE', value: String(spec.schedule ?? '') },
          { label: 'ACTIVE', value: String((status.active ?? []).length) },
          { label: 'LAST SCHEDULE', value: Number.isNaN(last) ? '<none>' : humanDuration(nowMs - last) },
        ],
      };
    }
    case 'Pod': {
      const cols = podColumns(o);
      return { status: cols.status, columns: [{ label: 'READY', value: cols.ready }, { label: 'NODE', value: String(spec.nodeName || '<none>') }] };
    }
    default:
      return { columns: [] };
  }
}

function compareSiblings(a: KubeObject, b: KubeObject): number {
  const k = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (k !== 0) return k;
  // the newest revision (the new ReplicaSet of a rollout) first
  if (a.kind === 'ReplicaSet') return revisionOf(b) - revisionOf(a) || collator.compare(a.metadata.name, b.metadata.name);
  if (a.kind === 'Job') return collator.compare(b.metadata.name, a.metadata.name);
  return collator.compare(a.metadata.name, b.metadata.name);
}

/** Workloads and their dependents. Objects whose owner is not (or no longer) known are roots. */
export function buildOwnership(objects: ReadonlyMap<string, KubeObject>, nowMs: number): OwnerNode[] {
  const byUid = new Map<string, KubeObject>();
  const all: KubeObject[] = [];
  for (const o of objects.values()) {
    if (!KIND_ORDER.includes(o.kind)) continue;
    all.push(o);
    if (o.metadata.uid) byUid.set(o.metadata.uid, o);
  }
  const children = new Map<string, KubeObject[]>();
  const roots: KubeObject[] = [];
  for (const o of all) {
    const ref = controllerRef(o);
    const owner = ref && byUid.get(ref.uid);
    if (owner) {
      const list = children.get(owner.metadata.uid!) ?? [];
      list.push(o);
      children.set(owner.metadata.uid!, list);
    } else roots.push(o);
  }
  const node = (o: KubeObject): OwnerNode => ({
    key: objectKey(o.kind, o.metadata.namespace, o.metadata.name),
    kind: o.kind,
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? '',
    terminating: !!o.metadata.deletionTimestamp,
    ...describe(o, nowMs),
    children: (children.get(o.metadata.uid ?? '') ?? []).sort(compareSiblings).map(node),
  });
  return roots.sort(compareSiblings).map(node);
}

/** `web-7d4b9c-x2x9z` under `web-7d4b9c` reads as `…-x2x9z`: the part the owner's name does not say. */
export function shortName(name: string, ownerName?: string): string {
  return ownerName && name.startsWith(`${ownerName}-`) && name.length > ownerName.length + 1 ? `…${name.slice(ownerName.length)}` : name;
}
