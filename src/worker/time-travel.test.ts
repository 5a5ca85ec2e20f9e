// Time travel through the worker, as the UI sees it: the host's messages feed the real UI store, and
// a seek must show every view exactly as it was when that moment was first played.
import { describe, expect, it } from 'vitest';
import { createCluster, type TraceLog, type TracePageCodec } from '../engine';
import type { Command, RunData, WorkerMessage } from '../protocol/messages';
import { STARTER_POD } from '../ui/editor/examples';
import { createUiStore } from '../ui/store/store';
import { ENGINE_VERSION, Host, type HostedCluster } from './host';
import { deflateTraceCodec } from './trace-codec';

/** deflated pages of 64 events, 128 kept loose: most of a short run's trace is packed */
const SMALL_PAGES: TracePageCodec = { ...deflateTraceCodec, pageSize: 64, keepLoose: 128 };

function boot(codec?: TracePageCodec) {
  const store = createUiStore();
  const out: WorkerMessage[] = [];
  let wallMs = 0;
  const host = new Host((o) => createCluster(o) as unknown as HostedCluster, (m) => {
    out.push(m);
    store.getState().receive(m);
  }, () => wallMs);
  host.setTraceCodec(codec);
  host.start({});
  const frames = (n: number) => {
    for (let i = 0; i < n; i++) {
      wallMs += 16;
      host.tick();
    }
  };
  const send = (cmd: Command) => {
    host.handle(cmd);
    frames(1);
  };
  return { store, out, host, frames, send };
}

/** What a person sees of the views (the parts a seek must restore). */
function seen(store: ReturnType<typeof createUiStore>) {
  const s = store.getState();
  const pods = [...s.objects.values()].filter((o) => o.kind === 'Pod').map((o) => `${o.metadata.name}:${(o.status as { phase?: string } | undefined)?.phase ?? ''}:${(o.spec as { nodeName?: string }).nodeName ?? ''}`);
  return {
    position: s.timeline.position,
    clock: s.clock.nowMs,
    pods,
    log: s.log.map((e) => (e.kind === 'event' ? e.id : `${e.id}×${e.count}`)),
    storyCount: s.storyCount,
    narration: s.lastStory?.seq,
    pipeline: s.pipeline && { seq: s.pipeline.seq, stages: Object.values(s.pipeline.stages).map((x) => x.state).join(','), done: s.pipeline.done },
    etcdRevision: s.etcdRevision,
    keys: s.etcdKeys.get('/registry/pods/default/nginx')?.version,
    sched: Object.keys(s.schedCycles).join(','),
    controllers: Object.keys(s.controllers).length,
    podView: JSON.stringify(s.podViews['Pod/default/nginx'] ?? null),
    results: s.results?.map((r) => `${r.kind}/${r.name}:${r.action}`).join(',') ?? null,
  };
}

describe('time travel in the worker', () => {
  it.each([
    ['the trace as recorded', undefined],
    ['the trace read back from packed pages', SMALL_PAGES],
  ])('a seek shows every view exactly as it was first played (%s)', (_, codec) => {
    const { store, send, host } = boot(codec);
    send({ type: 'PAUSE' });
    store.getState().startRequest(1, 'apply');
    send({ type: 'APPLY', id: 1, yaml: STARTER_POD });
    const recorded = new Map<number, ReturnType<typeof seen>>();
    for (let i = 0; i < 400; i++) {
      send({ type: 'STEP' });
      const v = seen(store);
      recorded.set(v.position, v);
      if (v.pods[0]?.startsWith('nginx:Running')) break;
    }
    const positions = [...recorded.keys()];
    const log = (host as unknown as { cluster: { k: { traceLog: TraceLog } } }).cluster.k.traceLog;
    // the seeks below read events from packed pages (the first positions lie in them)
    if (codec) expect(log.packedEvents).toBeGreaterThan(positions[Math.floor(positions.length / 2)]);
    else expect(log.packedEvents).toBe(0);
    expect(seen(store).pods[0]).toMatch(/^nginx:Running:node-/);
    expect(positions.length).toBeGreaterThan(20);
    // the answer was shown when the played trace reached it
    expect(seen(store).results).toBe('Pod/nginx:created');
    for (const p of [positions[0], positions[3], positions[Math.floor(positions.length / 2)], positions[positions.length - 2], positions[positions.length - 1]]) {
      send({ type: 'SEEK', seq: p });
      expect(seen(store)).toEqual(recorded.get(p));
      expect(store.getState().clock.playing).toBe(false);
    }
    // Step back walks the same story events backwards
    send({ type: 'SEEK', seq: positions[10] });
    send({ type: 'STEP_BACK' });
    expect(seen(store)).toEqual(recorded.get(positions[9]));
    // and Step goes forward again through the same events
    send({ type: 'STEP' });
    expect(seen(store)).toEqual(recorded.get(positions[10]));
  });

  it('a seek sends what changed: the objects that differ, the inspected object\'s events, writes without their stored object', () => {
    const { store, out, send, frames } = boot();
    send({ type: 'SET_SPEED', speed: 50 });
    send({ type: 'APPLY', id: 1, yaml: STARTER_POD });
    for (let i = 0; i < 300 && !seen(store).pods[0]?.startsWith('nginx:Running'); i++) frames(1);
    send({ type: 'PAUSE' });
    frames(70); // background object changes wait up to a second, coalesced: a seek must still correct them
    const end = store.getState().timeline.position;
    const played = [...store.getState().objects];
    const nodes = store.getState().nodeNames;
    // nothing inspected: no object's events travel
    send({ type: 'SEEK', seq: Math.floor(end / 2) });
    const reset = out.filter((m): m is Extract<WorkerMessage, { type: 'BATCH' }> => m.type === 'BATCH' && !!m.reset).at(-1)!;
    expect(reset.objectsDelta).toBe(true);
    expect(reset.objects.filter((c) => c.op === 'upsert').length).toBeLessThan(store.getState().objects.size);
    expect(reset.views?.objectEvents).toEqual({});
    expect(store.getState().nodeNames).toBe(nodes); // the same nodes: the same list, nothing re-renders
    // the events of the log and the narration carry an etcd write's params, not the object it stored
    const writes = store.getState().log.flatMap((e) => (e.kind === 'event' && e.event.type === 'etcd.put' ? [e.event] : []));
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((e) => e.detail === undefined && typeof e.params.key === 'string')).toBe(true);
    // inspecting an object brings its recent events, and a seek keeps sending that object's
    send({ type: 'SEEK', seq: end });
    // back at the end, the objects are exactly those played (a delta on the store's own)
    expect([...store.getState().objects].sort()).toEqual(played.sort());
    expect(store.getState().objectEvents).toEqual({});
    send({ type: 'INSPECT', key: 'Pod/default/nginx' });
    expect(Object.keys(store.getState().objectEvents)).toEqual(['Pod/default/nginx']);
    const nginx = store.getState().objectEvents['Pod/default/nginx']!;
    send({ type: 'SEEK', seq: nginx[0].seq });
    expect(store.getState().objectEvents['Pod/default/nginx']?.map((e) => e.seq)).toEqual([nginx[0].seq]);
    send({ type: 'INSPECT', key: null });
    expect(store.getState().objectEvents).toEqual({});
  });

  it('before the answer is played the outcome is pending; seeking before it clears it', () => {
    const { store, send, frames } = boot();
    send({ type: 'PAUSE' });
    const start = store.getState().timeline.position;
    store.getState().startRequest(1, 'apply');
    send({ type: 'APPLY', id: 1, yaml: STARTER_POD });
    expect(store.getState().pending).not.toBeNull();
    send({ type: 'PLAY' });
    send({ type: 'SET_SPEED', speed: 50 });
    for (let i = 0; i < 200 && !store.getState().results; i++) frames(1);
    expect(store.getState().results?.[0]).toMatchObject({ ok: true, name: 'nginx' });
    send({ type: 'SEEK', seq: start });
    expect(store.getState().results).toBeNull();
    expect(store.getState().pending).toBeNull();
  });

  it('an apply in the past forks; the original run can be returned to', () => {
    const { store, send, frames } = boot();
    send({ type: 'SET_SPEED', speed: 50 });
    send({ type: 'APPLY', id: 1, yaml: STARTER_POD });
    for (let i = 0; i < 300 && !seen(store).pods[0]?.startsWith('nginx:Running'); i++) frames(1);
    send({ type: 'PAUSE' });
    const marks = store.getState().timeline.marks.filter((m) => m.kind === 'input');
    expect(marks.map((m) => m.label)).toEqual(['kubectl apply pod/nginx']);
    send({ type: 'SEEK', seq: marks[0].seq - 1 });
    expect(seen(store).pods).toEqual([]);
    send({ type: 'APPLY', id: 2, yaml: STARTER_POD.replace(/name: nginx/g, 'name: web') });
    expect(store.getState().timeline.branch).toMatchObject({ forkSeq: marks[0].seq, inputs: 1 });
    send({ type: 'PLAY' });
    for (let i = 0; i < 300 && !seen(store).pods[0]?.startsWith('web:Running'); i++) frames(1);
    expect(seen(store).pods.map((p) => p.split(':')[0])).toEqual(['web']);
    send({ type: 'RETURN_TO_BRANCH' });
    expect(store.getState().timeline.branch).toMatchObject({ forkSeq: marks[0].seq, inputs: 1 });
    expect(store.getState().timeline.marks.filter((m) => m.kind === 'input').map((m) => m.label)).toEqual(['kubectl apply pod/nginx']);
    send({ type: 'PLAY' });
    for (let i = 0; i < 300 && !seen(store).pods[0]?.startsWith('nginx:Running'); i++) frames(1);
    expect(seen(store).pods.map((p) => p.split(':')[0])).toEqual(['nginx']);
  });

  it('an exported run loads elsewhere at the same moment; another engine version is refused plainly', () => {
    const a = boot();
    a.send({ type: 'SET_SPEED', speed: 50 });
    a.send({ type: 'APPLY', id: 1, yaml: STARTER_POD });
    a.frames(120);
    a.send({ type: 'PAUSE' });
    a.frames(5); // what the last frames released reaches the UI
    a.send({ type: 'EXPORT_RUN', id: 5 });
    const run = a.store.getState().runData!.run;
    expect(run).toMatchObject({ engine: ENGINE_VERSION, seed: 1, nodes: 3, etcdMembers: 3, cursor: a.store.getState().timeline.position });
    expect(run.inputs).toHaveLength(1);
    const b = boot();
    b.send({ type: 'LOAD_RUN', run: JSON.parse(JSON.stringify(run)) as RunData });
    expect(seen(b.store)).toEqual(seen(a.store));
    const c = boot();
    c.send({ type: 'LOAD_RUN', run: { ...run, engine: 'orrery-engine/0' } });
    expect(c.store.getState().workerError).toMatch(/recorded by engine orrery-engine\/0; this app runs engine/);
  });
});

describe('another node count', () => {
  it('is a new run; the one left behind can be returned to', () => {
    const { store, send, frames } = boot();
    send({ type: 'SET_SPEED', speed: 50 });
    send({ type: 'APPLY', id: 1, yaml: STARTER_POD });
    frames(60);
    send({ type: 'RESET', nodes: 5 });
    expect(store.getState().nodeCount).toBe(5);
    expect(store.getState().timeline.branch).toMatchObject({ nodes: 3, inputs: 1 });
    send({ type: 'RETURN_TO_BRANCH' });
    expect(store.getState().nodeCount).toBe(3);
    expect(store.getState().timeline.marks.filter((m) => m.kind === 'input').map((m) => m.label)).toEqual(['kubectl apply pod/nginx']);
    // and back again to the 5-node cluster (it had no inputs: nothing to return to)
    expect(store.getState().timeline.branch).toBeNull();
  });
});
