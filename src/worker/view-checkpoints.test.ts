// View checkpoints on a large cluster: spaced by the number of objects (each holds its own copy of
// the views' maps), and a seek still shows exactly the folded moment.
import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent, TraceEvent } from '../protocol/messages';
import { initViews } from '../folds/registry';
import { ViewCheckpoints } from './view-checkpoints';

/** etcd writes of `pods` Pods, then as many updates: 2 × pods events */
function podWrites(pods: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < pods; i++) {
      const name = `web-${i}`;
      const value = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: String(out.length + 1) }, status: { phase: round ? 'Running' : 'Pending' } };
      const e: AnyTraceEvent = { seq: out.length, t: out.length, type: 'etcd.put', from: 'kube-apiserver', to: 'etcd-0', key: 'etcd.put', params: { key: `/registry/pods/default/${name}`, revision: out.length + 1 }, detail: { value }, object: { kind: 'Pod', namespace: 'default', name, uid: name, resourceVersion: String(out.length + 1) } };
      out.push(e as TraceEvent);
    }
  }
  return out;
}

describe('ViewCheckpoints', () => {
  it('takes one per 256 events on a small cluster', () => {
    const events = podWrites(100);
    const cp = new ViewCheckpoints();
    const views = cp.foldFrom(initViews([]), events);
    expect(views.objects.size).toBe(100);
    expect(cp.count).toBe(0);
    const more = podWrites(600);
    const cp2 = new ViewCheckpoints();
    cp2.foldFrom(initViews([]), more);
    // 1,200 events with at most 600 objects: spaced by max(256, objects)
    expect(cp2.count).toBeGreaterThanOrEqual(2);
    expect(cp2.count).toBeLessThanOrEqual(4);
  });

  it('spaces them by the object count on a large one, and a seek shows the same moment', () => {
    const events = podWrites(5000);
    const cp = new ViewCheckpoints();
    // folded in frame-sized batches, as the host does
    let views = initViews([]);
    for (let i = 0; i < events.length; i += 40) views = cp.foldFrom(views, events.slice(i, i + 40));
    // 10,000 events: one per 256 would be 39; spaced by the objects (up to 5,000) it is a handful
    expect(cp.count).toBeLessThanOrEqual(8);
    const at = cp.viewsAt(7_321, events, initViews([]));
    expect(at.seq).toBe(7_321);
    let running = 0;
    for (const o of at.objects.values()) if ((o as { status?: { phase?: string } }).status?.phase === 'Running') running++;
    expect(at.objects.size).toBe(5000);
    expect(running).toBe(7_322 - 5000);
  });
});
