// `kubectl debug POD --image=IMAGE [--target=C] [-c NAME] [-i] [-t] [-- COMMAND…]` for the in-app
// Terminal (staging/src/k8s.io/kubectl/pkg/cmd/debug/debug.go, debugByEphemeralContainer): get the
// pod, add an ephemeral container (generateDebugContainer; profiles legacy and general,
// profiles.go), and PATCH it into the pods/ephemeralcontainers subresource as a strategic merge
// patch keyed by name. Without -i kubectl returns once the PATCH is accepted; attaching (-it) is
// not modelled here.
import type { RestRequest, RestResponse } from '../http';
import type { ParsedArgs } from './args';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface DebugIO {
  handle(req: RestRequest): RestResponse;
  namespace: string;
  statusText(s: Obj): string;
  /** utilrand.String(5): the default name's suffix */
  random(): number;
}

/** utilrand's alphabet (k8s.io/apimachinery/pkg/util/rand: no vowels, no 0, 1, 3) */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const PROFILES = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'];

export function kubectlDebug(p: ParsedArgs, io: DebugIO): { stdout: string; stderr: string; exitCode: number } {
  let stdout = '';
  let stderr = '';
  const fail = (text: string) => ({ stdout, stderr: stderr + text, exitCode: 1 });
  const before = p.dash ?? p.args.length;
  const command = p.args.slice(before);
  if (before === 0) return fail(`error: NAME is required for debug\n`);
  const image = p.flags.get('image') ?? '';
  // debug.go Validate
  if (!image) return fail(`error: you must specify --image when not using --copy-to.\n`);
  const profile = p.flags.get('profile') ?? 'legacy';
  if (!PROFILES.includes(profile)) return fail(`error: unknown profile: ${profile}\n`);
  if (!['legacy', 'general'].includes(profile)) return fail(`error: --profile=${profile} is not modelled by this Terminal yet (Kube Orrery): use legacy or general\n`);
  if (profile === 'legacy') stderr += `--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n`;
  let name = p.args[0];
  if (/^(pods?|po)\//.test(name)) name = name.slice(name.indexOf('/') + 1);
  const ns = p.flags.get('namespace') ?? io.namespace;
  const headers: Record<string, string> = { accept: 'application/json' };
  const as = p.flags.get('as');
  if (as) headers['impersonate-user'] = as;
  const base = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`;
  const got = io.handle({ method: 'GET', url: base, headers });
  if (got.code >= 300) return fail(io.statusText(JSON.parse(got.body)));
  let container = p.flags.get('container') ?? '';
  if (!container) {
    for (let i = 0; i < 5; i++) container += ALPHABET[Math.floor(io.random() * ALPHABET.length) % ALPHABET.length];
    container = `debugger-${container}`;
  }
  const bool = (f: string) => p.flags.get(f) === 'true';
  const target = p.flags.get('target');
  const ec: Obj = { image, name: container, resources: {}, terminationMessagePolicy: 'File' };
  if (command.length) ec[bool('arguments-only') ? 'args' : 'command'] = command;
  if (p.flags.has('image-pull-policy')) ec.imagePullPolicy = p.flags.get('image-pull-policy');
  if (bool('stdin')) ec.stdin = true;
  if (bool('tty')) ec.tty = true;
  if (target) ec.targetContainerName = target;
  // profiles.go general: an ephemeral container may trace the target's processes
  if (profile === 'general') ec.securityContext = { capabilities: { add: ['SYS_PTRACE'] } };
  // strategicpatch.CreateTwoWayMergePatch of the pod and the pod with the container appended: the
  // new entry, and the order of the whole list (a name already there makes a duplicate the apiserver refuses)
  const existing = ((JSON.parse(got.body) as Obj).spec?.ephemeralContainers ?? []) as Obj[];
  const patch = { spec: { ...(existing.length ? { '$setElementOrder/ephemeralContainers': [...existing.map((c) => ({ name: c.name })), { name: container }] } : {}), ephemeralContainers: [ec] } };
  const res = io.handle({ method: 'PATCH', url: `${base}/ephemeralcontainers`, headers: { ...headers, 'content-type': 'application/strategic-merge-patch+json' }, body: JSON.stringify(patch) });
  if (res.code === 404 && !res.body.includes('"NotFound"')) return fail(`error: ephemeral containers are disabled for this cluster (error from server: "${res.body}")\n`);
  if (res.code >= 300) return fail(io.statusText(JSON.parse(res.body)));
  if (target) stdout += `Targeting container "${target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`;
  if (!p.flags.has('container')) stdout += `Defaulting debug container name to ${container}.\n`;
  return { stdout, stderr, exitCode: 0 };
}
