// Pure helpers of the Registry view: which nodes hold which tags of an image (node status images),
// and the registry.add fault the form describes.
import type { Fault, KubeObject, RegistryImageView } from '../../protocol/messages';

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
