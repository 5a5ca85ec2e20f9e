// The Services view's chains, from a real kube-proxy sync of the service example.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { KubeObject, ProxyRulesView } from '../protocol/messages';
import { chainsFor, endpointsOf, portsColumn } from '../ui/services/service-rules';

const SERVICE = readFileSync(new URL('../../examples/service.yaml', import.meta.url), 'utf8');

function run() {
  const c = createCluster({ seed: 4 });
  c.runUntilIdle();
  c.apply(SERVICE);
  c.runUntilIdle();
  const syncs = c.trace().filter((e) => e.type === 'kube-proxy.sync' && e.to === 'kube-proxy:node-1' && e.params.changed);
  return { c, syncs: syncs.map((e) => e.detail as ProxyRulesView) };
}

describe('service chains', () => {
  it('shows KUBE-SERVICES → KUBE-SVC with 1/3, 1/2 and the last endpoint unconditional', () => {
    const { c, syncs } = run();
    const [chains] = chainsFor('default', 'web', syncs.at(-1)!, syncs.at(-2));
    const svc = c.get('Service', 'default', 'web') as unknown as KubeObject;
    expect(chains.entry[0].text).toContain(`-d ${(svc.spec as { clusterIP: string }).clusterIP} --dport 80 -j ${chains.svcChain}`);
    const toSep = chains.svc.filter((l) => l.jump.startsWith('KUBE-SEP-'));
    expect(toSep.map((l) => l.probability)).toEqual(['0.3333333333', '0.5000000000', undefined]);
    expect(chains.seps).toHaveLength(3);
    expect(chains.seps.every((s) => s.lines.some((l) => l.text.includes(`--to-destination ${s.endpoint}`)))).toBe(true);
    expect(portsColumn(svc)).toBe('80/TCP');
    const slices = c.list('EndpointSlice', 'default') as unknown as KubeObject[];
    expect(endpointsOf(svc, slices).map((e) => [e.ready, e.serving, e.terminating])).toEqual([[true, true, false], [true, true, false], [true, true, false]]);
  });

  it('marks what the last sync added and what it removed', () => {
    const { syncs } = run();
    const three = syncs.at(-1)!;
    const before = syncs.find((s) => s.services.some((sp) => sp.endpoints.length > 0 && sp.endpoints.length < 3))!;
    const [grew] = chainsFor('default', 'web', three, before);
    expect(grew.seps.filter((s) => s.state === 'added')).toHaveLength(3 - before.services[0].endpoints.length);
    const [shrank] = chainsFor('default', 'web', before, three);
    expect(shrank.removed).toHaveLength(3 - before.services[0].endpoints.length);
    expect(shrank.svc.some((l) => l.state === 'added')).toBe(true); // the probabilities were rewritten
  });
});
