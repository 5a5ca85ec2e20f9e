// Aggregated discovery (KEP-3352), what kube-apiserver answers on /api and /apis when the client
// asks for `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`, as kubectl
// 1.32 does first: one APIGroupDiscoveryList with every group version's resources, so kubectl
// needs one request instead of one per group version (staging/src/k8s.io/apiserver/pkg/endpoints/
// discovery/aggregated/handler.go, negotiation.go; the client side is staging/src/k8s.io/client-go/
// discovery/aggregated_discovery.go, which takes the list only with this Content-Type). Built from
// the same resource lists as the unaggregated documents (discovery.ts).
import { groups, resourcesOf, type ApiResource } from './discovery';

/** the media type of the answer: client-go checks its g, v and as parameters */
export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/**
 * Does the Accept header prefer the aggregated list? The first media range the server can serve
 * wins, as the apiserver's negotiation does (a protobuf range first is skipped: only JSON is served).
 */
export function wantsAggregated(accept: string | undefined): boolean {
  for (const range of (accept ?? '').split(',')) {
    const [type, ...params] = range.split(';').map((x) => x.trim());
    const p = Object.fromEntries(params.map((x) => x.split('=').map((y) => y.trim())));
    if (type === 'application/json' && p.g === 'apidiscovery.k8s.io' && p.v === 'v2' && p.as === 'APIGroupDiscoveryList') return true;
    if (type === 'application/json' && !p.g && !p.as) return false;
    if (type === '*/*' || type === 'application/*') return false;
  }
  return false;
}

interface GVK {
  group: string;
  version: string;
  kind: string;
}

interface SubresourceDiscovery {
  subresource: string;
  responseKind: GVK;
  verbs: string[];
}

interface ResourceDiscovery {
  resource: string;
  responseKind: GVK;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: SubresourceDiscovery[];
}

/** apidiscovery/v2 APIVersionDiscovery of one group version */
function versionDiscovery(group: string, version: string): object {
  const list = resourcesOf(group, version);
  const resources: ResourceDiscovery[] = [];
  const byName = new Map<string, ResourceDiscovery>();
  for (const r of list.filter((x) => !x.name.includes('/'))) {
    const d: ResourceDiscovery = {
      resource: r.name,
      responseKind: { group, version, kind: r.kind },
      scope: r.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: r.singularName,
      verbs: r.verbs,
    };
    if (r.shortNames?.length) d.shortNames = r.shortNames;
    if (r.categories?.length) d.categories = r.categories;
    resources.push(d);
    byName.set(r.name, d);
  }
  for (const r of list.filter((x: ApiResource) => x.name.includes('/'))) {
    const [parent, sub] = r.name.split('/');
    const d = byName.get(parent);
    if (!d) continue;
    (d.subresources ??= []).push({ subresource: sub, responseKind: { group: r.group ?? group, version: r.version ?? version, kind: r.kind }, verbs: r.verbs });
  }
  return { version, resources, freshness: 'Current' };
}

/** apidiscovery/v2 APIGroupDiscovery; the core group has no name */
function groupDiscovery(group: string, version: string): object {
  return { metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null }, versions: [versionDiscovery(group, version)] };
}

/** GET /api (core) or /apis (the named groups, in the priority order of /apis) with the aggregated Accept */
export function aggregatedDiscovery(core: boolean): object {
  const items = groups()
    .filter((g) => (core ? !g.group : !!g.group))
    .map((g) => groupDiscovery(g.group, g.version));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
