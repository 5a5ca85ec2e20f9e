import { describe, expect, it } from 'vitest';
import { objectKey, type KubeObject } from '../../protocol/messages';
import { buildOwnership, shortName } from './ownership';

const ref = (o: KubeObject) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true });
const obj = (kind: string, name: string, more: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: kind === 'Pod' ? 'v1' : kind === 'Job' ? 'batch/v1' : 'apps/v1',
  kind,
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...meta },
  ...more,
});
const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: {} } }] };
const pod = (name: string, owner?: KubeObject, status: Record<string, unknown> = running, node = 'node-1') =>
  obj('Pod', name, { spec: { nodeName: node, containers: [{ name: 'nginx' }] }, status }, owner ? { ownerReferences: [ref(owner)] } : {});

function mapOf(...objs: KubeObject[]): Map<string, KubeObject> {
  return new Map(objs.map((o) => [objectKey(o.kind, o.metadata.namespace, o.metadata.name), o]));
}

describe('ownership tree', () => {
  // a rollout half-way: the new ReplicaSet (revision 2) has 2 pods, the old one 2 left
  const dep = obj('Deployment', 'web', { spec: { replicas: 3 }, status: { readyReplicas: 3, updatedReplicas: 2, availableReplicas: 3 } });
  const oldRs = obj('ReplicaSet', 'web-5d8c7b6f9', { spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 2 } }, {
    ownerReferences: [ref(dep)], annotations: { 'deployment.kubernetes.io/revision': '1' }, labels: { app: 'web', 'pod-template-hash': '5d8c7b6f9' } });
  const newRs = obj('ReplicaSet', 'web-76b5cf648f', { spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 1 } }, {
    ownerReferences: [ref(dep)], annotations: { 'deployment.kubernetes.io/revision': '2' }, labels: { app: 'web', 'pod-template-hash': '76b5cf648f' } });
  const objects = mapOf(
    pod('web-76b5cf648f-b2', newRs, { phase: 'Pending', containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }),
    pod('web-76b5cf648f-a1', newRs),
    pod('web-5d8c7b6f9-x', oldRs),
    pod('web-5d8c7b6f9-y', oldRs),
    oldRs, newRs, dep,
    pod('nginx'),
    obj('Node', 'node-1', {}, { namespace: undefined }),
  );

  it('hangs ReplicaSets under their Deployment, newest revision first, and pods under them', () => {
    const [web, nginx] = buildOwnership(objects, 0);
    expect(web).toMatchObject({ kind: 'Deployment', name: 'web', desired: 3, ready: 3 });
    expect(web.columns).toEqual([{ label: 'READY', value: '3/3' }, { label: 'UP-TO-DATE', value: '2' }, { label: 'AVAILABLE', value: '3' }]);
    expect(web.children.map((c) => c.name)).toEqual(['web-76b5cf648f', 'web-5d8c7b6f9']);
    const rs = web.children[0];
    expect(rs.columns.map((c) => `${c.label} ${c.value}`)).toEqual(['REV 2', 'HASH 76b5cf648f', 'DESIRED 2', 'CURRENT 2', 'READY 1']);
    expect(rs.children.map((p) => [p.name, p.status])).toEqual([['web-76b5cf648f-a1', 'Running'], ['web-76b5cf648f-b2', 'ContainerCreating']]);
    expect(nginx).toMatchObject({ kind: 'Pod', name: 'nginx', status: 'Running', children: [] });
    expect(nginx.columns).toEqual([{ label: 'READY', value: '1/1' }, { label: 'NODE', value: 'node-1' }]);
  });

  it('makes an object whose owner is gone a root (the garbage collector has not deleted it yet)', () => {
    const orphans = new Map(objects);
    orphans.delete('Deployment/default/web');
    const roots = buildOwnership(orphans, 0);
    expect(roots.map((r) => `${r.kind}/${r.name}`)).toEqual(['ReplicaSet/web-76b5cf648f', 'ReplicaSet/web-5d8c7b6f9', 'Pod/nginx']);
  });

  it('prints a Job the way kubectl does, with its pods under it', () => {
    const job = obj('Job', 'pi', { spec: { completions: 3, parallelism: 1 }, status: { succeeded: 1, active: 1 } });
    const [j] = buildOwnership(mapOf(job, pod('pi-abcde', job)), 0);
    expect(j.columns).toEqual([{ label: 'COMPLETIONS', value: '1/3' }, { label: 'ACTIVE', value: '1' }]);
    expect(j.children.map((p) => p.name)).toEqual(['pi-abcde']);
  });

  it('ignores owner references that are not the controller', () => {
    const svc = obj('Deployment', 'other', { spec: { replicas: 1 } });
    const p = obj('Pod', 'p', { spec: {} }, { ownerReferences: [{ ...ref(svc), controller: false }] });
    expect(buildOwnership(mapOf(svc, p), 0).map((r) => r.name)).toEqual(['other', 'p']);
  });

  it('shortens a pod name to what its owner does not already say', () => {
    expect(shortName('web-76b5cf648f-a1', 'web-76b5cf648f')).toBe('…-a1');
    expect(shortName('nginx', 'web')).toBe('nginx');
  });
});
