// pods/{name}/exec (pkg/registry/core/pod/rest/subresources.go ExecREST): the apiserver authorizes
// the request, ExecLocation checks the container and the node, then the stream is proxied to the
// kubelet, whose runtime runs the command. Here the command runs at once against the engine's
// runtime (Cluster.exec, read-only) and the answer carries its output; a host turns it into the
// stream protocol (the Node server: WebSocket channels, src/server/exec-stream.ts), the in-app
// Terminal prints it.
import { type Cluster, statusFor } from '../engine';
import { type RestRequest, type RestResponse, fail, identity, status } from './http';

export interface ExecAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * what the error channel carries at the end (remotecommand v4+): a metav1.Status, Success, or
   * Failure with NonZeroExitCode and the ExitCode cause, or InternalError when the command could not start
   */
  status: Record<string, unknown>;
  /**
   * `stdin=true` (`kubectl exec -i`): the command has not run yet — the host passes what the client
   * wrote to stdin once it closed it (v5's CLOSE on channel 0) and gets the answer
   */
  withStdin?: (stdin: string) => ExecAnswer;
}

/** staging/src/k8s.io/apimachinery/pkg/util/remotecommand/constants.go */
export const NON_ZERO_EXIT_CODE_REASON = 'NonZeroExitCode';
export const EXIT_CODE_CAUSE_TYPE = 'ExitCode';

/** A deterministic 64-hex exec id (containerd's is random): FNV-1a over the request, repeated. */
function execId(seed: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export function isUpgrade(req: RestRequest): boolean {
  return (req.headers.connection ?? '').toLowerCase().includes('upgrade') && !!req.headers.upgrade;
}

/** The apiserver's and the kubelet's answer to an exec request; `exec` set when the command ran. */
export function podExecRequest(c: Cluster, req: RestRequest, namespace: string, name: string, q: URLSearchParams): RestResponse {
  const as = identity(req);
  if (as) {
    // RBAC: `create pods/exec` (a WebSocket's GET must also be allowed `create` since 1.31,
    // AuthorizePodWebsocketUpgradeCreatePermission); GET first, as RequestInfo names its verb
    for (const verb of req.method === 'GET' ? ['get', 'create'] : ['create']) {
      const r = c.accessReview({ verb, resource: 'pods', subresource: 'exec', namespace, name }, as);
      if (!r.allowed) return status(statusFor(403, 'Forbidden', `pods "${name}" is forbidden: User "${as.user}" cannot ${verb} resource "pods/exec" in API group "" in the namespace "${namespace}"`, { name, kind: 'pods' }));
    }
  }
  const command = q.getAll('command');
  // kubelet server.go: an exec needs a command and at least one stream
  if (!isUpgrade(req)) return fail(400, 'BadRequest', 'Upgrade request required');
  const run = (stdin?: string): ExecAnswer | RestResponse => {
    const r = c.exec({ namespace, name }, { container: q.get('container') ?? undefined, command, nowMs: c.now(), ...(stdin === undefined ? {} : { stdin }) });
    if (!r.ok) {
      // the kubelet answers in plain text; the client reports it as `unable to upgrade connection: …`
      if (r.from === 'kubelet') return { code: r.code, contentType: 'text/plain; charset=utf-8', body: r.message };
      return status(statusFor(r.code, r.reason, r.message, r.code === 404 ? { name, kind: 'pods' } : undefined));
    }
    let st: Record<string, unknown> = { metadata: {}, status: 'Success' };
    if (r.startError) {
      const id = execId(`${namespace}/${name}/${r.container}/${c.now()}/${command.join(' ')}`);
      st = { metadata: {}, status: 'Failure', message: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": ${r.startError}`, reason: 'InternalError', details: { causes: [{ message: `error executing command in container: failed to exec in container: failed to start exec "${id}": ${r.startError}` }] }, code: 500 };
    } else if (r.exitCode !== 0) {
      // the kubelet's remotecommand server (cri/streaming/remotecommand/httpstream.go writeStatus)
      st = {
        metadata: {}, status: 'Failure',
        message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${r.exitCode}`,
        reason: NON_ZERO_EXIT_CODE_REASON,
        details: { causes: [{ reason: EXIT_CODE_CAUSE_TYPE, message: String(r.exitCode) }] },
      };
    }
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.startError ? 1 : r.exitCode, status: st };
  };
  const first = run(q.get('stdin') === 'true' ? '' : undefined);
  if ('code' in first) return first;
  if (q.get('stdin') !== 'true') return { code: 101, contentType: 'application/json', body: '', exec: first };
  // the checks passed: the command runs once stdin is closed
  const withStdin = (stdin: string): ExecAnswer => {
    const a = run(stdin);
    if ('code' in a) return { stdout: '', stderr: '', exitCode: 1, status: { metadata: {}, status: 'Failure', message: a.body.startsWith('{') ? JSON.parse(a.body).message : a.body, reason: 'InternalError', code: 500 } };
    return a;
  };
  return { code: 101, contentType: 'application/json', body: '', exec: { ...first, withStdin } };
}
