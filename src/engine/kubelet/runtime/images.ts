// Image references and the simulated registry. Reference parsing follows
// github.com/distribution/reference normalize.go (ParseNormalizedNamed: docker.io and library/
// defaults); the catalogue holds well-known images with realistic compressed linux/amd64 sizes
// (approximate, 2025) and the ENTRYPOINT/CMD/STOPSIGNAL of their Dockerfiles.
import { stableHex64 } from './ids';

export type Signal = 'SIGTERM' | 'SIGQUIT' | 'SIGINT' | 'SIGWINCH' | 'SIGKILL';

export interface ImageInfo {
  /** normalized repository, e.g. docker.io/library/nginx */
  repository: string;
  sizeBytes: number;
  /** size of `*alpine*` tags, when the repository publishes them */
  alpineSizeBytes?: number;
  entrypoint: string[];
  cmd: string[];
  /** the image's STOPSIGNAL (containerd sends it on StopContainer) */
  stopSignal: Signal;
  /** the default program serves until signalled; it exits `stopMs` after the stop signal */
  server?: { stopMs: number; exitCode: number };
}

const lib = (name: string) => `docker.io/library/${name}`;

export const IMAGE_CATALOGUE: Record<string, ImageInfo> = {
  [lib('nginx')]: {
    repository: lib('nginx'), sizeBytes: 72_404_038, alpineSizeBytes: 20_507_414,
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], stopSignal: 'SIGQUIT',
    server: { stopMs: 100, exitCode: 0 },
  },
  [lib('httpd')]: {
    repository: lib('httpd'), sizeBytes: 58_317_346, alpineSizeBytes: 21_304_618,
    entrypoint: [], cmd: ['httpd-foreground'], stopSignal: 'SIGWINCH', server: { stopMs: 150, exitCode: 0 },
  },
  [lib('redis')]: {
    repository: lib('redis'), sizeBytes: 45_187_546, alpineSizeBytes: 16_867_315,
    entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], stopSignal: 'SIGTERM', server: { stopMs: 80, exitCode: 0 },
  },
  [lib('postgres')]: {
    repository: lib('postgres'), sizeBytes: 153_843_209, alpineSizeBytes: 106_116_112,
    entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], stopSignal: 'SIGINT', server: { stopMs: 300, exitCode: 0 },
  },
  [lib('busybox')]: { repository: lib('busybox'), sizeBytes: 2_155_537, entrypoint: [], cmd: ['sh'], stopSignal: 'SIGTERM' },
  [lib('alpine')]: { repository: lib('alpine'), sizeBytes: 3_641_715, entrypoint: [], cmd: ['/bin/sh'], stopSignal: 'SIGTERM' },
  [lib('ubuntu')]: { repository: lib('ubuntu'), sizeBytes: 29_754_422, entrypoint: [], cmd: ['/bin/bash'], stopSignal: 'SIGTERM' },
  // the Kubernetes docs' probe examples (exec-liveness.yaml uses registry.k8s.io/busybox:1.27.2)
  // (configure-liveness-readiness-startup-probes) and the OOM example (assign-memory-resource)
  'registry.k8s.io/busybox': { repository: 'registry.k8s.io/busybox', sizeBytes: 1_144_547, entrypoint: [], cmd: ['sh'], stopSignal: 'SIGTERM' },
  'registry.k8s.io/e2e-test-images/agnhost': {
    repository: 'registry.k8s.io/e2e-test-images/agnhost', sizeBytes: 20_163_840, entrypoint: ['/agnhost'], cmd: ['pause'],
    stopSignal: 'SIGTERM', server: { stopMs: 5, exitCode: 2 },
  },
  'registry.k8s.io/goproxy': {
    repository: 'registry.k8s.io/goproxy', sizeBytes: 2_872_320, entrypoint: ['/goproxy'], cmd: [], stopSignal: 'SIGTERM', server: { stopMs: 5, exitCode: 2 },
  },
  'docker.io/polinux/stress': {
    repository: 'docker.io/polinux/stress', sizeBytes: 4_041_548, entrypoint: [], cmd: ['stress', '--help'], stopSignal: 'SIGTERM',
  },
  'registry.k8s.io/pause': {
    repository: 'registry.k8s.io/pause', sizeBytes: 320_368, entrypoint: ['/pause'], cmd: [], stopSignal: 'SIGTERM',
    server: { stopMs: 5, exitCode: 0 },
  },
};

/** What a user-pushed image's default program does (Cluster.inject `registry.add`). */
export type ImageBehaviour =
  | { kind: 'http'; port: number }
  | { kind: 'exit'; afterSeconds: number; exitCode: number }
  | { kind: 'sleep' };

/** An image pushed to the simulated registry at run time; held in runtime state (snapshots keep it). */
export interface PushedImage {
  /** normalized reference with its tag: only this tag exists */
  ref: string;
  sizeBytes: number;
  behaviour: ImageBehaviour;
  info: ImageInfo;
}

/** The image a behaviour is built as: its ENTRYPOINT/CMD run through the same process model as any image. */
export function pushedImage(ref: ImageRef, sizeBytes: number, behaviour: ImageBehaviour): PushedImage {
  const base = { repository: ref.repository, sizeBytes, stopSignal: 'SIGTERM' as const };
  let info: ImageInfo;
  if (behaviour.kind === 'http') {
    // built FROM agnhost: `netexec` serves HTTP on the port and exits 2 on SIGTERM (Go's default)
    info = { ...base, entrypoint: ['/agnhost'], cmd: ['netexec', `--http-port=${behaviour.port}`], server: { stopMs: 5, exitCode: 2 } };
  } else if (behaviour.kind === 'exit') {
    const end = behaviour.exitCode === 0 ? 'echo done' : `echo "fatal: exiting with status ${behaviour.exitCode}"`;
    info = { ...base, entrypoint: [], cmd: ['sh', '-c', `echo started; sleep ${behaviour.afterSeconds}; ${end}; exit ${behaviour.exitCode}`] };
  } else {
    info = { ...base, entrypoint: [], cmd: ['sleep', 'infinity'] };
  }
  return { ref: ref.normalized, sizeBytes, behaviour, info };
}

/** The sandbox (infra) image containerd 2.0 uses by default. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

export interface ImageRef {
  domain: string;
  /** path inside the registry, e.g. library/nginx */
  path: string;
  /** domain/path */
  repository: string;
  tag?: string;
  digest?: string;
  /** fully qualified reference: docker.io/library/nginx:latest */
  normalized: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** ParseNormalizedNamed + default tag; returns an error string like containerd's on bad input. */
export function parseImageRef(ref: string): ImageRef | { error: string } {
  const bad = { error: `couldn't parse image name "${ref}": invalid reference format` };
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return bad;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return bad;
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost' || parts[0] !== parts[0].toLowerCase())) {
    domain = parts.shift() as string;
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (path !== path.toLowerCase()) return { error: `couldn't parse image name "${ref}": invalid reference format: repository name (${path}) must be lowercase` };
  if (!parts.every((p) => COMPONENT.test(p))) return bad;
  if (!tag && !digest) tag = 'latest';
  const repository = `${domain}/${path}`;
  const normalized = repository + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  return { domain, path, repository, tag, digest, normalized };
}

export type LookupResult =
  | { ok: true; ref: ImageRef; info: ImageInfo; sizeBytes: number; imageId: string; repoDigest: string }
  | { ok: false; ref?: ImageRef; reason: 'InvalidImageName' | 'ErrImagePull'; message: string };

const KNOWN_REGISTRIES = ['docker.io', 'registry.k8s.io', 'quay.io', 'ghcr.io', 'gcr.io', 'mcr.microsoft.com', 'public.ecr.aws'];

/** What the registry answers for a reference: the image, or containerd's pull error text. */
export function lookupImage(image: string, pushed?: Record<string, PushedImage>): LookupResult {
  const ref = parseImageRef(image);
  if ('error' in ref) return { ok: false, reason: 'InvalidImageName', message: ref.error };
  const own = pushed?.[ref.normalized];
  const info = own?.info ?? IMAGE_CATALOGUE[ref.repository];
  const head = `failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}"`;
  if (!info) {
    let why: string;
    if (ref.domain === 'docker.io') why = 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    else if (KNOWN_REGISTRIES.includes(ref.domain)) why = `${ref.normalized}: not found`;
    else {
      const [host] = ref.domain.split(':');
      why = `failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}": dial tcp: lookup ${host}: no such host`;
    }
    return { ok: false, ref, reason: 'ErrImagePull', message: `${head}: ${why}` };
  }
  const alpine = ref.tag?.includes('alpine') && info.alpineSizeBytes;
  const sizeBytes = alpine ? (info.alpineSizeBytes as number) : info.sizeBytes;
  const digest = ref.digest ?? `sha256:${stableHex64(ref.normalized)}`;
  return { ok: true, ref, info, sizeBytes, imageId: `sha256:${stableHex64(`config:${ref.normalized}`)}`, repoDigest: `${ref.repository}@${digest}` };
}
