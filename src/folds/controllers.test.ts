import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../protocol/messages';
import { controllersSlice, describeSync, nextControllers, RECENT_SYNCS, syncViewOf } from './controllers';

let seq = 0;
// controller.sync as the controller-manager traces it (controller-manager.ts processNextWorkItem)
type Sync = TraceEvent<'controller.sync'>;
function sync(controller: string, key: string, params: { desired: number | string; actual: number | string; action: string; queued?: number }, detail?: Sync['detail'], ambient?: boolean): Sync {
  seq++;
  return {
    seq, t: 40 + seq, type: 'controller.sync', key: 'controller.sync', from: 'controller-manager', to: 'controller-manager',
    params: { controller, key, queued: 0, ...params },
    object: { kind: controller === 'deployment' ? 'Deployment' : 'ReplicaSet', namespace: 'default', name: key.split('/')[1], uid: 'u' },
    detail, ambient: ambient || undefined,
  };
}

const createPods = sync('replicaset', 'default/web-76b5cf648f', { desired: 3, actual: 0, action: 'create 3 pod(s)', queued: 1 },
  { queue: ['default/api-5f7c9'], writes: Array(3).fill('create pods web-76b5cf648f-*'), writeCount: 3 });
const statusOnly = sync('replicaset', 'default/web-76b5cf648f', { desired: 3, actual: 3, action: 'none', queued: 0 }, undefined, true);

describe('controllers slice', () => {
  it('shows the last sync with its queue, comparison and writes', () => {
    const s = nextControllers(controllersSlice(), [createPods]);
    const rs = s.controllers.replicaset;
    expect(rs.syncs).toBe(1);
    expect(rs.last).toMatchObject({ key: 'default/web-76b5cf648f', kind: 'ReplicaSet', queued: 1, queue: ['default/api-5f7c9'], writeCount: 3, ambient: false });
    expect(describeSync(rs.last)).toBe('desired 3, actual 0 → create 3 pod(s)');
    expect(rs.lastWrite).toBe(rs.last);
  });

  it('keeps the last write when a later sync changes nothing', () => {
    const s = nextControllers(controllersSlice(), [createPods, statusOnly]);
    const rs = s.controllers.replicaset;
    expect(rs.syncs).toBe(2);
    expect(describeSync(rs.last)).toBe('desired 3, actual 3 → nothing to do');
    expect(rs.last.queued).toBe(0);
    expect(rs.lastWrite?.seq).toBe(createPods.seq);
    expect(rs.recent.map((v) => v.seq)).toEqual([createPods.seq]);
  });

  it(`remembers the ${RECENT_SYNCS} latest writes, newest first, per controller`, () => {
    const events = Array.from({ length: RECENT_SYNCS + 2 }, (_, i) => sync('deployment', 'default/web', { desired: 3, actual: i, action: `scale to ${i}` }));
    const s = nextControllers(controllersSlice(), events);
    expect(s.controllers.deployment.recent.map((v) => v.action)).toEqual(['scale to 6', 'scale to 5', 'scale to 4', 'scale to 3', 'scale to 2']);
    expect(s.controllers.replicaset).toBeUndefined();
  });

  it('reads an error from the detail and works without one', () => {
    const failed = sync('deployment', 'default/web', { desired: '', actual: '', action: 'error' }, { error: 'boom', queue: [], writes: [], writeCount: 0 });
    expect(syncViewOf(failed)).toMatchObject({ error: 'boom', writes: [], queued: 0 });
    expect(describeSync(syncViewOf(failed))).toBe('error');
  });

  it('keeps its identity when a batch has no controller.sync', () => {
    const prev = nextControllers(controllersSlice(), [createPods]);
    expect(nextControllers(prev, []).controllers).toBe(prev.controllers);
  });
});
