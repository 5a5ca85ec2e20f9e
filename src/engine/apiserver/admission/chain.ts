// The ordered admission chain of kube-apiserver v1.33 (pkg/kubeapiserver/options/plugins.go
// AllOrderedPlugins, the default-enabled ones this model has): every mutating plugin runs in
// order, then — after object validation — every validating one, ResourceQuota last ("webhook,
// resourcequota, and deny plugins must go at the end"). The first rejection stops the request.
//
//   NamespaceLifecycle  (namespace-lifecycle.ts — the namespace checks at the top of storage.ts create)
//   LimitRanger         mutating + validating
//   ServiceAccount      mutating + validating
//   Priority            mutating + validating
//   DefaultTolerationSeconds  mutating
//   ResourceQuota       validating
import type { K8sStatus } from '../../api/types';
import type { AdmissionContext, Attributes, MutationPlugin, ValidateResult, ValidationPlugin } from './interfaces';
import { limitRangerMutation, limitRangerValidation } from './limit-ranger';
import { serviceAccountMutation, serviceAccountValidation } from './service-account';
import { priorityMutation, priorityValidation } from './priority';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { resourceQuotaValidation } from './resource-quota';

export const MUTATING_PLUGINS: readonly MutationPlugin[] = [limitRangerMutation, serviceAccountMutation, priorityMutation, defaultTolerationSeconds];
export const VALIDATING_PLUGINS: readonly ValidationPlugin[] = [limitRangerValidation, serviceAccountValidation, priorityValidation, resourceQuotaValidation];

export interface PluginChange {
  name: string;
  changed: string[];
}

export interface MutatingOutcome {
  /** every plugin that ran, with the field paths it changed (the trace's detail.plugins) */
  plugins: PluginChange[];
  changed: string[];
  status?: K8sStatus;
  /** the plugin that refused */
  plugin?: string;
}

export function runMutating(a: Attributes, ctx: AdmissionContext, plugins: readonly MutationPlugin[] = MUTATING_PLUGINS): MutatingOutcome {
  const out: MutatingOutcome = { plugins: [], changed: [] };
  for (const p of plugins) {
    const r = p.admit(a, ctx);
    if (!r) continue;
    const changed = r.changed ?? [];
    out.plugins.push({ name: p.name, changed });
    out.changed.push(...changed);
    if (r.status) return { ...out, status: r.status, plugin: p.name };
  }
  return out;
}

export interface ValidatingOutcome {
  status?: K8sStatus;
  plugin?: string;
  /** the plugins that ran, in order */
  ran: string[];
  writes: NonNullable<ValidateResult['writes']>;
}

export function runValidating(a: Attributes, ctx: AdmissionContext, plugins: readonly ValidationPlugin[] = VALIDATING_PLUGINS): ValidatingOutcome {
  const out: ValidatingOutcome = { ran: [], writes: [] };
  for (const p of plugins) {
    const r = p.validate(a, ctx);
    if (!r) continue;
    out.ran.push(p.name);
    if (r.status) return { ...out, status: r.status, plugin: p.name, writes: [] };
    out.writes.push(...(r.writes ?? []));
  }
  return out;
}
