// A fluent harness over the real createCluster, for tests that read like stories
// (modelled on tldraw's TestEditor): TestCluster.create({seed: 7}).apply(yaml).runFor(30_000)
// .expectPod('nginx').toHavePhase('Running').
import { createCluster, type Cluster, type ClusterOptions } from '../cluster/cluster';
import type { ApplyResult, KObject } from '../api/types';
import type { TraceEvent, TraceType } from '../kernel/types';
import { parseRfc3339 } from '../api/time';
import { printPodRow } from '../kubelet/printers';

export interface SeenEvent {
  reason: string;
  message: string;
  type: string;
  /** virtual ms of the Event's lastTimestamp (second precision) */
  t: number;
  /** virtual ms at which the Event reached etcd (exact) */
  storedAt: number;
  object: string;
}

export class TestCluster {
  lastResults: ApplyResult[] = [];
  private constructor(readonly c: Cluster) {}

  static create(opts: ClusterOptions = {}): TestCluster {
    const t = new TestCluster(createCluster(opts));
    t.c.runUntilIdle();
    return t;
  }

  apply(yaml: string): this {
    this.lastResults = this.c.apply(yaml);
    return this;
  }

  delete(kind: string, name: string, gracePeriodSeconds?: number): this {
    this.lastResults = [this.c.delete({ kind, namespace: 'default', name }, gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds })];
    return this;
  }

  runFor(ms: number): this {
    this.c.advance(ms);
    return this;
  }

  runUntilIdle(maxMs?: number): this {
    this.c.runUntilIdle(maxMs);
    return this;
  }

  /** Advance until `cond` holds (checked after every delivery), or fail after maxMs. */
  runUntil(cond: (t: this) => boolean, maxMs = 600_000): this {
    const until = this.c.now() + maxMs;
    while (!cond(this)) {
      const due = this.c.nextDueMs();
      if (due === undefined || due > until) throw new Error(`condition not met within ${maxMs} ms (now ${this.c.now()})`);
      this.c.step();
    }
    return this;
  }

  pod(name: string): KObject | undefined {
    return this.c.get('Pod', 'default', name);
  }

  status(name: string): string | undefined {
    const p = this.pod(name);
    return p ? printPodRow(p as never, this.c.now()).STATUS : undefined;
  }

  /** core/v1 Events about an object, in the order they were stored. */
  events(name?: string): SeenEvent[] {
    const stored = new Map<string, number>();
    for (const e of this.c.trace()) if (e.type === 'etcd.put' && e.object?.kind === 'Event') stored.set(e.object.name, e.t);
    return this.c
      .list('Event', 'default')
      .map((e) => {
        const io = e.involvedObject as { kind: string; name: string };
        return { reason: String(e.reason), message: String(e.message), type: String(e.type), t: parseRfc3339(String(e.lastTimestamp)), storedAt: stored.get(e.metadata.name) ?? -1, object: `${io.kind}/${io.name}` };
      })
      .filter((e) => !name || e.object.endsWith(`/${name}`))
      .sort((a, b) => a.storedAt - b.storedAt);
  }

  traceOf<K extends TraceType>(type: K): TraceEvent<K>[] {
    return this.c.trace().filter((e): e is TraceEvent<K> => e.type === type);
  }

  expectPod(name: string) {
    const pod = () => this.pod(name) as Record<string, any> | undefined;
    const fail = (m: string) => {
      throw new Error(`pod ${name}: ${m}`);
    };
    const api = {
      toHavePhase: (phase: string) => (pod()?.status?.phase === phase ? api : fail(`phase is ${pod()?.status?.phase}, want ${phase}`)),
      toHaveStatus: (status: string) => (this.status(name) === status ? api : fail(`STATUS is ${this.status(name)}, want ${status}`)),
      toBeGone: () => (pod() === undefined ? api : fail('still exists')),
    };
    return api;
  }
}
