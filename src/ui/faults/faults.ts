// What the Faults panel offers and says (pure, tested): images to remove, result sentences.
import type { Fault, KubeObject } from '../../protocol/messages';
import { translator, type MessageKey, type Params } from '../../i18n';

type Translate = (key: MessageKey, params?: Params) => string;

/** Images the cluster knows of: those of the played pods (init containers too), sorted. */
export function imagesOf(pods: ReadonlyArray<KubeObject | undefined>, fallback = 'nginx:1.27'): string[] {
  const images = new Set<string>();
  for (const pod of pods) {
    const spec = (pod?.spec ?? {}) as { containers?: Array<{ image?: string }>; initContainers?: Array<{ image?: string }> };
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) if (c.image) images.add(c.image);
  }
  if (images.size === 0) images.add(fallback);
  return [...images].sort();
}

const DONE = ['etcd.stop', 'etcd.start', 'node.stop', 'node.start', 'image.remove'] as const;
const english = translator('en');

export function faultDoneText(f: Fault, t: Translate = english): string {
  const known = (DONE as readonly string[]).includes(f.type) ? (f.type as (typeof DONE)[number]) : undefined;
  return known ? t(`faults.done.${known}`, { target: f.target }) : t('faults.done.other', { type: f.type, target: f.target });
}

export function faultFailedText(f: Fault, message?: string, t: Translate = english): string {
  return t('faults.failed', { type: f.type, target: f.target, message: message ?? t('faults.failedUnknown') });
}
