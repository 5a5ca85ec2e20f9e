// Narration parameters from the matched event alone: its scalar params, plus (for a few steps) a
// summary of its detail — the defaulted fields, the nodes filtered out and why, the ranking. Pure.
import type { AnyTraceEvent } from '../engine';
import type { Derive } from './types';
import { isWorkloadDerive, workloadParams } from './params-workloads';
// kubectl's printPod twin (READY, STATUS, RESTARTS from a pod object): pure, shared with the pods table
import { podColumns } from '../ui/pods/pod-status';
import { formatClock } from '../ui/time/time';
import type { KubeObject } from '../protocol/messages';

export type NarrationParams = Record<string, string | number | boolean>;

/** The object the event is about, as the views hold it just after the event (the engine's own
 * stored value: the pull policy, the phase, the deletionTimestamp are read there). */
export interface ObjectLike {
  metadata?: { deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
  spec?: {
    containers?: Array<{ name: string; image?: string; imagePullPolicy?: string }>;
    /** a Node's taints */
    taints?: Array<{ key: string; effect: string; value?: string }>;
    /** a Pod's tolerations */
    tolerations?: Array<{ key?: string; operator?: string; effect?: string; tolerationSeconds?: number }>;
  };
  status?: { phase?: string; podIP?: string; conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
  /** an EndpointSlice's endpoints */
  endpoints?: Array<{ addresses?: string[]; conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean } }>;
}

export function narrationParams(e: AnyTraceEvent, derive: Derive = 'none', object?: ObjectLike, locale = 'en'): NarrationParams {
  const out: NarrationParams = {};
  // lists as the locale writes them (node-1, node-2, and node-3 / node-1、node-2和node-3)
  const fmt = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  // Chinese puts a space between its text and Latin names: node-1、node-2 和 node-3
  const list = (xs: string[]) => (locale.startsWith('zh') ? fmt.format(xs).replace(/([\w)\]}])和(?=[\w(])/g, '$1 和 ') : fmt.format(xs));
  for (const [k, v] of Object.entries(e.params)) if (v !== undefined && v !== null) out[k] = v as string | number | boolean;
  // a duration in ms is also given in seconds (durationMs → durationS), as a person reads it
  for (const [k, v] of Object.entries(e.params)) if (/Ms$/.test(k) && typeof v === 'number') out[`${k.slice(0, -2)}S`] = Math.round(v / 100) / 10;
  if (e.object) {
    out.objectKind = e.object.kind;
    out.objectName = e.object.name;
  }
  out.from = e.from;
  out.to = e.to;
  // the virtual clock at the event: in seconds, and as the header's clock shows it (00:06:05.108)
  out.atS = Math.round(e.t / 100) / 10;
  out.clock = formatClock(e.t);
  const d = (e.detail ?? {}) as Record<string, unknown>;
  switch (derive) {
    case 'defaulted': {
      const fields = (d.defaulted as string[] | undefined) ?? [];
      out.fields = list(fields);
      out.fieldCount = fields.length;
      break;
    }
    case 'filter': {
      const filter = (d.filter as Record<string, string[]> | undefined) ?? {};
      const rejected = Object.entries(filter).filter(([, r]) => r.length > 0);
      out.fit = list(Object.entries(filter).filter(([, r]) => r.length === 0).map(([n]) => n));
      out.rejected = list(rejected.map(([n, r]) => `${n} (${r.join('; ')})`));
      out.rejectedCount = rejected.length;
      break;
    }
    case 'score': {
      const total = (d.total as Record<string, number> | undefined) ?? {};
      const scores = (d.scores as Record<string, Record<string, number>> | undefined) ?? {};
      const ranked = Object.entries(total).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      out.ranking = list(ranked.map(([n, s]) => `${n} ${s}`));
      const best = typeof e.params.score === 'number' ? e.params.score : ranked[0]?.[1];
      out.tied = ranked.filter(([, s]) => s === best).length - 1;
      const plugins = Object.keys(scores[String(e.params.best)] ?? {});
      out.plugins = list(plugins);
      break;
    }
    case 'pull': {
      const c = object?.spec?.containers?.find((x) => x.name === e.params.container);
      out.policy = c?.imagePullPolicy ?? '';
      break;
    }
    case 'status': {
      out.phase = object?.status?.phase ?? '';
      out.podIP = object?.status?.podIP ?? '';
      out.ready = object?.status?.conditions?.find((x) => x.type === 'Ready')?.status ?? '';
      break;
    }
    case 'terminating': {
      out.deletionTimestamp = object?.metadata?.deletionTimestamp ?? '';
      out.grace = object?.metadata?.deletionGracePeriodSeconds ?? -1;
      break;
    }
    case 'slice': {
      const eps = object?.endpoints ?? [];
      out.sliceEndpoints = eps.length;
      out.sliceReady = eps.filter((x) => x.conditions?.ready !== false).length;
      out.sliceConditions = list(
        eps.map((x) => `${(x.addresses ?? []).join(', ')} (ready=${x.conditions?.ready !== false}, serving=${x.conditions?.serving !== false}, terminating=${x.conditions?.terminating === true})`),
      );
      break;
    }
    case 'columns': {
      const c = object ? podColumns(object as KubeObject) : undefined;
      out.podReady = c?.ready ?? '';
      out.podStatus = c?.status ?? '';
      out.podRestarts = c?.restarts ?? -1;
      break;
    }
    case 'node': {
      const ready = object?.status?.conditions?.find((x) => x.type === 'Ready');
      out.nodeReady = ready?.status ?? '';
      out.nodeReason = ready?.reason ?? '';
      out.nodeMessage = ready?.message ?? '';
      const taints = object?.spec?.taints ?? [];
      out.taints = list(taints.map((x) => `${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}`));
      out.taintCount = taints.length;
      break;
    }
    case 'eviction': {
      // the NoExecute tolerations with a time limit (DefaultTolerationSeconds), and the DisruptionTarget condition
      const limited = (object?.spec?.tolerations ?? []).filter((x) => x.effect === 'NoExecute' && typeof x.tolerationSeconds === 'number');
      out.tolerations = list(limited.map((x) => `${x.key ?? '*'}:${x.effect} (tolerationSeconds=${x.tolerationSeconds})`));
      out.tolerationSeconds = limited.find((x) => x.key === 'node.kubernetes.io/unreachable')?.tolerationSeconds ?? limited[0]?.tolerationSeconds ?? -1;
      const target = object?.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
      out.disruptionReason = target?.reason ?? '';
      out.disruptionMessage = target?.message ?? '';
      break;
    }
    case 'service': {
      // a Service as stored: the ClusterIP the API server allocated, its type, ports and selector
      const spec = (object?.spec ?? {}) as { type?: string; clusterIP?: string; selector?: Record<string, string>; ports?: Array<{ port: number; targetPort?: number | string; protocol?: string }> };
      out.clusterIP = spec.clusterIP ?? '';
      out.svcType = spec.type ?? '';
      out.ports = list((spec.ports ?? []).map((x) => `${x.port}/${x.protocol ?? 'TCP'} → ${x.targetPort ?? x.port}`));
      out.selector = Object.entries(spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      break;
    }
    case 'proxy': {
      // kube-proxy.sync: the Service port's rules as written (iptables statistic mode: a probability per rule but the last)
      type SvcRules = { name: string; clusterIP: string; port: number; chain: string; reject: boolean; endpoints: Array<{ endpoint: string; probability: string | null }> };
      const s = ((d.services as SvcRules[] | undefined) ?? [])[0];
      out.svc = s?.name ?? '';
      out.clusterIP = s?.clusterIP ?? '';
      out.svcPort = s?.port ?? -1;
      out.svcChain = s?.chain ?? '';
      out.reject = !!s?.reject;
      out.backends = list((s?.endpoints ?? []).map((x) => (x.probability ? `${x.endpoint} (--probability ${x.probability})` : x.endpoint)));
      out.backendCount = s?.endpoints.length ?? 0;
      break;
    }
    case 'none':
      break;
    default:
      if (isWorkloadDerive(derive)) Object.assign(out, workloadParams(derive, d, object as Record<string, unknown> | undefined, list));
  }
  return out;
}
