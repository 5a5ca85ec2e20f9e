// `kubectl drain NODE…`: twin of staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go (RunDrain,
// deleteOrEvictPodsSimple) over staging/src/k8s.io/kubectl/pkg/drain/{drain,filters,cordon}.go:
// cordon, list the node's pods by spec.nodeName, filter them (DaemonSet, mirror, emptyDir, no
// controller), evict each through pods/eviction — a 429 (a PodDisruptionBudget) is retried every
// 5 s — and wait, polling every second, until each pod is gone. The Terminal runs one command at a
// time, so what happens after the first round is a DrainProgress the Terminal polls as the
// cluster's clock moves (the retry and poll intervals are virtual seconds); it prints the lines
// kubectl prints, at the moments it would print them. Where kubectl's goroutines or Go's map
// order make the order of lines random (several pods evicted at once, several warnings), this
// prints them in the server's list order.
import type { RestResponse } from '../handler';
import { type ParsedArgs, flagBool } from './args';

type Obj = Record<string, any>;

export interface DrainApi {
  call(method: string, url: string, body?: unknown, contentType?: string): RestResponse;
  /** kubectl's clock (the cluster's virtual time in the app), ms */
  nowMs(): number;
}

export interface DrainResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** pods still to evict or to wait for: the command goes on */
  progress?: DrainProgress;
}

/** drain.go: the retry after a 429, and waitForDelete's poll interval */
const RETRY_MS = 5000;
const POLL_MS = 1000;

const MIRROR = 'kubernetes.io/config.mirror';
const DS_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DS_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

/** time.Duration's String(): 3s, 1m30s, 1.5s, 0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

/** time.ParseDuration for the units a user types (h, m, s, ms); a bare 0 is 0. */
export function parseGoDuration(v: string): number | undefined {
  if (v === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(v))) {
    total += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
    at = re.lastIndex;
  }
  return at === v.length && at > 0 ? total : undefined;
}

/** utilerrors.NewAggregate(errs).Error(): one message as it is, several deduplicated in brackets. */
function aggregate(errs: string[]): string {
  const seen = [...new Set(errs)];
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

interface Filtered {
  pods: Obj[];
  warnings: string;
  errors: string[];
}

interface PodWork {
  pod: Obj;
  /** evict: (re)try the eviction at `at`; wait: poll the pod at `at` */
  phase: 'evict' | 'wait' | 'done';
  at: number;
  error?: string;
}

/** One drain run: the nodes in order, each node's pods in flight. */
export class DrainProgress {
  ended = false;
  stdout = '';
  stderr = '';
  exitCode?: number;
  private work: PodWork[] = [];
  private node = 0;
  private readonly failed: string[] = [];
  private readonly remaining: string[] = [];
  private readonly deadline: number;

  constructor(
    private readonly api: DrainApi,
    private readonly nodes: string[],
    private readonly opts: { ignoreDaemonSets: boolean; deleteEmptyDirData: boolean; force: boolean; gracePeriod: number; timeoutMs: number; podSelector?: string; dryRun: 'none' | 'client' | 'server' },
  ) {
    // evictPods: a 0 timeout is forever
    this.deadline = opts.timeoutMs > 0 ? api.nowMs() + opts.timeoutMs : Infinity;
  }

  /** What was printed since the last take (stdout and stderr apart). */
  take(): { stdout: string; stderr: string; exitCode?: number } {
    const out = { stdout: this.stdout, stderr: this.stderr, ...(this.exitCode !== undefined ? { exitCode: this.exitCode } : {}) };
    this.stdout = '';
    this.stderr = '';
    return out;
  }

  /** GetPodsForDeletion: the node's pods through the filters (makeFilters' order; the first that refuses wins). */
  private podsForDeletion(node: string): Filtered {
    const q = new URLSearchParams();
    if (this.opts.podSelector) q.set('labelSelector', this.opts.podSelector);
    q.set('fieldSelector', `spec.nodeName=${node}`);
    const r = this.api.call('GET', `/api/v1/pods?${q}`);
    const list = JSON.parse(r.body) as Obj;
    if (r.code >= 300) return { pods: [], warnings: '', errors: [list.message ?? 'unknown error'] };
    const warn = new Map<string, string[]>();
    const errs = new Map<string, string[]>();
    const pods: Obj[] = [];
    const add = (m: Map<string, string[]>, msg: string, pod: Obj) => m.set(msg, [...(m.get(msg) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
    for (const pod of list.items ?? []) {
      const st = this.filter(pod);
      if (st.reason === 'warning') add(warn, st.message!, pod);
      if (st.reason === 'error') add(errs, st.message!, pod);
      if (st.delete) pods.push(pod);
    }
    return {
      pods,
      warnings: [...warn].map(([k, v]) => `${k}: ${v.join(', ')}`).join('; '),
      errors: [...errs].map(([k, v]) => `cannot delete ${k}: ${v.join(', ')}`),
    };
  }

  private filter(pod: Obj): { delete: boolean; reason: 'okay' | 'skip' | 'warning' | 'error'; message?: string } {
    const phase = pod.status?.phase;
    const finished = phase === 'Succeeded' || phase === 'Failed';
    const ref = (pod.metadata.ownerReferences ?? []).find((o: Obj) => o.controller === true);
    // daemonSetFilter
    if (ref?.kind === 'DaemonSet' && !finished) {
      const ds = this.api.call('GET', `/apis/apps/v1/namespaces/${pod.metadata.namespace}/daemonsets/${ref.name}`);
      if (ds.code >= 300) {
        const msg = JSON.parse(ds.body).message as string;
        if (ds.code === 404 && this.opts.force) return { delete: true, reason: 'warning', message: msg };
        return { delete: false, reason: 'error', message: msg };
      }
      if (!this.opts.ignoreDaemonSets) return { delete: false, reason: 'error', message: DS_FATAL };
      return { delete: false, reason: 'warning', message: DS_WARNING };
    }
    // mirrorPodFilter
    if (pod.metadata.annotations?.[MIRROR] !== undefined) return { delete: false, reason: 'skip' };
    // localStorageFilter: its warning is dropped by the next filter (upstream's TODO says so)
    if ((pod.spec?.volumes ?? []).some((v: Obj) => v.emptyDir) && !finished && !this.opts.deleteEmptyDirData) return { delete: false, reason: 'error', message: LOCAL_FATAL };
    // unreplicatedFilter
    if (finished || ref) return { delete: true, reason: 'okay' };
    if (this.opts.force) return { delete: true, reason: 'warning', message: UNMANAGED_WARNING };
    return { delete: false, reason: 'error', message: UNMANAGED_FATAL };
  }

  /** The printer's dry-run suffix (PrintFlags.WithDryRunStrategy). */
  private get suffix(): string {
    return this.opts.dryRun === 'client' ? ' (dry run)' : this.opts.dryRun === 'server' ? ' (server dry run)' : '';
  }

  /** Cordon every node first (RunCordonOrUncordon), printing kubectl's line for each; a failed patch is printed and passed over. */
  cordonAll(): boolean {
    for (const name of this.nodes) {
      const r = this.api.call('GET', `/api/v1/nodes/${name}`);
      const o = JSON.parse(r.body) as Obj;
      if (r.code >= 300) {
        this.stderr += o.reason ? `Error from server (${o.reason}): ${o.message}\n` : `Error from server: ${o.message}\n`;
        this.finish(1);
        return false;
      }
      if (o.spec?.unschedulable) {
        this.stdout += `node/${name} already cordoned${this.suffix}\n`;
        continue;
      }
      if (this.opts.dryRun !== 'client') {
        const p = this.api.call('PATCH', `/api/v1/nodes/${name}${this.opts.dryRun === 'server' ? '?dryRun=All' : ''}`, { spec: { unschedulable: true } }, 'application/strategic-merge-patch+json');
        if (p.code >= 300) {
          this.stderr += `error: unable to cordon node "${name}": ${(JSON.parse(p.body) as Obj).message}\n`;
          continue;
        }
      }
      this.stdout += `node/${name} cordoned${this.suffix}\n`;
    }
    return true;
  }

  /** Start draining the current node (deleteOrEvictPodsSimple up to the evictions). */
  private beginNode(): void {
    const name = this.nodes[this.node];
    const list = this.podsForDeletion(name);
    if (list.errors.length) return this.nodeFailed(name, list.errors);
    if (list.warnings) this.stderr += `Warning: ${list.warnings}\n`;
    if (this.opts.dryRun === 'client') {
      for (const pod of list.pods) this.stdout += `evicting pod ${pod.metadata.namespace}/${pod.metadata.name} (dry run)\n`;
      this.work = [];
      return;
    }
    const now = this.api.nowMs();
    this.work = list.pods.map((pod) => ({ pod, phase: 'evict', at: now }));
  }

  /** Run every step that is due: evictions, retries and polls, then the node's end. */
  advance(): void {
    if (this.ended) return;
    const now = this.api.nowMs();
    for (;;) {
      const due = this.work.filter((w) => w.phase !== 'done' && w.at <= now).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.step(due);
    }
    if (this.work.every((w) => w.phase === 'done')) this.endNode();
  }

  private step(w: PodWork): void {
    const { namespace, name, uid } = w.pod.metadata;
    if (w.phase === 'evict') {
      this.stdout += `evicting pod ${namespace}/${name}${this.opts.dryRun === 'server' ? ' (server dry run)' : ''}\n`;
      if (w.at >= this.deadline) return this.done(w, `error when evicting pods/"${name}" -n "${namespace}": global timeout reached: ${goDuration(this.opts.timeoutMs)}`);
      const deleteOptions: Obj = this.opts.gracePeriod >= 0 ? { gracePeriodSeconds: this.opts.gracePeriod } : {};
      if (this.opts.dryRun === 'server') deleteOptions.dryRun = ['All'];
      const body: Obj = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace }, deleteOptions };
      const r = this.api.call('POST', `/api/v1/namespaces/${namespace}/pods/${name}/eviction`, body);
      // a server dry run does not wait for a deletion that was not made
      if (r.code < 300 && this.opts.dryRun === 'server') return this.done(w);
      if (r.code < 300) {
        // waitForDelete: wait.PollImmediate, the first look at once
        w.phase = 'wait';
        return this.look(w, uid);
      }
      const s = JSON.parse(r.body) as Obj;
      if (r.code === 404) return this.done(w);
      if (r.code === 429) {
        this.stderr += `error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${s.message}\n`;
        w.at += RETRY_MS;
        return;
      }
      return this.done(w, `error when evicting pods/"${name}" -n "${namespace}": ${s.message}`);
    }
    this.look(w, uid);
  }

  /** One poll of waitForDelete: gone (or replaced under the same name) is evicted. */
  private look(w: PodWork, uid: string): void {
    const { namespace, name } = w.pod.metadata;
    const r = this.api.call('GET', `/api/v1/namespaces/${namespace}/pods/${name}`);
    const o = JSON.parse(r.body) as Obj;
    if (r.code === 404 || (r.code < 300 && o.metadata?.uid !== uid)) {
      this.stdout += `pod/${name} evicted\n`;
      return this.done(w);
    }
    if (r.code >= 300) return this.done(w, `error when waiting for pod "${name}" in namespace "${namespace}" to terminate: ${o.message}`);
    if (w.at >= this.deadline) return this.done(w, `error when waiting for pod "${name}" in namespace "${namespace}" to terminate: global timeout reached: ${goDuration(this.opts.timeoutMs)}`);
    w.at += POLL_MS;
  }

  private done(w: PodWork, error?: string): void {
    w.phase = 'done';
    if (error) w.error = error;
  }

  private endNode(): void {
    const name = this.nodes[this.node];
    const errs = this.work.filter((w) => w.error).map((w) => w.error!);
    this.work = [];
    if (errs.length) {
      // deleteOrEvictPodsSimple: the pods still there when the evictions failed
      const pending = this.podsForDeletion(name);
      if (pending.pods.length) {
        this.stderr += `There are pending pods in node "${name}" when an error occurred: ${aggregate(errs)}\n`;
        for (const p of pending.pods) this.stderr += `pod/${p.metadata.name}\n`;
      }
      if (pending.errors.length) this.stderr += `Following errors occurred while getting the list of pods to delete:\n${aggregate(pending.errors)}`;
      return this.nodeFailed(name, errs);
    }
    this.stdout += `node/${name} drained${this.suffix}\n`;
    this.nextNode();
  }

  private nodeFailed(name: string, errs: string[]): void {
    this.stderr += `error: unable to drain node "${name}" due to error: ${aggregate(errs)}, continuing command...\n`;
    this.remaining.push(name);
    this.failed.push(...errs);
    this.work = [];
    this.nextNode();
  }

  private nextNode(): void {
    this.node++;
    if (this.node < this.nodes.length) {
      this.beginNode();
      return this.advance();
    }
    if (this.remaining.length) {
      this.stderr += `There are pending nodes to be drained:\n${this.remaining.map((n) => ` ${n}\n`).join('')}`;
      // checkErr prints the flattened aggregate, one error a line
      this.stderr += [...new Set(this.failed)].map((e) => `${e}\n`).join('');
      return this.finish(1);
    }
    this.finish(0);
  }

  private finish(code: number): void {
    this.exitCode = code;
    this.ended = true;
  }

  /** Cordon, then the first node's first round. */
  run(): void {
    if (!this.cordonAll()) return;
    this.beginNode();
    this.advance();
  }
}

/** `kubectl drain`: what it prints at once, and its progress when pods are still to go. */
export function runDrain(api: DrainApi, p: ParsedArgs): DrainResult {
  const nodes = p.args;
  if (!nodes.length) return { stdout: '', stderr: `error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n`, exitCode: 1 };
  const timeout = p.flags.get('timeout') ?? '0s';
  const timeoutMs = parseGoDuration(timeout);
  if (timeoutMs === undefined) return { stdout: '', stderr: `error: invalid argument "${timeout}" for "--timeout" flag: time: invalid duration "${timeout}"\nSee 'kubectl drain --help' for usage.\n`, exitCode: 1 };
  const dryRun = p.flags.get('dry-run') ?? 'none';
  if (!['none', 'client', 'server'].includes(dryRun)) return { stdout: '', stderr: `error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`, exitCode: 1 };
  const progress = new DrainProgress(api, nodes, {
    dryRun: dryRun as 'none' | 'client' | 'server',
    ignoreDaemonSets: flagBool(p, 'ignore-daemonsets'),
    deleteEmptyDirData: flagBool(p, 'delete-emptydir-data'),
    force: flagBool(p, 'force'),
    gracePeriod: Number(p.flags.get('grace-period') ?? -1),
    timeoutMs,
    podSelector: p.flags.get('pod-selector'),
  });
  progress.run();
  const { stdout, stderr, exitCode } = progress.take();
  return { stdout, stderr, exitCode: exitCode ?? 0, ...(progress.ended ? {} : { progress }) };
}
