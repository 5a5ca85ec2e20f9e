// From 100 nodes the views that grow with the cluster go to the UI at most once a second (posting them
// whole every frame was most of the worker's time at 1,000 nodes); small clusters get them every frame.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { WorkerMessage } from '../protocol/messages';
import { Host, type HostedCluster } from './host';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 30\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: "nginx:1.27"}]}\n';

/** A host on `nodes` nodes in real time at `speed`, the Deployment applied; `frames(n)` plays n
 * frames of 16 ms. `out` holds every message posted after the Apply, with its wall ms. */
function applied(nodes: number, speed: number) {
  const out: Array<{ wallMs: number; m: WorkerMessage }> = [];
  const clock = { wallMs: 0 };
  const host = new Host((o) => createCluster(o) as HostedCluster, (m) => out.push({ wallMs: clock.wallMs, m }), () => clock.wallMs);
  host.start({ nodes });
  host.handle({ type: 'SET_PACING', pacing: 'realtime' });
  host.handle({ type: 'SET_SPEED', speed });
  host.handle({ type: 'APPLY', id: 1, yaml: DEPLOYMENT });
  out.length = 0;
  const frames = (n: number) => {
    for (let i = 0; i < n; i++) {
      clock.wallMs += 16;
      host.tick();
    }
  };
  return { host, out, clock, frames };
}

/** wall ms of the batches that carried the scheduler's view, over 4.8 s of frames after an Apply */
function schedulerBatches(nodes: number): { at: number[]; finalCycles: number; shownCycles: number; inspectedCycles: string[]; other: string } {
  const { host, out, clock, frames } = applied(nodes, 1);
  frames(300);
  const batches = out.filter((b): b is { wallMs: number; m: Extract<WorkerMessage, { type: 'BATCH' }> } => b.m.type === 'BATCH');
  const withScheduler = batches.filter((b) => b.m.views?.scheduler);
  // what the UI ends with once the next flush has gone: a pause, then a second later a frame
  host.handle({ type: 'PAUSE' });
  clock.wallMs += 1000;
  host.tick();
  const last = [...out].reverse().find((b) => b.m.type === 'BATCH' && b.m.views?.scheduler)?.m as Extract<WorkerMessage, { type: 'BATCH' }>;
  const cycles = (host as unknown as { views: { scheduler: { schedCycles: object; schedLastPod: string } } }).views.scheduler;
  // the learner selects another pod: its cycle comes
  const other = Object.keys(cycles.schedCycles).find((k) => k !== cycles.schedLastPod)!;
  host.handle({ type: 'INSPECT', key: other });
  const answer = out.at(-1)!.m as Extract<WorkerMessage, { type: 'BATCH' }>;
  const inspectedCycles = Object.keys(answer.views?.scheduler?.schedCycles ?? {});
  return { at: withScheduler.map((b) => b.wallMs), finalCycles: Object.keys(cycles.schedCycles).length, shownCycles: Object.keys(last.views!.scheduler!.schedCycles).length, inspectedCycles, other };
}

describe('Host: views that grow with the cluster', () => {
  it('posts the scheduler view every frame it changes on 3 nodes', () => {
    const { at, shownCycles, finalCycles, inspectedCycles } = schedulerBatches(3);
    // the 30 pods are scheduled within ~100 ms of wall time: a batch for each frame of them
    expect(at.length).toBeGreaterThanOrEqual(5);
    expect(Math.min(...at.slice(1).map((t, i) => t - at[i]))).toBeLessThan(1000);
    expect(shownCycles).toBe(finalCycles);
    expect(inspectedCycles).toEqual([]);
  });

  it('posts it at most once a second on 100 nodes, with the cycles the UI draws: the last pod\'s and the selected one\'s', () => {
    const { at, finalCycles, shownCycles, inspectedCycles, other } = schedulerBatches(100);
    // the same cycles, held and sent together (the event log, sent first, started the second)
    expect(at.length).toBeGreaterThanOrEqual(1);
    expect(at.length).toBeLessThanOrEqual(2);
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(1000);
    expect(finalCycles).toBe(30);
    expect(shownCycles).toBe(1);
    expect(inspectedCycles).toHaveLength(2);
    expect(inspectedCycles).toContain(other);
  });

  it('coalesces a large cluster\'s batches over 100 ms, where 3 nodes at the same speed get one each 50 ms', () => {
    const gaps = (nodes: number) => {
      const { out, frames } = applied(nodes, 50);
      frames(120);
      const batches = out.filter((b): b is { wallMs: number; m: Extract<WorkerMessage, { type: 'BATCH' }> } => b.m.type === 'BATCH' && b.m.trace.length > 0);
      const at = batches.map((b) => b.wallMs);
      const events = batches.reduce((n, b) => n + b.m.trace.length, 0);
      return { min: Math.min(...at.slice(1).map((t, i) => t - at[i])), batches: at.length, events };
    };
    const small = gaps(3);
    const large = gaps(100);
    expect(small.min).toBeGreaterThanOrEqual(48);
    expect(small.min).toBeLessThan(100);
    expect(large.min).toBeGreaterThanOrEqual(96);
    // every event still travels: fewer, fuller batches
    expect(large.batches).toBeGreaterThan(5);
    expect(large.events).toBeGreaterThan(large.batches);
  });
}, 120_000);
