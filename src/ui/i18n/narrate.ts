// Turns a trace event into a sentence with a catalogue. Never throws: unknown keys and missing
// params fall back to the catalogue's generic sentence.
import type { AnyTraceEvent, TraceEvent } from '../../protocol/messages';
import type { Catalogue, NarrationContext, Params } from './types';

class MissingParam extends Error {}

/** `kubelet:node-2` → `node-2`; components not on a node → undefined. */
export function nodeOfComponent(id: string): string | undefined {
  const i = id.indexOf(':');
  return i > 0 && /^(kubelet|runtime|kube-proxy)$/.test(id.slice(0, i)) ? id.slice(i + 1) : undefined;
}

/** `default/nginx` reads as `nginx`; other namespaces stay qualified. */
export function shortPodName(ref: string): string {
  return ref.startsWith('default/') ? ref.slice('default/'.length) : ref;
}

/** Reads any event's params alike: every type's params are plain scalars. */
export function derivedParams(e: AnyTraceEvent, c: Catalogue): Params {
  const o = e.object;
  const pod = typeof e.params.pod === 'string' ? e.params.pod : o?.kind === 'Pod' ? `${o.namespace ?? 'default'}/${o.name}` : undefined;
  return {
    name: o?.name,
    kind: o?.kind,
    namespace: o?.namespace,
    node: nodeOfComponent(e.to) ?? nodeOfComponent(e.from),
    ...e.params,
    pod: pod && shortPodName(pod),
    from: c.component(e.from),
    to: c.component(e.to),
  };
}

export function interpolate(template: string, p: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = p[k];
    if (v === undefined || v === '') throw new MissingParam(k);
    return String(v);
  });
}

// Sentences may start with a component name; kubectl and kube-apiserver stay lowercase, "the …" does not.
const capitalize = (s: string) => (s.startsWith('the ') ? `T${s.slice(1)}` : s);

export function narrate(e: TraceEvent, c: Catalogue): string {
  const ctx: NarrationContext = { e, p: derivedParams(e, c), c };
  const t = c.events[e.key] ?? c.events[e.type];
  try {
    if (typeof t === 'string') return capitalize(interpolate(t, ctx.p));
    if (typeof t === 'function') return capitalize(t(ctx));
  } catch {
    /* fall through to the generic sentence */
  }
  return capitalize(c.generic(ctx));
}
