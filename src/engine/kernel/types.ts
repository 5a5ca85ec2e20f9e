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

// Trace events are typed per `type` in trace-types.ts (TraceEventMap).
export type {
  AnyTraceEvent,
  TraceDetailOf,
  TraceEvent,
  TraceEventBase,
  TraceEventMap,
  TraceParams,
  TraceParamsOf,
  TraceScalar,
  TraceSpec,
  TraceSpecOf,
  TraceType,
  TypedTraceEvent,
  TypedTraceSpec,
  UnkeyedTraceSpec,
} from './trace-types';
