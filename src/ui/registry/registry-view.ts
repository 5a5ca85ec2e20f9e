// Pure helpers of the Registry view: which nodes hold which tags of an image (node status images),
// and the registry.add fault the form describes.
import type { Fault, KubeObject, RegistryImageView } from '../../protocol/messages';
import type { MessageKey, Params } from '../../i18n';

/** node → tags of `image` in its status.images (RepoTags are `repository:tag`). */
export function cachedOn(image: RegistryImageView, nodes: KubeObject[]): Array<{ node: string; tags: string[] }> {
  const out: Array<{ node: string; tags: string[] }> = [];
  for (const n of nodes) {
    const imgs = (((n.status ?? {}) as Record<string, any>).images ?? []) as Array<{ names?: string[] }>;
    const tags = new Set<string>();
    for (const i of imgs) {
      for (const name of i.names ?? []) {
        if (!name.startsWith(`${image.repository}:`)) continue;
        const tag = name.slice(image.repository.length + 1);
        if (!image.tag || image.tag === tag) tags.add(tag);
      }
    }
    if (tags.size) out.push({ node: n.metadata.name, tags: [...tags].sort() });
  }
  return out;
}

/** `nginx` for docker.io/library/nginx, `shop/web` for docker.io/shop/web, as people write them. */
export function shortName(repository: string): string {
  return repository.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}

export type BehaviourChoice = 'http' | 'complete' | 'crash' | 'sleep';

export interface AddImageForm {
  image: string;
  sizeMB: number;
  behaviour: BehaviourChoice;
  port: number;
  seconds: number;
  exitCode: number;
}

export function registryAddFault(f: AddImageForm): Fault {
  const behaviour =
    f.behaviour === 'http' ? { kind: 'http', port: f.port }
    : f.behaviour === 'complete' ? { kind: 'exit', afterSeconds: f.seconds, exitCode: 0 }
    : f.behaviour === 'crash' ? { kind: 'exit', afterSeconds: f.seconds, exitCode: f.exitCode }
    : { kind: 'sleep' };
  return { type: 'registry.add', target: f.image.trim(), sizeMB: f.sizeMB, behaviour };
}

/** Megabytes as registries show compressed sizes: `72.4 MB`. */
export function formatMB(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(2) : mb.toFixed(1)} MB`;
}

/**
 * What the image's default program does, in the locale: the engine describes it in English
 * (cluster/node-access.ts describe: "serves on 80 until stopped", "exits 1 after 5 s"); read back
 * into ui.json `reg.beh.*`. A description no rule knows is shown as written.
 */
export function behaviourText(behaviour: string, t: (key: MessageKey, params?: Params) => string): string {
  let m: RegExpMatchArray | null;
  if (behaviour === 'no default program') return t('reg.beh.none');
  if (behaviour === 'runs until stopped') return t('reg.beh.runs');
  if ((m = behaviour.match(/^serves on ([\d, ]+) until stopped$/))) return t('reg.beh.serves', { ports: m[1] });
  if ((m = behaviour.match(/^exits (-?\d+) after (\d+) (ms|s)$/))) return t('reg.beh.exits', { code: m[1], n: m[2], unit: m[3] });
  return behaviour;
}
