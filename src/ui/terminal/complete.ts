// Tab completion for the Terminal: the command, then a resource type, then the names of that
// kind's objects the UI has been sent — the words bash completion offers for kubectl.

export const KUBECTL_COMMANDS = ['annotate', 'api-resources', 'api-versions', 'apply', 'auth', 'config', 'cordon', 'create', 'debug', 'delete', 'describe', 'drain', 'exec', 'explain', 'expose', 'get', 'label', 'logs', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version'];

/** the subcommands kubectl's completion offers after `create`, `create secret`, `create service` and `top` */
const SUBCOMMANDS: Record<string, string[]> = {
  create: ['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'job', 'namespace', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount'],
  'create secret': ['docker-registry', 'generic', 'tls'],
  'create service': ['clusterip', 'loadbalancer', 'nodeport'],
  top: ['node', 'pod'],
};

/** resource words and the kind they name (kubectl's short names included) */
export const RESOURCE_WORDS: Record<string, string> = {
  pods: 'Pod', pod: 'Pod', po: 'Pod', deployments: 'Deployment', deployment: 'Deployment', deploy: 'Deployment',
  replicasets: 'ReplicaSet', replicaset: 'ReplicaSet', rs: 'ReplicaSet', services: 'Service', service: 'Service', svc: 'Service',
  nodes: 'Node', node: 'Node', no: 'Node', namespaces: 'Namespace', namespace: 'Namespace', ns: 'Namespace',
  statefulsets: 'StatefulSet', sts: 'StatefulSet', daemonsets: 'DaemonSet', ds: 'DaemonSet', jobs: 'Job', job: 'Job',
  cronjobs: 'CronJob', cj: 'CronJob', configmaps: 'ConfigMap', cm: 'ConfigMap', secrets: 'Secret', events: 'Event', ev: 'Event',
  endpointslices: 'EndpointSlice', roles: 'Role', rolebindings: 'RoleBinding', clusterroles: 'ClusterRole', clusterrolebindings: 'ClusterRoleBinding',
  serviceaccounts: 'ServiceAccount', sa: 'ServiceAccount', all: '',
};

const NAME_TAKING = new Set(['get', 'delete', 'label', 'annotate', 'scale', 'expose', 'describe']);
const NODE_TAKING = new Set(['cordon', 'uncordon', 'drain']);

export interface Completion {
  /** the line after completion */
  line: string;
  /** the choices to list when they share no longer prefix */
  choices: string[];
}

const commonPrefix = (xs: string[]) => xs.reduce((p, x) => { let i = 0; while (i < p.length && p[i] === x[i]) i++; return p.slice(0, i); }, xs[0] ?? '');

/** Complete the last word of `line`; `names(kind)` are the objects of a kind the UI knows. */
export function complete(line: string, names: (kind: string) => string[]): Completion {
  const words = line.split(/\s+/);
  const last = words[words.length - 1];
  const before = words.slice(0, -1).filter((w) => w && !w.startsWith('-'));
  if (before[0] === 'kubectl' || before[0] === 'k') before.shift();
  let pool: string[];
  if (before.length === 0) pool = KUBECTL_COMMANDS;
  else if (SUBCOMMANDS[before.join(' ')]) pool = SUBCOMMANDS[before.join(' ')];
  else if (before[0] === 'top' && before.length === 2) pool = names(before[1] === 'node' ? 'Node' : 'Pod');
  else if (before[0] === 'create') pool = [];
  else if (NODE_TAKING.has(before[0])) pool = names('Node');
  else if (before[0] === 'logs' || ((before[0] === 'exec' || before[0] === 'debug') && before.length === 1)) pool = names('Pod');
  else if (before.length === 1 && (NAME_TAKING.has(before[0]) || before[0] === 'rollout' || before[0] === 'explain')) pool = Object.keys(RESOURCE_WORDS);
  else if (before.length === 2 && before[0] === 'rollout') pool = ['deployment', 'statefulset', 'daemonset'];
  else {
    const kind = RESOURCE_WORDS[before[before.length - 1]] ?? RESOURCE_WORDS[before[1]];
    pool = kind ? names(kind) : [];
  }
  const matches = [...new Set(pool.filter((w) => w.startsWith(last)))].sort();
  if (matches.length === 0) return { line, choices: [] };
  const head = line.slice(0, line.length - last.length);
  if (matches.length === 1) return { line: `${head}${matches[0]} `, choices: [] };
  const prefix = commonPrefix(matches);
  return { line: `${head}${prefix}`, choices: prefix.length > last.length ? [] : matches };
}
