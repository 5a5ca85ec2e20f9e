// The objects `kubectl create <generator>` builds (staging/src/k8s.io/kubectl/pkg/cmd/create/*.go) for
// the generators kubectl.ts does not build itself: secret generic|docker-registry|tls, service
// clusterip|nodeport|loadbalancer, role, clusterrole, rolebinding, clusterrolebinding, serviceaccount,
// job (--image or --from=cronjob/NAME), cronjob. Each is the typed object as kubectl holds it
// (TypeMeta set, zero fields left out), which is what `--dry-run=client -o yaml` prints.
import { type ParsedArgs, flagValues } from './args';

type Obj = Record<string, any>;

/** A generator's result: the resource word to resolve, the object, and the `--dry-run`'s wording */
export interface Generated {
  resource: string;
  body: Obj;
}

export class CreateError extends Error {}

export interface CreateContext {
  /** the namespace, when `-n` named it (EnforceNamespace: only then is it written into the object) */
  enforced?: string;
  /** resource word → its plural and group, as the RESTMapper maps it (`deploy` → deployments, apps) */
  mapResource(word: string): { resource: string; group: string } | undefined;
  /** GET of a namespaced object (`--from=cronjob/x`) */
  getObject(resource: string, name: string): Obj;
}

const utf8 = new TextEncoder();
const b64 = (s: string) => btoa(String.fromCharCode(...utf8.encode(s)));

/** ObjectMeta with the namespace only when `-n` enforced it */
const meta = (name: string, ctx: CreateContext): Obj => (ctx.enforced ? { name, namespace: ctx.enforced } : { name });

// create_role.go validResourceVerbs
const VALID_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];

/** Build the object of `kubectl create WHAT NAME …`, or undefined for a generator not known here. */
export function generate(what: string, sub: string | undefined, name: string, p: ParsedArgs, ctx: CreateContext, warn: (s: string) => void, rest: string[] = []): Generated | undefined {
  switch (what) {
    case 'secret':
      return secret(sub, name, p, ctx);
    case 'service':
    case 'svc':
      return service(sub, name, p, ctx);
    case 'serviceaccount':
    case 'sa':
      return { resource: 'serviceaccounts', body: { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(name, ctx) } };
    case 'role':
    case 'clusterrole':
      return role(what, name, p, ctx, warn);
    case 'rolebinding':
    case 'clusterrolebinding':
      return binding(what, name, p, ctx);
    case 'job':
      return job(name, p, ctx, rest);
    case 'cronjob':
    case 'cj':
      return cronjob(name, p, ctx, rest);
  }
  return undefined;
}

/** create_secret.go (generic), create_secret_docker.go, create_secret_tls.go */
function secret(sub: string | undefined, name: string, p: ParsedArgs, ctx: CreateContext): Generated {
  const body: Obj = { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, ctx) };
  if (sub === 'generic') {
    const data: Obj = {};
    for (const lit of flagValues(p, 'from-literal')) {
      const eq = lit.indexOf('=');
      if (eq <= 0) throw new CreateError(`error: invalid literal source ${lit}, expected key=value\n`);
      const key = lit.slice(0, eq);
      if (key in data) throw new CreateError(`error: cannot add key ${key}, another key by that name already exists in Data for Secret "${name}"\n`);
      data[key] = b64(lit.slice(eq + 1));
    }
    if (Object.keys(data).length) body.data = data;
    const type = p.flags.get('type');
    if (type) body.type = type;
  } else if (sub === 'docker-registry') {
    const user = p.flags.get('docker-username') ?? '';
    const password = p.flags.get('docker-password') ?? '';
    if (!user || !password) throw new CreateError(`error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n`);
    const server = p.flags.get('docker-server') ?? 'https://index.docker.io/v1/';
    const email = p.flags.get('docker-email') ?? '';
    // DockerConfigEntry's field order (username, password, email omitempty, auth)
    const entry: Obj = { username: user, password, ...(email ? { email } : {}), auth: b64(`${user}:${password}`) };
    body.data = { '.dockerconfigjson': b64(JSON.stringify({ auths: { [server]: entry } })) };
    body.type = 'kubernetes.io/dockerconfigjson';
  } else if (sub === 'tls') {
    // the Terminal has no files to read the key pair from
    if (!p.flags.get('cert') || !p.flags.get('key')) throw new CreateError('error: key and cert must be specified\n');
    throw new CreateError(`error: Cannot read file ${p.flags.get('cert')}, open ${p.flags.get('cert')}: no such file or directory\n`);
  } else throw new CreateError(`error: unknown command "${sub ?? ''}" for "kubectl create secret"\n`);
  return { resource: 'secrets', body };
}

/** create_service.go: a port per --tcp (port[:targetPort]) named after it, the selector app=NAME */
function service(sub: string | undefined, name: string, p: ParsedArgs, ctx: CreateContext): Generated {
  const types: Record<string, string> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer' };
  const type = types[sub ?? ''];
  if (!type) throw new CreateError(`error: unknown command "${sub ?? ''}" for "kubectl create service"\n`);
  const tcp = flagValues(p, 'tcp', true);
  const clusterIP = p.flags.get('clusterip');
  if (!tcp.length && clusterIP !== 'None') throw new CreateError('error: at least one tcp port specifier must be provided\n');
  const ports: Obj[] = [];
  for (const spec of tcp) {
    const [port, target = port] = spec.split(':');
    if (!/^\d+$/.test(port)) throw new CreateError(`error: invalid port number "${port}"\n`);
    const sp: Obj = { name: spec.replace(/:/g, '-'), protocol: 'TCP', port: Number(port), targetPort: /^\d+$/.test(target) ? Number(target) : target };
    if (type === 'NodePort' && p.flags.has('node-port')) sp.nodePort = Number(p.flags.get('node-port'));
    ports.push(sp);
  }
  const labels = { app: name };
  const spec: Obj = { ...(ports.length ? { ports } : {}), selector: labels, type };
  if (clusterIP) spec.clusterIP = clusterIP;
  return { resource: 'services', body: { kind: 'Service', apiVersion: 'v1', metadata: { ...meta(name, ctx), labels }, spec, status: { loadBalancer: {} } } };
}

/** create_role.go / create_clusterrole.go generateResourcePolicyRules: one rule per API group, groups sorted */
function role(what: 'role' | 'clusterrole', name: string, p: ParsedArgs, ctx: CreateContext, warn: (s: string) => void): Generated {
  const verbs = [...new Set(flagValues(p, 'verb', true))];
  const resources = flagValues(p, 'resource', true);
  const names = [...new Set(flagValues(p, 'resource-name'))];
  const urls = flagValues(p, 'non-resource-url', true);
  if (!verbs.length) throw new CreateError('error: at least one verb must be specified\n');
  for (const v of verbs) if (!VALID_VERBS.includes(v)) warn(`Warning: '${v}' is not a standard resource verb\n`);
  if (!resources.length && !(what === 'clusterrole' && urls.length)) throw new CreateError('error: at least one resource must be specified\n');
  const byGroup = new Map<string, string[]>();
  for (const word of resources) {
    const [res, subres] = word.split('/');
    const dot = res.indexOf('.');
    const [plain, group] = dot > 0 ? [res.slice(0, dot), res.slice(dot + 1)] : [res, ''];
    const mapped = plain === '*' ? undefined : ctx.mapResource(group ? `${plain}.${group}` : plain);
    const g = mapped?.group ?? group;
    const r = (mapped?.resource ?? plain) + (subres ? `/${subres}` : '');
    const list = byGroup.get(g) ?? [];
    if (!list.includes(r)) list.push(r);
    byGroup.set(g, list);
  }
  const rules: Obj[] = [...byGroup.keys()].sort().map((g) => ({ verbs, apiGroups: [g], resources: byGroup.get(g), ...(names.length ? { resourceNames: names } : {}) }));
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  const kind = what === 'role' ? 'Role' : 'ClusterRole';
  return { resource: `${what}s.rbac.authorization.k8s.io`, body: { kind, apiVersion: 'rbac.authorization.k8s.io/v1', metadata: what === 'role' ? meta(name, ctx) : { name }, rules } };
}

/** create_rolebinding.go / create_clusterrolebinding.go: users, then groups, then service accounts */
function binding(what: 'rolebinding' | 'clusterrolebinding', name: string, p: ParsedArgs, ctx: CreateContext): Generated {
  const roleName = p.flags.get('role');
  const clusterRole = p.flags.get('clusterrole');
  if (what === 'rolebinding' && !!roleName === !!clusterRole) throw new CreateError('error: exactly one of clusterrole or role must be specified\n');
  if (what === 'clusterrolebinding' && !clusterRole) throw new CreateError('error: required flag(s) "clusterrole" not set\n');
  const rbac = 'rbac.authorization.k8s.io';
  const subjects: Obj[] = [
    ...flagValues(p, 'user').map((n) => ({ kind: 'User', apiGroup: rbac, name: n })),
    ...flagValues(p, 'group').map((n) => ({ kind: 'Group', apiGroup: rbac, name: n })),
  ];
  for (const sa of flagValues(p, 'serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CreateError(`error: serviceaccount must be <namespace>:<name>\n`);
    subjects.push({ kind: 'ServiceAccount', namespace: parts[0], name: parts[1] });
  }
  const kind = what === 'rolebinding' ? 'RoleBinding' : 'ClusterRoleBinding';
  const roleRef = { apiGroup: rbac, kind: roleName ? 'Role' : 'ClusterRole', name: roleName ?? clusterRole };
  const body: Obj = { kind, apiVersion: `${rbac}/v1`, metadata: what === 'rolebinding' ? meta(name, ctx) : { name }, roleRef };
  if (subjects.length) body.subjects = subjects;
  return { resource: `${what}s.${rbac}`, body };
}

/** create_job.go: from --image (restartPolicy Never, the NAME as the container's), or from a CronJob's jobTemplate */
function job(name: string, p: ParsedArgs, ctx: CreateContext, command: string[]): Generated {
  const image = p.flags.get('image');
  const from = p.flags.get('from');
  if (!image && !from) throw new CreateError('error: either --image or --from must be specified\n');
  if (image && from) throw new CreateError('error: either --image or --from must be specified\n');
  if (from) {
    const [type, cjName] = from.split('/');
    if (!cjName || !['cronjob', 'cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch'].includes(type.toLowerCase())) throw new CreateError(`error: from must be an existing cronjob: ${from}\n`);
    const cj = ctx.getObject('cronjobs.batch', cjName);
    const tpl = cj.spec?.jobTemplate ?? {};
    const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tpl.metadata?.annotations ?? {}) };
    const metadata: Obj = { ...meta(name, ctx), annotations };
    if (tpl.metadata?.labels) metadata.labels = tpl.metadata.labels;
    metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }];
    return { resource: 'jobs.batch', body: { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: structuredClone(tpl.spec ?? {}), status: {} } };
  }
  const c: Obj = { name, image, resources: {} };
  if (command.length) c.command = command;
  return { resource: 'jobs.batch', body: { kind: 'Job', apiVersion: 'batch/v1', metadata: meta(name, ctx), spec: { template: { metadata: {}, spec: { containers: [c], restartPolicy: 'Never' } } }, status: {} } };
}

/** create_cronjob.go: the jobTemplate named after the CronJob, restartPolicy OnFailure unless --restart */
function cronjob(name: string, p: ParsedArgs, ctx: CreateContext, command: string[]): Generated {
  const image = p.flags.get('image');
  const schedule = p.flags.get('schedule');
  const missing = [image ? '' : '"image"', schedule ? '' : '"schedule"'].filter(Boolean);
  if (missing.length) throw new CreateError(`error: required flag(s) ${missing.join(', ')} not set\n`);
  const c: Obj = { name, image, resources: {} };
  if (command.length) c.command = command;
  const restart = p.flags.get('restart') ?? 'OnFailure';
  const body = {
    kind: 'CronJob', apiVersion: 'batch/v1', metadata: meta(name, ctx),
    spec: { schedule, jobTemplate: { metadata: { name }, spec: { template: { metadata: {}, spec: { containers: [c], restartPolicy: restart } } } } },
    status: {},
  };
  return { resource: 'cronjobs.batch', body };
}

/** The object as the typed struct marshals: every ObjectMeta (the object's, its templates') carries `creationTimestamp: null`. */
export function asTyped(o: Obj): Obj {
  // through JSON: shared maps (labels = selector) must print twice, not as YAML anchors
  const out = JSON.parse(JSON.stringify(o)) as Obj;
  const walk = (x: Obj, isMetaHolder: boolean) => {
    if (isMetaHolder) x.metadata = { creationTimestamp: null, ...(x.metadata ?? {}) };
    for (const [k, v] of Object.entries(x)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Obj, k === 'template' || k === 'jobTemplate');
    }
  };
  walk(out, true);
  return out;
}

/** How each generator words a failed create: `error: failed to create …` (create_*.go), or the bare Status (role, namespace, run) */
export function createFailure(what: string, sub: string | undefined, body: Obj, status: Obj): string | undefined {
  const msg = status.message;
  switch (what) {
    case 'secret':
      return `error: failed to create secret ${msg}\n`;
    case 'service':
    case 'svc':
      return `error: failed to create ${body.spec?.type} service: ${msg}\n`;
    case 'serviceaccount':
    case 'sa':
      return `error: failed to create serviceaccount: ${msg}\n`;
    case 'deployment':
    case 'deploy':
      return `error: failed to create deployment: ${msg}\n`;
    case 'configmap':
    case 'cm':
      return `error: failed to create configmap: ${msg}\n`;
    case 'job':
      return `error: failed to create job: ${msg}\n`;
    case 'cronjob':
    case 'cj':
      return `error: failed to create cronjob: ${msg}\n`;
    case 'rolebinding':
    case 'clusterrolebinding':
      return `error: failed to create ${what}: ${msg}\n`;
  }
  void sub;
  return undefined;
}

// encoding/json writes a typed object's fields in struct order (and a map's keys sorted): the field
// order of the k8s.io/api types the generators fill (TypeMeta, ObjectMeta, the specs, PolicyRule,
// Subject, RoleRef, Container, ServicePort/ContainerPort), merged into one ranking without conflicts.
const STRUCT_ORDER = [
  'kind', 'apiVersion', 'metadata', 'immutable', 'data', 'stringData', 'binaryData', 'verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs', 'rules', 'subjects', 'roleRef',
  'name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'labels', 'annotations', 'ownerReferences', 'finalizers',
  'replicas', 'parallelism', 'completions', 'schedule', 'ports', 'image', 'command', 'args', 'workingDir', 'hostPort', 'containerPort', 'protocol', 'port', 'targetPort', 'nodePort',
  'env', 'resources', 'containers', 'restartPolicy', 'backoffLimit', 'selector', 'clusterIP', 'type', 'template', 'jobTemplate', 'strategy', 'dnsPolicy', 'spec', 'status',
];
const ROLE_REF_ORDER = ['apiGroup', 'kind', 'name'];
const SUBJECT_ORDER = ['kind', 'apiGroup', 'name', 'namespace'];
const OWNER_ORDER = ['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion'];
const CONTAINER_ORDER = ['name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'volumeMounts', 'imagePullPolicy', 'stdin', 'stdinOnce', 'tty'];
/** fields that are Go maps: their keys are written sorted */
const MAPS = new Set(['labels', 'annotations', 'data', 'stringData', 'binaryData', 'matchLabels', 'limits', 'requests', 'nodeSelector']);

function ordered(v: unknown, parent: string, service: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => ordered(x, parent === 'subjects' ? 'subject' : parent === 'ownerReferences' ? 'owner' : parent === 'containers' ? 'container' : parent, service));
  if (!v || typeof v !== 'object') return v;
  const o = v as Obj;
  const keys = Object.keys(o);
  const rank = (list: string[]) => (k: string) => (list.indexOf(k) < 0 ? list.length : list.indexOf(k));
  // a Service's selector is a map; a workload's is a LabelSelector (matchLabels first either way)
  if (MAPS.has(parent) || (parent === 'selector' && service)) keys.sort();
  else {
    const r = rank(parent === 'roleRef' ? ROLE_REF_ORDER : parent === 'subject' ? SUBJECT_ORDER : parent === 'owner' ? OWNER_ORDER : parent === 'container' ? CONTAINER_ORDER : STRUCT_ORDER);
    keys.sort((a, b) => r(a) - r(b) || (a < b ? -1 : 1));
  }
  return Object.fromEntries(keys.map((k) => [k, ordered(o[k], k, service)]));
}

/** `-o json` of the object a generator built: MarshalIndent with four spaces, in Go's field order */
export function typedJson(o: Obj): string {
  return `${JSON.stringify(ordered(o, '', o.kind === 'Service'), null, 4)}\n`;
}
