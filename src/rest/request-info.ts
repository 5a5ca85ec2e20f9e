// Twin of staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go (RequestInfoFactory.
// NewRequestInfo): the verb, API group/version, namespace, resource, name and subresource a
// method and path stand for. `/api/v1/namespaces/default/pods/web/log` → get pods/log "web".
export interface RequestInfo {
  /** an API resource request (else a non-resource path such as /version or /api) */
  isResourceRequest: boolean;
  path: string;
  verb: string;
  apiPrefix?: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

export function requestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = { isResourceRequest: false, path, verb: method.toLowerCase(), apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '', parts: [] };
  let parts = path.replace(/^\/+|\/+$/g, '').split('/').filter((p) => p !== '');
  if (parts.length < 3) return info; // /api, /apis, /api/v1, /apis/apps are discovery
  const prefix = parts[0];
  if (prefix !== 'api' && prefix !== 'apis') return info;
  info.apiPrefix = prefix;
  parts = parts.slice(1);
  if (prefix === 'apis') {
    if (parts.length < 3) return info; // /apis/apps/v1 is discovery
    info.apiGroup = parts[0];
    parts = parts.slice(1);
  }
  info.apiVersion = parts[0];
  parts = parts.slice(1);
  info.isResourceRequest = true;
  // the deprecated /watch/ prefix
  if (parts[0] === 'watch') {
    info.verb = 'watch';
    parts = parts.slice(1);
  } else {
    info.verb = ({ post: 'create', get: 'get', head: 'get', put: 'update', patch: 'patch', delete: 'delete' } as Record<string, string>)[info.verb] ?? '';
  }
  // namespaces/{ns}/{resource}… is namespaced; namespaces/{name}[/finalize|/status] is the namespace itself
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1];
      if (parts.length > 2 && parts[2] !== 'finalize' && parts[2] !== 'status') parts = parts.slice(2);
    }
  }
  info.parts = parts;
  if (parts.length >= 3) info.subresource = parts[2];
  if (parts.length >= 2) info.name = parts[1];
  if (parts.length >= 1) info.resource = parts[0];
  // a GET without a name is a list, or a watch when ?watch=true
  if (!info.name && info.verb === 'get') {
    const w = query.get('watch');
    info.verb = w === 'true' || w === '1' ? 'watch' : 'list';
  }
  if (!info.name && info.verb === 'delete') info.verb = 'deletecollection';
  return info;
}
