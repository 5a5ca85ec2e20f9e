// In the shape of sample-controller's controller_test.go / endpointslice_controller_test.go:
// preload the listers, call syncHandler once and check the writes it asks for.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import type { ControllerHost, ControllersState } from '../controller';
import { EndpointSliceController } from './endpointslice-controller';
import { EndpointsController } from '../endpoint/endpoints-controller';

type Obj = Record<string, any>;
type R = 'pods' | 'replicasets' | 'deployments' | 'services' | 'endpointslices' | 'endpoints';

class Fixture implements ControllerHost {
  stores: Record<string, Record<string, KObject>> = { pods: {}, services: {}, endpointslices: {}, endpoints: {} };
  st: ControllersState = { rsExpectations: {} };
  queued: string[] = [];
  now = () => 0;
  lister = (r: R) => (this.stores[r] ??= {});
  enqueue = (_c: string, key: string) => void this.queued.push(key);
  enqueueAfter = (_c: string, key: string, ms: number) => void this.queued.push(`${key}@${ms}`);
  state = () => this.st;
  recordEvent = () => {};
  put(r: R, o: KObject): this {
    this.lister(r)[`${o.metadata.namespace}/${o.metadata.name}`] = o;
    return this;
  }
}

function svc(spec: Obj = {}): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'foo', namespace: 'default', uid: 'svc-uid', resourceVersion: '5' }, spec: { selector: { app: 'foo' }, clusterIP: '10.96.0.10', ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], ...spec } } as KObject;
}

function pod(i: number, o: { ready?: boolean; deleting?: boolean; ip?: string | null } = {}): KObject {
  const ip = o.ip === null ? undefined : (o.ip ?? `10.244.1.${i}`);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod${String(i).padStart(3, '0')}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'foo' }, resourceVersion: '1', ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:00:10Z' } : {}) },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: 'Running', ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}), conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  } as KObject;
}

const created = (plan: ReturnType<EndpointSliceController['syncHandler']>) => plan.batches.flat().filter((op) => op.tag === 'createSlice').map((op) => op.req.body as Obj);

describe('EndpointSliceController.syncHandler', () => {
  it('creates a placeholder slice for a Service with no pods', () => {
    const f = new Fixture().put('services', svc());
    const [s] = created(new EndpointSliceController(f).syncHandler('default/foo'));
    expect(s).toMatchObject({ addressType: 'IPv4', endpoints: [], ports: [], metadata: { generateName: 'foo-' } });
    expect(s.metadata.name).toBeUndefined();
  });

  it('splits 150 endpoints into slices of at most 100', () => {
    const f = new Fixture().put('services', svc());
    for (let i = 1; i <= 150; i++) f.put('pods', pod(i));
    const slices = created(new EndpointSliceController(f).syncHandler('default/foo'));
    expect(slices.map((s) => s.endpoints.length)).toEqual([100, 50]);
    expect(slices[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('marks not-ready and terminating pods, skips pods without an IP, and honours publishNotReadyAddresses', () => {
    const f = new Fixture().put('services', svc()).put('pods', pod(1, { ready: false })).put('pods', pod(2, { deleting: true })).put('pods', pod(3, { ip: null }));
    const conds = (p: Obj) => p.endpoints.map((e: Obj) => e.conditions);
    expect(conds(created(new EndpointSliceController(f).syncHandler('default/foo'))[0])).toEqual([
      { ready: false, serving: false, terminating: false },
      { ready: false, serving: true, terminating: true },
    ]);
    f.put('services', svc({ publishNotReadyAddresses: true }));
    expect(conds(created(new EndpointSliceController(f).syncHandler('default/foo'))[0]).map((c: Obj) => c.ready)).toEqual([true, true]);
  });

  it('writes nothing when the slices already say it all, and updates only what changed', () => {
    const f = new Fixture().put('services', svc()).put('pods', pod(1)).put('pods', pod(2));
    const c = new EndpointSliceController(f);
    const [s] = created(c.syncHandler('default/foo'));
    f.put('endpointslices', { ...s, metadata: { ...s.metadata, name: 'foo-abcde', uid: 'slice-uid', resourceVersion: '7' } } as KObject);
    expect(c.syncHandler('default/foo')).toMatchObject({ action: 'none', batches: [] });
    f.put('pods', pod(2, { ready: false }));
    const plan = c.syncHandler('default/foo');
    expect(plan.action).toBe('update 1 slice(s)');
    const body = plan.batches[0][0].req.body as Obj;
    expect(body.metadata).toMatchObject({ name: 'foo-abcde', resourceVersion: '7' });
    expect(body.endpoints.map((e: Obj) => e.conditions.ready)).toEqual([true, false]);
  });

  it('waits (rate-limited, no writes) while the informer has not seen its own write', () => {
    const f = new Fixture().put('services', svc()).put('pods', pod(1));
    f.st.endpointSliceTracker = { 'default/foo': { 'slice-uid': '9' } };
    expect(new EndpointSliceController(f).syncHandler('default/foo')).toMatchObject({ batches: [], requeueRateLimited: true });
  });

  it('leaves Services without a selector alone', () => {
    const f = new Fixture().put('services', svc({ selector: undefined })).put('pods', pod(1));
    expect(new EndpointSliceController(f).syncHandler('default/foo').batches).toEqual([]);
  });

  it('enqueues the Services a pod update concerns, only when it matters to endpoints', () => {
    const f = new Fixture().put('services', svc());
    const c = new EndpointSliceController(f);
    const p = pod(1);
    c.onWatch('pods', 'MODIFIED', { ...p, metadata: { ...p.metadata, resourceVersion: '2', annotations: { a: 'b' } } }, p);
    expect(f.queued).toEqual([]);
    c.onWatch('pods', 'MODIFIED', { ...pod(1, { ready: false }), metadata: { ...p.metadata, resourceVersion: '3' } }, p);
    expect(f.queued).toEqual(['default/foo']);
  });
});

describe('EndpointsController.syncHandler', () => {
  it('creates the Endpoints with ready addresses and notReadyAddresses, omitting terminating pods', () => {
    const f = new Fixture().put('services', svc()).put('pods', pod(2)).put('pods', pod(1, { ready: false })).put('pods', pod(3, { deleting: true }));
    const plan = new EndpointsController(f).syncHandler('default/foo');
    const body = plan.batches[0][0].req.body as Obj;
    expect(plan.batches[0][0].req).toMatchObject({ verb: 'create', resource: 'endpoints' });
    expect(body.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.1.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'pod002', uid: 'uid-2' } }],
        notReadyAddresses: [{ ip: '10.244.1.1', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'pod001', uid: 'uid-1' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });
});
