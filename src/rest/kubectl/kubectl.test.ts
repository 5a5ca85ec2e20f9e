// The in-app terminal's kubectl against the REST handlers over a real engine: what it prints for
// each command is what kubectl prints (tables through tabwriter, success lines, Status errors).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine';
import { handle } from '../handler';
import { KubectlSession, toYaml } from './kubectl';
import { splitWords, parseArgs } from './args';
import { tabwrite } from './tabwriter';
import { goTabwriter } from './describe';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n';
const BAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: x\n';

function session() {
  const cluster = createCluster({ seed: 1 });
  cluster.runUntilIdle(5000);
  const env = { handle: (r: Parameters<typeof handle>[1]) => handle({ cluster, serverAddress: '127.0.0.1:0' }, r), namespace: 'default', files: { 'pod.yaml': POD, 'bad.yaml': BAD } };
  const s = new KubectlSession(env);
  return { cluster, s, run: (line: string) => s.run(line) };
}

describe('kubectl in the terminal', () => {
  it('logs -f prints what the container wrote so far, each line as it is written, and ends when it stops; --timestamps', () => {
    const { s, cluster } = session();
    const ticker = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ticker\nspec:\n  restartPolicy: Never\n  containers:\n  - name: t\n    image: busybox:1.36\n    command: [sh, -c, "echo one; sleep 5; echo two; sleep 5; echo three"]\n';
    expect(s.run('kubectl apply -f -', { stdin: ticker }).stdout).toBe('pod/ticker created\n');
    let first = s.run('kubectl logs ticker -f');
    for (let i = 0; i < 60 && !first.stdout; i++) {
      cluster.advance(500);
      first = s.run('kubectl logs ticker -f');
    }
    // what the container has written so far, then each line as it writes it
    expect(first).toEqual({ stdout: 'one\n', stderr: '', exitCode: 0, watching: true });
    let end: number | undefined;
    let more = '';
    for (let i = 0; i < 40 && end === undefined; i++) {
      cluster.advance(500);
      const r = s.pollDrain()!;
      more += r.stdout;
      end = r.exitCode;
    }
    expect(more).toBe('two\nthree\n');
    expect(end).toBe(0);
    expect(cluster.get('Pod', 'default', 'ticker')?.status).toMatchObject({ phase: 'Succeeded' });
    // once the container has stopped, -f prints the log and returns
    expect(s.run('kubectl logs -f ticker')).toEqual({ stdout: 'one\ntwo\nthree\n', stderr: '', exitCode: 0 });
    // --timestamps: the CRI log's time before each line, nine fraction digits
    expect(s.run('kubectl logs ticker --timestamps --tail=1').stdout).toMatch(/^2025-01-01T\d\d:\d\d:\d\d\.\d{3}000000Z three\n$/);
  });

  it('delete waits, as kubectl does, until a pod held by its grace period is gone; --wait=false and an object gone at once do not', () => {
    const { run, s, cluster } = session();
    run('kubectl apply -f pod.yaml');
    cluster.advance(20_000);
    const del = run('kubectl delete pod nginx');
    expect(del).toEqual({ stdout: 'pod "nginx" deleted\n', stderr: '', exitCode: 0, watching: true, waitsForDeletion: true });
    // Terminating: the kubelet stops the container (SIGTERM) before the pod object goes
    expect(cluster.get('Pod', 'default', 'nginx')?.metadata.deletionTimestamp).toBeTruthy();
    expect(s.pollDrain()).toEqual({ stdout: '', stderr: '' });
    cluster.advance(40_000);
    expect(cluster.get('Pod', 'default', 'nginx')).toBeFalsy();
    expect(s.pollDrain()).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(s.pollDrain()).toBeUndefined();
    run('kubectl apply -f pod.yaml');
    cluster.advance(20_000);
    expect(run('kubectl delete pod nginx --wait=false')).toEqual({ stdout: 'pod "nginx" deleted\n', stderr: '', exitCode: 0 });
    run('kubectl create configmap c --from-literal=a=1');
    expect(run('kubectl delete configmap c')).toEqual({ stdout: 'configmap "c" deleted\n', stderr: '', exitCode: 0 });
  });

  it('prints tables as kubectl does: upper-case headers, columns three spaces apart, wide columns with -o wide', () => {
    const { run } = session();
    const nodes = run('kubectl get nodes');
    expect(nodes.exitCode).toBe(0);
    expect(nodes.stdout.split('\n')[0]).toBe('NAME     STATUS   ROLES    AGE   VERSION');
    expect(nodes.stdout.split('\n')[1]).toMatch(/^node-1   Ready    <none>   \d+s +v1\.\d+\.\d+$/);
    expect(run('kubectl get no -o wide').stdout.split('\n')[0]).toContain('INTERNAL-IP   EXTERNAL-IP   OS-IMAGE');
    expect(run('kubectl get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('creates a Deployment, scales it and sets its image, with kubectl\'s success lines', () => {
    const { run, cluster } = session();
    expect(run('kubectl create deployment web --image=nginx:1.27 --replicas=2').stdout).toBe('deployment.apps/web created\n');
    cluster.advance(20_000);
    expect(run('kubectl get deploy web').stdout).toMatch(/^NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2\/2     2            2           \d+s\n$/);
    expect(run('kubectl get pods -l app=web -o name').stdout).toMatch(/^pod\/web-\w+-\w{5}\npod\/web-\w+-\w{5}\n$/);
    expect(run('kubectl scale deploy/web --replicas=3').stdout).toBe('deployment.apps/web scaled\n');
    expect(run('kubectl set image deployment/web nginx=nginx:1.28').stdout).toBe('deployment.apps/web image updated\n');
    expect(run('kubectl set image deployment/web nope=nginx:1.28')).toMatchObject({ stderr: 'error: unable to find container named "nope"\n', exitCode: 1 });
    cluster.advance(30_000);
    expect(run('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe('nginx:1.28');
    expect(run('kubectl rollout status deployment/web').stdout).toBe('deployment "web" successfully rolled out\n');
    expect(run('kubectl get all').stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\npod\/web-/);
  });

  it('applies a file: created, then unchanged; an invalid manifest and a missing object in kubectl\'s words', () => {
    const { run } = session();
    expect(run('kubectl apply -f pod.yaml')).toEqual({ stdout: 'pod/nginx created\n', stderr: '', exitCode: 0 });
    expect(run('kubectl apply -f pod.yaml').stdout).toBe('pod/nginx unchanged\n');
    expect(run('kubectl apply -f bad.yaml')).toEqual({ stdout: '', stderr: 'The Pod "bad" is invalid: spec.containers[0].image: Required value\n', exitCode: 1 });
    expect(run('kubectl apply -f nope.yaml')).toMatchObject({ stderr: 'error: the path "nope.yaml" does not exist\n', exitCode: 1 });
    expect(run('kubectl get pod missing')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "missing" not found\n', exitCode: 1 });
    expect(run('kubectl get frobs')).toMatchObject({ stderr: 'error: the server doesn\'t have a resource type "frobs"\n', exitCode: 1 });
    expect(run('kubectl label pod nginx tier=front').stdout).toBe('pod/nginx labeled\n');
    expect(run('kubectl label pod nginx tier=back')).toMatchObject({ stderr: "error: 'tier' already has a value (front), and --overwrite is false\n", exitCode: 1 });
    expect(run('kubectl get pods --show-labels').stdout).toMatch(/LABELS\nnginx .* tier=front\n$/);
    expect(run('kubectl get pod nginx -o yaml').stdout).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n/);
    const described = run('kubectl describe pod nginx');
    expect(described.exitCode).toBe(0);
    expect(described.stdout).toMatch(/^Name:             nginx\nNamespace:        default\n/);
    expect(described.stdout).toMatch(/\nStatus:           Pending\n/);
    expect(described.stdout).toContain('\nQoS Class:                   BestEffort\n');
    expect(run('kubectl describe pod missing')).toMatchObject({ stderr: 'Error from server (NotFound): pods "missing" not found\n', exitCode: 1 });
    expect(run('kubectl delete pod nginx').stdout).toBe('pod "nginx" deleted\n');
  });

  it('refuses what RBAC refuses, with the Forbidden text, for --as', () => {
    const { run } = session();
    expect(run('kubectl run nginx --image=nginx:1.27 --as=alice')).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"\n',
      exitCode: 1,
    });
    expect(run('kubectl run nginx --image=nginx:1.27').stdout).toBe('pod/nginx created\n');
    expect(run('kubectl cordon node-1').stdout).toBe('node/node-1 cordoned\n');
    expect(run('kubectl cordon node-1').stdout).toBe('node/node-1 already cordoned\n');
    expect(run('kubectl uncordon node-1').stdout).toBe('node/node-1 uncordoned\n');
  });

  it('reads a command line as a shell does and flags as pflag does', () => {
    expect(splitWords(`kubectl label pod a 'x=a b' "y=\\"q\\""`)).toEqual(['kubectl', 'label', 'pod', 'a', 'x=a b', 'y="q"']);
    const p = parseArgs(['get', 'pods', '-nkube-system', '-owide', '--show-labels', '-l', 'app=web', '--field-selector=status.phase=Running']);
    expect(p.args).toEqual(['get', 'pods']);
    expect(Object.fromEntries(p.flags)).toEqual({ namespace: 'kube-system', output: 'wide', 'show-labels': 'true', selector: 'app=web', 'field-selector': 'status.phase=Running' });
    expect(tabwrite([['NAME', 'AGE'], ['a-long-name', '5s']])).toBe('NAME          AGE\na-long-name   5s\n');
    // describe's tabwriter: a line without a tab ends a column block; a tab-terminated empty cell is padded
    expect(goTabwriter('Name:\tx\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\nContainers:\n    Container ID:\t\n', 2)).toBe('Name:       x\nNamespace:  default\nIPs:\n  IP:  10.0.0.1\nContainers:\n    Container ID:  \n');
    expect(toYaml({ b: 1, a: { z: ['x'], t: '2024-01-01T00:00:00Z', n: '80' } })).toBe('a:\n  "n": "80"\n  t: "2024-01-01T00:00:00Z"\n  z:\n  - x\nb: 1\n');
  });

  it('get -w prints the table, then a row per change in the same columns, which only grow', () => {
    const { run, cluster } = session();
    expect(run('kubectl run a --image=nginx:1.27').exitCode).toBe(0);
    cluster.advance(30_000);
    const env = { handle: (r: Parameters<typeof handle>[1]) => handle({ cluster, serverAddress: '127.0.0.1:0' }, r), namespace: 'default', files: {} };
    const watcher = new KubectlSession(env);
    const first = watcher.run('kubectl get pods -w');
    expect(first.watching).toBe(true);
    expect(first.stdout).toMatch(/^NAME   READY   STATUS    RESTARTS   AGE\na      1\/1     Running   0          30s\n$/);
    expect(watcher.pollWatch()).toBe('');
    cluster.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-with-a-long-name\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n');
    cluster.advance(10_000);
    const rows = watcher.pollWatch().split('\n').filter(Boolean);
    expect(rows[0]).toMatch(/^nginx-with-a-long-name   0\/1     Pending   0          \d+s$/);
    expect(rows.some((r) => /^nginx-with-a-long-name   0\/1     ContainerCreating   0          \d+s$/.test(r))).toBe(true);
    expect(rows.at(-1)).toMatch(/^nginx-with-a-long-name   1\/1     Running             0          \d+s$/);
    watcher.stopWatch();
    cluster.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n');
    expect(watcher.pollWatch()).toBe('');
  });
});
