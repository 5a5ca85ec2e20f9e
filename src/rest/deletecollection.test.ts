// DELETE on a collection (store.go DeleteCollection): the objects the selectors pick are deleted,
// each through the apiserver's pipeline, and the answer is the list of what was deleted.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import { type RestRequest, handle } from './handler';

describe('deletecollection', () => {
  const c = createCluster({ seed: 5, nodes: 1 });
  c.runUntilIdle(30_000);
  const call = (method: string, url: string, body?: unknown) => {
    const r: RestRequest = { method, url, headers: { 'content-type': 'application/json', accept: 'application/json' } };
    if (body !== undefined) r.body = JSON.stringify(body);
    return handle({ cluster: c, serverAddress: 'orrery.local' }, r);
  };
  const names = () => (JSON.parse(call('GET', '/api/v1/namespaces/default/configmaps').body).items as Array<{ metadata: { name: string } }>).map((o) => o.metadata.name).sort();

  it('deletes the objects a label selector picks and answers with them', () => {
    for (const [name, tier] of [['a', 'web'], ['b', 'web'], ['c', 'db']]) {
      expect(call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { tier } } }).code).toBe(201);
    }
    const inputs = c.inputs().length;
    const r = call('DELETE', '/api/v1/namespaces/default/configmaps?labelSelector=tier%3Dweb');
    expect(r.code).toBe(200);
    const list = JSON.parse(r.body);
    expect(list.kind).toBe('ConfigMapList');
    expect(list.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['a', 'b']);
    expect(names()).toEqual(['c', 'kube-root-ca.crt']);
    // every deletion is a request of the run, replayed by time travel
    expect(c.inputs().length).toBe(inputs + 2);
  });

  it('honours a field selector, refuses a bad selector, and has no deletecollection on namespaces', () => {
    expect(call('DELETE', '/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Dc').code).toBe(200);
    expect(names()).toEqual(['kube-root-ca.crt']);
    const bad = call('DELETE', '/api/v1/namespaces/default/configmaps?labelSelector=tier%20in%20(web');
    expect(bad.code).toBe(400);
    expect(JSON.parse(bad.body).reason).toBe('BadRequest');
    expect(call('DELETE', '/api/v1/namespaces').code).toBe(405);
  });
});
