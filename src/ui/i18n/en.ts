// English narration: one plain sentence per trace event key (STYLE.md: say what a learner
// should notice). Keys are TraceEvent.key; params come from the engine (DESIGN.md trace format).
import { interpolate } from './narrate';
import type { Catalogue, NarrationContext, Template } from './types';

const COMPONENTS: Record<string, string> = {
  kubectl: 'kubectl',
  'kube-apiserver': 'kube-apiserver',
  scheduler: 'the scheduler',
  'controller-manager': 'the controller manager',
};

function component(id: string): string {
  if (COMPONENTS[id]) return COMPONENTS[id];
  const [kind, where] = id.split(':');
  if (where && kind === 'kubelet') return `the kubelet on ${where}`;
  if (where && kind === 'runtime') return `the container runtime on ${where}`;
  if (where && kind === 'kube-proxy') return `kube-proxy on ${where}`;
  if (where && kind === 'controller') return `the ${where} controller`;
  if (/^etcd-\d+$/.test(id)) return id === 'etcd-0' ? 'etcd' : `etcd member ${id}`;
  return id;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const bytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} bytes`);
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** "The scheduler filtered 3 nodes: node-2 lacks cpu; scored node-1 87, node-3 75 → node-1" */
function schedulerDecision({ e, p }: NarrationContext): string {
  const d = e.type === 'scheduler.decision' ? e.detail : undefined;
  const filter = d?.filter ?? {};
  const total = d?.total ?? {};
  const nodes = new Set([...Object.keys(filter), ...Object.keys(total)]);
  const rejected = Object.entries(filter)
    .filter(([, reasons]) => reasons.length > 0)
    .map(([node, reasons]) => `${node} ${reasons.map(lacks).join(', ')}`);
  const scored = Object.entries(total)
    .sort((a, b) => b[1] - a[1])
    .map(([node, score]) => `${node} ${score}`);
  const chosen = d?.chosen ?? (typeof p.node === 'string' ? p.node : undefined);
  if (!chosen && d?.preemption) {
    const victims = d.preemption.victims.map((v) => `${v.name} (priority ${v.priority})`);
    return `No node fits pod ${d.pod}, so the scheduler preempts ${list(victims)} on ${d.preemption.nominatedNode} and nominates that node for it`;
  }
  if (!chosen) return `No node fits pod ${d?.pod ?? p.pod}: ${d?.message ?? p.message}`;
  const filtered = `The scheduler filtered ${nodes.size || '?'} node${nodes.size === 1 ? '' : 's'}`;
  const best = total[chosen];
  const tie = best !== undefined && Object.entries(total).some(([node, score]) => node !== chosen && score === best);
  return `${filtered}${rejected.length ? `: ${rejected.join('; ')}` : ''}; scored ${scored.join(', ') || '—'} → ${chosen}${tie ? ' (a tie, broken at random)' : ''}`;
}

/** "Insufficient cpu" reads better as "lacks cpu"; other filter reasons are kept verbatim. */
function lacks(reason: string): string {
  const m = /^Insufficient (.+)$/.exec(reason);
  return m ? `lacks ${m[1]}` : `(${reason})`;
}

/** "The replicaset controller syncs web-7d4b: desired 3, actual 0 → create 3 pod(s) (2 more keys waiting)" */
function controllerSync({ p }: NarrationContext): string {
  const key = String(p.key ?? '');
  const name = key.startsWith('default/') ? key.slice('default/'.length) : key;
  const compared = p.desired !== undefined && p.desired !== '' ? `: desired ${p.desired}, actual ${p.actual}` : '';
  const action = p.action === 'none' ? 'nothing to do' : String(p.action);
  const queued = Number(p.queued ?? 0);
  const waiting = queued > 0 ? ` (${queued} more key${queued === 1 ? '' : 's'} waiting)` : '';
  return `The ${p.controller} controller syncs ${name}${compared} → ${action}${waiting}`;
}

const watchVerb: Record<string, string> = { ADDED: 'was added', MODIFIED: 'changed', DELETED: 'was deleted' };

const events: Record<string, Template> = {
  'apiserver.request': '{from} sends {method} {path} to kube-apiserver',
  'apiserver.authenticate': ({ p }) =>
    p.ok === false
      ? 'Authentication fails: the request carries no valid credentials'
      : interpolate(p.groups ? 'Authentication: the request is from user {user} (groups {groups})' : 'Authentication: the request is from user {user}', {
          ...p,
          groups: String(p.groups ?? '').split(',').join(', '),
        }),
  'apiserver.authorize': ({ p }) =>
    p.allowed === false
      ? p.reason
        ? interpolate('RBAC denies {user} to {verb} {resource}: {reason}', p)
        : // no rule matched: RBAC has no opinion and no authorizer after it allows (plugin/pkg/auth/authorizer/rbac/rbac.go)
          interpolate(p.namespace ? 'RBAC denies {user} to {verb} {resource} in namespace {namespace}: no binding grants it' : 'RBAC denies {user} to {verb} {resource}: no binding grants it', p)
      : interpolate(p.namespace ? 'RBAC allows {user} to {verb} {resource} in namespace {namespace}' : 'RBAC allows {user} to {verb} {resource}', p),
  'apiserver.admit': ({ e, p }) => {
    if (p.ok === false) return interpolate('Admission rejects the object: {message}', p);
    const defaulted = e.type === 'apiserver.admit' ? (e.detail?.defaulted ?? []) : [];
    if (!p.changed || defaulted.length === 0) return 'Admission: the admission plugins accept the object unchanged';
    const shown = defaulted.slice(0, 3).join(', ');
    return `Admission: defaults were filled in for ${defaulted.length} field${defaulted.length === 1 ? '' : 's'} (${shown}${defaulted.length > 3 ? ', …' : ''})`;
  },
  'apiserver.validate': ({ p }) => (p.ok === false ? interpolate('Validation fails: {message}', p) : 'Validation passes: the object is well-formed'),
  'apiserver.validating_admission': ({ p }) =>
    p.ok === false ? interpolate('Validating admission ({plugin}) rejects the request: {message}', p) : 'Validating admission: LimitRanger, ServiceAccount, Priority and ResourceQuota accept the object',
  'etcd.put': ({ p, c }) => interpolate(`kube-apiserver writes {key} to etcd: revision {revision}, ${c.format.bytes(Number(p.size ?? 0))}`, p),
  'etcd.delete': 'kube-apiserver deletes {key} from etcd (revision {revision})',
  'etcd.range': 'kube-apiserver reads {key} from etcd ({count} found)',
  'etcd.txn_failed': 'etcd refuses the write to {key}: it changed since the version the writer read (a conflict)',
  'etcd.watch': 'etcd notifies kube-apiserver of {count} change(s) at revision {revision}',
  'raft.propose': 'The etcd leader {leader} turns the write to {key} into Raft log entry {index} (term {term})',
  'raft.append': ({ p }) =>
    p.ok === false
      ? interpolate('{to} refuses the entries after index {index}: its log does not match, so the leader backs up', p)
      : interpolate(`{to} appends ${Number(p.count) === 1 ? 'the entry' : '{count} entries'} up to index {index} to its Raft log`, p),
  'raft.commit': ({ p }) =>
    interpolate(p.revision ? 'Entry {index} is on a majority of etcd members: committed as revision {revision}' : 'Entry {index} is on a majority of etcd members: committed', p),
  'raft.heartbeat': 'The etcd leader tells {to} it is still there (heartbeat, commit index {commit})',
  'raft.leader': '{member} is the new leader (term {term})',
  'raft.election_timeout': ({ p }) => {
    const again = p.role === 'candidate' || p.role === 'pre-candidate' ? ' again' : '';
    const next = Number(p.term) + 1;
    return typeof p.silentMs === 'number'
      ? interpolate(`{member} heard no heartbeat for ${(p.silentMs / 1000).toFixed(1)} s and calls an election${again} for term ${next}`, p)
      : interpolate(`{member} has not heard from a leader in time and calls an election${again} for term ${next}`, p);
  },
  'raft.step_down': '{member} steps down to follower (term {term})',
  // votes name members by id: "etcd-2 votes for etcd-1" (from = voter or candidate, as traced)
  'raft.pre_vote': ({ e, p }) => interpolate(`${e.from} asks ${e.to} whether it would vote for it in term {term} (pre-vote): ${p.granted ? 'yes' : 'no'}`, p),
  'raft.vote_request': ({ e, p }) => interpolate(`${e.from} asks ${e.to} for its vote in term {term}: ${p.granted ? 'granted' : 'refused'}`, p),
  'raft.vote': ({ e, p }) =>
    p.pre
      ? interpolate(`${e.from} ${p.granted ? 'would vote' : 'would not vote'} for ${e.to} in term {term} (pre-vote)`, p)
      : interpolate(p.granted ? `${e.from} votes for ${e.to} (term {term})` : `${e.from} refuses its vote to ${e.to} (term {term})`, p),
  'etcd.stop': ({ p }) =>
    p.role === 'leader'
      ? interpolate('{member} is stopped: the leader of term {term} is gone, so its heartbeats stop', p)
      : interpolate('{member} is stopped (it was a {role} in term {term})', p),
  'etcd.start': ({ p }) =>
    interpolate(p.lastIndex !== undefined ? '{member} starts again from its data on disk (log up to index {lastIndex}) and rejoins as a follower' : '{member} starts again and rejoins as a follower', p),
  'apiserver.etcd_failover': ({ e, p }) =>
    interpolate(`kube-apiserver gets no answer from ${e.from} and switches to ${e.to}, watching again from revision {revision}`, p),
  'node.stop': ({ p }) =>
    interpolate(Number(p.pods) > 0 ? '{node} loses power: its kubelet and container runtime stop, with {pods} pod(s) on it' : '{node} loses power: its kubelet and container runtime stop', p),
  'node.start': '{node} is powered on again: its container runtime and kubelet start',
  'raft.snapshot': 'The etcd leader sends {to} a snapshot up to index {index}',
  'watch.expired': ({ p }) =>
    interpolate(p.message ? 'The {informer} watch expired: 410 Gone, "{message}"; the informer will list {resource} again' : 'The {informer} watch expired (410 Gone): the informer lists {resource} again', p),
  'informer.relist': ({ p }) =>
    interpolate(p.resourceVersion ? 'The {informer} informer lists {resource} again (no older than resourceVersion {resourceVersion}) and then watches from the list' : 'The {informer} informer lists {resource} again and then watches from the list', p),
  'watch.bookmark': 'kube-apiserver sends a BOOKMARK to {count} watch(es): nothing changed for them, but they are now at resourceVersion {resourceVersion}',
  'etcd.compact': 'etcd compacts its history up to revision {revision} ({removed} old version(s) dropped): older revisions can no longer be read or watched',
  'apiserver.response': ({ e, p }) =>
    Number(p.code) === 404 && p.verb === 'get' && e.to === 'kubectl'
      ? interpolate('kube-apiserver answers 404: {message}, so kubectl apply will create it', p)
      : Number(p.code) >= 400
      ? interpolate(p.message ? 'kube-apiserver answers {code} {reason}: {message}' : 'kube-apiserver answers {code} {reason}', p)
      : p.terminating === true && String(p.resource) !== 'pods' && p.finalizers
      ? interpolate('kube-apiserver answers {code}: {resource} {name} is marked for deletion (deletionTimestamp set) and stays until its finalizers are removed: {finalizers}', { ...p, finalizers: String(p.finalizers).split(',').join(', ') })
      : p.terminating === true && String(p.resource) === 'pods' && Number(p.graceSeconds) === 0 && p.finalizers
      ? interpolate('kube-apiserver answers {code}: pod {name} is marked for deletion and stays until its finalizers are removed: {finalizers}', { ...p, finalizers: String(p.finalizers ?? '').split(',').join(', ') })
      : p.terminating === true
      ? interpolate('kube-apiserver answers {code}: {kind} {name} is now Terminating — deletionTimestamp set, grace period {graceSeconds} s; the kubelet will stop it', { ...p, kind: String(p.resource) === 'pods' ? 'pod' : String(p.resource) })
      : interpolate(p.name ? 'kube-apiserver answers {code}: {verb} {resource} {name} succeeded' : 'kube-apiserver answers {code}: {verb} {resource} succeeded', p),
  'watch.event': ({ p }) =>
    p.terminating === true && p.eventType === 'MODIFIED'
      ? interpolate('Watch: kube-apiserver tells {to} that {kind} {name} is being deleted (deletionTimestamp set)', p)
      : interpolate(`Watch: kube-apiserver tells {to} that {kind} {name} ${watchVerb[String(p.eventType)] ?? String(p.eventType).toLowerCase()}`, p),
  'controller.sync': controllerSync,
  // the garbage collector and the namespace controller (controller.sync traces with their own keys)
  'gc.delete_dependent': ({ p }) =>
    p.because === 'foreground'
      ? interpolate('The garbage collector deletes {kind} {name} because its owner {ownerKind}/{owner} is being deleted in the foreground (propagationPolicy {policy})', p)
      : interpolate('The garbage collector deletes {kind} {name} because its owner {ownerKind}/{owner} no longer exists (propagationPolicy {policy})', p),
  'gc.remove_references': 'The garbage collector keeps {kind} {name} (it still has owner {solid}) and removes its {count} reference(s) to owners that are gone or being deleted',
  'gc.wait_dependents': '{kind} {name} is being deleted in the foreground: the garbage collector waits for {count} blocking dependent(s) to go ({dependents})',
  'gc.remove_finalizer': 'No blocking dependents of {kind} {name} are left: the garbage collector removes the {finalizer} finalizer, and the object is deleted',
  'gc.orphan': ({ p }) =>
    interpolate(
      Number(p.count) > 0
        ? 'The garbage collector orphans {count} dependent(s) of {kind} {name} ({dependents}): it removes their ownerReferences to it, then its orphan finalizer'
        : '{kind} {name} has no dependents to orphan: the garbage collector removes its orphan finalizer',
      p,
    ),
  'namespace.delete_content': 'Namespace {namespace} is Terminating: the namespace controller lists and deletes everything in it, pods first, before it removes the kubernetes finalizer',
  'scheduler.filter': 'The scheduler filters nodes for pod {pod}: {feasible} of {total} fit',
  'scheduler.score': 'The scheduler scores the nodes that fit pod {pod}',
  'scheduler.decision': schedulerDecision,
  'scheduler.bind': 'The scheduler binds pod {pod} to {node}',
  'kubelet.admit': ({ p }) =>
    p.admitted === false
      ? interpolate(p.message ? 'The kubelet on {node} rejects pod {pod}: {reason} ({message})' : 'The kubelet on {node} rejects pod {pod}: {reason}', p)
      : interpolate(p.qosClass ? 'The kubelet on {node} admits pod {pod} (QoS class {qosClass})' : 'The kubelet on {node} admits pod {pod}', p),
  'kubelet.volumes': ({ p }) =>
    interpolate(Number(p.volumes) > 0 ? 'The kubelet on {node} mounts the {volumes} volume(s) of pod {pod}' : 'Pod {pod} has no volumes to mount', p),
  'kubelet.mount_failed': ({ p, c }) =>
    interpolate(`The kubelet on {node} cannot mount volume {volume} of pod {pod} ({message}); it tries again in ${c.format.seconds(Number(p.retryMs))}`, p),
  'kubelet.evict': 'The kubelet on {node} evicts pod {pod}: memory.available is {available}, below the hard eviction threshold of {threshold}',
  'kubelet.node_condition': ({ p }) =>
    interpolate(p.status === 'True' ? 'The kubelet reports {condition} on {node} ({reason})' : 'The kubelet reports that the {condition} on {node} is over ({reason})', p),
  'cri.run_pod_sandbox': ({ p }) =>
    interpolate(
      p.cgroup
        ? 'The kubelet asks the container runtime on {node} for a pod sandbox (network namespace) for {pod}, in cgroup {cgroup}'
        : 'The kubelet asks the container runtime on {node} for a pod sandbox (network namespace) for {pod}',
      p,
    ),
  'cri.sandbox_ready': 'The sandbox of pod {pod} is ready; the network plugin gave it IP {ip}',
  'cri.image_status': ({ p }) =>
    interpolate(p.present ? 'Image {image} is already on {node}: no pull needed' : 'Image {image} is not on {node} yet: it must be pulled', p),
  'cri.pull_image': ({ p }) =>
    interpolate(Number(p.queuedBehind) > 0 ? 'The container runtime on {node} queues the pull of {image} behind {queuedBehind} other pull(s)' : 'The container runtime on {node} pulls image {image}', p),
  'cri.image_pulled': ({ p, c }) =>
    interpolate(`Image {image} pulled in ${c.format.seconds(Number(p.durationMs))}${p.sizeBytes ? ` (${c.format.bytes(Number(p.sizeBytes))})` : ''}`, p),
  'cri.image_pull_failed': ({ p }) => interpolate(p.message ? 'Pulling image {image} fails: {message}' : 'Pulling image {image} fails: {reason}', p),
  'cri.create_container': 'The kubelet asks the container runtime to create container {container} from {image}',
  'cri.container_created': 'Container {container} is created',
  'cri.start_container': 'The kubelet asks the container runtime to start container {container}',
  'cri.container_started': 'Container {container} is running',
  'kubelet.start_failed': ({ p }) => interpolate(p.message ? 'Container {container} cannot start: {reason} ({message})' : 'Container {container} cannot start: {reason}', p),
  'kubelet.backoff': ({ p }) =>
    p.reason === 'ImagePullBackOff'
      ? interpolate('Pulling {image} failed: the kubelet backs off for {backoff} before trying again (ImagePullBackOff)', p)
      : interpolate('Container {container} keeps exiting: the kubelet waits {backoff} before restarting it (CrashLoopBackOff)', p),
  'kubelet.kill': 'The kubelet stops container {container}, allowing a grace period of {graceSeconds} s',
  'kubelet.prestop': ({ p, c }) => interpolate(`The kubelet runs the preStop hook of container {container} ({handler}, ${c.format.seconds(Number(p.durationMs))})`, p),
  'cri.stop_container': ({ p }) =>
    interpolate(p.graceSeconds !== undefined ? 'The container runtime sends {signal} to container {container}; SIGKILL follows in {graceSeconds} s if it has not exited' : 'The container runtime sends {signal} to container {container}', p),
  'cri.sigkill': 'The grace period is over: the container runtime sends SIGKILL to container {container}',
  'kube-proxy.sync': 'kube-proxy on {node} rewrites its iptables rules: {services} Service port(s), {endpoints} endpoint(s), {rules} rules',
  'kube-proxy.sync.unchanged': 'kube-proxy on {node} re-syncs its iptables rules: nothing changed',
  'cri.container_exited': ({ p }) =>
    interpolate(p.signal ? 'Container {container} exited with code {exitCode} after {signal}' : 'Container {container} exited with code {exitCode}', p),
  'cri.stop_pod_sandbox': ({ p }) =>
    interpolate(p.ip ? 'The container runtime tears down the sandbox of pod {pod} and releases IP {ip}' : 'The container runtime tears down the sandbox of pod {pod}', p),
  'cri.sandbox_stopped': 'The sandbox of pod {pod} is stopped',
  'kubelet.volumes_unmounted': 'The kubelet has unmounted the volumes of pod {pod}: nothing of it is left on {node}',
  'cri.remove_pod_sandbox': 'The container runtime removes the sandbox of pod {pod}',
};

/** Unknown keys: "the kubelet on node-1 → the container runtime on node-1: cri remove container (Pod nginx)". */
function generic({ e, c }: NarrationContext): string {
  const what = e.type.replace(/[._]/g, ' ');
  const obj = e.object ? ` (${e.object.kind} ${e.object.name})` : '';
  const route = e.from === e.to ? c.component(e.from) : `${c.component(e.from)} → ${c.component(e.to)}`;
  return `${route}: ${what}${obj}`;
}

export const en: Catalogue = { locale: 'en', events, generic, component, format: { seconds, bytes, list } };
