// `kubectl describe pod`: the layout of staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (PodDescriber.Describe → describePod, describeContainers, describeVolumes, DescribeEvents),
// written through a PrefixWriter (two spaces a level) into Go's text/tabwriter with describe's
// settings (minwidth 0, tabwidth 8, padding 2), whose column blocks align consecutive lines.
import { EPOCH_MS, goDuration, humanDuration, parseRfc3339 } from '../../engine';

/** epoch ms of an RFC 3339 time (parseRfc3339 answers in the model's virtual ms) */
const epochMs = (ts: string) => EPOCH_MS + parseRfc3339(ts);

type Obj = Record<string, any>;

/** Go's text/tabwriter (format/writeLines): a column's width is set per block of consecutive lines
 * that have a tab-terminated cell in it; the last cell of a line is written as it is. */
export function goTabwriter(text: string, padding: number): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const cells = lines.map((l) => l.split('\t'));
  const width = (s: string) => [...s].length;
  const widths: number[] = [];
  let out = '';
  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = cells[i];
      line.forEach((c, j) => {
        out += c;
        if (j < line.length - 1 && j < widths.length) out += ' '.repeat(Math.max(0, widths[j] - width(c)));
      });
      out += '\n';
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= cells[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = 0;
      for (; t < line1; t++) {
        if (column >= cells[t].length - 1) break;
        w = Math.max(w, width(cells[t][column]) + padding);
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--; // the loop's t++ would skip the line that ended the block
    }
    writeLines(line0, line1);
  };
  format(0, cells.length);
  return out;
}

/** describe's PrefixWriter over a tabwriter that is flushed where describe.go flushes. */
export class Writer {
  private done = '';
  private buf = '';
  write(level: number, s: string): void {
    this.buf += '  '.repeat(level) + s;
  }
  flush(): void {
    this.done += goTabwriter(this.buf, 2);
    this.buf = '';
  }
  text(): string {
    this.flush();
    return this.done;
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** time.RFC1123Z in UTC: `Wed, 01 Jan 2025 00:00:04 +0000`. */
export function rfc1123z(ts: string): string {
  const d = new Date(epochMs(ts));
  return `${WEEKDAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function labelsMultiline(w: Writer, title: string, labels: Obj | undefined, skip: string[] = []): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).filter((k) => !skip.includes(k)).sort();
  if (!keys.length) return w.write(0, '<none>\n');
  keys.forEach((k, i) => {
    if (i) w.write(0, '\t');
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

function tolerationsMultiline(w: Writer, tolerations: Obj[] | undefined): void {
  w.write(0, 'Tolerations:\t');
  if (!tolerations?.length) return w.write(0, '<none>\n');
  // sort.Slice by key (not stable: equal keys keep the order they come in here)
  [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0)).forEach((t, i) => {
    if (i) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

const seconds = (n: unknown) => goDuration(Number(n ?? 0) * 1000);

/** DescribeProbe: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
function probe(p: Obj): string {
  const attrs = `delay=${seconds(p.initialDelaySeconds)} timeout=${seconds(p.timeoutSeconds ?? 1)} period=${seconds(p.periodSeconds ?? 10)} #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const port = h.port === undefined ? '' : String(h.port);
    const host = port ? `${h.host ?? ''}:${port}` : (h.host ?? '');
    return `http-get ${String(h.scheme ?? 'HTTP').toLowerCase()}://${host}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function state(w: Writer, name: string, s: Obj | undefined): void {
  if (s?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (s?.terminated) {
    const t = s.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${t.startedAt ? rfc1123z(t.startedAt) : 'Mon, 01 Jan 0001 00:00:00 +0000'}\n`);
    w.write(3, `Finished:\t${t.finishedAt ? rfc1123z(t.finishedAt) : 'Mon, 01 Jan 0001 00:00:00 +0000'}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
    if (s?.waiting?.reason) w.write(3, `Reason:\t${s.waiting.reason}\n`);
  }
}

/** resource.SortedResourceNames: by name */
function resources(w: Writer, r: Obj | undefined): void {
  for (const part of ['limits', 'requests'] as const) {
    const m = r?.[part] ?? {};
    const keys = Object.keys(m).sort();
    if (keys.length) w.write(2, `${part === 'limits' ? 'Limits' : 'Requests'}:\n`);
    for (const k of keys) w.write(3, `${k}:\t${m[k]}\n`);
  }
}

function containers(w: Writer, label: string, list: Obj[], statuses: Obj[] | undefined): void {
  w.write(0, `${label}:\n`);
  for (const c of list) {
    const st = (statuses ?? []).find((s) => s.name === c.name);
    w.write(1, `${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p: Obj) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p: Obj) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const x of c.command) for (const s of String(x).split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const x of c.args) for (const s of String(x).split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      state(w, 'State', st.state);
      if (st.lastState?.terminated) state(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    resources(w, c.resources);
    if (c.livenessProbe) w.write(2, `Liveness:\t${probe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${probe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${probe(c.startupProbe)}\n`);
    w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      if (e.valueFrom?.fieldRef) w.write(3, `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})\n`);
      else if (e.valueFrom?.configMapKeyRef) w.write(3, `${e.name}:\t<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>\tOptional: ${!!e.valueFrom.configMapKeyRef.optional}\n`);
      else if (e.valueFrom?.secretKeyRef) w.write(3, `${e.name}:\t<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>\tOptional: ${!!e.valueFrom.secretKeyRef.optional}\n`);
      else String(e.value ?? '').split('\n').forEach((s, i) => w.write(3, i ? `\t${s}\n` : `${e.name}:\t${s}\n`));
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a: Obj, b: Obj) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) w.write(3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path=${JSON.stringify(m.subPath)}` : ''})\n`);
  }
}

function volumes(w: Writer, list: Obj[] | undefined): void {
  if (!list?.length) return w.write(0, 'Volumes:\t<none>\n');
  w.write(0, 'Volumes:\n');
  for (const v of list) {
    w.write(1, `${v.name}:\n`);
    if (v.emptyDir) {
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.configMap) {
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${!!v.configMap.optional}\n`);
    } else if (v.secret) {
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${!!v.secret.optional}\n`);
    } else if (v.hostPath) {
      w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? ''}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`);
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
        else if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name}\n    Optional:\t${!!s.configMap.optional}\n`);
        else if (s.secret) w.write(2, `SecretName:\t${s.secret.name}\n    Optional:\t${!!s.secret.optional}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
      }
    }
  }
}

/** An event's moment for sorting (event.SortableEvents: the series' last observation, lastTimestamp, else eventTime). */
const eventTime = (e: Obj): number => epochMs(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '1970-01-01T00:00:00Z');

/** DescribeEvents: Type, Reason, Age (`12s (x3 over 40s)`), From, Message. */
export function describeEvents(w: Writer, events: Obj[], nowMs: number): void {
  if (!events.length) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const since = (ts: string | undefined) => (ts ? humanDuration(nowMs - epochMs(ts)) : '<unknown>');
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => eventTime(a.e) - eventTime(b.e) || a.i - b.i).map((x) => x.e);
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime) : since(e.firstTimestamp);
    const age = e.series ? `${since(e.series.lastObservedTime)} (x${e.series.count} over ${first})` : (e.count ?? 1) > 1 ? `${since(e.lastTimestamp)} (x${e.count} over ${first})` : first;
    w.write(1, `${e.type}\t${e.reason}\t${age}\t${e.source?.component || e.reportingComponent || e.reportingController || ''}\t${String(e.message ?? '').trim()}\n`);
  }
}

/** describePod: the pod, its events, `now` the describing client's clock (epoch ms). */
export function describePod(pod: Obj, events: Obj[], nowMs: number): string {
  const w = new Writer();
  const m = pod.metadata ?? {};
  const spec = pod.spec ?? {};
  const st = pod.status ?? {};
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  w.write(0, `Service Account:\t${spec.serviceAccountName ?? ''}\n`);
  w.write(0, `Node:\t${spec.nodeName ? `${spec.nodeName}/${st.hostIP ?? ''}` : '<none>'}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  labelsMultiline(w, 'Labels', m.labels);
  labelsMultiline(w, 'Annotations', m.annotations, ['kubectl.kubernetes.io/last-applied-configuration']);
  if (m.deletionTimestamp) {
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(nowMs - epochMs(m.deletionTimestamp))})\n`);
    w.write(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${st.phase}\n`);
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message.replace(/\n/g, ' ')}\n`);
  w.write(0, `IP:\t${st.podIP ?? ''}\n`);
  if (!st.podIPs?.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of st.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = (m.ownerReferences ?? []).find((r: Obj) => r.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (st.nominatedNodeName) w.write(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (spec.initContainers?.length) containers(w, 'Init Containers', spec.initContainers, st.initContainerStatuses);
  containers(w, 'Containers', spec.containers ?? [], st.containerStatuses);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  volumes(w, spec.volumes);
  if (st.qosClass) w.write(0, `QoS Class:\t${st.qosClass}\n`);
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, spec.tolerations);
  describeEvents(w, events, nowMs);
  return w.text();
}
