// Server-side printing: the meta.k8s.io/v1 Table kube-apiserver returns when kubectl asks for
// `application/json;as=Table;v=v1;g=meta.k8s.io`. Columns and cells are those of
// pkg/printers/internalversion/printers.go (AddHandlers: podColumnDefinitions, nodeColumnDefinitions,
// deploymentColumnDefinitions, …); a kind without a printer gets the default table convertor's
// NAME / CREATED AT (staging/src/k8s.io/apiserver/pkg/registry/rest/table.go). The pod row is the
// engine's own printPodRow, the one the UI shows.
import { type KObject, humanDuration, parseRfc3339, printPodRow, rfc3339 } from '../engine';

export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Obj = Record<string, any>;
type Printer = { columns: Array<[string, string, string, number?, string?]>; row: (o: Obj, nowMs: number) => unknown[] };

function age(o: Obj, nowMs: number): string {
  const ts = o.metadata?.creationTimestamp;
  return ts ? humanDuration(nowMs - parseRfc3339(ts)) : '<unknown>';
}

const n = (v: unknown) => Number(v ?? 0);
const NAME_DESCRIPTION = 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const NAME: [string, string, string] = ['Name', 'string', NAME_DESCRIPTION];
const NAME_WIDE: [string, string, string, number] = ['Name', 'string', NAME_DESCRIPTION, 1];
const AGE: [string, string, string] = ['Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata'];

/** printers.go formatEndpoints-like helpers: containers and images of a pod template, joined by commas */
function containersAndImages(tpl: Obj | undefined): [string, string] {
  const cs: Obj[] = tpl?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

/** metav1.FormatLabelSelector */
function formatSelector(sel: Obj | undefined): string {
  if (!sel) return '<none>';
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const op = String(e.operator).toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op === 'notin' ? 'notin' : 'in'} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

function mapSelector(sel: Record<string, string> | undefined): string {
  const parts = Object.entries(sel ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '<none>';
}

/** printers.go printNode: Ready/NotReady/Unknown, SchedulingDisabled; roles from node-role.kubernetes.io/* labels */
function nodeRow(o: Obj, nowMs: number): unknown[] {
  const conds: Obj[] = o.status?.conditions ?? [];
  const ready = conds.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (o.spec?.unschedulable) status.push('SchedulingDisabled');
  const roles = Object.keys(o.metadata?.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)).filter(Boolean);
  const addr = (t: string) => (o.status?.addresses ?? []).find((a: Obj) => a.type === t)?.address ?? '<none>';
  const ni = o.status?.nodeInfo ?? {};
  return [o.metadata.name, status.join(','), roles.length ? roles.sort().join(',') : '<none>', age(o, nowMs), ni.kubeletVersion ?? '', addr('InternalIP'), addr('ExternalIP'), ni.osImage || '<unknown>', ni.kernelVersion || '<unknown>', ni.containerRuntimeVersion || '<unknown>'];
}

/** printers.go printService: PORT(S) as port[:nodePort]/protocol */
function serviceRow(o: Obj, nowMs: number): unknown[] {
  const s = o.spec ?? {};
  const ports = (s.ports ?? []).map((p: Obj) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
  const ext = s.type === 'LoadBalancer' ? (o.status?.loadBalancer?.ingress ?? []).map((i: Obj) => i.ip || i.hostname).join(',') || '<pending>' : s.type === 'ExternalName' ? s.externalName : (s.externalIPs ?? []).join(',') || '<none>';
  return [o.metadata.name, s.type ?? 'ClusterIP', s.clusterIP || '<none>', ext, ports || '<none>', age(o, nowMs), mapSelector(s.selector)];
}

/** printers.go printEvent (server-side printing is always wide): times since last/first seen, `kind/name` */
function eventRow(o: Obj, nowMs: number): unknown[] {
  const since = (ts: string | undefined) => (ts ? humanDuration(nowMs - parseRfc3339(ts)) : '<unknown>');
  const first = o.firstTimestamp ? since(o.firstTimestamp) : since(o.eventTime);
  let last = o.lastTimestamp ? since(o.lastTimestamp) : first;
  let count = n(o.count);
  if (o.series) {
    last = since(o.series.lastObservedTime);
    count = n(o.series.count);
  } else if (count === 0) count = 1;
  const io = o.involvedObject ?? {};
  const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
  const src = o.source?.component ? `${o.source.component}${o.source.host ? `, ${o.source.host}` : ''}` : `${o.reportingController ?? ''}${o.reportingInstance ? `, ${o.reportingInstance}` : ''}`;
  return [last, o.type ?? '', o.reason ?? '', target, io.fieldPath ?? '', src, String(o.message ?? '').trim(), first, count, o.metadata.name];
}

const PRINTERS: Record<string, Printer> = {
  Event: {
    columns: [['Last Seen', 'string', 'Time when last event occurred'], ['Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future.'], ['Reason', 'string', 'Reason is why the action was taken. It is human-readable.'], ['Object', 'string', 'Object this event is about.'], ['Subobject', 'string', 'Subobject this event is about.', 1], ['Source', 'string', "Component that generated the event and the host it ran on, if any.", 1], ['Message', 'string', 'A human-readable description of the status of this operation.'], ['First Seen', 'string', 'Time when first event occurred', 1], ['Count', 'integer', 'Number of times this event has occurred.', 1], NAME_WIDE],
    row: eventRow,
  },
  Pod: {
    columns: [NAME, ['Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'], ['Status', 'string', 'The aggregate status of the containers in this pod.'], ['Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'], AGE, ['IP', 'string', 'IP address assigned to the pod', 1], ['Node', 'string', 'Name of the node assigned to the pod', 1], ['Nominated Node', 'string', 'Name of the node nominated by the scheduler', 1], ['Readiness Gates', 'string', 'Pod readiness gates', 1]],
    row: (o, nowMs) => {
      const r = printPodRow(o as never, nowMs);
      const gates: Obj[] = o.spec?.readinessGates ?? [];
      const conds: Obj[] = o.status?.conditions ?? [];
      const trueGates = gates.filter((g) => conds.some((c) => c.type === g.conditionType && c.status === 'True')).length;
      return [r.NAME, r.READY, r.STATUS, r.RESTARTS, r.AGE, o.status?.podIP || '<none>', o.spec?.nodeName || '<none>', o.status?.nominatedNodeName || '<none>', gates.length ? `${trueGates}/${gates.length}` : '<none>'];
    },
  },
  Node: {
    columns: [NAME, ['Status', 'string', 'The status of the node'], ['Roles', 'string', 'The roles of the node'], AGE, ['Version', 'string', 'Kubelet Version reported by the node.'], ['Internal-IP', 'string', 'List of internal IPs in the node', 1], ['External-IP', 'string', 'List of external IPs in the node', 1], ['OS-Image', 'string', 'OS image reported by the node', 1], ['Kernel-Version', 'string', 'Kernel version reported by the node', 1], ['Container-Runtime', 'string', 'Container runtime reported by the node', 1]],
    row: nodeRow,
  },
  Namespace: { columns: [NAME, ['Status', 'string', 'The status of the namespace'], AGE], row: (o, t) => [o.metadata.name, o.status?.phase ?? 'Active', age(o, t)] },
  Deployment: {
    columns: [NAME, ['Ready', 'string', 'Number of the pod with ready state'], ['Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'], ['Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'], AGE, ['Containers', 'string', 'Names of each container in the template.', 1], ['Images', 'string', 'Images referenced by each container in the template.', 1], ['Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1]],
    row: (o, t) => {
      const [c, i] = containersAndImages(o.spec?.template);
      return [o.metadata.name, `${n(o.status?.readyReplicas)}/${n(o.spec?.replicas)}`, n(o.status?.updatedReplicas), n(o.status?.availableReplicas), age(o, t), c, i, formatSelector(o.spec?.selector)];
    },
  },
  ReplicaSet: {
    columns: [NAME, ['Desired', 'integer', 'Number of desired pods.'], ['Current', 'integer', 'Number of actual pods.'], ['Ready', 'integer', 'Number of ready pods.'], AGE, ['Containers', 'string', 'Names of each container in the template.', 1], ['Images', 'string', 'Images referenced by each container in the template.', 1], ['Selector', 'string', 'Label selector for pods.', 1]],
    row: (o, t) => {
      const [c, i] = containersAndImages(o.spec?.template);
      return [o.metadata.name, n(o.spec?.replicas), n(o.status?.replicas), n(o.status?.readyReplicas), age(o, t), c, i, formatSelector(o.spec?.selector)];
    },
  },
  StatefulSet: {
    columns: [NAME, ['Ready', 'string', 'Number of the pod with ready state'], AGE, ['Containers', 'string', 'Names of each container in the template.', 1], ['Images', 'string', 'Images referenced by each container in the template.', 1]],
    row: (o, t) => {
      const [c, i] = containersAndImages(o.spec?.template);
      return [o.metadata.name, `${n(o.status?.readyReplicas)}/${n(o.spec?.replicas)}`, age(o, t), c, i];
    },
  },
  DaemonSet: {
    columns: [NAME, ['Desired', 'integer', 'The desired number of daemon pods.'], ['Current', 'integer', 'The current number of daemon pods.'], ['Ready', 'integer', 'The number of daemon pods ready.'], ['Up-to-date', 'integer', 'The number of daemon pods updated.'], ['Available', 'integer', 'The number of daemon pods available.'], ['Node Selector', 'string', 'The node selector of the daemon set.'], AGE, ['Containers', 'string', 'Names of each container in the template.', 1], ['Images', 'string', 'Images referenced by each container in the template.', 1], ['Selector', 'string', 'Label selector for pods.', 1]],
    row: (o, t) => {
      const s = o.status ?? {};
      const [c, i] = containersAndImages(o.spec?.template);
      return [o.metadata.name, n(s.desiredNumberScheduled), n(s.currentNumberScheduled), n(s.numberReady), n(s.updatedNumberScheduled), n(s.numberAvailable), mapSelector(o.spec?.template?.spec?.nodeSelector), age(o, t), c, i, formatSelector(o.spec?.selector)];
    },
  },
  Service: {
    columns: [NAME, ['Type', 'string', 'The type of the service.'], ['Cluster-IP', 'string', 'The cluster IP of the service.'], ['External-IP', 'string', 'The external IP of the service.'], ['Port(s)', 'string', 'The ports of the service.'], AGE, ['Selector', 'string', 'The selector of the service.', 1]],
    row: serviceRow,
  },
  ConfigMap: { columns: [NAME, ['Data', 'integer', 'Number of data in configmap'], AGE], row: (o, t) => [o.metadata.name, Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, age(o, t)] },
  Secret: { columns: [NAME, ['Type', 'string', 'The type of the secret'], ['Data', 'integer', 'Number of data in secret'], AGE], row: (o, t) => [o.metadata.name, o.type ?? 'Opaque', Object.keys(o.data ?? {}).length, age(o, t)] },
  // printers.go printPodDisruptionBudget: N/A for the bound not set
  PodDisruptionBudget: {
    columns: [NAME, ['Min Available', 'string', 'The minimum number of pods that must be available.'], ['Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'], ['Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'], AGE],
    row: (o, t) => [o.metadata.name, o.spec?.minAvailable != null ? String(o.spec.minAvailable) : 'N/A', o.spec?.maxUnavailable != null ? String(o.spec.maxUnavailable) : 'N/A', n(o.status?.disruptionsAllowed), age(o, t)],
  },
  ServiceAccount: { columns: [NAME, ['Secrets', 'integer', 'Number of secrets in the service account.'], AGE], row: (o, t) => [o.metadata.name, (o.secrets ?? []).length, age(o, t)] },
  Job: {
    columns: [NAME, ['Status', 'string', 'Status of the job.'], ['Completions', 'string', 'The completion status of the job.'], ['Duration', 'string', 'Time required to complete the job.'], AGE, ['Containers', 'string', 'Names of each container in the template.', 1], ['Images', 'string', 'Images referenced by each container in the template.', 1], ['Selector', 'string', 'A label query over pods that should match the pod count.', 1]],
    row: (o, t) => {
      const s = o.status ?? {};
      const conds: Obj[] = s.conditions ?? [];
      const has = (ty: string) => conds.some((c) => c.type === ty && c.status === 'True');
      const status = has('Complete') ? 'Complete' : has('Failed') ? 'Failed' : o.metadata.deletionTimestamp ? 'Terminating' : has('SuccessCriteriaMet') ? 'SuccessCriteriaMet' : has('Suspended') ? 'Suspended' : has('FailureTarget') ? 'FailureTarget' : 'Running';
      const start = s.startTime ? parseRfc3339(s.startTime) : undefined;
      const end = s.completionTime ? parseRfc3339(s.completionTime) : t;
      const [c, i] = containersAndImages(o.spec?.template);
      return [o.metadata.name, status, `${n(s.succeeded)}/${o.spec?.completions ?? 1}`, start === undefined ? '' : humanDuration(end - start), age(o, t), c, i, formatSelector(o.spec?.selector)];
    },
  },
  CronJob: {
    columns: [NAME, ['Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'], ['Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'], ['Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions.'], ['Active', 'integer', 'A list of pointers to currently running jobs.'], ['Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'], AGE, ['Containers', 'string', 'Names of each container in the template.', 1], ['Images', 'string', 'Images referenced by each container in the template.', 1], ['Selector', 'string', 'A label query over pods that should match the pod count.', 1]],
    row: (o, t) => {
      const s = o.status ?? {};
      const tpl = o.spec?.jobTemplate?.spec;
      const [c, i] = containersAndImages(tpl?.template);
      const suspend = o.spec?.suspend === undefined ? '<unset>' : o.spec.suspend ? 'True' : 'False';
      return [o.metadata.name, o.spec?.schedule ?? '', o.spec?.timeZone ?? '<none>', suspend, (s.active ?? []).length, s.lastScheduleTime ? humanDuration(t - parseRfc3339(s.lastScheduleTime)) : '<none>', age(o, t), c, i, formatSelector(tpl?.selector)];
    },
  },
  Endpoints: {
    columns: [NAME, ['Endpoints', 'string', 'Endpoints of the service'], AGE],
    row: (o, t) => {
      const eps: string[] = [];
      for (const s of o.subsets ?? []) for (const a of s.addresses ?? []) for (const p of s.ports ?? [{}]) eps.push(p.port ? `${a.ip}:${p.port}` : a.ip);
      const shown = eps.slice(0, 3).join(',');
      return [o.metadata.name, eps.length === 0 ? '<none>' : eps.length > 3 ? `${shown} + ${eps.length - 3} more...` : shown, age(o, t)];
    },
  },
};

function columnsOf(kind: string): TableColumn[] {
  const p = PRINTERS[kind];
  if (!p) {
    // rest.DefaultTableConvertor
    return [
      { name: 'Name', type: 'string', format: 'name', description: NAME[2], priority: 0 },
      { name: 'Created At', type: 'date', format: '', description: AGE[2], priority: 0 },
    ];
  }
  return p.columns.map(([name, type, description, priority]) => ({ name, type, format: name === 'Name' ? 'name' : '', description, priority: priority ?? 0 }));
}

function cellsOf(o: KObject, nowMs: number): unknown[] {
  const p = PRINTERS[o.kind];
  if (!p) return [o.metadata.name, o.metadata.creationTimestamp ?? rfc3339(nowMs)];
  return p.row(o as Obj, nowMs);
}

/** metav1.PartialObjectMetadata: the row's object when includeObject is Metadata (kubectl's default for get) */
function rowObject(o: KObject, include: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export interface TableOptions {
  /** metav1.IncludeObjectPolicy: None | Metadata (default) | Object */
  includeObject?: string;
  /** leave out columnDefinitions (watch events after the first) */
  noHeaders?: boolean;
}

/** A Table of `items` of one kind (the list's resourceVersion in its metadata). */
export function toTable(kind: string, items: KObject[], nowMs: number, resourceVersion: string | undefined, opts: TableOptions = {}): object {
  const rows = items.map((o) => {
    const row: Obj = { cells: cellsOf(o, nowMs) };
    const obj = rowObject(o, opts.includeObject ?? 'Metadata');
    if (obj) row.object = obj;
    return row;
  });
  const t: Obj = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: resourceVersion ? { resourceVersion } : {} };
  t.columnDefinitions = opts.noHeaders ? null : columnsOf(kind);
  t.rows = rows;
  return t;
}
