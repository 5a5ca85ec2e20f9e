// Two inputs with no delivery between them, only the clock moved (advance over a quiet stretch):
// the replay issues each at its own moment. Found by the VOPR: the second fired together with the
// first, 356 ms early, and the replayed trace parted from the original there.
import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster';

describe('replaying inputs that share a delivery count', () => {
  it('issues each at its recorded time', () => {
    const c = createCluster({ seed: 74, nodes: 1, etcdMembers: 1 });
    c.runUntilIdle();
    c.advance(1);
    c.inject({ type: 'registry.add', target: 'vopr/app:v1', sizeMB: 5 });
    c.advance(3);
    c.delete({ kind: 'Pod', namespace: 'default', name: 'never-created' });
    const [push, del] = c.inputs();
    expect(push.at.delivered).toBe(del.at.delivered);
    expect(del.at.t).toBe(push.at.t + 3);
    c.advance(1_000);
    const fresh = createCluster({ seed: 74, nodes: 1, etcdMembers: 1, inputs: c.inputs() });
    while (fresh.trace().length < c.trace().length && fresh.step());
    expect(JSON.stringify(fresh.trace())).toBe(JSON.stringify(c.trace()));
  });
});
