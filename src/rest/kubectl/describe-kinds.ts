// `kubectl describe` for the kinds beyond pods, as kubectl 1.32 prints them: the describers of
// staging/src/k8s.io/kubectl/pkg/describe/describe.go (DeploymentDescriber, ReplicaSetDescriber,
// StatefulSetDescriber, DaemonSetDescriber, JobDescriber, CronJobDescriber, NodeDescriber,
// ServiceDescriber, NamespaceDescriber, ConfigMapDescriber, SecretDescriber, ServiceAccountDescriber),
// each over the GET/LIST requests the real describer sends, written through describe.ts's Writer.
import { humanDuration, EPOCH_MS, parseRfc3339 } from '../../engine';
import { parseQuantity } from '../../engine/api/quantity';
import { Writer, annotationsMultiline, containers, describeEvents, describePod, labelsMultiline, rfc1123z, tolerationsMultiline, volumes } from './describe';

type Obj = Record<string, any>;

/** What a describer may ask the server: one object (undefined when the answer is an error) or a list's items. */
export interface DescribeClient {
  get(url: string): Obj | undefined;
  list(url: string): Obj[];
  nowMs: number;
  /** --show-events (default true): false leaves the Events section out */
  showEvents?: boolean;
}

const epochMs = (ts: string) => EPOCH_MS + parseRfc3339(ts);
const since = (ts: string | undefined, nowMs: number) => (ts ? humanDuration(nowMs - epochMs(ts)) : '<unknown>');

/** labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key. */
export function selectorString(sel: Obj | undefined): string {
  if (!sel) return '';
  const reqs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push([k, `${k}=${v}`]);
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') reqs.push([e.key, `${e.key} in (${values})`]);
    else if (e.operator === 'NotIn') reqs.push([e.key, `${e.key} notin (${values})`]);
    else if (e.operator === 'Exists') reqs.push([e.key, e.key]);
    else if (e.operator === 'DoesNotExist') reqs.push([e.key, `!${e.key}`]);
  }
  return reqs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((r) => r[1]).join(',');
}

/** metav1.FormatLabelSelector: the selector, `<none>` when empty. */
const formatLabelSelector = (sel: Obj | undefined) => selectorString(sel) || '<none>';

/** labels.FormatLabels: `k=v,k2=v2` sorted, `<none>` when empty. */
const formatLabels = (m: Obj | undefined) => Object.keys(m ?? {}).sort().map((k) => `${k}=${m![k]}`).join(',') || '<none>';

/** describe.go searchEvents: the events whose involvedObject is this object. */
function searchEvents(c: DescribeClient, o: Obj, kind: string, uid = o.metadata.uid): Obj[] | undefined {
  if (c.showEvents === false) return undefined;
  const ns = o.metadata.namespace ?? '';
  const q = new URLSearchParams({ fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${o.metadata.name},involvedObject.namespace=${ns},involvedObject.uid=${uid}` });
  return c.list(`/api/v1/${ns ? `namespaces/${ns}/` : ''}events?${q}`);
}

/** getPodStatusForController: the phases of the pods the selector matches and this controller owns. */
function podStatus(c: DescribeClient, o: Obj): string {
  const q = new URLSearchParams({ labelSelector: selectorString(o.spec.selector) });
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of c.list(`/api/v1/namespaces/${o.metadata.namespace}/pods?${q}`)) {
    const owner = (p.metadata.ownerReferences ?? []).find((r: Obj) => r.controller);
    if (owner?.uid === o.metadata.uid && p.status?.phase in n) n[p.status.phase]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

/** the byte length of base64 data (no Node Buffer in the browser) */
const base64Length = (s: string) => Math.floor((s.replace(/=+$/, '').length * 3) / 4);

const controller = (m: Obj) => (m.ownerReferences ?? []).find((r: Obj) => r.controller);

/** DescribePodTemplate */
function podTemplate(w: Writer, t: Obj | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!t) return w.write(1, '<unset>');
  const spec = t.spec ?? {};
  labelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length) annotationsMultiline(w, '  Annotations', t.metadata.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) containers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  containers(w, 'Containers', spec.containers ?? [], undefined, '  ');
  volumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  labelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, spec.tolerations, '  Tolerations');
}

function head(w: Writer, o: Obj): void {
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
}

const conditionsTable = (w: Writer, conds: Obj[] | undefined) => {
  if (!conds?.length) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
};

/** the template without its pod-template-hash label, keys sorted (deploymentutil EqualIgnoreHash) */
function templateKey(t: Obj | undefined): string {
  const copy = structuredClone(t ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  const sort = (v: unknown): unknown => (Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v as Obj).sort().map((k) => [k, sort((v as Obj)[k])])) : v);
  return JSON.stringify(sort(copy));
}

function describeDeployment(c: DescribeClient, d: Obj): string {
  const w = new Writer();
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  head(w, d);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata.labels);
  annotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? 0} max unavailable, ${ru.maxSurge ?? 0} max surge\n`);
  podTemplate(w, spec.template);
  conditionsTable(w, st.conditions);
  // deploymentutil.GetAllReplicaSetsInChunks: the selector's replica sets this deployment controls,
  // sorted by creation (FindNewReplicaSet sorts the list in place); the new one's template is the deployment's
  const q = new URLSearchParams({ labelSelector: selectorString(spec.selector) });
  const rss = c
    .list(`/apis/apps/v1/namespaces/${d.metadata.namespace}/replicasets?${q}`)
    .filter((rs) => controller(rs.metadata)?.uid === d.metadata.uid)
    .map((rs, i) => ({ rs, i }))
    .sort((a, b) => epochMs(a.rs.metadata.creationTimestamp) - epochMs(b.rs.metadata.creationTimestamp) || (a.rs.metadata.name < b.rs.metadata.name ? -1 : a.rs.metadata.name > b.rs.metadata.name ? 1 : a.i - b.i))
    .map((x) => x.rs);
  const key = templateKey(spec.template);
  const newRS = rss.find((rs) => templateKey(rs.spec.template) === key);
  const old = rss.filter((rs) => rs !== newRS);
  const show = (list: Obj[]) => list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') || '<none>';
  if (rss.length) {
    w.write(0, `OldReplicaSets:\t${show(old)}\n`);
    w.write(0, `NewReplicaSet:\t${show(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, searchEvents(c, d, 'Deployment'), c.nowMs);
  return w.text();
}

function describeReplicaSet(c: DescribeClient, rs: Obj): string {
  const w = new Writer();
  head(w, rs);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
  labelsMultiline(w, 'Labels', rs.metadata.labels);
  annotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const owner = controller(rs.metadata);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`);
  w.write(0, `Pods Status:\t${podStatus(c, rs)}\n`);
  podTemplate(w, rs.spec.template);
  conditionsTable(w, rs.status?.conditions);
  describeEvents(w, searchEvents(c, rs, 'ReplicaSet'), c.nowMs);
  return w.text();
}

/** storageutil.GetPersistentVolumeClaimClass / GetPersistentVolumeClass: the beta annotation first, then the field. */
const claimClass = (o: Obj) => o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? o.spec?.storageClassName ?? '';

/** storageutil.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order. */
function accessModes(modes: string[] | undefined): string {
  const short: Array<[string, string]> = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return short.filter(([m]) => (modes ?? []).includes(m)).map(([, s]) => s).join(',');
}

/** Go's %v of a []string: `[a b]` */
const goList = (l: string[] | undefined) => `[${(l ?? []).join(' ')}]`;

function describeStatefulSet(c: DescribeClient, s: Obj): string {
  const w = new Writer();
  const spec = s.spec ?? {};
  head(w, s);
  w.write(0, `CreationTimestamp:\t${rfc1123z(s.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsMultiline(w, 'Labels', s.metadata.labels);
  annotationsMultiline(w, 'Annotations', s.metadata.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${s.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${podStatus(c, s)}\n`);
  podTemplate(w, spec.template);
  // describeVolumeClaimTemplates
  const vcts: Obj[] = spec.volumeClaimTemplates ?? [];
  if (!vcts.length) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    const indented = (title: string, m: Obj | undefined) => {
      w.write(0, `  ${title}:\t`);
      const keys = Object.keys(m ?? {}).sort();
      if (!keys.length) return w.write(0, '<none>\n');
      keys.forEach((k, i) => w.write(0, `${i ? '  \t' : ''}${k}=${m![k]}\n`));
    };
    for (const pvc of vcts) {
      w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(1, `StorageClass:\t${claimClass(pvc)}\n`);
      indented('Labels', pvc.metadata?.labels);
      indented('Annotations', pvc.metadata?.annotations);
      w.write(1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(1, `Access Modes:\t${goList(pvc.spec?.accessModes)}\n`);
    }
  }
  describeEvents(w, searchEvents(c, s, 'StatefulSet'), c.nowMs);
  return w.text();
}

function describeDaemonSet(c: DescribeClient, ds: Obj): string {
  const w = new Writer();
  const st = ds.status ?? {};
  head(w, ds);
  w.write(0, `Selector:\t${selectorString(ds.spec.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec.template?.spec?.nodeSelector)}\n`);
  labelsMultiline(w, 'Labels', ds.metadata.labels);
  annotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podStatus(c, ds)}\n`);
  podTemplate(w, ds.spec.template);
  describeEvents(w, searchEvents(c, ds, 'DaemonSet'), c.nowMs);
  return w.text();
}

function describeJob(c: DescribeClient, j: Obj): string {
  const w = new Writer();
  const spec = j.spec ?? {};
  const st = j.status ?? {};
  head(w, j);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsMultiline(w, 'Labels', j.metadata.labels);
  annotationsMultiline(w, 'Annotations', j.metadata.annotations);
  const owner = controller(j.metadata);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode !== undefined) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.write(0, `Duration:\t${humanDuration(epochMs(st.completionTime) - epochMs(st.startTime))}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (st.ready === undefined) w.write(0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else w.write(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') {
    const idx: string = st.completedIndexes ?? '';
    let cut = idx;
    if (idx.length > 50) {
      const comma = idx.indexOf(',', 50);
      if (comma >= 0) cut = `${idx.slice(0, comma + 1)}...`;
    }
    w.write(0, `Completed Indexes:\t${cut || '<none>'}\n`);
  }
  podTemplate(w, spec.template);
  describeEvents(w, searchEvents(c, j, 'Job'), c.nowMs);
  return w.text();
}

function describeCronJob(c: DescribeClient, cj: Obj): string {
  const w = new Writer();
  const spec = cj.spec ?? {};
  head(w, cj);
  labelsMultiline(w, 'Labels', cj.metadata.labels);
  annotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(0, `Schedule:\t${spec.schedule}\n`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(0, `Suspend:\t${spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
  // (kubectl 1.32 prints no Time Zone line)
  w.write(0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds === undefined ? '<unset>' : `${spec.startingDeadlineSeconds}s`}\n`);
  const jt = spec.jobTemplate?.spec ?? {};
  w.write(0, `Selector:\t${jt.selector ? selectorString(jt.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${jt.parallelism ?? '<unset>'}\n`);
  w.write(0, `Completions:\t${jt.completions ?? '<unset>'}\n`);
  if (jt.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  podTemplate(w, jt.template);
  w.write(0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`);
  const active: Obj[] = cj.status?.active ?? [];
  w.write(0, `Active Jobs:\t${active.length ? active.map((r) => r.name).join(', ') : '<none>'}\n`);
  describeEvents(w, searchEvents(c, cj, 'CronJob'), c.nowMs);
  return w.text();
}

// ---- quantities (k8s.io/apimachinery resource.Quantity String of a sum) ----------------------

const BIN: Array<[string, number]> = [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];
const DEC: Array<[string, number]> = [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]];

/** A sum of quantities: its value and the format of its first term (Quantity.Add keeps the receiver's format). */
interface Sum {
  value: number;
  binary: boolean;
}

const isBinary = (q: string | number) => typeof q === 'string' && /[KMGTPE]i$/.test(q);

function addTo(m: Map<string, Sum>, name: string, q: string | number): void {
  const cur = m.get(name);
  const v = parseQuantity(q);
  if (cur) cur.value += v;
  else m.set(name, { value: v, binary: isBinary(q) });
}

/** Quantity.String(): the largest suffix that divides the value, milli units below one. */
function quantityString(s: Sum | undefined): string {
  const v = s?.value ?? 0;
  if (v === 0) return '0';
  const milli = Math.round(v * 1000);
  if (milli % 1000 !== 0) return `${milli}m`;
  for (const [suffix, n] of s!.binary ? BIN : DEC) if (v % n === 0) return `${v / n}${suffix}`;
  return String(v);
}

/** resourcehelper.PodRequests / PodLimits: the containers' sum, at least each init container's, plus overhead. */
function podResources(pod: Obj, part: 'requests' | 'limits'): Map<string, Sum> {
  const m = new Map<string, Sum>();
  for (const c of pod.spec?.containers ?? []) for (const [k, q] of Object.entries(c.resources?.[part] ?? {})) addTo(m, k, q as string);
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, q] of Object.entries(c.resources?.[part] ?? {})) {
      const v = parseQuantity(q as string);
      const cur = m.get(k);
      if (!cur) m.set(k, { value: v, binary: isBinary(q as string) });
      else if (v > cur.value) cur.value = v;
    }
  }
  for (const [k, q] of Object.entries(pod.spec?.overhead ?? {})) addTo(m, k, q as string);
  return m;
}

const pct = (part: Sum | undefined, whole: number) => (whole ? Math.trunc(((part?.value ?? 0) / whole) * 100) : 0);

function taintString(t: Obj): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  return s;
}

function describeNode(c: DescribeClient, node: Obj): string {
  const w = new Writer();
  const m = node.metadata;
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  w.write(0, `Name:\t${m.name}\n`);
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(m.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 24) roles.add(k.slice(24));
    else if (k === 'kubernetes.io/role' && v) roles.add(String(v));
  }
  w.write(0, `Roles:\t${roles.size ? [...roles].sort().join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', m.labels);
  annotationsMultiline(w, 'Annotations', m.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(m.creationTimestamp)}\n`);
  // printNodeTaintsMultiline: sorted by effect, then key
  const taints: Obj[] = [...(spec.taints ?? [])].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  w.write(0, 'Taints:\t');
  if (!taints.length) w.write(0, '<none>\n');
  taints.forEach((t, i) => w.write(0, `${i ? '\t' : ''}${taintString(t)}\n`));
  w.write(0, `Unschedulable:\t${!!spec.unschedulable}\n`);
  const lease = c.get(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${m.name}`);
  if (lease) {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  } else w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${m.name}" not found\n`);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    const t = (ts: string | undefined) => (ts ? rfc1123z(ts) : 'Mon, 01 Jan 0001 00:00:00 +0000');
    for (const x of st.conditions) w.write(1, `${x.type} \t${x.status} \t${t(x.lastHeartbeatTime)} \t${t(x.lastTransitionTime)} \t${x.reason ?? ''} \t${x.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const resourceList = (title: string, list: Obj | undefined) => {
    const keys = Object.keys(list ?? {}).sort();
    if (!keys.length) return;
    w.write(0, `${title}:\n`);
    for (const k of keys) w.write(0, `  ${k}:\t${list![k]}\n`);
  };
  resourceList('Capacity', st.capacity);
  resourceList('Allocatable', st.allocatable);
  const info = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  // kubectl 1.32 still prints the deprecated field
  w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  // describeNodeResource over the node's pods that are neither Succeeded nor Failed
  const q = new URLSearchParams({ fieldSelector: `spec.nodeName=${m.name},status.phase!=Failed,status.phase!=Succeeded` });
  const pods = c.list(`/api/v1/pods?${q}`);
  const alloc: Obj = Object.keys(st.allocatable ?? {}).length ? st.allocatable : (st.capacity ?? {});
  const allocOf = (k: string) => (alloc[k] === undefined ? 0 : parseQuantity(alloc[k]));
  const cpuA = allocOf('cpu');
  const memA = allocOf('memory');
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const reqs = new Map<string, Sum>();
  const limits = new Map<string, Sum>();
  for (const pod of pods) {
    const r = podResources(pod, 'requests');
    const l = podResources(pod, 'limits');
    const cell = (s: Sum | undefined, whole: number) => `${quantityString(s)} (${whole ? pct(s, whole) : 0}%)`;
    w.write(1, `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(r.get('cpu'), cpuA)}\t${cell(l.get('cpu'), cpuA)}\t${cell(r.get('memory'), memA)}\t${cell(l.get('memory'), memA)}\t${since(pod.metadata.creationTimestamp, c.nowMs)}\n`);
    for (const [k, s] of r) reqs.has(k) ? (reqs.get(k)!.value += s.value) : reqs.set(k, { ...s });
    for (const [k, s] of l) limits.has(k) ? (limits.get(k)!.value += s.value) : limits.set(k, { ...s });
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (k: string) => w.write(1, `${k}\t${quantityString(reqs.get(k))} (${pct(reqs.get(k), allocOf(k))}%)\t${quantityString(limits.get(k))} (${pct(limits.get(k), allocOf(k))}%)\n`);
  row('cpu');
  row('memory');
  row('ephemeral-storage');
  const keys = Object.keys(alloc);
  for (const k of keys.filter((k) => k.startsWith('hugepages-')).sort()) row(k);
  const standard = ['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods'];
  for (const k of keys.filter((k) => !k.startsWith('hugepages-') && !standard.includes(k) && !k.startsWith('requests.') && !k.startsWith('limits.')).sort()) {
    w.write(1, `${k}\t${quantityString(reqs.get(k))}\t${quantityString(limits.get(k))}\n`);
  }
  // events about the node: the controllers' (by uid) and the kubelet's (uid = the node's name)
  const byName = searchEvents(c, node, 'Node', m.name);
  const events = byName && [...searchEvents(c, node, 'Node')!, ...byName];
  describeEvents(w, events, c.nowMs);
  return w.text();
}

/** formatEndpointSlices: ready endpoints as host:port, at most three, then `+ N more...`. */
function formatEndpointSlices(slices: Obj[], portName: string): string {
  if (!slices.length) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const s of slices) {
    const eps: Obj[] = s.endpoints ?? [];
    if (!s.ports?.length) {
      for (const e of eps) {
        if (list.length === 3) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(e.addresses[0]);
        count++;
      }
      continue;
    }
    for (const p of s.ports) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of eps) {
        if (list.length === 3) more = true;
        if (e.conditions?.ready === false) continue;
        const addr: string = e.addresses[0];
        if (!more) list.push(addr.includes(':') ? `[${addr}]:${p.port}` : `${addr}:${p.port}`);
        count++;
      }
    }
  }
  return more ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

function describeService(c: DescribeClient, svc: Obj): string {
  const w = new Writer();
  const spec = svc.spec ?? {};
  head(w, svc);
  labelsMultiline(w, 'Labels', svc.metadata.labels);
  annotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress: Obj[] = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ')}\n`);
  const q = new URLSearchParams({ labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` });
  const slices = c.list(`/apis/discovery.k8s.io/v1/namespaces/${svc.metadata.namespace}/endpointslices?${q}`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol}\n`);
    w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol}\n`);
    if (p.appProtocol) w.write(0, `AppProtocol:\t${p.appProtocol}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
  describeEvents(w, searchEvents(c, svc, 'Service'), c.nowMs);
  return w.text();
}

function describeEndpoints(c: DescribeClient, ep: Obj): string {
  const w = new Writer();
  head(w, ep);
  labelsMultiline(w, 'Labels', ep.metadata.labels);
  annotationsMultiline(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const s of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(s.addresses ?? []).map((a: Obj) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a: Obj) => a.ip).join(',') || '<none>'}\n`);
    if (s.ports?.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of s.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(w, searchEvents(c, ep, 'Endpoints'), c.nowMs);
  return w.text();
}

function describePersistentVolumeClaim(c: DescribeClient, pvc: Obj): string {
  const w = new Writer();
  const spec = pvc.spec ?? {};
  head(w, pvc);
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, c.nowMs)})\n`);
  else w.write(0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  labelsMultiline(w, 'Labels', pvc.metadata.labels);
  annotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  w.write(0, `Capacity:\t${spec.volumeName ? (pvc.status?.capacity?.storage ?? '0') : ''}\n`);
  w.write(0, `Access Modes:\t${spec.volumeName ? accessModes(pvc.status?.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(1, `Name:\t${spec.dataSource.name}\n`);
  }
  // getPodsForPVC: the namespace's pods that mount the claim, then its owner pods
  const pods = c.list(`/api/v1/namespaces/${pvc.metadata.namespace}/pods`);
  const users = pods.filter((p) => (p.spec?.volumes ?? []).some((v: Obj) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    const owner = ref.kind === 'Pod' ? pods.find((p) => p.metadata.uid === ref.uid) : undefined;
    if (owner && !users.includes(owner)) users.push(owner);
  }
  const names = users.map((p) => String(p.metadata.name)).sort();
  w.write(0, 'Used By:\t');
  if (!names.length) w.write(0, '<none>\n');
  names.forEach((n, i) => w.write(0, `${i ? '\t' : ''}${n}\n`));
  if (pvc.status?.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    const t = (ts: string | undefined) => (ts ? rfc1123z(ts) : 'Mon, 01 Jan 0001 00:00:00 +0000');
    for (const x of pvc.status.conditions) w.write(1, `${x.type} \t${x.status} \t${t(x.lastProbeTime)} \t${t(x.lastTransitionTime)} \t${x.reason ?? ''} \t${x.message ?? ''}\n`);
  }
  describeEvents(w, searchEvents(c, pvc, 'PersistentVolumeClaim'), c.nowMs);
  return w.text();
}

function describePersistentVolume(c: DescribeClient, pv: Obj): string {
  const w = new Writer();
  const spec = pv.spec ?? {};
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  labelsMultiline(w, 'Labels', pv.metadata.labels);
  annotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(0, `StorageClass:\t${claimClass(pv)}\n`);
  if (pv.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, c.nowMs)})\n`);
  else w.write(0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${spec.capacity?.storage ?? '0'}\n`);
  // printVolumeNodeAffinity
  w.write(0, 'Node Affinity:\t');
  const required = spec.nodeAffinity?.required;
  if (!required) w.write(0, '<none>\n');
  else {
    w.write(0, '\n');
    w.write(1, 'Required Terms:\t');
    const terms: Obj[] = required.nodeSelectorTerms ?? [];
    if (!terms.length) w.write(0, '<none>\n');
    else {
      w.write(0, '\n');
      terms.forEach((term, i) => {
        w.write(2, `Term ${i}:\t`);
        const reqs: Obj[] = term.matchExpressions ?? [];
        if (!reqs.length) w.write(0, '<none>\n');
        reqs.forEach((r, j) => {
          if (j) w.write(2, '\t');
          w.write(0, `${r.key} ${String(r.operator).toLowerCase()}${r.values?.length ? ` [${r.values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  if (spec.hostPath) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  else if (spec.local) w.write(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
  else if (spec.nfs) w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${!!spec.nfs.readOnly}\n`);
  else if (spec.csi) {
    w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${!!spec.csi.readOnly}\n`);
    const attrs = spec.csi.volumeAttributes ?? {};
    const keys = Object.keys(attrs).sort();
    w.write(2, 'VolumeAttributes:\t');
    if (!keys.length) w.write(0, '<none>\n');
    keys.forEach((k, i) => {
      const line = `${k}=${attrs[k]}`;
      w.write(i ? 2 : 0, `${i ? '\t' : ''}${line.length > 140 ? `${line.slice(0, 140)}...` : line}\n`);
    });
  } else w.write(1, '<unknown>\n');
  describeEvents(w, searchEvents(c, pv, 'PersistentVolume'), c.nowMs);
  return w.text();
}

function describeResourceQuota(q: Obj): string {
  const w = new Writer();
  head(w, q);
  const scopes = [...(q.spec?.scopes ?? [])].sort();
  if (scopes.length) {
    w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (QUOTA_SCOPE_HELP[s]) w.write(0, ` * ${QUOTA_SCOPE_HELP[s]}\n`);
  }
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  for (const r of Object.keys(q.status?.hard ?? {}).sort()) w.write(0, `${r}\t${q.status?.used?.[r] ?? '0'}\t${q.status.hard[r]}\n`);
  return w.text();
}

const QUOTA_SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** describeLimitRangeSpec: one row per resource named in any of the item's maps (Go map order: here by first mention). */
function limitRangeRows(w: Writer, lr: Obj, prefix: string): void {
  for (const item of lr.spec?.limits ?? []) {
    const parts = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'] as const;
    const names = new Set<string>();
    for (const part of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) for (const k of Object.keys(item[part] ?? {})) names.add(k);
    for (const k of names) w.write(0, `${prefix}${item.type}\t${k}\t${parts.map((part) => item[part]?.[k] ?? '-').join('\t')}\n`);
  }
}

function describeLimitRange(lr: Obj): string {
  const w = new Writer();
  head(w, lr);
  w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(w, lr, '');
  return w.text();
}

function describeNamespace(c: DescribeClient, ns: Obj): string {
  const w = new Writer();
  const name = ns.metadata.name;
  w.write(0, `Name:\t${name}\n`);
  labelsMultiline(w, 'Labels', ns.metadata.labels);
  annotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  if (ns.status?.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const x of ns.status.conditions) w.write(1, `${x.type}\t${x.status}\t${x.lastTransitionTime ? rfc1123z(x.lastTransitionTime) : 'Mon, 01 Jan 0001 00:00:00 +0000'}\t${x.reason ?? ''}\t${x.message ?? ''}\n`);
  }
  // DescribeResourceQuotas
  const quotas = c.list(`/api/v1/namespaces/${name}/resourcequotas`).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  w.write(0, '\n');
  if (!quotas.length) w.write(0, 'No resource quota.\n');
  else {
    w.write(0, 'Resource Quotas\n');
    for (const q of quotas) {
      w.write(1, `Name:\t${q.metadata.name}\n`);
      const scopes = [...(q.spec?.scopes ?? [])].sort();
      if (scopes.length) {
        w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
        for (const sc of scopes) if (QUOTA_SCOPE_HELP[sc]) w.write(1, `* ${QUOTA_SCOPE_HELP[sc]}\n`);
      }
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      for (const r of Object.keys(q.status?.hard ?? {}).sort()) w.write(1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${q.status.hard[r]}\n`);
    }
  }
  // DescribeLimitRanges
  const limits = c.list(`/api/v1/namespaces/${name}/limitranges`);
  w.write(0, '\n');
  if (!limits.length) w.write(0, 'No LimitRange resource.\n');
  else {
    w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limits) limitRangeRows(w, lr, ' ');
  }
  return w.text();
}

function describeConfigMap(c: DescribeClient, cm: Obj): string {
  const w = new Writer();
  head(w, cm);
  labelsMultiline(w, 'Labels', cm.metadata.labels);
  annotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${cm.data[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${k}: ${base64Length(cm.binaryData[k])} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, searchEvents(c, cm, 'ConfigMap'), c.nowMs);
  return w.text();
}

function describeSecret(s: Obj): string {
  const w = new Writer();
  head(w, s);
  labelsMultiline(w, 'Labels', s.metadata.labels);
  annotationsMultiline(w, 'Annotations', s.metadata.annotations);
  w.write(0, `\nType:\t${s.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(s.data ?? {}).sort()) {
    if (k === 'token' && s.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${atob(s.data[k])}\n`);
    else w.write(0, `${k}:\t${base64Length(s.data[k])} bytes\n`);
  }
  return w.text();
}

function describeServiceAccount(c: DescribeClient, sa: Obj): string {
  const w = new Writer();
  head(w, sa);
  labelsMultiline(w, 'Labels', sa.metadata.labels);
  annotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  // kubectl 1.32: the token secrets of this account, and its secrets marked when missing
  const secrets = c.list(`/api/v1/namespaces/${sa.metadata.namespace}/secrets`);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter((s) => s.type === 'kubernetes.io/service-account-token' && s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name && s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid);
  const groups: Array<[string, string[]]> = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: Obj) => s.name)],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s: Obj) => (existing.has(s.name) ? s.name : `${s.name} (not found)`))],
    ['Tokens:            ', tokens.map((s) => s.metadata.name)],
  ];
  for (const [header, names] of groups) {
    if (!names.length) w.write(0, `${header}\t<none>\n`);
    else names.forEach((n, i) => w.write(0, `${i ? '                   ' : header}\t${n}\n`));
  }
  describeEvents(w, searchEvents(c, sa, 'ServiceAccount'), c.nowMs);
  return w.text();
}

function describePodObject(c: DescribeClient, pod: Obj): string {
  const m = pod.metadata;
  const q = new URLSearchParams({ fieldSelector: `involvedObject.name=${m.name},involvedObject.namespace=${m.namespace},involvedObject.kind=Pod,involvedObject.uid=${m.uid}` });
  return describePod(pod, c.showEvents === false ? undefined : c.list(`/api/v1/namespaces/${m.namespace}/events?${q}`), c.nowMs);
}

function describePodDisruptionBudget(c: DescribeClient, pdb: Obj): string {
  const w = new Writer();
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  head(w, pdb);
  if (spec.minAvailable !== undefined) w.write(0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${st.expectedPods ?? 0}\n`);
  describeEvents(w, searchEvents(c, pdb, 'PodDisruptionBudget'), c.nowMs);
  return w.text();
}

function describePriorityClass(c: DescribeClient, pc: Obj): string {
  const w = new Writer();
  w.write(0, `Name:\t${pc.metadata.name}\n`);
  w.write(0, `Value:\t${pc.value ?? 0}\n`);
  w.write(0, `GlobalDefault:\t${!!pc.globalDefault}\n`);
  w.write(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(0, `Description:\t${pc.description ?? ''}\n`);
  w.write(0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(w, searchEvents(c, pc, 'PriorityClass'), c.nowMs);
  return w.text();
}

function describeEndpointSlice(c: DescribeClient, eps: Obj): string {
  const w = new Writer();
  head(w, eps);
  labelsMultiline(w, 'Labels', eps.metadata.labels);
  annotationsMultiline(w, 'Annotations', eps.metadata.annotations);
  w.write(0, `AddressType:\t${eps.addressType ?? ''}\n`);
  if (!eps.ports?.length) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of eps.ports) w.write(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  if (!eps.endpoints?.length) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of eps.endpoints) {
      w.write(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`);
      w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(w, searchEvents(c, eps, 'EndpointSlice'), c.nowMs);
  return w.text();
}

/** Go's %v of a []string */
const goSlice = (l: string[] | undefined) => `[${(l ?? []).join(' ')}]`;

/** RoleDescriber: rbac.BreakdownRule each rule, rbac.CompactRules (one group, one resource, at most one name: verbs merged), sorted by the rules' String(). */
function describeRole(r: Obj): string {
  const broken: Obj[] = [];
  for (const rule of r.rules ?? []) {
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        for (const verb of rule.verbs ?? []) {
          if (rule.resourceNames?.length) for (const name of rule.resourceNames) broken.push({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [name] });
          else broken.push({ verbs: [verb], apiGroups: [group], resources: [resource] });
        }
      }
    }
    for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs ?? []) broken.push({ verbs: [verb], nonResourceURLs: [url] });
  }
  const compacted: Obj[] = [];
  const simple = new Map<string, Obj>();
  for (const rule of broken) {
    if (rule.apiGroups?.length === 1 && rule.resources?.length === 1 && !rule.nonResourceURLs?.length && (rule.resourceNames?.length ?? 0) <= 1) {
      const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames?.[0] ?? null]);
      const seen = simple.get(key);
      // (verbs merged without repeats)
      if (seen) seen.verbs.push(...rule.verbs.filter((v: string) => !seen.verbs.includes(v)));
      else simple.set(key, structuredClone(rule));
    } else compacted.push(rule);
  }
  compacted.push(...simple.values());
  // PolicyRule.String() (generated): the verbs first
  const str = (x: Obj) => `&PolicyRule{Verbs:${goSlice(x.verbs)},APIGroups:${goSlice(x.apiGroups)},Resources:${goSlice(x.resources)},ResourceNames:${goSlice(x.resourceNames)},NonResourceURLs:${goSlice(x.nonResourceURLs)},}`;
  const sorted = compacted.map((x, i) => ({ x, i, k: str(x) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i)).map((e) => e.x);
  const w = new Writer();
  w.write(0, `Name:\t${r.metadata.name}\n`);
  labelsMultiline(w, 'Labels', r.metadata.labels);
  annotationsMultiline(w, 'Annotations', r.metadata.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const x of sorted) {
    // CombineResourceGroup: resource.group, a subresource after the group
    let combined = '';
    if (x.resources?.length) {
      const [res, sub] = String(x.resources[0]).split(/\/(.*)/s);
      combined = res + (x.apiGroups?.[0] ? `.${x.apiGroups[0]}` : '') + (sub !== undefined ? `/${sub}` : '');
    }
    w.write(1, `${combined}\t${goSlice(x.nonResourceURLs)}\t${goSlice(x.resourceNames)}\t${goSlice(x.verbs)}\n`);
  }
  return w.text();
}

function describeRoleBinding(b: Obj): string {
  const w = new Writer();
  w.write(0, `Name:\t${b.metadata.name}\n`);
  labelsMultiline(w, 'Labels', b.metadata.labels);
  annotationsMultiline(w, 'Annotations', b.metadata.annotations);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${b.roleRef?.kind ?? ''}\n`);
  w.write(1, `Name:\t${b.roleRef?.name ?? ''}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of b.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.text();
}

/** fatih/camelcase Split: runs of lower, upper, digit, other; an upper run's last letter joins a lower run after it. */
function camelSplit(s: string): string[] {
  const kind = (ch: string) => (/[a-z]/.test(ch) ? 1 : /[A-Z]/.test(ch) ? 2 : /[0-9]/.test(ch) ? 3 : 4);
  const runs: string[] = [];
  let last = 0;
  for (const ch of s) {
    const k = kind(ch);
    if (runs.length && k === last) runs[runs.length - 1] += ch;
    else runs.push(ch);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (kind(runs[i][0]) === 2 && kind(runs[i + 1][0]) === 1) {
      runs[i + 1] = runs[i].slice(-1) + runs[i + 1];
      runs[i] = runs[i].slice(0, -1);
    }
  }
  return runs.filter((r) => r.length);
}

/** smartLabelFor: `holderIdentity` → `Holder Identity`, `uid` → `UID`; a field with other than letters and '-' as it is. */
function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (['API', 'URL', 'UID', 'GUID'].includes(p.toUpperCase()) ? p.toUpperCase() : p.toLowerCase() === p ? p.charAt(0).toUpperCase() + p.slice(1) : p))
    .join(' ');
}

/** printUnstructuredContent: fields sorted, maps and lists nested a level deeper. */
function unstructured(w: Writer, level: number, content: Obj, prefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      unstructured(w, level + 1, value, path, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) unstructured(w, level + 1, child, path, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
  }
}

/** fmt %v of a JSON value: null as <nil>, a list as [a b] */
const goValue = (v: unknown): string => (v === null || v === undefined ? '<nil>' : Array.isArray(v) ? `[${v.map(goValue).join(' ')}]` : String(v));

/** genericDescriber: the kinds without a describer of their own, over the unstructured object. */
function describeGeneric(kind: string) {
  return (c: DescribeClient, o: Obj): string => {
    const w = new Writer();
    w.write(0, `Name:\t${o.metadata.name}\n`);
    w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
    labelsMultiline(w, 'Labels', o.metadata.labels);
    annotationsMultiline(w, 'Annotations', o.metadata.annotations);
    unstructured(w, 0, o, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
    describeEvents(w, searchEvents(c, o, kind), c.nowMs);
    return w.text();
  };
}

const DESCRIBERS: Record<string, (c: DescribeClient, o: Obj) => string> = {
  Pod: describePodObject,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  StatefulSet: describeStatefulSet,
  DaemonSet: describeDaemonSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Node: describeNode,
  Service: describeService,
  Endpoints: describeEndpoints,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  PersistentVolume: describePersistentVolume,
  ResourceQuota: (_c, o) => describeResourceQuota(o),
  LimitRange: (_c, o) => describeLimitRange(o),
  PodDisruptionBudget: describePodDisruptionBudget,
  PriorityClass: describePriorityClass,
  EndpointSlice: describeEndpointSlice,
  Role: (_c, o) => describeRole(o),
  ClusterRole: (_c, o) => describeRole(o),
  RoleBinding: (_c, o) => describeRoleBinding(o),
  ClusterRoleBinding: (_c, o) => describeRoleBinding(o),
  Lease: describeGeneric('Lease'),
  ControllerRevision: describeGeneric('ControllerRevision'),
  Event: describeGeneric('Event'),
  Namespace: describeNamespace,
  ConfigMap: describeConfigMap,
  Secret: (_c, o) => describeSecret(o),
  ServiceAccount: describeServiceAccount,
};

/** Whether the Terminal can describe this kind. */
export const canDescribe = (kind: string) => kind in DESCRIBERS;

/** The description of one object, as the describer for its kind prints it. */
export function describeObject(kind: string, o: Obj, c: DescribeClient): string {
  return DESCRIBERS[kind](c, o);
}
