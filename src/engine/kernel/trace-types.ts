// The trace's types: one entry per trace `type` in TraceEventMap, and TraceEvent a union keyed by
// `type`, so narrowing on `e.type === 'scheduler.decision'` types `params` and `detail` (DESIGN.md
// "TraceEvent"). The kernel knows no component, so the map is empty here and filled in by
// src/engine/trace-events.ts, which augments it with the components' own shapes.
import type { ComponentId, ObjectRef } from './types';

/** A param value: params stay serialisable, and the UI interpolates them into sentences. */
export type TraceScalar = string | number | boolean;

/** Params as generic code reads them (the narration catalogue, token labels). */
export type TraceParams = Readonly<Record<string, TraceScalar>>;

/**
 * Trace type → `{ params, detail? }`. Filled in by src/engine/trace-events.ts (interface merging) with
 * the components' own shapes, so the kernel imports none of them.
 */
export interface TraceEventMap {}

export type TraceType = keyof TraceEventMap;

/**
 * Narration keys the engine emits besides its trace types (a variant key where the sentence must
 * differ, e.g. `kube-proxy.sync.unchanged`). Filled in by src/engine/trace-events.ts like the map.
 */
export interface NarrationVariantMap {}

/** Every narration key the engine can emit: the UI's catalogues must have a message for each. */
export type NarrationKey = TraceType | keyof NarrationVariantMap;
export type TraceParamsOf<K extends TraceType> = TraceEventMap[K] extends { params: infer P } ? P : never;
export type TraceDetailOf<K extends TraceType> = TraceEventMap[K] extends { detail: infer D } ? D : never;

/** What every trace event carries, whatever its type. */
export interface TraceEventBase {
  seq: number;
  /** virtual ms since the cluster started */
  t: number;
  from: ComponentId;
  to: ComponentId;
  object?: ObjectRef;
  /** narration key, turned into a sentence by the UI's catalogue with `params` */
  key: string;
  ambient?: boolean;
}

/** One visible step of type K. The UI plays these; it never infers steps (DESIGN.md principle 4). */
export interface TypedTraceEvent<K extends TraceType> extends TraceEventBase {
  /** dotted: apiserver.authorize, etcd.put, watch.event, scheduler.decision, kubelet.probe, … */
  type: K;
  params: TraceParamsOf<K>;
  detail?: TraceDetailOf<K>;
}

type EveryTraceEvent = { [P in TraceType]: TypedTraceEvent<P> }[TraceType];

/** A trace event: a union keyed by `type`. TraceEvent<'etcd.put' | 'etcd.delete'> is two of its members. */
export type TraceEvent<K extends TraceType = TraceType> = Extract<EveryTraceEvent, { type: K }>;

/** Any event, read without its type: for code that treats every event alike (logs, narration params). */
export interface AnyTraceEvent extends TraceEventBase {
  type: string;
  params: TraceParams;
  detail?: unknown;
}

/** What an emitter hands to Kernel.trace: an event without seq and time; from/to default to the delivery. */
export interface TypedTraceSpec<K extends TraceType> {
  type: K;
  key: NarrationKey;
  params: TraceParamsOf<K>;
  detail?: TraceDetailOf<K>;
  from?: ComponentId;
  to?: ComponentId;
  object?: ObjectRef;
  ambient?: boolean;
}

/** A spec of any one of the types K. */
export type TraceSpecOf<K extends TraceType> = { [P in K]: TypedTraceSpec<P> }[K];

/** What Kernel.trace takes: a spec of any trace type. */
export type TraceSpec = TraceSpecOf<TraceType>;

/** A spec whose narration key defaults to its type (etcd's raft host). */
export type UnkeyedTraceSpec<K extends TraceType> = { [P in K]: Omit<TypedTraceSpec<P>, 'key'> & { key?: NarrationKey } }[K];
