// Twin of staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go
// (NamespaceLifecycle), reduced to its three rules: the immortal namespaces cannot be deleted,
// nothing is created in a namespace that does not exist, and nothing new in one that is being
// terminated. The namespace is read from kube-apiserver's watch cache (upstream: an informer,
// with a live lookup when it is missing or was deleted recently).
import type { K8sStatus } from '../../api/types';
import { statusFor } from '../http';
import { type AdmissionContext, type Attributes, type MutationPlugin, forbidden } from './interfaces';

export const PLUGIN_NAME = 'NamespaceLifecycle';

/** Register(): NewLifecycle(sets.NewString(NamespaceDefault, NamespaceSystem, NamespacePublic)). */
export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'] as const;

export function admitNamespaceLifecycle(a: Attributes, ctx: Pick<AdmissionContext, 'get'>): K8sStatus | undefined {
  const kind = a.info.kind;
  const name: string = a.object?.metadata?.name ?? a.oldObject?.metadata?.name ?? '';
  // prevent deletion of immortal namespaces
  if (a.operation === 'DELETE' && kind === 'Namespace' && (IMMORTAL_NAMESPACES as readonly string[]).includes(name)) {
    return statusFor(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
  }
  // cluster-scoped objects and namespaces themselves are not subject to the namespace's phase
  if (!a.info.namespaced || !a.namespace || kind === 'Namespace') return undefined;
  // only creates are refused; updates and deletes of what is already there go on
  if (a.operation !== 'CREATE') return undefined;
  const ns = ctx.get('Namespace', undefined, a.namespace);
  if (!ns) return statusFor(404, 'NotFound', `namespaces "${a.namespace}" not found`, { name: a.namespace, kind: 'namespaces' });
  if ((ns.status as { phase?: string } | undefined)?.phase !== 'Terminating') return undefined;
  const st = forbidden(a, `unable to create new content in namespace ${a.namespace} because it is being terminated`);
  // the cause tells clients (and the namespace controller's callers) why
  st.details = { ...(st.details ?? {}), causes: [{ reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' }] } as K8sStatus['details'];
  return st;
}

/** The plugin for the admission chain (first in AllOrderedPlugins). */
export const namespaceLifecycle: MutationPlugin = {
  name: PLUGIN_NAME,
  admit: (a, ctx) => {
    const status = admitNamespaceLifecycle(a, ctx);
    return status ? { status } : undefined;
  },
};
