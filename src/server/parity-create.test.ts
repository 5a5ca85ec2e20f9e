// The Terminal's kubectl against the real kubectl 1.32 for the generators of `kubectl create`
// (secret, service, role, rolebinding, serviceaccount, job, cronjob), `--dry-run=client -o yaml`,
// `apply -f -` with a document on stdin, `get --sort-by`, the delete flags, `--chunk-size` paging
// and `kubectl top`: one session typed into both, every byte of stdout and stderr and the exit code equal.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitWords } from '../rest/kubectl/args';
import { splitHeredoc } from '../rest/kubectl/heredoc';
import { HAVE_KUBECTL, KUBECTL, type Out, type Parity, startParity } from './parity';

/** The real kubectl with a here-document on its stdin, as bash runs `kubectl apply -f - <<EOF`. */
function realWithStdin(p: Parity, line: string, stdin: string): Promise<Out> {
  return new Promise((resolve) => {
    const child = execFile(KUBECTL, splitWords(line).slice(1), { env: p.env, cwd: p.dir, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, exitCode: err ? Number((err as { code?: number }).code ?? 1) : 0 });
    });
    child.stdin!.end(stdin);
  });
}

/** Like Parity.compare, with a step of several lines being one Terminal input that opens a here-document. */
async function compare(p: Parity, session: string[]): Promise<string[]> {
  const term = p.terminal();
  const mismatches: string[] = [];
  for (const step of session) {
    if (step.startsWith('+')) {
      p.advance(Number(step.slice(1)));
      continue;
    }
    const { command, stdin } = splitHeredoc(step);
    const want = stdin === undefined ? await p.real(command) : await realWithStdin(p, command, stdin);
    const got = term.run(step);
    const pick = (o: Out) => ({ stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode });
    if (JSON.stringify(pick(got)) !== JSON.stringify(pick(want))) mismatches.push(`$ ${step}\n--- kubectl\n${JSON.stringify(want, null, 1)}\n--- terminal\n${JSON.stringify(got, null, 1)}`);
  }
  return mismatches;
}

const SESSION = [
  'kubectl create secret generic s --from-literal=user=admin --from-literal=pass=s3cr3t',
  'kubectl create secret generic s --from-literal=user=admin',
  'kubectl create secret generic typed --type=example.com/token --from-literal=t=x --dry-run=client -o yaml',
  'kubectl create secret docker-registry reg --docker-server=r.example.com --docker-username=u --docker-password=p --docker-email=u@example.com',
  'kubectl get secret s -o yaml',
  'kubectl get secret reg -o jsonpath={.data}',
  'kubectl create secret generic',
  'kubectl create service clusterip my-svc --tcp=80:8080',
  'kubectl create service nodeport np --tcp=80:8080 --dry-run=client -o yaml',
  'kubectl create service loadbalancer lb --tcp=443:8443,80',
  'kubectl create service clusterip my-svc --tcp=80:8080',
  'kubectl create service clusterip nope',
  'kubectl get svc my-svc -o yaml',
  'kubectl create serviceaccount robot',
  'kubectl create sa robot',
  'kubectl create sa dry --dry-run=server',
  'kubectl create sa robot2 -o yaml',
  'kubectl create sa robot3 -n kube-system --dry-run=client -o json',
  'kubectl create deployment d --image=nginx --port=80 --dry-run=client -o json',
  'kubectl create service nodeport n --tcp=80:8080 --node-port=30001 --dry-run=client -o json',
  'kubectl create rolebinding rb --role=r --user=a --serviceaccount=ns:sa --dry-run=client -o json',
  'kubectl create clusterrole cr --verb=get --resource=pods,deploy --resource-name=x --dry-run=client -o json',
  'kubectl create cronjob c --image=x --schedule=*/5_*_*_*_* --dry-run=client -o json',
  'kubectl create job j --image=x --dry-run=client -o json -- sleep 5',
  'kubectl create secret generic s9 --from-literal=b=1 --from-literal=a=2 --type=x --dry-run=client -o json',
  'kubectl create configmap c9 --from-literal=b=1 --dry-run=client -o json',
  'kubectl run p --image=x --port=80 --dry-run=client -o json -- a b',
  'kubectl create role reader --verb=get,list --resource=pods,deploy,rs.apps --resource-name=a --resource-name=b --dry-run=client -o yaml',
  'kubectl create role reader --verb=get,list,watch --resource=pods,deployments.apps',
  'kubectl create role reader --verb=get --resource=pods',
  'kubectl create role odd --verb=frob --resource=pods --dry-run=client',
  'kubectl create role none --resource=pods',
  'kubectl get role reader -o yaml',
  'kubectl create clusterrole node-reader --verb=get,list --resource=nodes',
  'kubectl create rolebinding read-pods --role=reader --user=alice --group=devs --serviceaccount=default:robot',
  'kubectl create rolebinding rb-both --role=reader --clusterrole=view',
  'kubectl create clusterrolebinding nodes-for-bob --clusterrole=node-reader --user=bob',
  'kubectl get rolebinding read-pods -o yaml',
  'kubectl auth can-i list pods --as=alice',
  'kubectl auth can-i list nodes --as=bob',
  'kubectl create job once --image=busybox:1.36 -- echo hi',
  'kubectl create job once --image=busybox:1.36',
  'kubectl create cronjob tick --image=busybox:1.36 --schedule=*/5_*_*_*_*',
  'kubectl create cronjob tick2 --image=busybox:1.36',
  'kubectl create cronjob tick3 --image=busybox:1.36 --schedule=bad',
  'kubectl create job manual --from=cronjob/tick',
  'kubectl create job manual2 --from=cronjob/missing',
  '+5000',
  'kubectl get jobs',
  'kubectl get cronjobs',
  'kubectl get job manual -o yaml',
  'kubectl create deployment web --image=nginx:1.27 --replicas=3 --dry-run=client -o yaml',
  'kubectl create deployment web --image=nginx:1.27 --replicas=3 -o name',
  'kubectl create deployment web --image=nginx:1.27',
  'kubectl run solo --image=nginx:1.27 --dry-run=client -o yaml',
  'kubectl run solo --image=nginx:1.27 --dry-run=client',
  'kubectl create namespace team-b --dry-run=client -o yaml',
  'kubectl create configmap cfg --from-literal=a=1 --from-literal=b=2',
  'kubectl get cm cfg -o jsonpath={.data}',
  // get --sort-by over the server's tables (includeObject=Object)
  'kubectl run zz-first --image=nginx:1.27',
  '+3000',
  'kubectl run aa-second --image=nginx:1.27',
  '+3000',
  'kubectl run mm-third --image=nginx:1.27 --labels=tier=a',
  '+30000',
  'kubectl run hog --image=polinux/stress --dry-run=client -o yaml -- stress --cpu 1',
  'kubectl run hog --image=polinux/stress -- stress --cpu 1',
  '+20000',
  // kubectl top over metrics.k8s.io (simulated usage)
  'kubectl top nodes',
  'kubectl top node node-1',
  'kubectl top nodes --sort-by=cpu --no-headers',
  'kubectl top pods',
  'kubectl top pods --containers',
  'kubectl top pods -A --sort-by=cpu',
  'kubectl top pod hog',
  'kubectl top pods -l tier=a',
  'kubectl top pods -n kube-system',
  'kubectl top pods -n nowhere',
  'kubectl top pod missing',
  'kubectl get pods --sort-by=.metadata.creationTimestamp',
  'kubectl get pods --sort-by=.metadata.name',
  'kubectl get pods --sort-by=metadata.name -o wide',
  'kubectl get pods --sort-by={.spec.nodeName} -o name',
  'kubectl get pods --sort-by=.status.containerStatuses[0].restartCount',
  'kubectl get pods --sort-by=.metadata.labels.tier',
  'kubectl get pods --sort-by=.metadata.nope',
  'kubectl get svc -A --sort-by=.spec.ports[0].port',
  'kubectl get nodes --sort-by=.status.capacity.memory',
  'kubectl get deploy,svc --sort-by=.metadata.name',
  // limit/continue paging
  'kubectl get pods -A --chunk-size=2',
  'kubectl get pods -A --chunk-size=3 -o name',
  'kubectl get secrets,sa --chunk-size=1',
  'kubectl get pods -l tier=a --chunk-size=1',
  'kubectl get nodes --chunk-size=1 -o jsonpath={.items[*].metadata.name}',
  // apply -f - with a here-document (the Terminal's one input of several lines)
  `kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: heredoc
data:
  mode: "fast"
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
EOF`,
  `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: heredoc
data:
  mode: "slow"
EOF`,
  'kubectl get cm heredoc -o jsonpath={.data.mode}',
  `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
  - name: c
EOF`,
  `kubectl apply -f - <<EOF
EOF`,
  `kubectl delete -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: heredoc
EOF`,
  // delete's flags
  'kubectl delete cm cfg --wait=false',
  'kubectl delete pod zz-first --grace-period=0 --force --wait=false',
  'kubectl delete pod aa-second --grace-period=5 --wait=false',
  'kubectl delete pods -l tier=a --wait=false',
  'kubectl delete deploy web --cascade=orphan --wait=false',
  '+5000',
  'kubectl get rs,pods -l app=web',
  'kubectl delete rs -l app=web --cascade=foreground --wait=false',
  'kubectl create cm z1',
  'kubectl delete cm z1 --cascade=false --wait=false',
  'kubectl create cm z2',
  'kubectl delete cm z2 --cascade=true --wait=false',
  'kubectl delete cm --all',
  'kubectl delete secrets -l nothing=here',
  'kubectl delete job once --cascade=bogus',
  'kubectl delete job once --cascade=background --wait=false',
  'kubectl delete pods',
  '+40000',
  'kubectl get pods,rs,jobs',
];

describe.skipIf(!HAVE_KUBECTL && !process.env.CI)('kubectl create, apply -f -, sort-by, delete flags, paging and top, byte for byte', () => {
  let p: Parity;
  beforeAll(async () => {
    p = await startParity({ seed: 11, nodes: 3 });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('the same bytes as kubectl 1.32, command for command', async () => {
    expect(HAVE_KUBECTL, `${KUBECTL} is missing`).toBe(true);
    const mismatches = await compare(p, SESSION.map((l) => l.replace(/\*\/5_\*_\*_\*_\*/, "'*/5 * * * *'")));
    if (process.env.PARITY_OUT) writeFileSync(process.env.PARITY_OUT, mismatches.join('\n\n'));
    expect(mismatches.join('\n\n')).toBe('');
  }, 120_000);
});
