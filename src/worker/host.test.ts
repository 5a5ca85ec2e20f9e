// The worker host against the real engine (no postMessage: messages are collected).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { Command, KubeObject, WorkerMessage } from '../protocol/messages';
import { STARTER_POD } from '../ui/editor/examples';
import { Host, type HostedCluster } from './host';
import { syncRest } from './rest-sync';

// the editor's starter Pod: the worker runs exactly what the UI sends
const NGINX = STARTER_POD;

function boot() {
  const out: WorkerMessage[] = [];
  let wallMs = 0;
  const host = new Host((o) => createCluster(o) as HostedCluster, (m) => out.push(m), () => wallMs, syncRest());
  host.start({});
  const objects = new Map<string, KubeObject>();
  const absorb = (from: number) => {
    for (const m of out.slice(from)) {
      if (m.type !== 'BATCH') continue;
      for (const c of m.objects) if (c.op === 'upsert') objects.set(c.key, c.object);
      else objects.delete(c.key);
    }
  };
  absorb(0);
  /** run `frames` ticks of 16 ms; returns the messages they produced */
  const frames = (n: number) => {
    const from = out.length;
    for (let i = 0; i < n; i++) {
      wallMs += 16;
      host.tick();
    }
    absorb(from);
    return out.slice(from);
  };
  const send = (cmd: Command) => {
    const from = out.length;
    host.handle(cmd);
    absorb(from);
    return out.slice(from);
  };
  /** send a command, then play until kubectl's answer reaches the played trace */
  const answer = (cmd: Command) => {
    const from = out.length;
    host.handle(cmd);
    for (let i = 0; i < 2000 && !out.slice(from).some((m) => m.type === 'APPLY_RESULT'); i++) {
      wallMs += 16;
      host.tick();
    }
    absorb(from);
    return out.slice(from).filter((m) => m.type === 'APPLY_RESULT');
  };
  return { out, host, frames, send, objects, answer };
}

const batches = (ms: WorkerMessage[]) => ms.filter((m): m is Extract<WorkerMessage, { type: 'BATCH' }> => m.type === 'BATCH');
const phaseOf = (o: KubeObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;

describe('Host with the real engine', () => {
  it('runs a Terminal line as kubectl: a read answers at once, a write when the played trace reaches its answer', () => {
    const { send, out, frames, objects } = boot();
    const results = (from: number) => out.slice(from).filter((m) => m.type === 'KUBECTL_RESULT');
    expect(send({ type: 'KUBECTL', id: 1, line: 'kubectl get nodes', files: {} }).filter((m) => m.type === 'KUBECTL_RESULT')).toEqual([
      { type: 'KUBECTL_RESULT', id: 1, stdout: expect.stringMatching(/^NAME {5}STATUS {3}ROLES {4}AGE {3}VERSION\nnode-1 {3}Ready/), stderr: '', exitCode: 0 },
    ]);
    const from = out.length;
    send({ type: 'KUBECTL', id: 2, line: 'kubectl apply -f manifest.yaml', files: { 'manifest.yaml': NGINX } });
    expect(results(from)).toEqual([]);
    for (let i = 0; i < 2000 && results(from).length === 0; i++) frames(1);
    expect(results(from)).toEqual([{ type: 'KUBECTL_RESULT', id: 2, stdout: 'pod/nginx created\n', stderr: '', exitCode: 0 }]);
    expect(objects.has('Pod/default/nginx')).toBe(true);
    // kubectl's words for what the server refuses, and the namespace of the context
    expect(send({ type: 'KUBECTL', id: 3, line: 'kubectl get pod missing', files: {} }).find((m) => m.type === 'KUBECTL_RESULT')).toMatchObject({ stderr: 'Error from server (NotFound): pods "missing" not found\n', exitCode: 1 });
    send({ type: 'KUBECTL', id: 4, line: 'kubectl config set-context --current --namespace=team-a', files: {} });
    expect(send({ type: 'KUBECTL', id: 5, line: 'kubectl get pods', files: {} }).find((m) => m.type === 'KUBECTL_RESULT')).toMatchObject({ stderr: 'No resources found in team-a namespace.\n' });
  });

  it('runs `get -w` in the Terminal: rows as the played story reaches each change, until Ctrl+C', () => {
    const { send, out, frames } = boot();
    const from = out.length;
    send({ type: 'KUBECTL', id: 1, line: 'kubectl get pods -w', files: {} });
    send({ type: 'APPLY', id: 2, yaml: NGINX });
    const printed = () => out.slice(from).filter((m) => m.type === 'KUBECTL_OUTPUT' && m.id === 1).map((m) => (m as { stdout: string }).stdout).join('');
    for (let i = 0; i < 3000 && !/Running/.test(printed()); i++) frames(1);
    // no pods yet: nothing, then kubectl's header with the first row
    expect(printed()).toMatch(/^NAME {4}READY {3}STATUS {4}RESTARTS {3}AGE\nnginx {3}0\/1 {5}Pending {3}0 {10}0s\n/);
    expect(printed()).toMatch(/nginx {3}1\/1 {5}Running {13}0 {10}\d+s\n$/);
    expect(out.slice(from).some((m) => m.type === 'KUBECTL_RESULT' && m.id === 1)).toBe(false);
    expect(send({ type: 'KUBECTL_CANCEL', id: 1 }).find((m) => m.type === 'KUBECTL_RESULT')).toEqual({ type: 'KUBECTL_RESULT', id: 1, stdout: '', stderr: '', exitCode: 130 });
  });

  it('boots the cluster and sends it as one reset batch', () => {
    const { out, objects } = boot();
    expect(out[0]).toMatchObject({ type: 'READY', nodes: ['node-1', 'node-2', 'node-3'], etcdMembers: ['etcd-0', 'etcd-1', 'etcd-2'] });
    expect(out[1]).toMatchObject({ type: 'BATCH', reset: true, etcd: [{ id: 'etcd-0', role: 'leader', term: 1 }, { id: 'etcd-1' }, { id: 'etcd-2' }] });
    expect(objects.has('Node//node-1')).toBe(true);
  });

  it('applies a Pod and plays it to Running, one batch per frame at most', () => {
    const { send, frames, objects, answer } = boot();
    // the answer is posted when the played trace reaches it, not when the engine has it
    expect(send({ type: 'APPLY', id: 1, yaml: NGINX }).filter((m) => m.type === 'APPLY_RESULT')).toEqual([]);
    const [res] = answer({ type: 'PLAY' });
    expect(res).toMatchObject({ type: 'APPLY_RESULT', id: 1, results: [{ ok: true, kind: 'Pod', name: 'nginx', action: 'created' }] });
    send({ type: 'SET_SPEED', speed: 50 });
    let seen = 0;
    while (phaseOf(objects.get('Pod/default/nginx')) !== 'Running' && seen < 3000) {
      expect(frames(1).length).toBeLessThanOrEqual(1);
      seen++;
    }
    expect(phaseOf(objects.get('Pod/default/nginx'))).toBe('Running');
  });

  it('steps exactly one story event while paused', () => {
    const { send, frames } = boot();
    send({ type: 'PAUSE' });
    send({ type: 'APPLY', id: 1, yaml: NGINX });
    frames(5);
    expect(send({ type: 'STEP' })).toEqual([]); // sent with the next frame
    const [b] = batches(frames(1));
    expect(b.trace.filter((e) => !e.ambient)).toHaveLength(1);
    expect(b.clock.playing).toBe(false);
    expect(batches(frames(30)).flatMap((x) => x.trace)).toEqual([]);
    send({ type: 'STEP' });
    const [b2] = batches(frames(1));
    expect(b2.trace.filter((e) => !e.ambient)).toHaveLength(1);
    expect(b2.trace[b2.trace.length - 1].seq).toBeGreaterThan(b.trace[b.trace.length - 1].seq);
  });

  it('answers an invalid manifest with the Kubernetes status, and survives garbage', () => {
    const { send, answer } = boot();
    const [res] = answer({ type: 'APPLY', id: 7, yaml: NGINX.replace('    image: nginx:1.27\n', '') });
    expect(res).toMatchObject({ type: 'APPLY_RESULT', id: 7, results: [{ ok: false }] });
    const r = (res as Extract<WorkerMessage, { type: 'APPLY_RESULT' }>).results[0];
    expect(r.status?.message).toContain('spec.containers[0].image: Required value');
    const out = answer({ type: 'APPLY', id: 8, yaml: ':\n  - [' });
    expect(out.every((m) => m.type === 'APPLY_RESULT' || m.type === 'ERROR')).toBe(true);
    expect(send({ type: 'NOPE' } as unknown as Command)).toEqual([]);
  });

  it('injects faults: the etcd leader stops and the members elect another', () => {
    const { send, frames } = boot();
    send({ type: 'SET_SPEED', speed: 50 });
    expect(send({ type: 'INJECT', id: 3, fault: { type: 'etcd.stop', target: 'etcd-0' } })).toEqual([
      { type: 'INJECT_RESULT', id: 3, fault: { type: 'etcd.stop', target: 'etcd-0' }, ok: true },
    ]);
    let etcd: Extract<WorkerMessage, { type: 'BATCH' }>['etcd'];
    for (let i = 0; i < 600 && !etcd?.some((m) => m.role === 'leader' && m.term === 2); i++) etcd = batches(frames(1)).find((b) => b.etcd)?.etcd ?? etcd;
    expect(etcd?.find((m) => m.id === 'etcd-0')).toMatchObject({ stopped: true });
    expect(etcd?.filter((m) => m.role === 'leader')).toHaveLength(1);
  });

  it('answers a fault the engine does not support with its message, and keeps running', () => {
    const { send, frames, answer } = boot();
    const [res] = send({ type: 'INJECT', id: 4, fault: { type: 'meteor.strike', target: 'node-2' } });
    expect(res).toMatchObject({ type: 'INJECT_RESULT', id: 4, ok: false });
    expect((res as Extract<WorkerMessage, { type: 'INJECT_RESULT' }>).message).toMatch(/unsupported fault type "meteor.strike"/);
    expect(send({ type: 'INJECT', id: 5, fault: { type: 'etcd.stop', target: 'etcd-9' } })[0]).toMatchObject({ ok: false, message: 'unknown etcd member "etcd-9"' });
    frames(10);
    expect(answer({ type: 'APPLY', id: 6, yaml: NGINX })[0]).toMatchObject({ type: 'APPLY_RESULT', results: [{ ok: true }] });
  });

  it('sends who kubectl is with Apply and Delete', () => {
    const { answer } = boot();
    const alice = { user: 'alice', groups: [] };
    const [res] = answer({ type: 'DELETE', id: 9, yaml: NGINX, as: alice });
    expect(res).toMatchObject({ type: 'APPLY_RESULT', id: 9, results: [{ ok: false, status: { code: 403, message: 'pods "nginx" is forbidden: User "alice" cannot delete resource "pods" in API group "" in the namespace "default"' } }] });
    const [applied] = answer({ type: 'APPLY', id: 10, yaml: NGINX, as: alice });
    expect(applied).toMatchObject({ results: [{ ok: false, status: { code: 403 } }] });
  });

  it("sends etcd's keys: all of them on reset, then the ones the played writes changed", () => {
    const { out, send, frames } = boot();
    const reset = batches(out)[0];
    expect(reset.etcdKeys?.map((k) => k.key)).toContain('/registry/namespaces/default');
    expect(reset.views?.etcdRevision).toBe(Math.max(...reset.etcdKeys!.map((k) => k.modRevision)));
    send({ type: 'SET_SPEED', speed: 50 });
    send({ type: 'APPLY', id: 1, yaml: NGINX });
    const sent = batches(frames(200)).flatMap((b) => b.etcdKeys ?? []);
    const pod = sent.filter((k) => k.key === '/registry/pods/default/nginx');
    expect(pod[0]).toMatchObject({ version: 1 });
    expect(pod.at(-1)!.version).toBeGreaterThan(1);
    expect(pod.at(-1)!.createRevision).toBe(pod[0].createRevision);
  });

  it('serves a REST request of the real kubectl against its cluster: a write is an input the story plays', () => {
    const { host, out, frames } = boot();
    const get = host.rest({ method: 'GET', url: '/api/v1/nodes', headers: {} }, '127.0.0.1:6443');
    expect(get.code).toBe(200);
    expect(JSON.parse(get.body).items).toHaveLength(3);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
    const post = host.rest({ method: 'POST', url: '/api/v1/namespaces/default/pods', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pod) }, '127.0.0.1:6443');
    expect(post.code).toBe(201);
    expect(host.currentCluster().inputs()).toHaveLength(1);
    const from = out.length;
    frames(400);
    const played = batches(out.slice(from)).flatMap((b) => b.trace);
    expect(played.some((e) => e.type === 'apiserver.request' && e.from === 'kubectl' && e.params.method === 'POST')).toBe(true);
    expect(batches(out.slice(from)).some((b) => b.timeline?.marks.some((m) => m.kind === 'input'))).toBe(true);
  });

  it('resyncs a UI that joins: READY, then every object in a reset batch (not a delta of what another UI has)', () => {
    const { host, out } = boot();
    const from = out.length;
    host.resync();
    const msgs = out.slice(from);
    expect(msgs[0]).toMatchObject({ type: 'READY', nodes: ['node-1', 'node-2', 'node-3'] });
    const reset = batches(msgs)[0];
    expect(reset).toMatchObject({ reset: true });
    expect(reset.objectsDelta).toBeUndefined();
    expect(reset.objects.filter((o) => o.op === 'upsert' && o.object.kind === 'Node')).toHaveLength(3);
  });
});
