// The logic behind a narration sentence, as plain params for the ICU messages in
// src/i18n/locales/*/narration.json: which wording (a `mode` the message selects on), counts for
// plurals, and the parts that need the locale — numbers through Intl.NumberFormat, lists through the
// catalogue's separators, component names through narration-terms. The sentences themselves are data.
import type { AnyTraceEvent } from '../../protocol/messages';
import type { Locale } from '../../i18n';
import { syncWords } from '../controllers/sync-text';

export type Params = Record<string, string | number | boolean | undefined>;

/** Formats one narration-terms message (component names, units, list separators). */
export type Terms = (key: string, params?: Params) => string;

/** `kubelet:node-2` → `node-2`; components not on a node → undefined. */
export function nodeOfComponent(id: string): string | undefined {
  const i = id.indexOf(':');
  return i > 0 && /^(kubelet|runtime|kube-proxy)$/.test(id.slice(0, i)) ? id.slice(i + 1) : undefined;
}

/** `default/nginx` reads as `nginx`; other namespaces stay qualified. */
export function shortPodName(ref: string): string {
  return ref.startsWith('default/') ? ref.slice('default/'.length) : ref;
}

/** A component id (kube-apiserver, kubelet:node-1, etcd-2) as the narration names it. */
export function componentName(id: string, t: Terms): string {
  if (id === 'scheduler' || id === 'controller-manager') return t(`component.${id}`);
  const [kind, where] = id.split(':');
  if (where && /^(kubelet|runtime|kube-proxy|controller)$/.test(kind)) return t(`component.${kind}`, { where });
  if (/^etcd-\d+$/.test(id)) return id === 'etcd-0' ? 'etcd' : t('component.etcd-member', { id });
  return id;
}

/** Fixed fraction digits in the locale's notation: 4321 ms → "4.32" (under 10 s) or "12.3". */
export function secondsText(ms: number, locale: Locale, digits = ms < 10_000 ? 2 : 1): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ms / 1000);
}

export function bytesText(n: number, locale: Locale, t: Terms): string {
  const one = (x: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
  if (n >= 1e6) return t('bytes.MB', { n: one(n / 1e6) });
  if (n >= 1e3) return t('bytes.kB', { n: one(n / 1e3) });
  return t('bytes.B', { n: String(n) });
}

const isSet = (v: unknown) => v !== undefined && v !== '';

/** The event's params (numbers as plain strings: revisions and indexes are ids, not amounts), the
 * derived ones every sentence may use (name, kind, pod, node, from/to as names, src/dst as ids), and
 * the per-key choices. Empty params are dropped: a message's select then takes its `none` branch. */
export function narrationParams(e: AnyTraceEvent, locale: Locale, t: Terms): Params {
  const o = e.object;
  const raw: Params = {};
  for (const [k, v] of Object.entries(e.params)) if (isSet(v)) raw[k] = typeof v === 'number' ? String(v) : v;
  const pod = typeof e.params.pod === 'string' ? e.params.pod : o?.kind === 'Pod' ? `${o.namespace ?? 'default'}/${o.name}` : undefined;
  const p: Params = {
    name: o?.name,
    kind: o?.kind,
    namespace: o?.namespace,
    node: nodeOfComponent(e.to) ?? nodeOfComponent(e.from),
    ...raw,
    pod: pod && shortPodName(pod),
    from: componentName(e.from, t),
    to: componentName(e.to, t),
    src: e.from,
    dst: e.to,
  };
  for (const k of Object.keys(p)) if (!isSet(p[k])) delete p[k];
  return { ...p, ...byKey(e, p, locale, t) };
}

function byKey(e: AnyTraceEvent, p: Params, locale: Locale, t: Terms): Params {
  const n = (k: string) => Number(e.params[k]);
  const join = (items: string[]) => items.join(t('sep.list'));
  const s = e.params;
  switch (e.key) {
    case 'apiserver.authenticate':
      return { groups: isSet(s.groups) ? join(String(s.groups).split(',')) : undefined };
    case 'apiserver.admit': {
      const defaulted = (e.detail as { defaulted?: string[] } | undefined)?.defaulted ?? [];
      const mode = s.ok === false ? 'rejected' : !s.changed || defaulted.length === 0 ? 'unchanged' : 'defaulted';
      return { mode, fields: defaulted.length, shown: join(defaulted.slice(0, 3)), more: defaulted.length > 3 };
    }
    case 'etcd.put':
      return { sizeText: bytesText(n('size') || 0, locale, t) };
    case 'raft.commit':
      return { revision: s.revision ? String(s.revision) : undefined };
    case 'etcd.stop':
      return { roleKey: String(s.role ?? '').replace('-', '') };
    case 'raft.election_timeout':
      return {
        again: s.role === 'candidate' || s.role === 'pre-candidate',
        next: String(n('term') + 1),
        silent: typeof s.silentMs === 'number' ? secondsText(s.silentMs, locale, 1) : undefined,
      };
    case 'apiserver.response': {
      const code = n('code');
      const mode =
        code === 404 && s.verb === 'get' && e.to === 'kubectl' ? 'notFound'
        : code >= 400 ? 'error'
        : s.terminating === true && s.resource !== 'pods' && s.finalizers ? 'finalizers'
        : s.terminating === true && s.resource === 'pods' && n('graceSeconds') === 0 && s.finalizers ? 'podFinalizers'
        : s.terminating === true ? 'terminating'
        : 'ok';
      return { mode, finalizers: isSet(s.finalizers) ? join(String(s.finalizers).split(',')) : undefined };
    }
    case 'watch.event':
      return { mode: s.terminating === true && s.eventType === 'MODIFIED' ? 'deleting' : String(s.eventType), eventLower: String(s.eventType ?? '').toLowerCase() };
    case 'controller.sync':
      // the engine writes its action and states in English ("create 3 pod(s)"): in the locale's words
      return { shortKey: String(s.key ?? '').replace(/^default\//, ''), compared: isSet(s.desired), ...syncWords(s, locale) };
    case 'scheduler.decision':
      return decision(e, p, t);
    case 'kubelet.mount_failed':
      return { retry: secondsText(n('retryMs'), locale) };
    case 'kubelet.prestop':
      return { duration: secondsText(n('durationMs'), locale) };
    case 'cri.image_pulled':
      return { duration: secondsText(n('durationMs'), locale), size: s.sizeBytes ? bytesText(n('sizeBytes'), locale, t) : undefined };
    default:
      return {};
  }
}

/** "filtered 3 nodes: node-2 lacks cpu; scored node-1 87, node-3 75 → node-1" as parts. */
function decision(e: AnyTraceEvent, p: Params, t: Terms): Params {
  const d = e.type === 'scheduler.decision' ? (e.detail as import('../../protocol/messages').SchedulerDecisionDetail | undefined) : undefined;
  const filter = d?.filter ?? {};
  const total = d?.total ?? {};
  const nodes = new Set([...Object.keys(filter), ...Object.keys(total)]);
  const lacks = (reason: string) => {
    const m = /^Insufficient (.+)$/.exec(reason);
    return m ? t('sched.lacks', { resource: m[1] }) : t('sched.reason', { reason });
  };
  const rejected = Object.entries(filter)
    .filter(([, reasons]) => reasons.length > 0)
    .map(([node, reasons]) => t('sched.rejected', { node, reasons: reasons.map(lacks).join(t('sep.list')) }));
  const scored = Object.entries(total)
    .sort((a, b) => b[1] - a[1])
    .map(([node, score]) => t('sched.score', { node, score: String(score) }));
  const chosen = d?.chosen ?? (typeof e.params.node === 'string' && e.params.node ? e.params.node : undefined);
  const best = chosen ? total[chosen] : undefined;
  const tie = best !== undefined && Object.entries(total).some(([node, score]) => node !== chosen && score === best);
  const pod = d?.pod ? shortPodName(d.pod) : p.pod;
  if (!chosen && d?.preemption) {
    const victims = d.preemption.victims.map((v) => t('sched.victim', { name: v.name, priority: String(v.priority) }));
    return { mode: 'preempt', pod, victimList: victims.join(t('sep.list')), nominatedNode: d.preemption.nominatedNode };
  }
  if (!chosen) return { mode: 'none', pod, message: d?.message || (e.params.message as string | undefined) || undefined };
  return {
    mode: 'chosen',
    pod,
    nodes: nodes.size,
    rejected: rejected.length ? rejected.join(t('sep.clauses')) : undefined,
    scored: scored.join(t('sep.list')) || '—',
    chosen,
    tie,
  };
}
