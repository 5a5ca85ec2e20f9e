// kube-proxy's iptables rules as data (vectors from pkg/proxy/iptables/proxier_test.go) and
// routeRequest, which walks them as the kernel would.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { mulberry32 } from '../kernel/rng';
import { syncProxyRules, type ProxyRules } from './iptables/proxier';
import { routeRequest } from './route';
import { base32, sha256, utf8 } from './sha256';
import { servicePortChainName, servicePortEndpointChainName } from './service-port';

type Obj = Record<string, any>;
const CFG = { nodeName: 'node-1', clusterCIDR: '10.244.0.0/16' };

function svc(spec: Obj = {}, name = 'web'): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, protocol: 'TCP' }], ...spec } } as KObject;
}

function slice(eps: Array<{ ip: string; ready?: boolean; serving?: boolean; terminating?: boolean; node?: string }>, name = 'web'): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: eps.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false }, nodeName: e.node ?? 'node-2' })),
  } as KObject;
}

/** A seeded stream of draws in [0, 1). */
function draws(seed: number): () => number {
  let s = seed;
  return () => {
    const [next, out] = mulberry32(s);
    s = next;
    return out / 0x100000000;
  };
}

const lines = (r: ProxyRules, chain: string) => r.rules.filter((x) => x.chain === chain).map((x) => x.line);

describe('chain names', () => {
  it('reproduce upstream portProtoHash (sha256 → base32 → 16 chars)', () => {
    expect(servicePortChainName('ns1/svc1:p80', 'TCP')).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(servicePortEndpointChainName('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
  });

  it('match node:crypto sha256 and RFC 4648 base32', () => {
    for (const s of ['', 'abc', 'default/web:httptcp', 'x'.repeat(200), 'ünïcode/✓']) {
      expect(Buffer.from(sha256(utf8(s))).toString('hex')).toBe(createHash('sha256').update(s).digest('hex'));
    }
    expect(base32(utf8('foobar'))).toBe('MZXW6YTBOI======');
  });
});

describe('syncProxyRules', () => {
  it('balances over 3 ready endpoints with probabilities 1/3, 1/2 and an unconditional last rule', () => {
    const r = syncProxyRules(CFG, [svc()], [slice([{ ip: '10.244.2.5' }, { ip: '10.244.1.7' }, { ip: '10.244.3.9' }])]);
    const chain = servicePortChainName('default/web:http', 'TCP');
    expect(lines(r, 'KUBE-SERVICES')[0]).toBe(`-A KUBE-SERVICES -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j ${chain}`);
    const svcRules = r.rules.filter((x) => x.chain === chain && x.jump.startsWith('KUBE-SEP-'));
    expect(svcRules.map((x) => [x.comment, x.probability])).toEqual([
      ['default/web:http -> 10.244.1.7:8080', '0.3333333333'],
      ['default/web:http -> 10.244.2.5:8080', '0.5000000000'],
      ['default/web:http -> 10.244.3.9:8080', undefined],
    ]);
    const sep = servicePortEndpointChainName('default/web:http', 'tcp', '10.244.1.7:8080');
    expect(lines(r, sep)).toEqual([
      `-A ${sep} -m comment --comment default/web:http -s 10.244.1.7 -j KUBE-MARK-MASQ`,
      `-A ${sep} -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.7:8080`,
    ]);
    expect(r.services[0]).toMatchObject({ name: 'default/web:http', reject: false, chain });
  });

  it('REJECTs a Service without endpoints in the filter table and writes no nat chain for it', () => {
    const r = syncProxyRules(CFG, [svc()], []);
    expect(r.rules.filter((x) => x.table === 'filter' && x.chain === 'KUBE-SERVICES').map((x) => x.line)).toEqual([
      '-A KUBE-SERVICES -m comment --comment "default/web:http has no endpoints" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j REJECT',
    ]);
    expect(r.chains.nat.some((c) => c.startsWith('KUBE-SVC-'))).toBe(false);
    expect(routeRequest(r, '10.96.0.10', 80, draws(1)).verdict).toBe('REJECT');
  });

  it('uses only ready endpoints, and serving terminating ones when none is ready', () => {
    const some = syncProxyRules(CFG, [svc()], [slice([{ ip: '10.244.1.1' }, { ip: '10.244.1.2', ready: false, serving: true, terminating: true }, { ip: '10.244.1.3', ready: false }])]);
    expect(some.services[0].endpoints.map((e) => e.endpoint)).toEqual(['10.244.1.1:8080']);
    const none = syncProxyRules(CFG, [svc()], [slice([{ ip: '10.244.1.2', ready: false, serving: true, terminating: true }, { ip: '10.244.1.3', ready: false }])]);
    expect(none.services[0].endpoints.map((e) => e.endpoint)).toEqual(['10.244.1.2:8080']);
  });

  it('skips headless and ExternalName Services', () => {
    expect(syncProxyRules(CFG, [svc({ clusterIP: 'None' }), svc({ type: 'ExternalName', externalName: 'example.com' }, 'ext')], []).services).toEqual([]);
  });

  it('sends NodePort traffic through KUBE-NODEPORTS and a masquerading KUBE-EXT chain', () => {
    const r = syncProxyRules(CFG, [svc({ type: 'NodePort', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] })], [slice([{ ip: '10.244.2.5' }])]);
    const ext = r.services[0].externalChain!;
    expect(lines(r, 'KUBE-NODEPORTS')).toEqual([`-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30080 -j ${ext}`]);
    expect(lines(r, ext)).toEqual([`-A ${ext} -m comment --comment "masquerade traffic for default/web:http external destinations" -j KUBE-MARK-MASQ`, `-A ${ext} -j ${r.services[0].chain}`]);
    const res = routeRequest(r, '192.168.0.11', 30080, draws(1), '203.0.113.7', { destIsLocal: true });
    expect(res).toMatchObject({ verdict: 'DNAT', endpoint: '10.244.2.5:8080', masquerade: true });
    expect(res.path).toEqual(['PREROUTING', 'KUBE-SERVICES', 'KUBE-NODEPORTS', ext, r.services[0].chain, r.services[0].endpoints[0].chain]);
  });

  it('pins a client to one endpoint with ClientIP affinity (-m recent, timeout 10800 s by default)', () => {
    const r = syncProxyRules(CFG, [svc({ sessionAffinity: 'ClientIP' })], [slice([{ ip: '10.244.1.1' }, { ip: '10.244.1.2' }, { ip: '10.244.1.3' }])]);
    const chain = r.services[0].chain;
    expect(lines(r, chain).filter((l) => l.includes('--rcheck'))[0]).toMatch(/-m recent --name KUBE-SEP-\w{16} --rcheck --seconds 10800 --reap -j KUBE-SEP-/);
    const rng = draws(7);
    const first = routeRequest(r, '10.96.0.10', 80, rng, '10.244.5.5', { nowMs: 0 });
    let recent = first.recent;
    for (let i = 1; i <= 20; i++) {
      const next = routeRequest(r, '10.96.0.10', 80, rng, '10.244.5.5', { nowMs: i * 1000, recent });
      expect(next.endpoint).toBe(first.endpoint);
      expect(next.draws).toEqual([]);
      recent = next.recent;
    }
    // after the timeout the lists no longer match and the statistic rules draw again
    expect(routeRequest(r, '10.96.0.10', 80, rng, '10.244.5.5', { nowMs: 20_000 + 10_801_000, recent }).draws.length).toBeGreaterThan(0);
  });
});

describe('routeRequest', () => {
  it('spreads connections evenly over the endpoints', () => {
    const r = syncProxyRules(CFG, [svc()], [slice([{ ip: '10.244.1.1' }, { ip: '10.244.2.1' }, { ip: '10.244.3.1' }])]);
    const rng = draws(42);
    const n = 30_000;
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const res = routeRequest(r, '10.96.0.10', 80, rng);
      counts[res.endpoint!] = (counts[res.endpoint!] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['10.244.1.1:8080', '10.244.2.1:8080', '10.244.3.1:8080']);
    for (const c of Object.values(counts)) expect(Math.abs(c / n - 1 / 3)).toBeLessThan(0.015);
  });

  it('draws in rule order: a first draw under 1/3 picks the first endpoint without a second draw', () => {
    const r = syncProxyRules(CFG, [svc()], [slice([{ ip: '10.244.1.1' }, { ip: '10.244.2.1' }, { ip: '10.244.3.1' }])]);
    const seq = (xs: number[]) => () => xs.shift()!;
    expect(routeRequest(r, '10.96.0.10', 80, seq([0.2]))).toMatchObject({ endpoint: '10.244.1.1:8080', draws: [0.2] });
    expect(routeRequest(r, '10.96.0.10', 80, seq([0.9, 0.4]))).toMatchObject({ endpoint: '10.244.2.1:8080', draws: [0.9, 0.4] });
    expect(routeRequest(r, '10.96.0.10', 80, seq([0.9, 0.6]))).toMatchObject({ endpoint: '10.244.3.1:8080', draws: [0.9, 0.6] });
  });

  it('masquerades hairpin traffic (a pod reaching itself) and off-cluster clients, not pod-to-pod', () => {
    const r = syncProxyRules(CFG, [svc()], [slice([{ ip: '10.244.1.1' }])]);
    expect(routeRequest(r, '10.96.0.10', 80, draws(1), '10.244.2.2').masquerade).toBe(false);
    expect(routeRequest(r, '10.96.0.10', 80, draws(1), '10.244.1.1').masquerade).toBe(true);
    expect(routeRequest(r, '10.96.0.10', 80, draws(1), '192.168.1.50').masquerade).toBe(true);
    expect(routeRequest(r, '10.96.0.99', 80, draws(1)).verdict).toBe('ACCEPT');
  });
});
