// A large cluster through the worker, as the UI store receives it: the map's rows instead of every
// Pod, a pod whole when inspected, a node's pods whole while its detail is open, and a seek that
// shows the map of that moment.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { Command, WorkerMessage } from '../protocol/messages';
import { createUiStore } from '../ui/store/store';
import { initViews, stepViews } from '../folds/registry';
import { Host, type HostedCluster } from './host';
import { mapNodeOf } from '../ui/store/cluster-map';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 20
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
`;

function boot(nodes: number) {
  const store = createUiStore();
  const out: WorkerMessage[] = [];
  let wallMs = 0;
  let cluster: HostedCluster | undefined;
  const host = new Host((o) => (cluster = createCluster(o) as unknown as HostedCluster), (m) => {
    out.push(m);
    store.getState().receive(m);
  }, () => wallMs);
  host.start({ nodes });
  const frames = (n: number) => {
    for (let i = 0; i < n; i++) {
      wallMs += 16;
      host.tick();
    }
  };
  const send = (cmd: Command) => host.handle(cmd);
  send({ type: 'SET_PACING', pacing: 'realtime' });
  send({ type: 'SET_SPEED', speed: 100 });
  return { store, out, frames, send, trace: () => cluster!.trace() };
}

const podsInStore = (store: ReturnType<typeof createUiStore>) => [...store.getState().objects.keys()].filter((k) => k.startsWith('Pod/')).sort();
const cells = (store: ReturnType<typeof createUiStore>) => [...store.getState().mapRows.values()].flatMap((r) => r.pods);

describe('the worker feeds a large cluster as map rows', () => {
  it('sends rows, not Pod objects; a pod whole when inspected; a node\'s pods while its detail is open', () => {
    const { store, frames, send, out, trace } = boot(14);
    send({ type: 'APPLY', id: 1, yaml: DEPLOY });
    frames(400);
    const running = cells(store).filter((c) => c.status === 'Running');
    expect(running).toHaveLength(20);
    expect([...store.getState().mapRows.keys()].filter(Boolean)).toHaveLength(14);
    expect(podsInStore(store)).toEqual([]);
    // nor Events (no view lists them; kubectl reads them from the worker)
    const events = () => [...store.getState().objects.keys()].filter((k) => k.startsWith('Event/'));
    expect(events()).toEqual([]);
    const ev = trace().find((e) => e.type === 'etcd.put' && e.object?.kind === 'Event')!.object!;
    const evKey = `Event/${ev.namespace ?? ''}/${ev.name}`;
    send({ type: 'INSPECT', key: evKey });
    expect(events()).toEqual([evKey]);
    send({ type: 'INSPECT', key: null });
    expect(events()).toEqual([]);
    // nor Node objects: the diagram's node names come from the rows
    expect([...store.getState().objects.keys()].filter((k) => k.startsWith('Node/'))).toEqual([]);
    expect(store.getState().nodeNames).toHaveLength(14);
    expect(store.getState().nodeNames.slice(0, 3)).toEqual(['node-1', 'node-2', 'node-3']);
    // the Deployment still travels whole (the inspector, the ownership view read it)
    expect(store.getState().objects.has('Deployment/default/web')).toBe(true);
    // frames carry only the rows that changed: the last ones, with nothing happening, none
    const from = out.length;
    frames(60);
    const rowsSent = out.slice(from).flatMap((m) => (m.type === 'BATCH' ? (m.clusterMap?.rows ?? []) : []));
    expect(rowsSent).toEqual([]);

    const pod = running[0].key;
    store.getState().select(pod);
    send({ type: 'INSPECT', key: pod });
    expect(podsInStore(store)).toEqual([pod]);
    expect(store.getState().selectedKey).toBe(pod);

    const node = mapNodeOf(store.getState().mapRows, pod)!;
    send({ type: 'MAP_FOCUS', node });
    const onNode = store.getState().mapRows.get(node)!.pods.map((c) => c.key).sort();
    expect(podsInStore(store)).toEqual(onNode);
    expect(store.getState().objects.get(`Node//${node}`)?.kind).toBe('Node');
    send({ type: 'INSPECT', key: null });
    send({ type: 'MAP_FOCUS', node: null });
    expect(podsInStore(store)).toEqual([]);
    expect(store.getState().objects.has(`Node//${node}`)).toBe(false);
  });

  it('a seek shows the map of that moment, as a replay from the start folds it', () => {
    const { store, frames, send, trace } = boot(14);
    send({ type: 'APPLY', id: 1, yaml: DEPLOY });
    frames(400);
    const at = trace().findIndex((e) => e.type === 'scheduler.decision') + 40;
    send({ type: 'SEEK', seq: at });
    const replay = stepViews(initViews(store.getState().etcdMembers.map((m) => m.id)), trace().slice(0, at + 1)).clusterMap;
    expect(JSON.stringify([...store.getState().mapRows.values()].sort((a, b) => a.name.localeCompare(b.name)))).toBe(JSON.stringify([...replay.rows.values()].sort((a, b) => a.name.localeCompare(b.name))));
    expect(cells(store).length).toBeLessThan(20 + 1);
  });

  it('sends a long row as its changes, and the store merges them into the rows the worker folded', () => {
    const { store, frames, send, out, trace } = boot(14);
    send({ type: 'SET_SPEED', speed: 5 });
    send({ type: 'APPLY', id: 1, yaml: DEPLOY.replace('replicas: 20', 'replicas: 400') });
    const members = store.getState().etcdMembers.map((m) => m.id);
    const byName = <T extends { name: string }>(rows: Iterable<T>) => [...rows].sort((a, b) => a.name.localeCompare(b.name));
    let edited = 0;
    for (let k = 0; k < 30; k++) {
      const from = out.length;
      frames(8);
      edited += out.slice(from).filter((m) => m.type === 'BATCH' && m.clusterMap?.edited?.some((e) => e.row.name === '')).length;
      const played = store.getState().timeline.position;
      const folded = stepViews(initViews(members), trace().slice(0, played + 1)).clusterMap;
      expect(byName(store.getState().mapRows.values())).toEqual(byName(folded.rows.values()));
      expect(store.getState().mapPodCount).toBe(cells(store).length);
    }
    // the unscheduled row (hundreds of Pending pods) went as its changes, batch after batch
    expect(edited).toBeGreaterThan(5);
  });

  it('a small cluster gets every Pod whole and no map', () => {
    const { store, frames, send } = boot(3);
    send({ type: 'APPLY', id: 1, yaml: DEPLOY });
    frames(400);
    expect(podsInStore(store)).toHaveLength(20);
    expect([...store.getState().objects.keys()].filter((k) => k.startsWith('Node/'))).toHaveLength(3);
    expect(store.getState().mapRows.size).toBe(0);
  });
});
