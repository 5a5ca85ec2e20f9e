// The in-app terminal's kubectl: a kubectl client over the same REST handlers the real kubectl
// reaches through `npm run serve` (src/rest/handler.ts). It builds the requests kubectl sends and
// prints what kubectl prints (staging/src/k8s.io/kubectl/pkg/cmd/*): tables from the server's
// meta.k8s.io Table through tabwriter, `-o yaml|json|name|wide`, the success lines
// (`deployment.apps/web created`, `pod "x" deleted`) and the errors (cmd/util/helpers.go checkErr).
import { parseAllDocuments, stringify } from 'yaml';
import { EPOCH_MS, LAST_APPLIED, threeWayMergePatch } from '../../engine';
import { explain } from './explain';
import { type DescribeClient, canDescribe, describeObject } from './describe-kinds';
import { kubectlExec } from './exec';
import { kubectlDebug } from './debug';
import { CreateError, type Generated, asTyped, createFailure, generate, typedJson } from './create';
import { groups, resourcesOf } from '../discovery';
import type { RestRequest, RestResponse } from '../handler';
import { type ParsedArgs, UsageError, flagBool, flagValues, parseArgs, splitWords } from './args';
import { tabwrite } from './tabwriter';
import { splitHeredoc } from './heredoc';
import { SortError, sortBy } from './sort';
import { TopError, top } from './top';
import type { Stream } from '../http';
import { type DrainProgress, runDrain } from './drain';

type Obj = Record<string, any>;

export interface KubectlEnv {
  handle(req: RestRequest): RestResponse;
  /** the context's namespace (`kubectl config set-context --current --namespace`) */
  namespace: string;
  /** what `-f NAME` reads (the editor's buffer is `manifest.yaml`) */
  files: Record<string, string>;
  /** kubectl's clock, RFC 3339 (rollout restart stamps it): the cluster's virtual time in the app */
  now?: () => string;
  /** kubectl's clock in epoch ms, for the ages describe computes itself (its Events table) */
  nowMs?: () => number;
}

export interface KubectlOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** `get -w`: the command goes on printing (pollWatch) until it is stopped (Ctrl+C) */
  watching?: boolean;
  /** `delete` waiting for its objects to go (--wait, the default): printed first, then polled */
  waitsForDeletion?: boolean;
}

/** A `get -w` in progress: the server's watch and how its rows are printed. */
interface Watching {
  stream: Stream;
  print(table: Obj): string;
}

/** A resource as discovery lists it. */
interface Resource {
  name: string;
  singular: string;
  shortNames: string[];
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  categories: string[];
}

function discovery(): Resource[] {
  const out: Resource[] = [];
  for (const g of groups()) {
    for (const r of resourcesOf(g.group, g.version)) {
      if (r.name.includes('/')) continue;
      out.push({ name: r.name, singular: r.singularName, shortNames: r.shortNames ?? [], kind: r.kind, group: g.group, version: g.version, namespaced: r.namespaced, categories: r.categories ?? [] });
    }
  }
  return out;
}

/** `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deploy` → the resource (RESTMapper's matching). */
function resolve(arg: string): Resource | undefined {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const [name, group] = dot > 0 ? [lower.slice(0, dot), lower.slice(dot + 1)] : [lower, undefined];
  return discovery().find((r) => (group === undefined || r.group === group || `${r.version}.${r.group}` === group) && (r.name === name || r.singular === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name));
}

/** `deployment.apps`, `pod`: how kubectl names a kind in its output (GroupKind, lower case). */
const kindName = (r: Resource) => (r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase());
/** `deployments.apps`, `pods`: the qualified resource of error texts */
const resourceName = (r: Resource) => (r.group ? `${r.name}.${r.group}` : r.name);

function basePath(r: Resource, namespace: string | undefined): string {
  const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${root}/namespaces/${namespace}/${r.name}` : `${root}/${r.name}`;
}

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

class Failure extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

/** kubectl's words for a Status error (cmd/util/helpers.go checkErr, StandardErrorMessage). */
function statusText(s: Obj, wrap?: string): string {
  const details = s.details ?? {};
  if (s.reason === 'Invalid' && details.causes?.length) {
    const prefix = details.kind || details.name ? `The ${details.kind} "${details.name}" is invalid: ` : 'The request is invalid: ';
    const seen = new Set<string>();
    const msgs: string[] = [];
    for (const c of details.causes as Obj[]) {
      const m = `${c.field}: ${c.message}`;
      if (!seen.has(m)) seen.add(m), msgs.push(m);
    }
    return msgs.length === 1 ? `${prefix}${msgs[0]}\n` : `${prefix}\n${msgs.map((m) => `* ${m}\n`).join('')}`;
  }
  const msg = wrap ? `${wrap}: ${s.message}` : s.message;
  return s.reason ? `Error from server (${s.reason}): ${msg}\n` : `Error from server: ${msg}\n`;
}

/** kubectl's -o yaml: sigs.k8s.io/yaml over the JSON (keys sorted, lists not indented, YAML 1.1 quoting). */
export function toYaml(o: unknown): string {
  return stringify(o, { version: '1.1', sortMapEntries: true, indentSeq: false, lineWidth: 0, minContentWidth: 0 });
}

/** kubectl's -o json: encoding/json MarshalIndent with four spaces over an unstructured map (keys sorted). */
export function toJson(o: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v as Obj).sort().map((k) => [k, sort((v as Obj)[k])]));
    return v;
  };
  return `${JSON.stringify(sort(o), null, 4)}\n`;
}

/**
 * The manifest with kubectl's last-applied-configuration (apply/apply.go GetModifiedConfiguration):
 * the object as kubectl holds it — its namespace filled in from the context, its annotations map
 * kept (empty once the annotation itself is taken out) — as JSON of an unstructured map (keys sorted).
 */
function withLastApplied(o: Obj, namespace: string | undefined): Obj {
  const copy = structuredClone(o);
  copy.metadata ??= {};
  if (namespace && !copy.metadata.namespace) copy.metadata.namespace = namespace;
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: `${goJson(copy)}\n` };
  return copy;
}

/** encoding/json Marshal of an unstructured map: keys sorted, no spaces, <, > and & escaped as Go does. */
function goJson(o: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v as Obj).sort().map((k) => [k, sort((v as Obj)[k])]));
    return v;
  };
  return JSON.stringify(sort(o)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The image's last path element without tag or digest: kubectl's container name for an image (create deployment, run). */
function containerNameOf(image: string): string {
  const base = image.split('/').pop() ?? image;
  return base.split('@')[0].split(':')[0];
}

export class KubectlSession {
  private out = '';
  private err = '';
  private watch: Watching | null = null;
  /** a `drain` still evicting or waiting for pods */
  private draining: DrainProgress | null = null;
  private stdin: string | undefined;
  /** a `delete` waiting for its objects to go: one watch per object still held by a grace period or finalizers */
  private waiting: { streams: Stream[]; code: number } | null = null;
  /** `logs -f`: the container's log as it grows, until the container stops */
  private following: Stream | null = null;

  constructor(private readonly env: KubectlEnv) {}

  /** Run one command line (with or without the leading `kubectl`); `stdin` is what `-f -` reads, or a here-document the line carries. */
  run(input: string, opts: { stdin?: string } = {}): KubectlOutput {
    const { command: line, stdin } = splitHeredoc(input);
    this.stdin = opts.stdin ?? stdin;
    this.out = '';
    this.err = '';
    this.watch = null;
    this.draining = null;
    this.waiting = null;
    this.following = null;
    let code = 0;
    try {
      let words = splitWords(line.trim());
      if (words[0] === 'kubectl' || words[0] === 'k') words = words.slice(1);
      // each kubectl command has its own shorthands: for logs, -f is --follow (not --filename)
      if (words[0] === 'logs') words = words.map((w) => (w === '-f' ? '--follow' : w));
      if (!words.length) return { stdout: '', stderr: '', exitCode: 0 };
      const p = parseArgs(words);
      code = this.dispatch(p);
    } catch (e) {
      if (e instanceof Failure) this.err += e.text;
      else if (e instanceof UsageError) this.err += `error: ${e.message}\nSee 'kubectl --help' for usage.\n`;
      else this.err += `error: ${(e as Error).message}\n`;
      code = 1;
    }
    // (dispatch may have set them: TypeScript keeps the narrowing of the resets above)
    const waiting = (this.waiting as KubectlSession['waiting']) !== null;
    const following = (this.following as KubectlSession['following']) !== null;
    return { stdout: this.out, stderr: this.err, exitCode: code, ...(this.watch || this.draining || waiting || following ? { watching: true } : {}), ...(waiting ? { waitsForDeletion: true } : {}) };
  }

  /** A running `drain` (drain.ts): what it printed as the clock moved, and its exit code once done. */
  pollDrain(upToRevision?: number): { stdout: string; stderr: string; exitCode?: number } | undefined {
    if (this.waiting) return this.pollWait(upToRevision);
    if (this.following) {
      const stdout = this.following.poll(upToRevision).join('');
      if (!this.following.ended) return { stdout, stderr: '' };
      this.following = null;
      return { stdout, stderr: '', exitCode: 0 };
    }
    if (!this.draining) return undefined;
    this.draining.advance();
    const out = this.draining.take();
    if (out.exitCode !== undefined) this.draining = null;
    return out;
  }

  /** delete.go waitForDeletion: done once a watch saw each object DELETED (up to the played revision). */
  private pollWait(upToRevision?: number): { stdout: string; stderr: string; exitCode?: number } {
    const w = this.waiting!;
    w.streams = w.streams.filter((stream) => {
      for (const frame of stream.poll(upToRevision)) if ((JSON.parse(frame) as { type: string }).type === 'DELETED') return false;
      return !stream.ended;
    });
    if (w.streams.length) return { stdout: '', stderr: '' };
    this.waiting = null;
    return { stdout: '', stderr: '', exitCode: w.code };
  }

  /** What a running `get -w` prints for the changes up to `upToRevision` (all of them when left out). */
  pollWatch(upToRevision?: number): string {
    if (!this.watch) return '';
    let out = '';
    for (const frame of this.watch.stream.poll(upToRevision)) {
      const ev = JSON.parse(frame) as { type: string; object: Obj };
      if (ev.type === 'ERROR') {
        out += `Error from server (${ev.object.reason}): ${ev.object.message}\n`;
        continue;
      }
      out += this.watch.print(ev.object);
    }
    if (this.watch.stream.ended) this.watch = null;
    return out;
  }

  /** Ctrl+C on a running `get -w`. */
  stopWatch(): void {
    this.watch = null;
    this.draining = null;
    this.waiting = null;
    this.following = null;
  }

  private ns(p: ParsedArgs): string {
    return p.flags.get('namespace') ?? this.env.namespace;
  }

  private call(p: ParsedArgs, method: string, url: string, body?: unknown, contentType = 'application/json', accept = 'application/json'): RestResponse {
    const headers: Record<string, string> = { accept };
    if (body !== undefined) headers['content-type'] = contentType;
    const as = p.flags.get('as');
    if (as) headers['impersonate-user'] = as;
    const asGroup = p.flags.get('as-group');
    if (asGroup) headers['impersonate-group'] = asGroup;
    return this.env.handle({ method, url, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /** The JSON body of a 2xx answer, or a Failure with kubectl's error text. */
  private ok(r: RestResponse, wrap?: string): Obj {
    const body = r.contentType.includes('json') ? (JSON.parse(r.body || '{}') as Obj) : { text: r.body };
    if (r.code >= 300) throw new Failure(statusText(body, wrap));
    return body;
  }

  /** Print kubectl's success line for a 2xx answer, or its error text; 0 or 1 for the exit code. */
  private report(res: RestResponse, success: string, wrap?: string): number {
    if (res.code >= 300) {
      this.err += statusText(JSON.parse(res.body), wrap);
      return 1;
    }
    this.out += success;
    return 0;
  }

  private dispatch(p: ParsedArgs): number {
    const [cmd, ...rest] = p.args;
    const q: ParsedArgs = { ...p, args: rest };
    switch (cmd) {
      case 'get':
        return this.get(q);
      case 'create':
        return this.create(q);
      case 'run':
        return this.runPod(q);
      case 'apply':
        return this.apply(q);
      case 'delete':
        return this.del(q);
      case 'scale':
        return this.scale(q);
      case 'set':
        return this.set(q);
      case 'label':
      case 'annotate':
        return this.meta(q, cmd);
      case 'cordon':
      case 'uncordon':
        return this.cordon(q, cmd === 'cordon');
      case 'drain': {
        const r = runDrain({ call: (m, u, b, ct) => this.call(q, m, u, b, ct), nowMs: () => this.env.nowMs?.() ?? Date.now() }, q);
        this.out += r.stdout;
        this.err += r.stderr;
        this.draining = r.progress ?? null;
        return r.exitCode;
      }
      case 'exec': {
        const r = kubectlExec({ ...q, ...(p.dash === undefined ? {} : { dash: p.dash - 1 }) }, { handle: this.env.handle, namespace: this.ns(p), statusText });
        this.out += r.stdout;
        this.err += r.stderr;
        return r.exitCode;
      }
      case 'debug': {
        const r = kubectlDebug({ ...q, ...(p.dash === undefined ? {} : { dash: p.dash - 1 }) }, { handle: this.env.handle, namespace: this.ns(p), statusText, random: Math.random });
        this.out += r.stdout;
        this.err += r.stderr;
        return r.exitCode;
      }
      case 'logs':
        return this.logs(q);
      case 'rollout':
        return this.rollout(q);
      case 'auth':
        return this.auth(q);
      case 'describe':
        return this.describe(q);
      case 'taint':
        return this.taint(q);
      case 'expose':
        return this.expose(q);
      case 'api-resources':
        return this.apiResources(q);
      case 'explain':
        return this.explain(q);
      case 'top':
        return this.top(q);
      case 'api-versions':
        this.out += groups().map((g) => (g.group ? `${g.group}/${g.version}` : g.version)).sort().map((s) => `${s}\n`).join('');
        return 0;
      case 'config':
        return this.config(q);
      case 'version':
        return this.version(q);
      default:
        throw new Failure(`error: unknown command "${cmd}" for "kubectl"\n\nDid you mean this?\n${suggest(cmd)}`);
    }
  }

  // ---- get ---------------------------------------------------------------------------------

  private get(p: ParsedArgs): number {
    if (!p.args.length) throw new Failure(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n`);
    const all = flagBool(p, 'all-namespaces');
    const ns = all ? undefined : this.ns(p);
    const output = p.flags.get('output') ?? '';
    // `get pod/a deploy/b` or `get pods a b` or `get pods,deploy`
    const targets: Array<{ r: Resource; names: string[] }> = [];
    if (p.args[0].includes('/')) {
      for (const a of p.args) {
        const [t, name] = a.split('/');
        const r = this.mustResolve(t);
        const found = targets.find((x) => x.r === r);
        if (found) found.names.push(name);
        else targets.push({ r, names: [name] });
      }
    } else {
      const types = p.args[0].split(',').flatMap((t) => (t === 'all' ? discovery().filter((r) => r.categories.includes('all')).sort(allOrder) : [this.mustResolve(t)]));
      for (const r of types) targets.push({ r, names: p.args.slice(1) });
    }
    const multi = targets.length > 1 || p.args[0].includes('/');
    const lists: Array<{ r: Resource; objects: Obj[]; table?: Obj }> = [];
    let failed = false;
    for (const { r, names } of targets) {
      const q = new URLSearchParams();
      const sel = p.flags.get('selector');
      if (sel) q.set('labelSelector', sel);
      const fsel = p.flags.get('field-selector');
      if (fsel) q.set('fieldSelector', fsel);
      const human = output === '' || output === 'wide';
      if (names.length) {
        const objects: Obj[] = [];
        const rows: Obj[] = [];
        let table: Obj | undefined;
        for (const n of names) {
          const res = this.call(p, 'GET', `${basePath(r, ns ?? this.env.namespace)}/${n}`, undefined, undefined, human ? TABLE_ACCEPT : 'application/json');
          if (res.code >= 300) {
            this.err += statusText(JSON.parse(res.body));
            failed = true;
            continue;
          }
          const body = JSON.parse(res.body) as Obj;
          if (human) {
            table ??= body;
            rows.push(...body.rows);
          } else objects.push(body);
        }
        if (table) table.rows = rows;
        if (objects.length || table?.rows.length) lists.push({ r, objects, table });
      } else {
        // get.go transformRequests: sorting a table needs the rows' whole objects
        if (human && p.flags.has('sort-by')) q.set('includeObject', 'Object');
        // get.go: pages of --chunk-size (500) followed through their continue tokens; none when sorting
        const chunk = p.flags.has('sort-by') || flagBool(p, 'watch') ? 0 : Number(p.flags.get('chunk-size') ?? 500);
        if (chunk > 0) q.set('limit', String(chunk));
        let body: Obj | undefined;
        for (;;) {
          const qs = q.toString();
          const res = this.call(p, 'GET', `${basePath(r, ns)}${qs ? `?${qs}` : ''}`, undefined, undefined, human ? TABLE_ACCEPT : 'application/json');
          const page = this.ok(res);
          if (!body) body = page;
          else if (human) body.rows.push(...page.rows);
          else body.items.push(...(page.items ?? []));
          const next = page.metadata?.continue;
          if (!chunk || !next) break;
          q.set('continue', next);
        }
        if (human) lists.push({ r, objects: [], table: body! });
        else lists.push({ r, objects: body!.items ?? [] });
      }
    }
    const sortField = p.flags.get('sort-by');
    if (sortField) {
      try {
        // get.go Run: RuntimeSorter sorts the lists themselves (the unstructured Tables: a field of
        // theirs or the error); then each Table's SortingPrinter sorts its rows, and a failure there
        // is not checked — the table is just not printed
        if (lists.length > 1) sortBy(lists, sortField, (l) => l.table ?? l.objects);
        for (const l of lists) {
          if (!l.table) sortBy(l.objects, sortField, (o) => o);
          else {
            try {
              sortBy(l.table.rows as Obj[], sortField, (row) => row.object);
            } catch (e) {
              if (!(e instanceof SortError)) throw e;
              l.table.rows = [];
            }
          }
        }
      } catch (e) {
        if (e instanceof SortError) throw new Failure(`error: ${e.message}\n`);
        throw e;
      }
    }
    const count = lists.reduce((n, l) => n + (l.table ? l.table.rows.length : l.objects.length), 0);
    const named = targets.some((t) => t.names.length);
    if (!count && !named && !flagBool(p, 'watch')) {
      if (output === '' || output === 'wide') this.err += all || !targets.every((t) => t.r.namespaced) ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`;
      else if (output === 'json') this.out += toJson({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } });
      else if (output === 'yaml') this.out += toYaml({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } });
      return 0;
    }
    if ((output === '' || output === 'wide') && flagBool(p, 'watch')) {
      // get.go watch: the list as a table, then one row per event, in the same columns
      if (targets.length !== 1) throw new Failure('error: you may only specify a single resource type\n');
      const { r } = targets[0];
      const widths: number[] = [];
      const l = lists[0];
      if (l?.table?.rows.length) this.out += this.human(l.table, r, p, all, false, widths);
      const q = new URLSearchParams({ watch: 'true', resourceVersion: String(l?.table?.metadata?.resourceVersion ?? '0') });
      const sel = p.flags.get('selector');
      if (sel) q.set('labelSelector', sel);
      const res = this.call(p, 'GET', `${basePath(r, ns)}?${q}`, undefined, undefined, TABLE_ACCEPT);
      if (res.watch) {
        res.watch.start();
        let headed = !!l?.table?.rows.length;
        this.watch = {
          stream: res.watch,
          print: (t) => {
            const text = this.human({ ...t, columnDefinitions: t.columnDefinitions ?? l?.table?.columnDefinitions }, r, p, all, false, widths, headed);
            headed = true;
            return text;
          },
        };
      }
      return failed ? 1 : 0;
    }
    if (output === '' || output === 'wide') {
      const blocks: string[] = [];
      for (const l of lists) if (l.table && l.table.rows.length) blocks.push(this.human(l.table, l.r, p, all, multi));
      this.out += blocks.join('\n');
    } else if (output === 'name') {
      for (const l of lists) for (const o of l.objects) this.out += `${kindName(l.r)}/${o.metadata.name}\n`;
    } else if (output === 'json' || output === 'yaml') {
      const objs = lists.flatMap((l) => l.objects);
      const single = objs.length === 1 && named && !multi && targets[0].names.length === 1;
      const doc = single ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
      this.out += output === 'json' ? toJson(doc) : toYaml(doc);
    } else if (output.startsWith('jsonpath=')) {
      const objs = lists.flatMap((l) => l.objects);
      const single = objs.length === 1 && named && targets[0].names.length === 1;
      this.out += jsonpath(single ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } }, output.slice('jsonpath='.length));
    } else {
      throw new Failure(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n`);
    }
    return failed ? 1 : 0;
  }

  /** The human-readable printer over a server Table (cli-runtime printers/tableprinter.go). */
  private human(t: Obj, r: Resource, p: ParsedArgs, allNamespaces: boolean, withKind: boolean, widths: number[] = [], noHeaders = false): string {
    const wide = p.flags.get('output') === 'wide';
    const cols = (t.columnDefinitions as Obj[]).map((c, i) => ({ c, i })).filter(({ c }) => wide || !c.priority);
    const head: string[] = [];
    if (allNamespaces && r.namespaced) head.push('NAMESPACE');
    head.push(...cols.map(({ c }) => String(c.name).toUpperCase()));
    const labels = flagBool(p, 'show-labels');
    if (labels) head.push('LABELS');
    const rows: string[][] = flagBool(p, 'no-headers') || noHeaders ? [] : [head];
    for (const row of t.rows as Obj[]) {
      const meta = row.object?.metadata ?? {};
      const cells: string[] = [];
      if (allNamespaces && r.namespaced) cells.push(meta.namespace ?? '');
      cols.forEach(({ i }, j) => {
        let v = row.cells[i];
        let s = v === undefined || v === null ? '<none>' : String(v);
        if (j === 0 && withKind) s = `${kindName(r)}/${s}`;
        if (s === '') s = '<none>';
        cells.push(s);
        v = undefined;
      });
      if (labels) cells.push(Object.keys(meta.labels ?? {}).sort().map((k) => `${k}=${meta.labels[k]}`).join(',') || '<none>');
      rows.push(cells);
    }
    return tabwrite(rows, widths);
  }

  /** staging/src/k8s.io/kubectl/pkg/cmd/explain/explain.go: RESOURCE[.FIELD…] from its group version's /openapi/v3 document */
  private explain(p: ParsedArgs): number {
    if (!p.args.length) throw new Failure('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
    if (p.args.length > 1) throw new Failure('error: We accept only this format: explain RESOURCE\n');
    // explain.SplitAndParseResourceRequestWithMatchingPrefix: `statefulsets.apps.spec` names the group, `deploy.apps` a field
    const input = p.args[0].replace(/\.$/, '');
    const [type, ...rest] = input.split('.');
    const r = resolve(type);
    if (!r) throw new Failure(`the server doesn't have a resource type "${type}"\n`);
    const gr = resourceName(r);
    // --api-version: the plain split (SplitAndParseResourceRequest), the flag's group version
    const apiVersion = p.flags.get('api-version');
    const fieldPath = !apiVersion && input.startsWith(gr) ? input.slice(gr.length).split('.').slice(1) : rest;
    const [group, version] = apiVersion ? (apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion]) : [r.group, r.version];
    const got = this.call(p, 'GET', `/openapi/v3/${group ? `apis/${group}` : 'api'}/${version}`);
    if (got.code === 404) throw new Failure(`error: couldn't find resource for "${group}/${version}, Resource=${r.name}"\n`);
    const res = explain(this.ok(got), { group, version, resource: r.name }, fieldPath, flagBool(p, 'recursive'));
    this.out += res.stdout;
    if (res.error) throw new Failure(`${res.error}\n`);
    return 0;
  }

  private mustResolve(t: string): Resource {
    const r = resolve(t);
    if (!r) throw new Failure(`error: the server doesn't have a resource type "${t}"\n`);
    return r;
  }

  // ---- create / run / expose -----------------------------------------------------------------

  private create(p: ParsedArgs): number {
    if (p.flags.has('filename')) return this.createFromFile(p);
    if (['secret', 'service', 'svc'].includes(p.args[0] ?? '')) return this.createMore(p);
    const [what, name] = p.args;
    const ns = this.ns(p);
    if (!what) throw new Failure('error: must specify one of -f and -k\n');
    if (!name && ['serviceaccount', 'sa', 'role', 'clusterrole', 'rolebinding', 'clusterrolebinding', 'job', 'cronjob', 'cj'].includes(what)) return this.createMore(p);
    if (!name) throw new Failure(`error: exactly one NAME is required, got 0\nSee 'kubectl create ${what} -h' for help and examples\n`);
    let r: Resource;
    let body: Obj;
    switch (what) {
      case 'deployment':
      case 'deploy': {
        const image = p.flags.get('image');
        if (!image) throw new Failure(`error: required flag(s) "image" not set\n`);
        const replicas = Number(p.flags.get('replicas') ?? 1);
        const labels = { app: name };
        r = this.mustResolve('deployments.apps');
        body = {
          kind: 'Deployment', apiVersion: 'apps/v1',
          metadata: { name, labels },
          spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: containerNameOf(image), image, resources: {} }] } }, strategy: {} },
          status: {},
        };
        if (p.flags.has('port')) body.spec.template.spec.containers[0].ports = [{ containerPort: Number(p.flags.get('port')) }];
        break;
      }
      case 'namespace':
      case 'ns':
        r = this.mustResolve('namespaces');
        body = { kind: 'Namespace', apiVersion: 'v1', metadata: { name }, spec: {}, status: {} };
        break;
      case 'configmap':
      case 'cm': {
        r = this.mustResolve('configmaps');
        const data: Obj = {};
        for (const lit of allValues(p, 'from-literal')) {
          const eq = lit.indexOf('=');
          data[lit.slice(0, eq)] = lit.slice(eq + 1);
        }
        body = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name }, ...(Object.keys(data).length ? { data } : {}) };
        break;
      }
      default:
        return this.createMore(p);
    }
    return this.sendCreated(p, r, ns, body, (st) => createFailure(what, undefined, body, st));
  }

  /** The generators of create.ts (secret, service, role, rolebinding, serviceaccount, job, cronjob …). */
  private createMore(p: ParsedArgs): number {
    const sub = ['secret', 'service', 'svc'].includes(p.args[0]) ? p.args[1] : undefined;
    const what = p.args[0];
    const command = p.rest ?? [];
    const names = p.args.slice(sub === undefined ? 1 : 2, p.args.length - command.length);
    if (sub === undefined && what !== 'secret' && what !== 'service' && !isGenerator(what)) throw new Failure(`error: unknown command "${what}" for "kubectl create"\n`);
    if (names.length !== 1) throw new Failure(`error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${sub ? `${what} ${sub}` : what} -h' for help and examples\n`);
    const ns = this.ns(p);
    let g: Generated | undefined;
    try {
      g = generate(what, sub, names[0], p, {
        enforced: p.flags.get('namespace'),
        mapResource: (w) => {
          const r = resolve(w);
          return r && { resource: r.name, group: r.group };
        },
        getObject: (res, n) => this.ok(this.call(p, 'GET', `${basePath(this.mustResolve(res), ns)}/${n}`)),
      }, (w) => (this.err += w), command);
    } catch (e) {
      if (e instanceof CreateError) throw new Failure(e.message);
      throw e;
    }
    if (!g) throw new Failure(`error: unknown command "${what}" for "kubectl create"\n`);
    const body = g.body;
    return this.sendCreated(p, this.mustResolve(g.resource), ns, body, (st) => createFailure(what, sub, body, st));
  }

  /** POST the object and print as kubectl does — `KIND/NAME created`, `-o yaml|json|name` — or, with --dry-run=client, the object it would send. */
  private sendCreated(p: ParsedArgs, r: Resource, ns: string, body: Obj, failure: (status: Obj) => string | undefined): number {
    const dry = p.flags.get('dry-run');
    const output = p.flags.get('output') ?? '';
    if (dry !== undefined && dry !== 'none' && dry !== 'client' && dry !== 'server') throw new Failure(`error: Invalid dry-run value (${dry}). Must be "none", "server", or "client".\n`);
    let o: Obj;
    if (dry === 'client') o = asTyped(body);
    else {
      // the status is not sent: the real kubectl's protobuf body reaches this server without it
      const { status: _status, ...sent } = body;
      const res = this.call(p, 'POST', `${basePath(r, r.namespaced ? (body.metadata?.namespace ?? ns) : undefined)}${dry === 'server' ? '?dryRun=All' : ''}`, sent);
      if (res.code >= 300) {
        const st = JSON.parse(res.body) as Obj;
        throw new Failure(failure(st) ?? statusText(st));
      }
      o = JSON.parse(res.body) as Obj;
    }
    // printers: -o yaml/json print the object (the server's answer, or the dry run's), -o name KIND/NAME
    if (output === 'yaml') this.out += toYaml(o);
    else if (output === 'json') this.out += dry === 'client' ? typedJson(o) : toJson(o);
    else if (output === 'name') this.out += `${kindName(r)}/${o.metadata.name}\n`;
    else if (output === '') this.out += `${kindName(r)}/${o.metadata.name} created${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}\n`;
    else throw new Failure(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml\n`);
    return 0;
  }

  private runPod(p: ParsedArgs): number {
    const [name] = p.args;
    const image = p.flags.get('image');
    if (!name) throw new Failure(`error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n`);
    if (!image) throw new Failure(`error: required flag(s) "image" not set\n`);
    const labels: Obj = { run: name };
    for (const kv of (p.flags.get('labels') ?? '').split(',').filter(Boolean)) {
      const [k, v] = kv.split('=');
      labels[k] = v;
    }
    if (p.flags.has('labels')) delete labels.run;
    const container: Obj = { name, image, resources: {} };
    // run.go: the words after -- are the container's args, or its command with --command
    if (p.rest?.length) container[flagBool(p, 'command') ? 'command' : 'args'] = p.rest;
    if (p.flags.has('port')) container.ports = [{ containerPort: Number(p.flags.get('port')) }];
    const body = { kind: 'Pod', apiVersion: 'v1', metadata: { name, labels }, spec: { containers: [container], restartPolicy: p.flags.get('restart') ?? 'Always', dnsPolicy: 'ClusterFirst' }, status: {} };
    return this.sendCreated(p, this.mustResolve('pods'), this.ns(p), body, () => undefined);
  }

  private expose(p: ParsedArgs): number {
    const [t, n] = p.args[0]?.includes('/') ? p.args[0].split('/') : p.args;
    const r = this.mustResolve(t);
    const ns = this.ns(p);
    const o = this.ok(this.call(p, 'GET', `${basePath(r, ns)}/${n}`));
    const selector = o.spec?.selector?.matchLabels ?? o.metadata.labels ?? {};
    const port = Number(p.flags.get('port') ?? o.spec?.template?.spec?.containers?.[0]?.ports?.[0]?.containerPort);
    const target = p.flags.get('target-port');
    const spec: Obj = { ports: [{ port, protocol: 'TCP', targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : port }], selector };
    if (p.flags.has('type')) spec.type = p.flags.get('type');
    const name = p.flags.get('name') ?? n;
    const body = { kind: 'Service', apiVersion: 'v1', metadata: { name, labels: o.metadata.labels }, spec, status: { loadBalancer: {} } };
    this.ok(this.call(p, 'POST', basePath(this.mustResolve('services'), ns), body));
    this.out += `service/${name} exposed\n`;
    return 0;
  }

  // ---- apply / create -f ------------------------------------------------------------------------

  private docs(p: ParsedArgs): { file: string; objects: Obj[] } {
    const path = p.flags.get('filename')!;
    // `-f -` reads stdin, named STDIN in kubectl's messages (cli-runtime resource/visitor.go)
    const file = path === '-' ? 'STDIN' : path;
    const text = path === '-' ? (this.stdin ?? '') : this.env.files[path];
    if (text === undefined) throw new Failure(`error: the path "${file}" does not exist\n`);
    const objects: Obj[] = [];
    for (const d of parseAllDocuments(text)) {
      if (d.errors.length) throw new Failure(`error: error parsing ${file}: error converting YAML to JSON: yaml: ${d.errors[0].message}\n`);
      const o = d.toJS() as Obj | null;
      if (o) objects.push(o);
    }
    return { file, objects };
  }

  private createFromFile(p: ParsedArgs): number {
    const { file, objects } = this.docs(p);
    if (!objects.length) throw new Failure('error: no objects passed to create\n');
    let code = 0;
    for (const o of objects) {
      const r = this.mustResolve(`${o.kind}`);
      code = Math.max(code, this.report(this.call(p, 'POST', basePath(r, o.metadata?.namespace ?? this.ns(p)), o), `${kindName(r)}/${o.metadata.name} created\n`, `error when creating "${file}"`));
    }
    return code;
  }

  /** kubectl apply (client-side): GET, then POST with the last-applied annotation, or a three-way patch (cmd/apply/apply.go). */
  private apply(p: ParsedArgs): number {
    if (!p.flags.has('filename')) throw new Failure(`error: must specify one of -f and -k\n`);
    const { file, objects } = this.docs(p);
    if (!objects.length) throw new Failure('error: no objects passed to apply\n');
    let code = 0;
    for (const o of objects) {
      const r = resolve(`${o.kind}`);
      if (!r) {
        this.err += `error: resource mapping not found for name: "${o.metadata?.name}" namespace: "${o.metadata?.namespace ?? ''}" from "${file}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first\n`;
        code = 1;
        continue;
      }
      const ns = r.namespaced ? (o.metadata?.namespace ?? this.ns(p)) : undefined;
      const path = `${basePath(r, ns)}/${o.metadata?.name}`;
      if (flagBool(p, 'server-side')) {
        code = Math.max(code, this.serverSideApply(p, r, path, o));
        continue;
      }
      const cur = this.call(p, 'GET', path);
      const modified = withLastApplied(o, ns);
      if (cur.code === 404) {
        code = Math.max(code, this.report(this.call(p, 'POST', basePath(r, ns), modified), `${kindName(r)}/${o.metadata.name} created\n`, `error when creating "${file}"`));
        continue;
      }
      if (cur.code >= 300) {
        this.err += statusText(JSON.parse(cur.body), `error when retrieving current configuration of:\nResource: "${r.group ? `${r.group}/${r.version}` : r.version}, Resource=${r.name}", GroupVersionKind: "${r.group ? `${r.group}/` : ''}${r.version}, Kind=${r.kind}"\nName: "${o.metadata.name}", Namespace: "${ns ?? ''}"\nfrom server for: "${file}"`);
        code = 1;
        continue;
      }
      const current = JSON.parse(cur.body) as Obj;
      const lastText = current.metadata?.annotations?.[LAST_APPLIED];
      const original = lastText ? (JSON.parse(lastText) as Obj) : undefined;
      const patch = threeWayMergePatch(original, modified, current);
      if (!Object.keys(patch).length) {
        this.out += `${kindName(r)}/${o.metadata.name} unchanged\n`;
        continue;
      }
      code = Math.max(code, this.report(this.call(p, 'PATCH', path, patch, 'application/merge-patch+json'), `${kindName(r)}/${o.metadata.name} configured\n`, `error when patching "${file}"`));
    }
    return code;
  }

  /** `apply --server-side` (cmd/apply/apply.go applyOneObject): one apply PATCH, kubectl's manager. */
  private serverSideApply(p: ParsedArgs, r: Resource, path: string, o: Obj): number {
    const manager = p.flags.get('field-manager') ?? 'kubectl';
    const force = flagBool(p, 'force-conflicts');
    const res = this.call(p, 'PATCH', `${path}?fieldManager=${encodeURIComponent(manager)}&fieldValidation=Strict&force=${force}`, o, 'application/apply-patch+yaml');
    // unlike the client-side apply, kubectl prints the server's error without naming the file
    return this.report(res, `${kindName(r)}/${o.metadata.name} serverside-applied\n`);
  }

  // ---- delete ----------------------------------------------------------------------------------

  private del(p: ParsedArgs): number {
    // delete.go GetCascadingStrategy: the boolean spellings are deprecated, anything else refused
    const cascadeFlag = p.flags.get('cascade');
    if (cascadeFlag === 'false') this.err += 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n';
    else if (cascadeFlag === 'true') this.err += 'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n';
    else if (cascadeFlag !== undefined && !['background', 'foreground', 'orphan'].includes(cascadeFlag)) throw new Failure(`error: invalid cascade value (${cascadeFlag}). Must be "background", "foreground", or "orphan"\n`);
    const refs = this.refs(p, true);
    const q = new URLSearchParams();
    const body: Obj = {};
    const grace = p.flags.get('grace-period');
    const force = flagBool(p, 'force');
    if (force && (grace === undefined || grace === '-1')) body.gracePeriodSeconds = 0;
    else if (grace !== undefined && grace !== '-1') body.gracePeriodSeconds = Number(grace);
    const cascade = p.flags.get('cascade') ?? 'background';
    body.propagationPolicy = cascade === 'orphan' || cascade === 'false' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
    if (force) this.err += 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';
    let code = 0;
    const streams: Stream[] = [];
    for (const { r, name, ns } of refs) {
      const res = this.call(p, 'DELETE', `${basePath(r, ns)}/${name}${q.toString() ? `?${q}` : ''}`, body);
      code = Math.max(code, this.report(res, `${kindName(r)} "${name}" ${force ? 'force deleted' : 'deleted'}\n`));
      // --wait (the default): an object still there (a grace period, finalizers) is watched until
      // it is gone, as delete.go's waitForDeletion does; one gone at once needs no wait
      const o = res.code < 300 ? (JSON.parse(res.body) as Obj) : undefined;
      if (!flagBool(p, 'wait', true) || !o?.metadata?.deletionTimestamp) continue;
      const w = new URLSearchParams({ watch: 'true', resourceVersion: String(o.metadata.resourceVersion), fieldSelector: `metadata.name=${name}` });
      const watch = this.call(p, 'GET', `${basePath(r, ns)}?${w}`).watch;
      if (!watch) continue;
      watch.start();
      streams.push(watch);
    }
    if (streams.length) this.waiting = { streams, code };
    return code;
  }

  /** `TYPE NAME…`, `TYPE/NAME…`, `-f FILE` or `TYPE -l SEL` → the objects a command names. */
  private refs(p: ParsedArgs, noneOnStdout = false): Array<{ r: Resource; name: string; ns: string | undefined }> {
    const out: Array<{ r: Resource; name: string; ns: string | undefined }> = [];
    if (p.flags.has('filename')) {
      for (const o of this.docs(p).objects) {
        const r = this.mustResolve(o.kind);
        out.push({ r, name: o.metadata.name, ns: r.namespaced ? (o.metadata.namespace ?? this.ns(p)) : undefined });
      }
      return out;
    }
    if (!p.args.length) throw new Failure(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`);
    if (p.args[0].includes('/')) {
      for (const a of p.args) {
        const [t, name] = a.split('/');
        const r = this.mustResolve(t);
        out.push({ r, name, ns: r.namespaced ? this.ns(p) : undefined });
      }
      return out;
    }
    const r = this.mustResolve(p.args[0]);
    const ns = r.namespaced ? this.ns(p) : undefined;
    if (p.flags.has('selector') || flagBool(p, 'all')) {
      const q = new URLSearchParams();
      if (p.flags.has('selector')) q.set('labelSelector', p.flags.get('selector')!);
      const list = this.ok(this.call(p, 'GET', `${basePath(r, ns)}${q.toString() ? `?${q}` : ''}`));
      for (const o of list.items ?? []) out.push({ r, name: o.metadata.name, ns });
      // delete.go prints it on stdout
      if (!out.length) {
        if (noneOnStdout) this.out += 'No resources found\n';
        else this.err += 'No resources found\n';
      }
      return out;
    }
    if (p.args.length < 2) throw new Failure(`error: resource(s) were provided, but no name was specified\n`);
    for (const name of p.args.slice(1)) out.push({ r, name, ns });
    return out;
  }

  // ---- scale / set image / label / annotate / cordon / rollout ---------------------------------

  private scale(p: ParsedArgs): number {
    const replicas = p.flags.get('replicas');
    if (replicas === undefined) throw new Failure(`error: required flag(s) "replicas" not set\n`);
    let code = 0;
    for (const { r, name, ns } of this.refs(p)) {
      code = Math.max(code, this.report(this.call(p, 'PATCH', `${basePath(r, ns)}/${name}/scale`, { spec: { replicas: Number(replicas) } }, 'application/merge-patch+json'), `${kindName(r)}/${name} scaled\n`));
    }
    return code;
  }

  private set(p: ParsedArgs): number {
    const [sub, target, ...pairs] = p.args;
    if (sub !== 'image') throw new Failure(`error: unknown command "${sub}" for "kubectl set"\n`);
    const [t, name] = target.split('/');
    const r = this.mustResolve(t);
    const ns = this.ns(p);
    const o = this.ok(this.call(p, 'GET', `${basePath(r, ns)}/${name}`));
    const podSpec: Obj = r.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
    const wanted = new Map(pairs.map((kv) => kv.split('=') as [string, string]));
    const containers: Obj[] = [];
    let matched = false;
    for (const c of podSpec?.containers ?? []) {
      const img = wanted.get(c.name) ?? wanted.get('*');
      if (img) (containers.push({ name: c.name, image: img }), (matched = true));
    }
    for (const [c] of wanted) if (c !== '*' && !(podSpec?.containers ?? []).some((x: Obj) => x.name === c)) throw new Failure(`error: unable to find container named "${c}"\n`);
    if (!matched) return 0;
    const patchBody = r.kind === 'Pod' ? { spec: { containers } } : { spec: { template: { spec: { containers } } } };
    // a strategic merge patch: containers merge by name (the rest handler reads the merge keys)
    this.ok(this.call(p, 'PATCH', `${basePath(r, ns)}/${name}`, patchBody, 'application/strategic-merge-patch+json'));
    this.out += `${kindName(r)}/${name} image updated\n`;
    return 0;
  }

  private meta(p: ParsedArgs, cmd: 'label' | 'annotate'): number {
    const field = cmd === 'label' ? 'labels' : 'annotations';
    const words = p.args[0]?.includes('/') ? p.args.filter((a) => a.includes('/')) : p.args.slice(0, 2);
    const changes = p.args.slice(words.length);
    const refs = this.refs({ args: words, flags: p.flags });
    const set: Obj = {};
    for (const c of changes) {
      if (c.endsWith('-')) set[c.slice(0, -1)] = null;
      else {
        const eq = c.indexOf('=');
        if (eq < 0) throw new Failure(`error: at least one ${cmd === 'label' ? 'label' : 'annotation'} update is required\n`);
        set[c.slice(0, eq)] = c.slice(eq + 1);
      }
    }
    let code = 0;
    for (const { r, name, ns } of refs) {
      const path = `${basePath(r, ns)}/${name}`;
      const o = this.ok(this.call(p, 'GET', path));
      const cur = o.metadata?.[field] ?? {};
      for (const [k, v] of Object.entries(set)) {
        if (v !== null && k in cur && cur[k] !== v && !flagBool(p, 'overwrite')) {
          this.err += `error: '${k}' already has a value (${cur[k]}), and --overwrite is false\n`;
          return 1;
        }
      }
      const res = this.call(p, 'PATCH', path, { metadata: { [field]: set } }, 'application/merge-patch+json');
      if (res.code >= 300) {
        this.err += statusText(JSON.parse(res.body));
        code = 1;
        continue;
      }
      const changed = Object.entries(set).some(([k, v]) => (v === null ? k in cur : cur[k] !== v));
      this.out += `${kindName(r)}/${name} ${changed ? (cmd === 'label' ? 'labeled' : 'annotated') : cmd === 'label' ? 'not labeled' : 'annotated'}\n`;
    }
    return code;
  }

  private cordon(p: ParsedArgs, on: boolean): number {
    const r = this.mustResolve('nodes');
    for (const name of p.args) {
      const o = this.ok(this.call(p, 'GET', `${basePath(r, undefined)}/${name}`));
      const word = on ? 'cordoned' : 'uncordoned';
      if (!!o.spec?.unschedulable === on) {
        this.out += `node/${name} already ${word}\n`;
        continue;
      }
      this.ok(this.call(p, 'PATCH', `${basePath(r, undefined)}/${name}`, { spec: { unschedulable: on ? true : null } }, 'application/strategic-merge-patch+json'));
      this.out += `node/${name} ${word}\n`;
    }
    return 0;
  }

  private rollout(p: ParsedArgs): number {
    const [sub, ...rest] = p.args;
    const refs = this.refs({ args: rest, flags: p.flags });
    for (const { r, name, ns } of refs) {
      const path = `${basePath(r, ns)}/${name}`;
      if (sub === 'restart') {
        // polymorphichelpers/objectrestarter.go: the template's restartedAt annotation
        const at = this.env.now?.() ?? '2025-01-01T00:00:00Z';
        this.ok(this.call(p, 'PATCH', path, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } }, 'application/strategic-merge-patch+json'));
        this.out += `${kindName(r)}/${name} restarted\n`;
      } else if (sub === 'pause' || sub === 'resume') {
        const o = this.ok(this.call(p, 'GET', path));
        const paused = !!o.spec?.paused;
        if (paused === (sub === 'pause')) this.out += `${kindName(r)}/${name} already ${sub === 'pause' ? 'paused' : 'resumed'}\n`;
        else {
          this.ok(this.call(p, 'PATCH', path, { spec: { paused: sub === 'pause' ? true : null } }, 'application/strategic-merge-patch+json'));
          this.out += `${kindName(r)}/${name} ${sub === 'pause' ? 'paused' : 'resumed'}\n`;
        }
      } else if (sub === 'status') {
        // one look, as `--watch=false` prints it (rollout_status.go, DeploymentStatusViewer)
        const o = this.ok(this.call(p, 'GET', path));
        this.out += deploymentStatus(o, name);
      } else if (sub === 'history' || sub === 'undo') {
        const code = this.history(p, r, ns, name, sub);
        if (code) return code;
      } else throw new Failure(`error: unknown command "${sub}" for "kubectl rollout"\n`);
    }
    return 0;
  }

  /** A Deployment's ReplicaSets by revision (deployment/util: the revision annotation of each owned ReplicaSet). */
  private revisions(p: ParsedArgs, d: Obj, ns: string | undefined): Map<number, Obj> {
    const rs = this.mustResolve('replicasets.apps');
    const list = this.ok(this.call(p, 'GET', basePath(rs, ns)));
    const out = new Map<number, Obj>();
    for (const o of list.items ?? []) {
      if (!(o.metadata?.ownerReferences ?? []).some((ref: Obj) => ref.uid === d.metadata.uid)) continue;
      const rev = Number(o.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
      if (rev) out.set(rev, o);
    }
    return out;
  }

  /** rollout history (polymorphichelpers/history.go DeploymentHistoryViewer) and rollout undo (rollback.go DeploymentRollbacker). */
  private history(p: ParsedArgs, r: Resource, ns: string | undefined, name: string, sub: 'history' | 'undo'): number {
    if (r.kind !== 'Deployment') throw new Failure(`error: no ${sub === 'undo' ? 'rollbacker' : 'history viewer'} has been implemented for ${JSON.stringify(`${r.kind}.${r.group}`)} in the Terminal\n`);
    const path = `${basePath(r, ns)}/${name}`;
    const d = this.ok(this.call(p, 'GET', path));
    const revs = this.revisions(p, d, ns);
    const sorted = [...revs.keys()].sort((a, b) => a - b);
    if (sub === 'history') {
      // tabbedString: tabwriter with padding 2
      const rows = [['REVISION', 'CHANGE-CAUSE'], ...sorted.map((n) => [String(n), revs.get(n)!.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '<none>'])];
      const w = rows.reduce((m, x) => Math.max(m, x[0].length), 0);
      this.out += `${kindName(r)}/${name} \n${rows.map(([a, b]) => `${a}${' '.repeat(w - a.length + 2)}${b}\n`).join('')}\n`;
      return 0;
    }
    const wanted = Number(p.flags.get('to-revision') ?? 0);
    const current = Number(d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    const target = wanted || [...sorted].reverse().find((n) => n !== current);
    if (!target || !revs.has(target)) throw new Failure(wanted ? `error: unable to find specified revision ${wanted} in history\n` : `error: no rollout history found for deployment "${name}"\n`);
    const tpl = structuredClone(revs.get(target)!.spec.template) as Obj;
    delete tpl.metadata?.labels?.['pod-template-hash'];
    if (JSON.stringify(tpl) === JSON.stringify(d.spec.template)) {
      this.out += `${kindName(r)}/${name} skipped rollback (current template already matches revision ${target})\n`;
      return 0;
    }
    this.ok(this.call(p, 'PATCH', path, [{ op: 'replace', path: '/spec/template', value: tpl }], 'application/json-patch+json'));
    this.out += `${kindName(r)}/${name} rolled back\n`;
    return 0;
  }

  /**
   * kubectl describe TYPE [NAME…] | TYPE/NAME… | TYPE -l SEL (cmd/describe/describe.go): each object
   * through its kind's describer (describe-kinds.ts), descriptions apart by a blank line; a lone
   * NAME that is not found describes the objects whose names start with it (DescribeMatchingResources).
   */
  private describe(p: ParsedArgs): number {
    const client: DescribeClient = {
      get: (url) => {
        const res = this.call(p, 'GET', url);
        return res.code < 300 ? (JSON.parse(res.body) as Obj) : undefined;
      },
      list: (url) => {
        const res = this.call(p, 'GET', url);
        return res.code < 300 ? ((JSON.parse(res.body) as Obj).items ?? []) : [];
      },
      nowMs: this.env.nowMs?.() ?? EPOCH_MS,
      showEvents: flagBool(p, 'show-events', true),
    };
    const kindOf = (r: Resource) => {
      if (!canDescribe(r.kind)) throw new Failure(`error: the Terminal cannot describe ${resourceName(r)} yet\n`);
    };
    const listed = (r: Resource, ns: string | undefined, selector?: string) => {
      kindOf(r);
      const q = new URLSearchParams();
      if (selector) q.set('labelSelector', selector);
      return (this.ok(this.call(p, 'GET', `${basePath(r, ns)}${q.toString() ? `?${q}` : ''}`)).items ?? []) as Obj[];
    };
    // describe has no -o (cobra's error for the shorthand, the usual way it is typed)
    if (p.flags.has('output')) throw new Failure(`error: unknown shorthand flag: 'o' in -o\nSee 'kubectl describe --help' for usage.\n`);
    if (p.flags.has('selector') && p.args.length > 1) throw new Failure('error: name cannot be provided when a selector is specified\n');
    if (!p.args.length && !p.flags.has('filename')) throw new Failure(`error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`);
    const all = !p.flags.has('filename') && p.args.length === 1 && !p.args[0].includes('/');
    const types = all || p.args[0]?.includes('/') ? [] : p.args[0]?.split(',') ?? [];
    let objects: Array<{ r: Resource; o: Obj }> = [];
    let code = 0;
    if (all) {
      // TYPE[,TYPE…] alone: every object of each type (the selector's, with -l)
      for (const t of p.args[0].split(',')) {
        const r = this.mustResolve(t);
        const ns = r.namespaced && !flagBool(p, 'all-namespaces') ? this.ns(p) : undefined;
        objects.push(...listed(r, ns, p.flags.get('selector')).map((o) => ({ r, o })));
      }
      if (!objects.length) this.err += flagBool(p, 'all-namespaces') ? 'No resources found\n' : `No resources found in ${this.ns(p)} namespace.\n`;
    } else {
      const refs = types.length > 1 ? types.flatMap((t) => this.refs({ args: [t, ...p.args.slice(1)], flags: p.flags })) : this.refs(p);
      for (const { r, name, ns } of refs) {
        kindOf(r);
        const res = this.call(p, 'GET', `${basePath(r, ns)}/${name}`);
        if (res.code < 300) {
          objects.push({ r, o: JSON.parse(res.body) as Obj });
          continue;
        }
        const status = JSON.parse(res.body) as Obj;
        if (status.reason === 'NotFound' && refs.length === 1 && p.args.length === 2) {
          // describe.go DescribeMatchingResources: each match printed with a newline after it
          const matches = listed(r, ns).filter((o) => String(o.metadata.name).startsWith(name));
          if (matches.length) {
            for (const o of matches) this.out += `${describeObject(r.kind, o, client)}\n`;
            return 0;
          }
        }
        this.err += statusText(status);
        code = 1;
      }
    }
    this.out += objects.map(({ r, o }) => describeObject(r.kind, o, client)).join('\n\n');
    return code;
  }

  /** kubectl auth can-i VERB RESOURCE [NAME]: a SelfSubjectAccessReview (cmd/auth/cani.go). */
  private auth(p: ParsedArgs): number {
    const [sub, verb, what, name] = p.args;
    if (sub !== 'can-i') throw new Failure(`error: unknown command "${sub}" for "kubectl auth"\n`);
    if (!verb || !what) throw new Failure(`error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples\n`);
    const [type, objName] = what.includes('/') ? what.split('/') : [what, name];
    const r = type === '*' ? undefined : resolve(type);
    if (type !== '*' && !r) this.err += `Warning: the server doesn't have a resource type '${type}'\n\n`;
    // cani.go: a cluster-scoped resource is checked without the namespace, with a warning
    else if (r && !r.namespaced && !flagBool(p, 'all-namespaces')) this.err += r.group ? `Warning: resource '${r.name}' is not namespace scoped in group '${r.group}'\n\n` : `Warning: resource '${r.name}' is not namespace scoped\n\n`;
    const ra: Obj = { verb, resource: r ? r.name : type };
    if (!flagBool(p, 'all-namespaces') && (!r || r.namespaced)) ra.namespace = this.ns(p);
    if (r?.group) ra.group = r.group;
    if (objName) ra.name = objName;
    const review = this.ok(this.call(p, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: { resourceAttributes: ra } }));
    if (review.status?.allowed) {
      this.out += 'yes\n';
      return 0;
    }
    this.out += `no${review.status?.reason ? ` - ${review.status.reason}` : ''}${review.status?.evaluationError ? ` - ${review.status.evaluationError}` : ''}\n`;
    return 1;
  }

  /** kubectl taint nodes NAME KEY[=VALUE]:EFFECT[-] (cmd/taint/taint.go). */
  private taint(p: ParsedArgs): number {
    const [type, ...rest] = p.args;
    const r = type ? this.mustResolve(type) : undefined;
    if (!r || r.kind !== 'Node') throw new Failure(`error: invalid resource type ${type ?? ''}, only node types are supported\n`);
    const names = rest.filter((a) => !a.includes(':') && !a.endsWith('-'));
    const specs = rest.filter((a) => a.includes(':') || a.endsWith('-'));
    for (const node of names) {
      const path = `${basePath(r, undefined)}/${node}`;
      const o = this.ok(this.call(p, 'GET', path));
      let taints: Obj[] = [...(o.spec?.taints ?? [])];
      let removed = false;
      for (const spec of specs) {
        if (spec.endsWith('-')) {
          const [key, effect] = spec.slice(0, -1).split(':');
          const before = taints.length;
          taints = taints.filter((t) => !(t.key === key && (!effect || t.effect === effect)));
          if (taints.length === before) throw new Failure(`error: taint ${JSON.stringify(spec.slice(0, -1))} not found\n`);
          removed = true;
        } else {
          const [kv, effect] = spec.split(':');
          const [key, value] = kv.split('=');
          if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) throw new Failure(`error: invalid taint effect: ${effect}, unsupported taint effect\n`);
          if (taints.some((t) => t.key === key && t.effect === effect) && !flagBool(p, 'overwrite')) throw new Failure(`error: node ${node} already has ${key} taint(s) with same effect(s) and --overwrite is false\n`);
          taints = taints.filter((t) => !(t.key === key && t.effect === effect));
          taints.push(value === undefined ? { key, effect } : { key, value, effect });
        }
      }
      this.ok(this.call(p, 'PATCH', path, { spec: { taints } }, 'application/merge-patch+json'));
      this.out += `node/${node} ${removed ? 'untainted' : 'tainted'}\n`;
    }
    return 0;
  }

  // ---- logs / api-resources / config / version --------------------------------------------------

  private logs(p: ParsedArgs): number {
    let name = p.args[0] ?? '';
    if (name.startsWith('pod/') || name.startsWith('pods/')) name = name.split('/')[1];
    if (!name) throw new Failure(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n`);
    const q = new URLSearchParams();
    const c = p.flags.get('container') ?? p.args[1];
    if (c) q.set('container', c);
    if (flagBool(p, 'previous')) q.set('previous', 'true');
    if (p.flags.has('tail')) q.set('tailLines', p.flags.get('tail')!);
    if (flagBool(p, 'follow')) q.set('follow', 'true');
    if (flagBool(p, 'timestamps')) q.set('timestamps', 'true');
    const r = this.mustResolve('pods');
    const res = this.call(p, 'GET', `${basePath(r, this.ns(p))}/${name}/log${q.toString() ? `?${q}` : ''}`, undefined, undefined, '*/*');
    if (res.code >= 300) throw new Failure(statusText(JSON.parse(res.body)));
    this.out += res.body;
    // -f: what is there now, then each new line until the container stops (or Ctrl+C)
    if (res.watch) {
      // (one poll at once: a container that has already stopped ends the stream, and kubectl returns)
      this.out += res.watch.start().join('') + res.watch.poll().join('');
      if (!res.watch.ended) this.following = res.watch;
    }
    return 0;
  }

  /** kubectl top node|pod (top.ts) over metrics.k8s.io */
  private top(p: ParsedArgs): number {
    try {
      this.out += top(p, { get: (path) => this.ok(this.call(p, 'GET', path)), namespace: this.env.namespace, warn: (s) => (this.err += s) });
    } catch (e) {
      if (e instanceof TopError) throw new Failure(e.message);
      throw e;
    }
    return 0;
  }

  private apiResources(p: ParsedArgs): number {
    const rows: string[][] = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']];
    const wantNs = p.flags.get('namespaced');
    // api-resources.go sortableResource: by API group (the core group first), then by name
    const list = discovery()
      .filter((r) => wantNs === undefined || String(r.namespaced) === wantNs)
      .sort((a, b) => (a.group === b.group ? (a.name < b.name ? -1 : 1) : a.group < b.group ? -1 : 1));
    for (const r of list) rows.push([r.name, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind]);
    this.out += tabwrite(rows);
    return 0;
  }

  private config(p: ParsedArgs): number {
    const [sub] = p.args;
    if (sub === 'set-context' && p.flags.has('namespace')) {
      this.env.namespace = p.flags.get('namespace')!;
      this.out += `Context "orrery" modified.\n`;
      return 0;
    }
    if (sub === 'view' && p.flags.get('minify') !== undefined) {
      this.out += `namespace: ${this.env.namespace}\n`;
      return 0;
    }
    throw new Failure(`error: the in-app terminal knows "config set-context --current --namespace=NS" only\n`);
  }

  private version(p: ParsedArgs): number {
    const v = this.ok(this.call(p, 'GET', '/version'));
    this.out += `Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: ${v.gitVersion}\n`;
    return 0;
  }
}

/** `kubectl get all`: kinds in the order kubectl prints them (pods first, then services, …). */
function allOrder(a: Resource, b: Resource): number {
  const order = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];
  return order.indexOf(a.name) - order.indexOf(b.name);
}

function allValues(p: ParsedArgs, name: string): string[] {
  return flagValues(p, name);
}

const isGenerator = (w: string) => ['serviceaccount', 'sa', 'role', 'clusterrole', 'rolebinding', 'clusterrolebinding', 'job', 'cronjob', 'cj'].includes(w);

const COMMANDS = ['annotate', 'api-resources', 'api-versions', 'apply', 'auth', 'config', 'cordon', 'create', 'debug', 'delete', 'describe', 'drain', 'exec', 'explain', 'expose', 'get', 'label', 'logs', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version'];

function suggest(cmd: string): string {
  const best = COMMANDS.filter((c) => c[0] === cmd[0]);
  return best.length ? best.map((c) => `\t${c}\n`).join('') : '';
}

/** DeploymentStatusViewer.Status (kubectl/pkg/polymorphichelpers/rollout_status.go). */
function deploymentStatus(d: Obj, name: string): string {
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  if ((d.metadata?.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const cond = (st.conditions ?? []).find((c: Obj) => c.type === 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') return `error: deployment "${name}" exceeded its progress deadline\n`;
    const want = spec.replicas ?? 1;
    if ((st.updatedReplicas ?? 0) < want) return `Waiting for deployment "${name}" rollout to finish: ${st.updatedReplicas ?? 0} out of ${want} new replicas have been updated...\n`;
    if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0)) return `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - (st.updatedReplicas ?? 0)} old replicas are pending termination...\n`;
    if ((st.availableReplicas ?? 0) < (st.updatedReplicas ?? 0)) return `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${st.updatedReplicas ?? 0} updated replicas are available...\n`;
    return `deployment "${name}" successfully rolled out\n`;
  }
  return `Waiting for deployment spec update to be observed...\n`;
}

/** A small JSONPath (kubectl's jsonpath printer): `{.a.b}`, `{.items[*].metadata.name}`, `{.items[0].x}`. */
function jsonpath(o: unknown, tpl: string): string {
  return tpl.replace(/\{([^}]*)\}/g, (_, expr: string) => {
    const parts = expr.trim().replace(/^\./, '').split(/\.(?![^[]*\])/).filter(Boolean);
    let cur: unknown[] = [o];
    for (const part of parts) {
      const m = /^([^[]*)(?:\[(\*|\d+)\])?$/.exec(part);
      if (!m) return '';
      const [, key, idx] = m;
      cur = cur.flatMap((v) => {
        const x = key ? (v as Obj)?.[key] : v;
        if (idx === undefined) return x === undefined ? [] : [x];
        if (!Array.isArray(x)) return [];
        return idx === '*' ? x : x[Number(idx)] === undefined ? [] : [x[Number(idx)]];
      });
    }
    return cur.map((v) => (typeof v === 'object' ? goJson(v) : String(v))).join(' ');
  });
}
