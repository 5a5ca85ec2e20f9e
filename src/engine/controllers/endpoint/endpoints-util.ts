// Twin of pkg/api/v1/endpoints/util.go RepackSubsets / SortSubsets: expand subsets to (address,
// port, ready) triples and repack them so that ports offered by the same set of addresses share
// one subset ("not ready" trumps "ready"). Upstream orders subsets and ports by an md5 of their
// spew dump; the canonical JSON order stands in for that hash order here.

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
}

export interface EndpointPortV1 {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPortV1[];
}

/** LessEndpointAddress: by IP bytes, then target UID. */
export function lessEndpointAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

const NO_PORTS: EndpointPortV1 = { port: 0, protocol: '' };
const addressKey = (a: EndpointAddress) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPortV1) => JSON.stringify([p.name ?? '', p.port, p.protocol, p.appProtocol ?? '']);

/** RepackSubsets */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  const ports = new Map<string, EndpointPortV1>();
  const portToAddrReady = new Map<string, Map<string, boolean>>();
  const map = (addr: EndpointAddress, port: EndpointPortV1, ready: boolean) => {
    const k = addressKey(addr);
    if (!allAddrs.has(k)) allAddrs.set(k, addr);
    const pk = portKey(port);
    ports.set(pk, port);
    const set = portToAddrReady.get(pk) ?? new Map<string, boolean>();
    portToAddrReady.set(pk, set);
    // not ready always trumps ready
    if (!set.has(k) || set.get(k)) set.set(k, ready);
  };
  for (const s of subsets) {
    // a headless Service without ports keeps its addresses under a sentinel "no ports" key
    for (const port of s.ports?.length ? s.ports : [NO_PORTS]) {
      for (const a of s.addresses ?? []) map(a, port, true);
      for (const a of s.notReadyAddresses ?? []) map(a, port, false);
    }
  }
  // group the ports that are offered by the very same (address, ready) set
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPortV1[] }>();
  for (const [pk, addrs] of portToAddrReady) {
    const gk = [...addrs.entries()].map(([a, r]) => `${a}=${r}`).sort().join(',');
    const g = groups.get(gk) ?? { addrs, ports: [] };
    g.ports.push(ports.get(pk)!);
    groups.set(gk, g);
  }
  const final: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of g.addrs) (r ? ready : notReady).push(allAddrs.get(k)!);
    const s: EndpointSubset = {};
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    const real = g.ports.filter((p) => p !== NO_PORTS);
    if (real.length) s.ports = real;
    final.push(s);
  }
  return sortSubsets(final);
}

/** SortSubsets */
export function sortSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  for (const s of subsets) {
    s.addresses?.sort(lessEndpointAddress);
    s.notReadyAddresses?.sort(lessEndpointAddress);
    s.ports?.sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
  }
  const key = (s: EndpointSubset) => JSON.stringify(s);
  return subsets.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
