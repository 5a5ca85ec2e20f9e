// `kubectl exec` in the in-app Terminal prints what the real kubectl prints over its WebSocket
// (v5.channel.k8s.io) against `npm run serve`'s server: the same stdout, stderr and exit code for
// commands in busybox and nginx containers (env from a ConfigMap, a mounted ConfigMap, the
// kubelet's /etc/hosts and /etc/resolv.conf, the service account's files), a failing command's
// exit code, and the errors of the apiserver (no such container, no host, RBAC), of the kubelet
// (container not found) and of kubectl itself (a completed pod, no `--`).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES, HAVE_KUBECTL, KUBECTL, type Out, type Parity, startParity } from './parity';
import { splitWords } from '../rest/kubectl/args';

/** The real kubectl with `input` on its stdin, then closed (the parity runner leaves stdin open). */
function realWithStdin(p: Parity, line: string, input: string): Promise<Out> {
  return new Promise((resolve) => {
    const child = spawn(KUBECTL, splitWords(line).slice(1), { env: p.env, cwd: p.dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill(), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: code ?? -1 });
    });
    child.stdin.end(input);
  });
}

const EXEC_YAML = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  mode: fast
  greeting: hello world
---
apiVersion: v1
kind: Pod
metadata:
  name: bb
spec:
  containers:
  - name: bb
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: MODE
      valueFrom:
        configMapKeyRef: {name: app-config, key: mode}
    - name: GREETING
      value: hi
    volumeMounts:
    - name: config
      mountPath: /etc/config
  volumes:
  - name: config
    configMap:
      name: app-config
---
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: sidecar
    image: busybox:1.36
    command: ["sh", "-c", "echo started; sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: stuck
spec:
  nodeSelector: {disk: none}
  containers:
  - name: app
    image: busybox:1.36
---
apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: app
    image: ngnix:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: done
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["true"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: alice-reads
subjects:
- kind: User
  name: alice
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
`;

const SESSION = [
  'kubectl apply -f exec.yaml',
  '+60000',
  'kubectl get pods',
  'kubectl exec bb -- ls /',
  "kubectl exec bb -- sh -c 'echo $HOSTNAME $MODE $GREETING'",
  'kubectl exec bb -- env',
  'kubectl exec bb -- printenv MODE',
  'kubectl exec bb -- printenv NOPE',
  'kubectl exec bb -- ls /etc/config',
  'kubectl exec bb -- cat /etc/config/greeting',
  'kubectl exec bb -- ls -la /etc/config',
  'kubectl exec bb -- cat /etc/resolv.conf',
  'kubectl exec bb -- cat /etc/hosts',
  'kubectl exec bb -- hostname',
  'kubectl exec bb -- ls /var/run/secrets/kubernetes.io/serviceaccount',
  'kubectl exec bb -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace',
  'kubectl exec bb -- ps',
  "kubectl exec bb -- sh -c 'whoami; id; pwd; date'",
  "kubectl exec bb -- sh -c 'cat /nope; exit 3'",
  'kubectl exec bb -- sh -c foo',
  'kubectl exec bb -- foo',
  'kubectl exec pod/bb -- true',
  'kubectl exec two -- hostname',
  "kubectl exec two -c sidecar -- sh -c 'echo $HOSTNAME'",
  'kubectl exec two -c nope -- ls',
  'kubectl exec two -c web -- cat /nope',
  'kubectl exec two -c web -- sh -c ps',
  'kubectl exec two -c web -- ls /nope',
  'kubectl exec stuck -- ls',
  'kubectl exec typo -- ls',
  'kubectl exec done -- ls',
  'kubectl exec missing -- ls',
  'kubectl exec bb ls',
  'kubectl exec bb --',
  'kubectl exec bb --as=alice -- ls',
  'kubectl exec bb --as=bob -- ls',
  '+30000',
  'kubectl exec bb -- date',
  // kubectl debug: an ephemeral container through PATCH pods/ephemeralcontainers (named: kubectl's default name is random)
  'kubectl debug bb --image=busybox:1.36 --target=bb --container=dbg -- sleep 3600',
  '+20000',
  'kubectl get pod bb -o jsonpath={.spec.ephemeralContainers[*].name}',
  'kubectl exec bb -c dbg -- ps',
  'kubectl exec bb -- ps',
  'kubectl debug bb --image=busybox:1.36 --profile=general -c dbg2 -- sleep 3600',
  'kubectl debug bb --image=busybox:1.36 --profile=legacy -c dbg',
  'kubectl debug missing --image=busybox:1.36 -c x',
  'kubectl debug bb -c x',
  'kubectl debug bb --image=busybox:1.36 -c x --as=alice',
  '+20000',
  'kubectl get pod bb -o jsonpath={.spec.ephemeralContainers}',
  'kubectl get pod bb -o jsonpath={.status.ephemeralContainerStatuses[*].state}',
  'kubectl exec bb -c dbg2 -- hostname',
];

describe.skipIf(!HAVE_KUBECTL && !process.env.CI)('kubectl exec: the Terminal prints what the real kubectl prints', () => {
  let p: Parity;
  beforeAll(async () => {
    p = await startParity({ seed: 11, nodes: 2, files: { ...FILES, 'exec.yaml': EXEC_YAML } });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('command for command, the same bytes and exit codes', async () => {
    expect(HAVE_KUBECTL).toBe(true);
    const mismatches = await p.compare(SESSION);
    expect(mismatches.join('\n\n')).toBe('');
  }, 60_000);

  it('the real kubectl shows the container as the kubelet made it', async () => {
    // (bb has ephemeral containers by now: name the container, or kubectl says which it defaulted to)
    const env = await p.real('kubectl exec bb -c bb -- env');
    expect(env.stdout).toContain('HOSTNAME=bb\n');
    expect(env.stdout).toContain('MODE=fast\n');
    const cat = await p.real("kubectl exec bb -c bb -- sh -c 'cat /etc/config/mode; echo; cat /nope; exit 3'");
    expect(cat).toEqual({ stdout: 'fast\n', stderr: "cat: can't open '/nope': No such file or directory\ncommand terminated with exit code 3\n", exitCode: 3 });
    const web = await p.real('kubectl exec two -c web -- cat /nope');
    expect(web).toEqual({ stdout: '', stderr: 'cat: /nope: No such file or directory\ncommand terminated with exit code 1\n', exitCode: 1 });
    expect((await p.real('kubectl exec bb -c bb -- cat /etc/resolv.conf')).stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect((await p.real('kubectl exec bb -c bb --as=alice -- ls')).stderr).toBe('Error from server (Forbidden): pods "bb" is forbidden: User "alice" cannot create resource "pods/exec" in API group "" in the namespace "default"\n');
    expect((await p.real('kubectl exec typo -- ls')).stderr).toBe('error: unable to upgrade connection: container not found ("app")\n');
  }, 30_000);

  it('exec -i: the real kubectl streams stdin over the WebSocket until it closes it (v5 CLOSE); the Terminal closes it at once', async () => {
    const script = 'echo $HOSTNAME\nls /etc/config\nexit 4\n';
    expect(await realWithStdin(p, 'kubectl exec -i bb -c bb -- sh', script)).toEqual({ stdout: 'bb\ngreeting\nmode\n', stderr: 'command terminated with exit code 4\n', exitCode: 4 });
    expect(await realWithStdin(p, 'kubectl exec -i bb -c bb -- cat', 'piped\n')).toEqual({ stdout: 'piped\n', stderr: '', exitCode: 0 });
    // the Terminal is no TTY and has nothing to pipe: what the real kubectl does with `< /dev/null`
    for (const line of ["kubectl exec -it bb -c bb -- sh -c 'cat; echo done'", 'kubectl exec -i bb -c bb -- sh']) {
      expect(p.terminal().run(line)).toEqual(await realWithStdin(p, line, ''));
    }
  }, 60_000);

  it('kubectl debug without --container: both name the container debugger-xxxxx', async () => {
    const line = 'kubectl debug two --image=busybox:1.36 --target=web --profile=general';
    const want = await p.real(line);
    const got = p.terminal().run(line);
    const shape = /^Targeting container "web"\. If you don't see processes from this container it may be because the container runtime doesn't support this feature\.\nDefaulting debug container name to debugger-[bcdfghjklmnpqrstvwxz2456789]{5}\.\n$/;
    expect(want.stdout).toMatch(shape);
    expect(got.stdout).toMatch(shape);
    expect([got.stderr, got.exitCode]).toEqual([want.stderr, want.exitCode]);
  }, 30_000);
});
