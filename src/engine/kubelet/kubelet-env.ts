// Twin of pkg/kubelet/kubelet_pods.go makeEnvironmentVariables and third_party/forked/golang/
// expansion (the `$(VAR)` syntax): envFrom first (ConfigMaps/Secrets, with prefix; invalid names
// skipped with an InvalidEnvironmentVariableNames event), then env in order — literal values with
// `$(VAR)` expanded from what is declared so far, or valueFrom fieldRef / resourceFieldRef /
// configMapKeyRef / secretKeyRef. A missing object or key fails the container's config
// (CreateContainerConfigError). Service links variables are not modelled.
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../api/types';
import { base64Decode } from '../api/base64';
import { notFoundMessage, type ObjectKind } from './util/manager/watch-based-manager';
import { containerResourceRuntimeValue, podFieldSelectorRuntimeValue, type DownwardContext } from './fieldpath';
import type { KubeletHost, PodWorker } from './pod-workers';

export type EnvResult = { env: Array<{ key: string; value: string }> } | { error: string };

/** expansion.Expand: `$(NAME)` → its value when defined, `$$` → `$`, anything else as written. */
export function expand(input: string, mapping: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '$' || i + 1 >= input.length) {
      out += input[i];
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const end = input.indexOf(')', i + 2);
      if (end < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, end);
      const v = mapping(name);
      out += v ?? `$(${name})`;
      i = end;
    } else out += '$';
  }
  return out;
}

/** ExpandContainerCommandAndArgs: `$(VAR)` in command and args from the container's final env. */
export function expandCommandAndArgs(c: Container, env: Array<{ key: string; value: string }>): { command?: string[]; args?: string[] } {
  const map = Object.fromEntries(env.map((e) => [e.key, e.value]));
  const f = (n: string) => map[n];
  return { command: c.command?.map((w) => expand(w, f)), args: c.args?.map((w) => expand(w, f)) };
}

/** validation.IsEnvVarName: [-._a-zA-Z][-._a-zA-Z0-9]* */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function dataOf(kind: ObjectKind, obj: KObject): Record<string, string> {
  const o = obj as unknown as { data?: Record<string, string>; stringData?: Record<string, string> };
  if (kind === 'configmap') return o.data ?? {};
  return { ...Object.fromEntries(Object.entries(o.data ?? {}).map(([k, v]) => [k, base64Decode(v) ?? ''])), ...(o.stringData ?? {}) };
}

/** GetConfigMap / GetSecret; `undefined` for a missing optional one; an error string otherwise. */
function lookup(kl: KubeletHost, pod: Pod, kind: ObjectKind, name: string, optional: boolean, cache: Record<string, Record<string, string>>): Record<string, string> | undefined | string {
  const key = `${kind}/${name}`;
  if (cache[key]) return cache[key];
  const found = kl.getObject(kind, pod.metadata?.namespace ?? 'default', name);
  if (!found.synced) return `failed to sync ${kind} cache: timed out waiting for the condition`;
  if (!found.obj) return optional ? undefined : notFoundMessage(kind, name);
  return (cache[key] = dataOf(kind, found.obj));
}

export function makeEnvironmentVariables(kl: KubeletHost, pw: PodWorker, c: Container): EnvResult {
  const pod = pw.pod;
  const ns = pod.metadata?.namespace ?? 'default';
  const cache: Record<string, Record<string, string>> = {};
  const tmp = new Map<string, string>();
  for (const ef of c.envFrom ?? []) {
    const ref = ef.configMapRef ?? ef.secretRef;
    if (!ref) continue;
    const kind: ObjectKind = ef.configMapRef ? 'configmap' : 'secret';
    const data = lookup(kl, pod, kind, ref.name ?? '', ref.optional === true, cache);
    if (typeof data === 'string') return { error: data };
    if (!data) continue;
    const invalid: string[] = [];
    for (const [k0, v] of Object.entries(data)) {
      const k = (ef.prefix ?? '') + k0;
      if (!ENV_VAR_NAME.test(k)) invalid.push(k);
      else tmp.set(k, v);
    }
    if (invalid.length) {
      const what = kind === 'configmap' ? 'configMap' : 'secret';
      kl.event(pw, 'Warning', 'InvalidEnvironmentVariableNames', `Keys [${invalid.sort().join(', ')}] from the EnvFrom ${what} ${ns}/${ref.name} were skipped since they are considered invalid environment variable names.`);
    }
  }
  const ctx: DownwardContext = { podIP: pw.sandbox?.ip, hostIP: kl.hostIP, allocatable: kl.allocatable };
  for (const e of c.env ?? []) {
    let value = e.value ?? '';
    if (value !== '') value = expand(value, (n) => tmp.get(n));
    else if (e.valueFrom?.fieldRef) value = podFieldSelectorRuntimeValue(e.valueFrom.fieldRef, pod, ctx);
    else if (e.valueFrom?.resourceFieldRef) {
      const target = e.valueFrom.resourceFieldRef.containerName ? (pod.spec?.containers ?? []).find((x) => x.name === e.valueFrom!.resourceFieldRef!.containerName) ?? c : c;
      value = containerResourceRuntimeValue(e.valueFrom.resourceFieldRef, pod, target, ctx);
    } else if (e.valueFrom?.configMapKeyRef || e.valueFrom?.secretKeyRef) {
      const ref = (e.valueFrom.configMapKeyRef ?? e.valueFrom.secretKeyRef)!;
      const kind: ObjectKind = e.valueFrom.configMapKeyRef ? 'configmap' : 'secret';
      const optional = ref.optional === true;
      const data = lookup(kl, pod, kind, ref.name ?? '', optional, cache);
      if (typeof data === 'string') return { error: data };
      if (!data) continue;
      if (data[ref.key] === undefined) {
        if (optional) continue;
        return { error: `couldn't find key ${ref.key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name}` };
      }
      value = data[ref.key];
    }
    tmp.set(e.name, value);
  }
  return { env: [...tmp].map(([key, value]) => ({ key, value })) };
}
