// The /openapi/v3 documents (schemas generated from kubernetes-types, list extensions from
// patch-meta.ts), aggregated discovery on /api and /apis, and the Terminal's `kubectl explain`
// where no real kubectl is needed (src/server/parity-explain.test.ts compares it byte for byte).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS, createCluster } from '../engine';
import { handle } from './handler';
import { KubectlSession } from './kubectl/kubectl';
import { wrapString } from './kubectl/explain';
import { openapiV3GroupVersion, openapiV3Root } from './openapi';
import { mergeKeysByField } from './patch-meta';
import { strategicMergePatch } from './patch';
import { resourcesOf } from './discovery';
// @ts-expect-error the generator is a plain ES module script without types
import { render } from '../../scripts/gen-openapi-schemas.mjs';

type S = Record<string, any>;
const doc = (p: string) => openapiV3GroupVersion(p) as S;

describe('/openapi/v3 documents', () => {
  it('the committed schemas are what the generator writes from kubernetes-types', () => {
    expect(readFileSync(join(__dirname, 'openapi-schemas.json'), 'utf8')).toBe(render());
  });

  it('a Pod: upstream definition names, its GVK, containers merged by name', () => {
    const schemas = doc('api/v1').components.schemas as Record<string, S>;
    const pod = schemas['io.k8s.api.core.v1.Pod'];
    expect(pod['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(pod.properties.spec.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }]);
    expect(pod.properties.metadata.allOf[0].$ref).toBe('#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    const containers = schemas['io.k8s.api.core.v1.PodSpec'].properties.containers;
    expect(containers).toMatchObject({
      type: 'array',
      items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }] },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(schemas['io.k8s.api.core.v1.Container'].required).toEqual(['name']);
    expect(schemas['io.k8s.api.core.v1.Container'].properties.ports['x-kubernetes-list-map-keys']).toEqual(['containerPort', 'protocol']);
    expect(schemas['io.k8s.api.core.v1.Container'].properties.terminationMessagePath.type).toBe('string');
    expect(schemas['io.k8s.api.core.v1.PodSpec'].properties.terminationGracePeriodSeconds.type).toBe('integer');
    expect(schemas['io.k8s.api.core.v1.PodSpec'].properties.volumes['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(schemas['io.k8s.api.core.v1.PodSpec'].properties.restartPolicy.enum).toEqual(['Always', 'Never', 'OnFailure']);
    expect(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf).toEqual([{ type: 'string' }, { type: 'number' }]);
  });

  it('every group version: each kind tagged with its GVK, every $ref resolves in the same document, PATCH declares fieldValidation', () => {
    const root = openapiV3Root() as { paths: Record<string, { serverRelativeURL: string }> };
    for (const k of KINDS) {
      const p = k.group ? `apis/${k.group}/${k.version}` : `api/${k.version}`;
      expect(root.paths[p].serverRelativeURL).toMatch(new RegExp(`^/openapi/v3/${p}\\?hash=[0-9A-F]{8}$`));
      const d = doc(p);
      const tagged = Object.values(d.components.schemas as Record<string, S>).filter((s) => s['x-kubernetes-group-version-kind']?.some((g: S) => g.kind === k.kind && g.group === k.group));
      expect(tagged, k.kind).toHaveLength(1);
      const refs = [...JSON.stringify(d).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
      expect(refs.filter((r) => !d.components.schemas[r])).toEqual([]);
      const named = Object.entries(d.paths as Record<string, S>).find(([path]) => path.endsWith(`/${k.resource}/{name}`))![1];
      expect(named.patch.parameters.map((x: S) => x.name)).toContain('fieldValidation');
    }
    expect(doc('apis/apps/v1')).toBe(doc('apis/apps/v1')); // built once
  });

  it('the strategic merge patch reads its merge keys from the same table', () => {
    const { keys, primitives } = mergeKeysByField();
    expect(keys.containers).toBe('name');
    expect(keys.volumeMounts).toBe('mountPath');
    expect(primitives.has('finalizers')).toBe(true);
    const merged = strategicMergePatch({ spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } }, { spec: { containers: [{ name: 'b', image: 'z' }] } }) as S;
    expect(merged.spec.containers).toEqual([{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }]);
  });
});

describe('aggregated discovery', () => {
  const cluster = createCluster({ seed: 1, nodes: 1 });
  const get = (url: string, accept: string) => handle({ cluster, serverAddress: 'orrery.local' }, { method: 'GET', url, headers: { accept } });
  const KUBECTL_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

  it('answers kubectl\'s Accept with an APIGroupDiscoveryList and the Content-Type client-go checks', () => {
    const r = get('/apis', KUBECTL_ACCEPT);
    expect(r.contentType).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
    const apps = body.items.find((i: S) => i.metadata.name === 'apps');
    const deployments = apps.versions[0].resources.find((x: S) => x.resource === 'deployments');
    expect(deployments).toEqual({
      resource: 'deployments',
      responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
    expect(apps.versions[0].freshness).toBe('Current');
  });

  it('/api: the core group, the same resources as /api/v1 lists', () => {
    const body = JSON.parse(get('/api', KUBECTL_ACCEPT).body);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].metadata.name).toBeUndefined();
    const names = body.items[0].versions[0].resources.map((x: S) => x.resource);
    expect(names).toEqual(resourcesOf('', 'v1').filter((r) => !r.name.includes('/')).map((r) => r.name));
    expect(body.items[0].versions[0].resources.find((x: S) => x.resource === 'namespaces').scope).toBe('Cluster');
  });

  it('other Accepts keep the unaggregated documents', () => {
    expect(JSON.parse(get('/api', 'application/json').body).kind).toBe('APIVersions');
    expect(JSON.parse(get('/apis', 'application/json, */*').body).kind).toBe('APIGroupList');
    expect(get('/apis', 'application/json').contentType).toBe('application/json');
  });
});

describe('kubectl explain in the Terminal', () => {
  const cluster = createCluster({ seed: 1, nodes: 1 });
  const session = () => new KubectlSession({ handle: (r) => handle({ cluster, serverAddress: 'orrery.local' }, r), namespace: 'default', files: {} });

  it('prints a field of a kind from the served document', () => {
    const out = session().run('kubectl explain pod.spec.containers');
    expect(out.exitCode).toBe(0);
    expect(out.stdout.startsWith('KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n\n\nDESCRIPTION:\n    List of containers belonging to the pod.')).toBe(true);
    expect(out.stdout).toContain('\n  name\t<string> -required-\n');
    expect(out.stdout).toContain('\n  resources\t<ResourceRequirements>\n');
  });

  it('--recursive lists nested fields indented, without descriptions', () => {
    const out = session().run('kubectl explain deployment.spec.strategy --recursive');
    expect(out.stdout).toBe(
      'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n\n\nDESCRIPTION:\n' +
        '    The deployment strategy to use to replace existing pods with new ones.\n' +
        '    DeploymentStrategy describes how to replace existing pods with new ones.\n' +
        '    \nFIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n    maxSurge\t<IntOrString>\n    maxUnavailable\t<IntOrString>\n  type\t<string>\n  enum: Recreate, RollingUpdate\n\n',
    );
  });

  it('an unknown field: the KIND lines, then the error', () => {
    expect(session().run('kubectl explain pods.spec.nosuch')).toEqual({ stdout: 'KIND:       Pod\nVERSION:    v1\n\n', stderr: 'error: field "nosuch" does not exist\n', exitCode: 1 });
  });

  it('wraps as go-wordwrap does: at spaces within the limit, long words whole, newlines kept', () => {
    expect(wrapString('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapString('a https://example.com/very/long b', 10)).toBe('a\nhttps://example.com/very/long\nb');
    expect(wrapString('one\n\ntwo  three', 20)).toBe('one\n\ntwo  three');
  });
});
