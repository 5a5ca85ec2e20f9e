// `kubectl debug -it <pod> --image=busybox --target=app` (staging/src/k8s.io/kubectl/pkg/cmd/debug/
// debug.go, profile "legacy"): GET the pod, add an ephemeral container named debugger-<5 random
// chars> (utilrand.String) with stdin/tty and the target, and PATCH the pods/ephemeralcontainers
// subresource. kubectl computes a strategic merge patch keyed by name; the model's apiserver
// applies JSON merge patches, so the patch carries the whole list (old entries unchanged).
import type { KObject } from '../api/types';
import type { Msg } from '../kernel/types';
import type { Credential } from '../api/wire';
import type { Rng } from '../kernel/rng';

export interface DebugOptions {
  image: string;
  /** --target: the container whose process namespace the debugger joins */
  target?: string;
  /** -c/--container: the debug container's name (default debugger-xxxxx) */
  container?: string;
  /** -i / -t */
  stdin?: boolean;
  tty?: boolean;
  /** --image-pull-policy */
  imagePullPolicy?: string;
  /** arguments after `--` (the command) */
  command?: string[];
}

export interface KubectlDebugMsg extends Msg {
  type: 'KUBECTL_DEBUG';
  opId: number;
  namespace: string;
  name: string;
  options: DebugOptions;
  credential: Credential;
}

/** utilrand.String's alphabet (no vowels, no 0/1/3). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function debuggerName(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += ALPHABET[rng.int(ALPHABET.length)];
  return `debugger-${s}`;
}

/** generateDebugContainer: the EphemeralContainer kubectl adds. */
export function ephemeralContainer(o: DebugOptions, name: string): Record<string, unknown> {
  const c: Record<string, unknown> = { name, image: o.image, terminationMessagePolicy: 'File' };
  if (o.imagePullPolicy) c.imagePullPolicy = o.imagePullPolicy;
  if (o.command?.length) c.command = o.command;
  if (o.stdin) c.stdin = true;
  if (o.tty) c.tty = true;
  if (o.target) c.targetContainerName = o.target;
  return c;
}

/** The PATCH body for pods/ephemeralcontainers. */
export function debugPatch(pod: KObject, container: Record<string, unknown>): KObject {
  const existing = ((pod.spec as { ephemeralContainers?: unknown[] } | undefined)?.ephemeralContainers ?? []) as unknown[];
  return { spec: { ephemeralContainers: [...existing, container] } } as unknown as KObject;
}

/** What kubectl prints before it attaches. */
export function debugMessages(o: DebugOptions, name: string): string[] {
  const out: string[] = [];
  if (o.target) out.push(`Targeting container "${o.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.`);
  if (!o.container) out.push(`Defaulting debug container name to ${name}.`);
  if (o.stdin && o.tty) out.push("If you don't see a command prompt, try pressing enter.");
  return out;
}
