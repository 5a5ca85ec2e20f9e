// Every trace type a real run emits is a key of TraceEventMap (TRACE_TYPES is its run-time list):
// a component that starts emitting a new type without typing it fails here.
import { describe, expect, it } from 'vitest';
import { createCluster } from './index';
import type { TraceEvent } from './kernel/types';
import { TRACE_TYPES } from './trace-events';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          resources:
            requests: { cpu: 100m }
`;

// asks for more CPU than any node has: FailedScheduling
const TOO_BIG = `apiVersion: v1
kind: Pod
metadata:
  name: too-big
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests: { cpu: "64" }
`;

describe('trace types', () => {
  const c = createCluster({ seed: 7 });
  c.apply(DEPLOYMENT);
  c.apply(TOO_BIG);
  c.runUntilIdle();
  const trace = c.trace();

  it('emits only types the map knows', () => {
    const known = new Set<string>(TRACE_TYPES);
    expect([...new Set(trace.map((e) => e.type))].filter((t) => !known.has(t))).toEqual([]);
  });

  it('keeps params serialisable scalars', () => {
    const bad = trace.flatMap((e) => Object.entries(e.params).filter(([, v]) => !['string', 'number', 'boolean'].includes(typeof v)).map(([k]) => `${e.type}.${k}`));
    expect([...new Set(bad)]).toEqual([]);
  });

  it('types the scheduler decision: the pod that fits nowhere carries its FailedScheduling message', () => {
    const failed = trace.find((e): e is TraceEvent<'scheduler.decision'> => e.type === 'scheduler.decision' && e.object?.name === 'too-big');
    expect(failed?.detail?.chosen).toBeNull();
    expect(failed?.detail?.message).toMatch(/^0\/\d+ nodes are available: \d+ Insufficient cpu/);
    expect(failed?.params.message).toBe(failed?.detail?.message);
  });
});
