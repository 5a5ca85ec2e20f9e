import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/test-cluster';

describe('event aggregation (tools/record events_cache.go)', () => {
  it('counts a repeated Event instead of posting a new one', () => {
    const crash = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: crash
    image: busybox:1.36
    command: ["sh", "-c", "exit 1"]
`;
    const t = TestCluster.create().apply(crash).runFor(120_000);
    const backoff = t.c.list('Event', 'default').filter((e) => e.reason === 'BackOff' && (e.involvedObject as { name: string }).name === 'crash');
    expect(backoff).toHaveLength(1);
    expect(backoff[0].count).toBeGreaterThan(1);
    expect(backoff[0].lastTimestamp).not.toBe(backoff[0].firstTimestamp);
    expect(backoff[0].message).toMatch(/^Back-off restarting failed container crash in pod crash_default\(/);
  });
});
