// `kubectl exec POD [-c CONTAINER] -- COMMAND [args...]` for the in-app Terminal
// (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go): get the pod, refuse a completed one, default
// the container (podcmd.FindOrDefaultContainerByName), then the pods/exec request — the same
// handler the real kubectl's WebSocket reaches — and print its streams. The exit code is the
// command's: client-go turns the error channel's NonZeroExitCode Status into an ExitError and
// kubectl's checkErr prints `command terminated with exit code N` (cmd/util/helpers.go).
import type { RestRequest, RestResponse } from '../http';
import type { ParsedArgs } from './args';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ExecIO {
  handle(req: RestRequest): RestResponse;
  namespace: string;
  /** kubectl's text for a Status error (`Error from server (Reason): …`) */
  statusText(s: Obj): string;
}

export interface ExecRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const usage = (msg: string) => `error: ${msg}\nSee 'kubectl exec -h' for help and examples\n`;

/** podcmd.AllContainerNames: containers, then `name (init)`, then `name (ephem)` */
function allContainerNames(spec: Obj): string {
  return [
    ...(spec.containers ?? []).map((c: Obj) => c.name),
    ...(spec.initContainers ?? []).map((c: Obj) => `${c.name} (init)`),
    ...(spec.ephemeralContainers ?? []).map((c: Obj) => `${c.name} (ephem)`),
  ].join(', ');
}

export function kubectlExec(p: ParsedArgs, io: ExecIO): ExecRun {
  const r: ExecRun = { stdout: '', stderr: '', exitCode: 1 };
  const fail = (text: string): ExecRun => ({ ...r, stderr: r.stderr + text, exitCode: 1 });
  const before = p.dash ?? p.args.length;
  // exec.go Complete: the pod is the first argument, the command comes after `--`
  if (before === 0) return fail(`error: pod, type/name or --filename must be specified\n`);
  if (before > 1) return fail(usage('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead'));
  const command = p.args.slice(before);
  if (command.length === 0) return fail(`error: you must specify at least one command for the container\n`);
  let name = p.args[0];
  if (/^pods?\//.test(name) || name.startsWith('po/')) name = name.slice(name.indexOf('/') + 1);
  const ns = p.flags.get('namespace') ?? io.namespace;
  const headers: Record<string, string> = { accept: 'application/json' };
  const as = p.flags.get('as');
  if (as) headers['impersonate-user'] = as;
  const asGroup = p.flags.get('as-group');
  if (asGroup) headers['impersonate-group'] = asGroup;
  const base = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`;
  const got = io.handle({ method: 'GET', url: base, headers });
  if (got.code >= 300) return fail(io.statusText(JSON.parse(got.body)));
  const pod = JSON.parse(got.body) as Obj;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return fail(`error: cannot exec into a container in a completed pod; current phase is ${phase}\n`);
  let container = p.flags.get('container') ?? '';
  if (!container) {
    const spec = pod.spec ?? {};
    const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
    const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: Obj) => c.name);
    if (annotated && all.includes(annotated)) container = annotated;
    else {
      if (annotated) r.stderr += `Warning: default container name "${annotated}" not found in pod ${name}\n`;
      container = spec.containers?.[0]?.name ?? '';
      const quiet = p.flags.get('quiet') === 'true';
      if (!quiet && ((spec.containers ?? []).length > 1 || (spec.initContainers ?? []).length > 0 || (spec.ephemeralContainers ?? []).length > 0)) {
        r.stderr += `Defaulted container "${container}" out of: ${allContainerNames(spec)}\n`;
      }
    }
  }
  // SetupTTY: the Terminal is no terminal to kubectl, so -t falls back as it does with a pipe;
  // -i attaches a stdin the Terminal closes at once (as `< /dev/null`)
  const stdin = p.flags.get('stdin') === 'true';
  if (stdin && p.flags.get('tty') === 'true' && p.flags.get('quiet') !== 'true') r.stderr += 'Unable to use a TTY - input is not a terminal or the right kind of file\n';
  // PodExecOptions as query parameters, in the order kubectl's parameter codec writes them
  const q = new URLSearchParams();
  for (const c of command) q.append('command', c);
  q.set('container', container);
  q.set('stderr', 'true');
  if (stdin) q.set('stdin', 'true');
  q.set('stdout', 'true');
  const url = `${base}/exec?${q}`;
  let res = io.handle({ method: 'GET', url, headers: { ...headers, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-protocol': 'v5.channel.k8s.io' } });
  // client-go's FallbackExecutor: a failed WebSocket upgrade is tried again over SPDY (a POST),
  // whose answer is the one kubectl reports (RBAC then names the verb `create`)
  if (!res.exec) res = io.handle({ method: 'POST', url, headers: { ...headers, connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'v4.channel.k8s.io' } });
  if (!res.exec) {
    // the SPDY fallback's NewConnection: a Status body is the server's error, else `unable to upgrade connection`
    if (res.contentType.includes('json')) return fail(io.statusText(JSON.parse(res.body)));
    return fail(`error: unable to upgrade connection: ${res.body}\n`);
  }
  const ex = res.exec.withStdin ? res.exec.withStdin('') : res.exec;
  r.stdout += ex.stdout;
  r.stderr += ex.stderr;
  const st = ex.status as Obj;
  if (st.status === 'Success') return { ...r, exitCode: 0 };
  if (st.reason === 'NonZeroExitCode') {
    const code = Number((st.details?.causes ?? []).find((c: Obj) => c.reason === 'ExitCode')?.message ?? 1);
    return { ...r, stderr: r.stderr + `command terminated with exit code ${code}\n`, exitCode: code };
  }
  return fail(`error: ${st.message}\n`);
}
