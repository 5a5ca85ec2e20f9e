// The kernel's data contract: messages, envelopes and trace events are plain, serialisable data.

export type ComponentId = string;

/** A message between actors. `type` is SCREAMING_SNAKE (POD_CREATE, WATCH_EVENT). */
export interface Msg {
  type: string;
  [k: string]: unknown;
}

export interface Envelope {
  dueAtMs: number;
  seq: number;
  from: ComponentId;
  to: ComponentId;
  msg: Msg;
  /** Periodic background work (heartbeats, lease renewals, resyncs): runUntilIdle ignores it. */
  periodic?: boolean;
}

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
}

/** One visible step. The UI plays these; it never infers steps (DESIGN.md principle 4). */
export interface TraceEvent {
  seq: number;
  /** virtual ms since the cluster started */
  t: number;
  /** dotted: apiserver.authorize, etcd.put, watch.event, scheduler.decision, kubelet.image.pull, … */
  type: string;
  from: ComponentId;
  to: ComponentId;
  object?: ObjectRef;
  /** narration key, turned into a sentence by the UI's catalogue with `params` */
  key: string;
  params: Record<string, string | number | boolean>;
  detail?: unknown;
  ambient?: boolean;
}

export type TraceSpec = Omit<TraceEvent, 'seq' | 't' | 'from' | 'to'> & {
  from?: ComponentId;
  to?: ComponentId;
};
