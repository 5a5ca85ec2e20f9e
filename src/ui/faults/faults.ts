// What the Faults panel offers and says (pure, tested): images to remove, result sentences.
import type { Fault, KubeObject } from '../../protocol/messages';

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

const DONE: Record<string, string> = {
  'etcd.stop': '{target} is stopped',
  'etcd.start': '{target} is started',
  'node.stop': '{target} is stopped',
  'node.start': '{target} is started',
  'image.remove': '{target} is removed from every node',
};

export function faultDoneText(f: Fault): string {
  return (DONE[f.type] ?? `${f.type} ${f.target}: sent`).replace('{target}', f.target);
}

export function faultFailedText(f: Fault, message = 'failed'): string {
  return `${f.type} ${f.target} failed: ${message}`;
}
