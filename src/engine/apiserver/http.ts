// REST surface helpers: the HTTP method and path a request maps to (as kubectl -v=6 prints
// them) and metav1.Status construction.
import type { K8sStatus } from '../api/types';
import { type KindInfo } from '../api/scheme';
import type { ApiRequest } from '../api/wire';

export function httpMethod(req: ApiRequest): string {
  switch (req.verb) {
    case 'create':
      return 'POST';
    case 'update':
      return 'PUT';
    case 'patch':
      return 'PATCH';
    case 'delete':
      return 'DELETE';
    default:
      return 'GET';
  }
}

export function requestPath(req: ApiRequest, info: KindInfo | undefined): string {
  if (!info) return `/api/v1/${req.resource}`;
  const root = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && req.namespace ? `/namespaces/${req.namespace}` : '';
  const named = req.verb === 'create' && !req.subresource ? '' : req.name ? `/${req.name}` : '';
  const sub = req.subresource ? `/${req.subresource}` : '';
  const q = req.verb === 'watch' ? '?watch=true' : '';
  return `${root}${ns}/${info.resource}${named}${sub}${q}`;
}

export function statusFor(code: number, reason: string, message: string, details?: K8sStatus['details']): K8sStatus {
  const s: K8sStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) {
    const d: NonNullable<K8sStatus['details']> = {};
    for (const [k, v] of Object.entries(details)) if (v !== undefined && v !== '') (d as Record<string, unknown>)[k] = v;
    s.details = d;
  }
  return s;
}
