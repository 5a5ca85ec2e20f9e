import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../protocol/messages';
import { nextPipeline, STAGES, type PipelineRequest } from './pipeline';

let seq = 0;
const ev = (type: string, params: Record<string, unknown> = {}, more: Partial<TraceEvent> = {}): TraceEvent =>
  ({ seq: ++seq, t: seq, type, key: type, from: 'kube-apiserver', to: 'kube-apiserver', params, ...more }) as TraceEvent;
const pod = { kind: 'Pod', namespace: 'default', name: 'web' };
const post = () => ev('apiserver.request', { verb: 'create', method: 'POST', path: '/api/v1/namespaces/default/pods', user: 'alice', namespace: 'default', name: 'web' }, { from: 'kubectl', object: pod });
const through = (...events: TraceEvent[]) => nextPipeline(null, events)!;
const states = (p: PipelineRequest) => STAGES.map((s) => p.stages[s].state);

describe('request pipeline fold', () => {
  it('lights the stage the request is at, and keeps the previous state untouched', () => {
    const first = through(post(), ev('apiserver.authenticate', { user: 'alice', groups: 'system:authenticated', ok: true }));
    expect(states(first)).toEqual(['ok', 'active', 'idle', 'idle', 'idle', 'idle']);
    const next = nextPipeline(first, [ev('apiserver.authorize', { allowed: true, reason: 'RBAC: allowed by …' })])!;
    expect(states(next)).toEqual(['ok', 'ok', 'active', 'idle', 'idle', 'idle']);
    expect(states(first)).toEqual(['ok', 'active', 'idle', 'idle', 'idle', 'idle']);
    expect(next.lastStage).toBe('authz');
  });

  it('shows per-plugin admission changes and a validating admission rejection', () => {
    const p = through(
      post(),
      ev('apiserver.authenticate', { ok: true, user: 'alice' }),
      ev('apiserver.authorize', { allowed: true }),
      ev('apiserver.admit', { ok: true, changed: 2 }, { detail: { defaulted: ['spec.restartPolicy', 'spec.serviceAccountName'], plugins: [{ name: 'ServiceAccount', changed: ['spec.serviceAccountName'] }] } }),
      ev('apiserver.validate', { ok: true }),
      ev('apiserver.validating_admission', { ok: false, plugin: 'ResourceQuota', message: 'pods "web" is forbidden: exceeded quota: q' }),
      ev('apiserver.response', { code: 403, reason: 'Forbidden', message: 'pods "web" is forbidden: exceeded quota: q' }, { to: 'kubectl' }),
    );
    expect(states(p)).toEqual(['ok', 'ok', 'ok', 'ok', 'failed', 'idle']);
    expect(p.stages.mutating.note).toBe('2 fields set');
    expect(p.admission.plugins).toEqual([{ name: 'ServiceAccount', changed: ['spec.serviceAccountName'] }]);
    expect(p.stages.validating.note).toBe('pods "web" is forbidden: exceeded quota: q');
    expect(p).toMatchObject({ done: true, code: 403 });
  });

  it("follows only the request's own object into etcd, and marks a failed compare there", () => {
    const p = through(
      post(),
      ev('apiserver.authenticate', { ok: true }),
      ev('apiserver.authorize', { allowed: true }),
      ev('apiserver.admit', { ok: true, changed: 0 }),
      ev('apiserver.validate', { ok: true }),
      ev('etcd.put', { key: '/registry/pods/default/other', revision: 7 }, { object: { ...pod, name: 'other' } }),
      ev('raft.propose', { index: 9 }, { to: 'etcd-0', object: pod }),
    );
    expect(states(p)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'active']);
    expect(p.stages.etcd.note).toBe('proposed as entry 9');
    const failed = nextPipeline(p, [
      ev('etcd.txn_failed', { key: '/registry/pods/default/web', modRevision: 5 }, { object: pod }),
      ev('apiserver.response', { code: 409, reason: 'AlreadyExists', message: 'pods "web" already exists' }, { to: 'kubectl' }),
    ])!;
    expect(states(failed).at(-1)).toBe('failed');
  });

  it('reads skip admission; their 403 is authorization’s, and the next request replaces the last', () => {
    const get = ev('apiserver.request', { verb: 'get', method: 'GET', path: '/api/v1/namespaces/default/pods/web', user: 'alice', namespace: 'default', name: 'web' }, { from: 'kubectl', object: pod });
    const p = through(get, ev('apiserver.response', { code: 403, reason: 'Forbidden', message: 'pods "web" is forbidden: …' }, { to: 'kubectl' }));
    expect(states(p)).toEqual(['ok', 'failed', 'skipped', 'skipped', 'skipped', 'idle']);
    // later events of other components do not touch a finished request
    expect(nextPipeline(p, [ev('apiserver.authorize', { allowed: true })])).toBe(p);
    const again = nextPipeline(p, [post()])!;
    expect(again.method).toBe('POST');
    expect(states(again)).toEqual(['active', 'idle', 'idle', 'idle', 'idle', 'idle']);
  });

  it('ignores requests of components and background traffic', () => {
    const kubelet = ev('apiserver.request', { verb: 'update', method: 'PUT' }, { from: 'kubelet:node-1' });
    expect(nextPipeline(null, [kubelet, ev('apiserver.request', { verb: 'get' }, { from: 'kubectl', ambient: true })])).toBeNull();
  });
});
