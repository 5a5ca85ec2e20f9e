// The narration catalogue's shape: one per locale (en today, zh-CN later), same keys.
import type { TraceEvent } from '../../protocol/messages';

export type Params = Record<string, string | number | boolean | undefined>;

export interface NarrationContext {
  e: TraceEvent;
  /** the event's params plus derived ones: name, kind, pod, node, from, to (component labels) */
  p: Params;
  c: Catalogue;
}

/** A template string with {param} holes, or a formatter where a template is not enough. */
export type Template = string | ((ctx: NarrationContext) => string);

export interface Catalogue {
  locale: string;
  /** narration key (TraceEvent.key) → sentence */
  events: Record<string, Template>;
  /** used for keys the catalogue does not know, or when a template's params are missing */
  generic: (ctx: NarrationContext) => string;
  /** component id (kube-apiserver, kubelet:node-1) → display name */
  component: (id: string) => string;
  /** formatting of numbers and units for this locale */
  format: {
    seconds: (ms: number) => string;
    bytes: (n: number) => string;
    list: (items: string[]) => string;
  };
}
