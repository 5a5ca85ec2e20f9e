// limit/continue on lists as the apiserver pages them (etcd3/store.go GetList, storage/continue.go).
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from '../engine';
import { type RestResponse, handle } from './handler';
import { decodeContinue, encodeContinue } from './paging';

const get = (c: Cluster, url: string, accept = 'application/json'): RestResponse => handle({ cluster: c, serverAddress: 'orrery.local' }, { method: 'GET', url, headers: { accept } });
const body = (r: RestResponse) => JSON.parse(r.body);
const names = (r: RestResponse) => (body(r).items as Array<{ metadata: { name: string } }>).map((o) => o.metadata.name);
const create = (c: Cluster, name: string, labels: Record<string, string> = {}) =>
  handle({ cluster: c, serverAddress: 'orrery.local' }, { method: 'POST', url: '/api/v1/namespaces/default/configmaps', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } }) });

describe('paged lists', () => {
  it('pages in key order through continue tokens, every page at the first page\'s revision', () => {
    const c = createCluster({ seed: 3, nodes: 1 });
    c.runUntilIdle(30_000);
    for (const n of ['e', 'a', 'd', 'b', 'c']) expect(create(c, n, { odd: String('ace'.includes(n)) }).code).toBe(201);
    const whole = names(get(c, '/api/v1/namespaces/default/configmaps'));
    const first = get(c, '/api/v1/namespaces/default/configmaps?limit=2');
    expect(first.code).toBe(200);
    const meta = body(first).metadata;
    expect(names(first)).toEqual(whole.slice(0, 2));
    expect(meta.remainingItemCount).toBe(whole.length - 2);
    expect(decodeContinue(meta.continue)).toEqual({ start: `${whole[1]}\u0000`, rv: Number(meta.resourceVersion) });
    // a write between pages is not seen: the pages are one snapshot
    expect(create(c, 'aa').code).toBe(201);
    const seen = [...names(first)];
    let token = meta.continue as string | undefined;
    while (token) {
      const page = get(c, `/api/v1/namespaces/default/configmaps?limit=2&continue=${token}`);
      expect(body(page).metadata.resourceVersion).toBe(meta.resourceVersion);
      seen.push(...names(page));
      token = body(page).metadata.continue;
    }
    expect(seen).toEqual(whole);
    expect(names(get(c, '/api/v1/namespaces/default/configmaps'))).toContain('aa');
  });

  it('counts no remaining items under a selector, and fills each page with matching objects only', () => {
    const c = createCluster({ seed: 3, nodes: 1 });
    c.runUntilIdle(30_000);
    for (const n of ['a', 'b', 'c', 'd', 'e']) create(c, n, { odd: String('ace'.includes(n)) });
    const first = body(get(c, '/api/v1/namespaces/default/configmaps?limit=2&labelSelector=odd%3Dtrue'));
    expect(first.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['a', 'c']);
    expect(first.metadata.remainingItemCount).toBeUndefined();
    const second = body(get(c, `/api/v1/namespaces/default/configmaps?limit=2&labelSelector=odd%3Dtrue&continue=${first.metadata.continue}`));
    expect(second.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['e']);
    expect(second.metadata.continue).toBeUndefined();
    // a Table carries the same list metadata
    const t = body(get(c, '/api/v1/namespaces/default/configmaps?limit=1', 'application/json;as=Table;v=v1;g=meta.k8s.io'));
    expect(t.kind).toBe('Table');
    expect(t.rows).toHaveLength(1);
    expect(t.metadata.continue).toBeTruthy();
  });

  it('answers a token that does not decode with 400, and one etcd has compacted with 410 and a token to go on', () => {
    const c = createCluster({ seed: 3, nodes: 1 });
    c.runUntilIdle(30_000);
    for (const n of ['a', 'b', 'c']) create(c, n);
    const bad = get(c, '/api/v1/namespaces/default/configmaps?limit=1&continue=not-a-token!');
    expect(bad.code).toBe(400);
    expect(body(bad)).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400, message: 'invalid continue token: continue key is not valid: illegal base64 data at input byte 11' });
    const wrongVersion = get(c, `/api/v1/namespaces/default/configmaps?limit=1&continue=${Buffer.from('{"v":"v2","rv":5,"start":"a"}').toString('base64url')}`);
    expect(body(wrongVersion).message).toBe('invalid continue token: continue key is not valid: server does not recognize this encoded version v2');
    const withRv = get(c, `/api/v1/namespaces/default/configmaps?limit=1&resourceVersion=5&continue=${encodeContinue('a\u0000', 5)}`);
    expect(body(withRv).message).toBe('specifying resource version is not allowed when using continue');

    const first = body(get(c, '/api/v1/namespaces/default/configmaps?limit=1'));
    // the apiserver compacts etcd every 5 minutes, to the revision it saw 5 minutes before
    for (let i = 0; i < 12; i++) {
      create(c, `later-${i}`);
      c.advance(60_000);
    }
    const expired = get(c, `/api/v1/namespaces/default/configmaps?limit=1&continue=${first.metadata.continue}`);
    expect(expired.code).toBe(410);
    const s = body(expired);
    expect(s).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
    expect(s.message).toMatch(/^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token/);
    expect(decodeContinue(s.metadata.continue)).toEqual({ start: 'a\u0000', rv: -1 });
    // the new token goes on at the latest revision (an inconsistent list, as the message says)
    const next = get(c, `/api/v1/namespaces/default/configmaps?limit=1&continue=${s.metadata.continue}`);
    expect(next.code).toBe(200);
    expect(names(next)).toEqual(['b']);
    expect(body(next).metadata.resourceVersion).toBe(String(c.revision()));
  });
});
