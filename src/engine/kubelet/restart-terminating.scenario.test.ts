// A kubelet that restarts after a pod it was deleting reached its terminal status, but before its
// grace-0 DELETE went out, deletes it on its first sync (status_manager.go canBeDeleted). Found by
// the VOPR: the restarted kubelet skipped the finished pod, which stayed Terminating for ever.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';

describe('kubelet restart during a pod deletion', () => {
  it('deletes the finished pod it finds on start', () => {
    const c = createCluster({ seed: 6, nodes: 1 });
    c.runUntilIdle();
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    c.runUntilIdle();
    c.delete({ kind: 'Pod', namespace: 'default', name: 'p' });
    // run until the kubelet has written the terminal status, then pull the plug before its DELETE
    for (let i = 0; i < 2_000; i++) {
      const e = c.step();
      const p = e?.params as Record<string, unknown> | undefined;
      if (e?.type === 'apiserver.response' && e.to === 'kubelet:node-1' && p?.resource === 'pods/status' && p.code === 200 && ['Succeeded', 'Failed'].includes((c.get('Pod', 'default', 'p')?.status as { phase?: string } | undefined)?.phase ?? '')) break;
    }
    expect((c.get('Pod', 'default', 'p')?.status as { phase?: string }).phase).toBe('Succeeded');
    c.inject({ type: 'node.stop', target: 'node-1' });
    c.advance(5_000);
    c.inject({ type: 'node.start', target: 'node-1' });
    c.advance(60_000);
    expect(c.get('Pod', 'default', 'p')).toBeUndefined();
  });
});
