// The REST layer without a network: requests in, Status bodies and Tables out, on a real cluster.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from '../engine';
import { traceHash } from '../engine/vopr/fnv';
import { type RestRequest, type RestResponse, MAX_REQUEST_BODY_BYTES, handle } from './handler';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function req(cluster: Cluster, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): RestResponse {
  const r: RestRequest = { method, url, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) r.body = typeof body === 'string' ? body : JSON.stringify(body);
  return handle({ cluster, serverAddress: '127.0.0.1:6443' }, r);
}
const parsed = (r: RestResponse) => JSON.parse(r.body);

const DEPLOY = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
};

describe('discovery', () => {
  const c = createCluster({ seed: 1, nodes: 1 });
  it('serves /api, /apis and the resource lists with verbs, short names, categories and subresources', () => {
    expect(parsed(req(c, 'GET', '/api')).versions).toEqual(['v1']);
    const groups = parsed(req(c, 'GET', '/apis')).groups.map((g: { name: string }) => g.name);
    expect(groups).toContain('apps');
    const v1 = parsed(req(c, 'GET', '/api/v1'));
    const pods = v1.resources.find((r: { name: string }) => r.name === 'pods');
    expect(pods).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] });
    expect(v1.resources.map((r: { name: string }) => r.name)).toContain('pods/log');
    const apps = parsed(req(c, 'GET', '/apis/apps/v1'));
    expect(apps.resources.find((r: { name: string }) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
  });
  it('answers an unknown path or resource with the 404 Status', () => {
    for (const path of ['/foo', '/api/v1/foos', '/apis/nope/v1']) {
      const r = req(c, 'GET', path);
      expect(r.code).toBe(404);
      expect(parsed(r)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
    }
  });
  it('marks PATCH as taking fieldValidation in /openapi/v3, so kubectl leaves validation to the server', () => {
    const root = parsed(req(c, 'GET', '/openapi/v3'));
    expect(Object.keys(root.paths)).toContain('apis/apps/v1');
    const doc = parsed(req(c, 'GET', '/openapi/v3/apis/apps/v1'));
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
  });
});

describe('resources', () => {
  let c: Cluster;
  beforeAll(() => {
    c = createCluster({ seed: 3, nodes: 2 });
    c.runUntilIdle();
  });

  it('prints nodes as a server-side Table with kubectl get nodes columns', () => {
    const t = parsed(req(c, 'GET', '/api/v1/nodes?limit=500', undefined, { accept: TABLE }));
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.filter((d: { priority: number }) => d.priority === 0).map((d: { name: string }) => d.name)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    expect(t.rows.map((r: { cells: unknown[] }) => r.cells.slice(0, 3))).toEqual([
      ['node-1', 'Ready', '<none>'],
      ['node-2', 'Ready', '<none>'],
    ]);
    expect(t.rows[0].object.kind).toBe('PartialObjectMetadata');
  });

  it('creates through the traced pipeline and records the request as an input', () => {
    const before = c.inputs().length;
    const r = req(c, 'POST', '/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create', DEPLOY);
    expect(r.code).toBe(201);
    expect(parsed(r).metadata.uid).toBeTruthy();
    const inputs = c.inputs();
    expect(inputs.length).toBe(before + 1);
    expect(inputs[inputs.length - 1]).toMatchObject({ type: 'request', request: { verb: 'create', resource: 'deployments', namespace: 'default' } });
    expect(c.trace().some((e) => e.type === 'apiserver.validate')).toBe(true);
    c.runUntilIdle();
    expect(c.list('Pod', 'default', 'app=web')).toHaveLength(2);
  });

  it('answers a second create with 409 AlreadyExists', () => {
    const r = req(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', DEPLOY);
    expect(r.code).toBe(409);
    expect(parsed(r)).toMatchObject({ reason: 'AlreadyExists', message: 'deployments.apps "web" already exists', details: { name: 'web', group: 'apps', kind: 'deployments' } });
  });

  it('applies a strategic merge patch by container name (kubectl set image)', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } };
    const r = req(c, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', patch, { 'content-type': 'application/strategic-merge-patch+json' });
    expect(r.code).toBe(200);
    const d = parsed(r);
    expect(d.spec.template.spec.containers).toHaveLength(1);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.28', imagePullPolicy: 'IfNotPresent' });
    expect(d.metadata.generation).toBe(2);
  });

  it('scales through deployments/scale with a merge patch (kubectl scale)', () => {
    const r = req(c, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 3 } }, { 'content-type': 'application/merge-patch+json' });
    expect(r.code).toBe(200);
    expect(parsed(r)).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 }, status: { selector: 'app=web' } });
    expect((c.get('Deployment', 'default', 'web')?.spec as { replicas: number }).replicas).toBe(3);
  });

  it('applies a JSON patch and refuses one whose test fails (422)', () => {
    const ok = req(c, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', [{ op: 'add', path: '/metadata/labels/tier', value: 'front' }], { 'content-type': 'application/json-patch+json' });
    expect(parsed(ok).metadata.labels).toEqual({ app: 'web', tier: 'front' });
    const bad = req(c, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', [{ op: 'test', path: '/spec/replicas', value: 9 }], { 'content-type': 'application/json-patch+json' });
    expect(bad.code).toBe(422);
  });

  it('filters lists by label and field selectors', () => {
    c.runUntilIdle();
    const pods = parsed(req(c, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb'));
    expect(pods.kind).toBe('PodList');
    expect(pods.items.length).toBe(3);
    const name = pods.items[0].metadata.name;
    const one = parsed(req(c, 'GET', `/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3D${name}`));
    expect(one.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([name]);
    const bad = req(c, 'GET', '/api/v1/namespaces/default/pods?labelSelector=a%20in%20(');
    expect(bad.code).toBe(400);
  });

  it('prints a pod row with kubectl get pods columns', () => {
    const t = parsed(req(c, 'GET', '/api/v1/namespaces/default/pods', undefined, { accept: TABLE }));
    expect(t.rows[0].cells.slice(1, 4)).toEqual(['1/1', 'Running', 0 === 0 ? '0' : '']);
  });

  it('serves pods/log as plain text', () => {
    const pod = c.list('Pod', 'default', 'app=web')[0];
    const r = req(c, 'GET', `/api/v1/namespaces/default/pods/${pod.metadata.name}/log`);
    expect(r.code).toBe(200);
    expect(r.contentType).toBe('text/plain');
    expect(r.body).toContain('nginx');
  });

  it('answers a missing object with the NotFound Status kubectl prints', () => {
    const r = req(c, 'GET', '/api/v1/namespaces/default/pods/missing');
    expect(r.code).toBe(404);
    expect(parsed(r)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "missing" not found', reason: 'NotFound', details: { name: 'missing', kind: 'pods' }, code: 404 });
  });

  it('refuses an invalid pod with 422 and the field causes', () => {
    const r = req(c, 'POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'c' }] } });
    expect(r.code).toBe(422);
    expect(parsed(r).message).toBe('Pod "x" is invalid: spec.containers[0].image: Required value');
  });

  it('answers malformed JSON with 400, a body over 3 MiB with 413 and an unknown patch type with 415', () => {
    const bad = req(c, 'POST', '/api/v1/namespaces/default/configmaps', '{bad');
    expect(bad.code).toBe(400);
    expect(parsed(bad).message).toBe("couldn't get version/kind; json parse error: invalid character 'b' looking for beginning of object key string");
    const big = handle({ cluster: c, serverAddress: '' }, { method: 'POST', url: '/api/v1/namespaces/default/configmaps', headers: {}, bodyTooLarge: true });
    expect(big.code).toBe(413);
    expect(parsed(big)).toMatchObject({ reason: 'RequestEntityTooLarge', message: `Request entity too large: limit is ${MAX_REQUEST_BODY_BYTES}` });
    const apply = req(c, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', 'x: 1', { 'content-type': 'application/apply-patch+yaml' });
    expect(apply.code).toBe(422);
    expect(parsed(apply).message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    const notYaml = req(c, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl', 'a: [1', { 'content-type': 'application/apply-patch+yaml' });
    expect(notYaml.code).toBe(400);
    expect(parsed(notYaml).message).toMatch(/^error decoding YAML: /);
  });

  it('server-side apply creates a missing object and merges into a live one by the lists\' merge keys', () => {
    const ssa = { 'content-type': 'application/apply-patch+yaml' };
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "1"\n';
    const created = req(c, 'PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=kubectl&force=false', cm, ssa);
    expect(created.code).toBe(201);
    expect(parsed(created)).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'ssa', namespace: 'default' }, data: { a: '1' } });
    const again = req(c, 'PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=kubectl', cm.replace('a: "1"', 'b: "2"'), ssa);
    expect(again.code).toBe(200);
    // no managedFields in this model: a key dropped from the configuration stays
    expect(parsed(again).data).toEqual({ a: '1', b: '2' });
    const before = c.get('Deployment', 'default', 'web') as any;
    const image = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 4, template: { spec: { containers: [{ name: before.spec.template.spec.containers[0].name, image: 'nginx:1.28' }] } } } });
    const merged = req(c, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl', image, ssa);
    expect(merged.code).toBe(200);
    expect(parsed(merged).spec.replicas).toBe(4);
    expect(parsed(merged).spec.template.spec.containers).toEqual([{ ...before.spec.template.spec.containers[0], image: 'nginx:1.28' }]);
    const wrongName = req(c, 'PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=kubectl', cm.replace('name: ssa', 'name: other'), ssa);
    expect(wrongName.code).toBe(400);
    expect(parsed(wrongName).message).toBe('the name of the object (other) does not match the name on the URL (ssa)');
  });

  it('refuses a DELETE whose preconditions name another UID or resourceVersion, as BeforeDelete does', () => {
    req(c, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pre' }, data: { a: '1' } });
    const cm = c.get('ConfigMap', 'default', 'pre')!;
    const uid = req(c, 'DELETE', '/api/v1/namespaces/default/configmaps/pre', { preconditions: { uid: 'not-it' } });
    expect(uid.code).toBe(409);
    expect(parsed(uid)).toMatchObject({ reason: 'Conflict', message: `Operation cannot be fulfilled on ConfigMap "pre": the UID in the precondition (not-it) does not match the UID in record (${cm.metadata.uid}). The object might have been deleted and then recreated`, details: { name: 'pre', kind: 'ConfigMap' } });
    const rv = req(c, 'DELETE', '/api/v1/namespaces/default/configmaps/pre', { preconditions: { resourceVersion: '1' } });
    expect(parsed(rv).message).toBe(`Operation cannot be fulfilled on ConfigMap "pre": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${cm.metadata.resourceVersion}). The object might have been modified`);
    expect(c.get('ConfigMap', 'default', 'pre')).toBeTruthy();
    const ok = req(c, 'DELETE', '/api/v1/namespaces/default/configmaps/pre', { preconditions: { uid: cm.metadata.uid, resourceVersion: cm.metadata.resourceVersion } });
    expect(ok.code).toBe(200);
    expect(c.get('ConfigMap', 'default', 'pre')).toBeUndefined();
  });

  it('deletes with the propagation policy and grace period it is given', () => {
    const pod = c.list('Pod', 'default', 'app=web')[0];
    const r = req(c, 'DELETE', `/api/v1/namespaces/default/pods/${pod.metadata.name}`, { propagationPolicy: 'Background', gracePeriodSeconds: 5 });
    expect(r.code).toBe(200);
    expect(parsed(r).metadata.deletionGracePeriodSeconds).toBe(5);
    const inputs = c.inputs();
    expect(inputs[inputs.length - 1]).toMatchObject({ type: 'request', request: { verb: 'delete', options: { propagationPolicy: 'Background', gracePeriodSeconds: 5 } } });
    const bad = req(c, 'DELETE', `/api/v1/namespaces/default/pods/${pod.metadata.name}`, { propagationPolicy: 'Sideways' });
    expect(bad.code).toBe(422);
  });

  it('replays the recorded requests to the same trace, byte for byte', () => {
    c.runUntilIdle();
    const replay = createCluster({ seed: 3, nodes: 2, inputs: c.inputs() });
    while (replay.trace().length < c.trace().length && replay.nextDueMs() !== undefined) replay.step();
    expect(traceHash(replay.trace().slice(0, c.trace().length))).toBe(traceHash(c.trace()));
  });
});

describe('watch', () => {
  it('streams ADDED, MODIFIED and DELETED frames from the store without changing the trace', () => {
    const c = createCluster({ seed: 5, nodes: 1 });
    c.runUntilIdle();
    req(c, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: '1' } });
    const r = req(c, 'GET', '/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Da');
    const w = r.watch!;
    const start = w.start().map((f) => JSON.parse(f));
    expect(start.map((e) => [e.type, e.object.metadata.name])).toEqual([['ADDED', 'a']]);
    const traced = c.trace().length;
    expect(w.poll()).toEqual([]);
    expect(c.trace().length).toBe(traced);
    req(c, 'PATCH', '/api/v1/namespaces/default/configmaps/a', { data: { k: '2' } }, { 'content-type': 'application/merge-patch+json' });
    req(c, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    req(c, 'DELETE', '/api/v1/namespaces/default/configmaps/a');
    const frames = w.poll().map((f) => JSON.parse(f));
    expect(frames.map((e) => [e.type, e.object.metadata.name, e.object.data?.k])).toEqual([
      ['MODIFIED', 'a', '2'],
      ['DELETED', 'a', '2'],
    ]);
  });

  it('resumes after a resourceVersion, and carries Tables for kubectl get -w', () => {
    const c = createCluster({ seed: 5, nodes: 1 });
    c.runUntilIdle();
    const list = parsed(req(c, 'GET', '/api/v1/namespaces/default/configmaps'));
    req(c, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
    const w = req(c, 'GET', `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}`, undefined, { accept: TABLE }).watch!;
    const frames = w.start().map((f) => JSON.parse(f));
    expect(frames).toHaveLength(1);
    expect(frames[0].type).toBe('ADDED');
    expect(frames[0].object.kind).toBe('Table');
    expect(frames[0].object.rows[0].cells[0]).toBe('late');
  });
});

describe('impersonation', () => {
  it('lets RBAC decide a read made --as someone else, with the Forbidden text', () => {
    const c = createCluster({ seed: 2, nodes: 1 });
    c.runUntilIdle();
    const r = req(c, 'GET', '/api/v1/namespaces/default/pods', undefined, { 'impersonate-user': 'alice' });
    expect(r.code).toBe(403);
    expect(parsed(r).message).toBe('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"');
    expect(req(c, 'GET', '/api/v1/namespaces/default/pods').code).toBe(200);
  });
  it('answers a SelfSubjectAccessReview (kubectl auth can-i) from the authorizer', () => {
    const c = createCluster({ seed: 2, nodes: 1 });
    c.runUntilIdle();
    const review = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } } };
    const admin = req(c, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', review);
    expect(admin.code).toBe(201);
    expect(parsed(admin).status.allowed).toBe(true);
    const alice = req(c, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', review, { 'impersonate-user': 'alice' });
    expect(parsed(alice).status.allowed).toBe(false);
    const before = c.trace().length;
    req(c, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', review);
    expect(c.trace().length).toBe(before);
  });
});

describe('logs -f', () => {
  it('streams the lines a container writes after the request, then ends when it stops', () => {
    const c = createCluster({ seed: 4, nodes: 1 });
    c.runUntilIdle();
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ticker' }, spec: { restartPolicy: 'Never', containers: [{ name: 't', image: 'busybox:1.36', command: ['sh', '-c', 'echo one; sleep 5; echo two; sleep 5; echo three'] }] } };
    expect(req(c, 'POST', '/api/v1/namespaces/default/pods', pod).code).toBe(201);
    let r = req(c, 'GET', '/api/v1/namespaces/default/pods/ticker/log?follow=true');
    for (let i = 0; i < 60 && r.code !== 200; i++) {
      c.advance(500);
      r = req(c, 'GET', '/api/v1/namespaces/default/pods/ticker/log?follow=true');
    }
    const s = r.watch!;
    let out = s.start().join('');
    for (let i = 0; i < 40 && !s.ended; i++) {
      c.advance(500);
      out += s.poll().join('');
    }
    expect(out).toBe('one\ntwo\nthree\n');
    expect(s.ended).toBe(true);
  });
});

describe('delete answers', () => {
  it('names an object deleted at once in a Success Status, and returns a pod that is terminating', () => {
    const c = createCluster({ seed: 6, nodes: 1 });
    c.runUntilIdle();
    req(c, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gone' } });
    const uid = c.get('ConfigMap', 'default', 'gone')!.metadata.uid;
    const r = req(c, 'DELETE', '/api/v1/namespaces/default/configmaps/gone', { propagationPolicy: 'Background' });
    expect(r.code).toBe(200);
    expect(parsed(r)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'gone', kind: 'configmaps', uid } });
  });
});
