// sample-controller style: preload the listers, call syncHandler once, assert the planned writes.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import type { ControllerHost } from '../controller';
import { ServiceAccountsController } from './serviceaccounts-controller';
import { DESCRIPTION, ROOT_CA_CERT_CONFIGMAP_NAME, RootCACertPublisher } from '../rootcacertpublisher/publisher';
import { ResourceQuotaController } from '../resourcequota/resource-quota-controller';

function host(stores: Record<string, Record<string, object>>, queued: string[] = []): ControllerHost {
  return {
    now: () => 0,
    lister: (r) => (stores[r] ?? {}) as Record<string, KObject>,
    enqueue: (_c, key) => void queued.push(key),
    enqueueAfter: () => {},
    state: () => ({ rsExpectations: {} }),
    recordEvent: () => {},
  };
}
const ns = (name: string, phase = 'Active') => ({ kind: 'Namespace', metadata: { name }, status: { phase } });

describe('ServiceAccountsController', () => {
  it('creates default in an active namespace that lacks it, and nothing otherwise', () => {
    const c = new ServiceAccountsController(host({ namespaces: { a: ns('a'), b: ns('b'), t: ns('t', 'Terminating') }, serviceaccounts: { 'b/default': { metadata: { name: 'default', namespace: 'b' } } } }));
    const plan = c.syncHandler('a');
    expect(plan.batches.flat().map((o) => [o.req.verb, o.req.resource, o.req.namespace, o.req.body?.metadata.name])).toEqual([['create', 'serviceaccounts', 'a', 'default']]);
    expect(plan.batches[0][0].ignore).toEqual([409, 403]);
    expect(c.syncHandler('b').batches).toEqual([]);
    expect(c.syncHandler('t').batches).toEqual([]);
  });

  it('queues the namespace again when its default ServiceAccount is deleted', () => {
    const q: string[] = [];
    const c = new ServiceAccountsController(host({}, q));
    c.onWatch('serviceaccounts', 'DELETED', { metadata: { name: 'default', namespace: 'x' } } as KObject);
    c.onWatch('serviceaccounts', 'DELETED', { metadata: { name: 'builder', namespace: 'x' } } as KObject);
    expect(q).toEqual(['x']);
  });
});

describe('RootCACertPublisher', () => {
  it('creates kube-root-ca.crt with the CA and the description, and repairs a changed one', () => {
    const edited = { kind: 'ConfigMap', metadata: { name: ROOT_CA_CERT_CONFIGMAP_NAME, namespace: 'b' }, data: { 'ca.crt': 'tampered' } };
    const c = new RootCACertPublisher(host({ namespaces: { a: ns('a'), b: ns('b') }, configmaps: { [`b/${ROOT_CA_CERT_CONFIGMAP_NAME}`]: edited } }));
    const created = c.syncHandler('a').batches[0][0].req;
    expect(created).toMatchObject({ verb: 'create', resource: 'configmaps', namespace: 'a' });
    expect((created.body as Record<string, any>).metadata.annotations).toEqual({ 'kubernetes.io/description': DESCRIPTION });
    const fixed = c.syncHandler('b').batches[0][0].req;
    expect(fixed.verb).toBe('update');
    expect((fixed.body as Record<string, any>).data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });
});

describe('ResourceQuotaController', () => {
  it('recomputes status.used from the informers and writes status only when it changed', () => {
    const pod = (name: string, phase = 'Running') => ({ kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'a', resources: { requests: { cpu: '250m' } } }] }, status: { phase } });
    const quota = { kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default', resourceVersion: '3' }, spec: { hard: { pods: '5', 'requests.cpu': '2000m' } } };
    const stores = { resourcequotas: { 'default/q': quota }, pods: { 'default/a': pod('a'), 'default/b': pod('b'), 'default/c': pod('c', 'Succeeded'), 'other/d': { ...pod('d'), metadata: { name: 'd', namespace: 'other' } } } };
    const plan = new ResourceQuotaController(host(stores)).syncHandler('default/q');
    const req = plan.batches[0][0].req;
    expect([req.verb, req.subresource]).toEqual(['update', 'status']);
    expect((req.body as Record<string, any>).status).toEqual({ hard: { pods: '5', 'requests.cpu': '2' }, used: { pods: '2', 'requests.cpu': '500m' } });
    const synced = { ...quota, status: { hard: { pods: '5', 'requests.cpu': '2' }, used: { pods: '2', 'requests.cpu': '500m' } } };
    expect(new ResourceQuotaController(host({ ...stores, resourcequotas: { 'default/q': synced } })).syncHandler('default/q').batches).toEqual([]);
  });
});
