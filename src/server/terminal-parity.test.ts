// The in-app Terminal prints what the real kubectl prints: one session typed into both — the real
// kubectl (Debian's 1.32) against `npm run serve`'s server, the Terminal's kubectl against a second
// cluster of the same seed — with the clocks held still and moved by the same amounts between
// commands, so both clusters see the same requests at the same virtual moments. Every command's
// stdout, stderr and exit code must match byte for byte (AGE would be the only column allowed to
// differ; with the clocks in step it does not).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../rest/handler';
import { KubectlSession } from '../rest/kubectl/kubectl';
import { HAVE_KUBECTL, KUBECTL, type Parity, startParity } from './parity';

/** A command, or `+N` to move both clocks N virtual ms. `{pod}` is the first web pod's name. */
const SESSION = [
  'kubectl get nodes',
  'kubectl get pods',
  'kubectl create deployment web --image=nginx:1.27 --replicas=2',
  '+30000',
  'kubectl get deploy',
  'kubectl get deploy web -o wide',
  'kubectl get pods -o wide',
  'kubectl get pods -l app=web -o name',
  'kubectl get rs',
  'kubectl scale deploy/web --replicas=3',
  '+20000',
  'kubectl get pods',
  'kubectl set image deploy/web nginx=nginx:1.28',
  '+60000',
  'kubectl get rs',
  'kubectl rollout status deploy/web --watch=false',
  'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}',
  'kubectl label pod {pod} tier=frontend',
  'kubectl get pods -l tier=frontend -o name',
  'kubectl get pods --show-labels',
  'kubectl annotate pod {pod} owner=alice',
  'kubectl apply -f app.yaml',
  'kubectl apply -f app.yaml',
  'kubectl apply -f invalid.yaml',
  '+30000',
  'kubectl get all',
  'kubectl get configmap settings -o yaml',
  'kubectl get deploy api -o json',
  'kubectl get pod missing',
  'kubectl get frobs',
  'kubectl run nginx --image=nginx:1.27 --as=alice',
  'kubectl run nginx --image=nginx:1.27',
  '+20000',
  'kubectl get pod nginx -o yaml',
  'kubectl describe pod nginx',
  'kubectl run typo --image=ngnix:1.27',
  '+90000',
  'kubectl describe pod typo',
  'kubectl describe pods {pod}',
  'kubectl logs nginx',
  'kubectl cordon node-1',
  'kubectl cordon node-1',
  'kubectl get nodes',
  'kubectl uncordon node-1',
  'kubectl delete pod nginx --wait=false',
  'kubectl get services',
  'kubectl get pods -n kube-system',
  'kubectl get namespaces',
  'kubectl create namespace team-a',
  'kubectl get pods -n team-a',
  'kubectl get pods -A',
  'kubectl get deploy,rs',
  'kubectl get nodes -o name',
  'kubectl scale deploy/web --replicas=2',
  // (not `rollout restart`: kubectl stamps the template with its own wall clock, so the pod template hash differs)
  'kubectl set image deploy/web nginx=nginx:1.27',
  '+30000',
  'kubectl get pods -o wide --show-labels',
  'kubectl get pods --field-selector=spec.nodeName=node-2 -o name',
  'kubectl label pod {pod} tier-',
  'kubectl delete deployment api',
  'kubectl get deploy api',
  'kubectl rollout history deploy/web',
  'kubectl rollout undo deploy/web',
  '+30000',
  'kubectl rollout history deployment/web',
  'kubectl get rs',
  'kubectl auth can-i create pods',
  'kubectl auth can-i create pods --as=alice',
  'kubectl auth can-i list deployments.apps -n kube-system',
  'kubectl taint nodes node-3 dedicated=gpu:NoSchedule',
  'kubectl taint nodes node-3 dedicated=gpu:NoSchedule',
  'kubectl get node node-3 -o jsonpath={.spec.taints}',
  'kubectl taint nodes node-3 dedicated:NoSchedule-',
  'kubectl api-resources',
  'kubectl api-resources --namespaced=false',
  'kubectl api-versions',
];

// on a developer's machine without kubectl the comparison is skipped; in CI (which installs it) it must run
describe.skipIf(!HAVE_KUBECTL && !process.env.CI)('the Terminal prints what the real kubectl prints', () => {
  let p: Parity;
  beforeAll(async () => {
    p = await startParity({ seed: 7, nodes: 3 });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('command for command, the same bytes', async () => {
    expect(HAVE_KUBECTL, `${KUBECTL} is missing: scripts/ensure-kubectl.mjs installs Debian's kubectl`).toBe(true);
    expect(p.server.cluster.now()).toBe(p.twin.now());
    const mismatches = await p.compare(SESSION);
    if (process.env.PARITY_OUT) writeFileSync(process.env.PARITY_OUT, mismatches.join('\n\n'));
    expect(mismatches.join('\n\n')).toBe('');
  }, 120_000);

  it('get -w prints the same rows as the real kubectl, as the clocks move in step', async () => {
    const watchEnv = { handle: (r: Parameters<typeof handle>[1]) => handle({ cluster: p.twin, serverAddress: 'orrery.local' }, r), namespace: 'watch', files: p.files };
    const shell = new KubectlSession({ ...watchEnv });
    const watcher = new KubectlSession({ ...watchEnv });
    for (const line of ['kubectl create namespace watch']) {
      expect((await p.real(line)).exitCode).toBe(0);
      expect(shell.run(line).exitCode).toBe(0);
    }
    // the ServiceAccount controller gives the namespace its default account (admission needs it for a pod)
    p.advance(2000);
    const child = spawn(KUBECTL, ['get', 'pods', '-w', '-n', 'watch'], { env: p.env, cwd: p.dir });
    let watched = '';
    child.stdout.on('data', (b: Buffer) => (watched += b.toString()));
    const first = watcher.run('kubectl get pods -w');
    expect(first.watching).toBe(true);
    let printed = first.stdout;
    // the real kubectl has its watch open once the server has answered its list and watch
    await new Promise((r) => setTimeout(r, 1500));
    const both = async (line: string) => {
      const r = await p.real(line);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(shell.run(line)).toEqual(r);
    };
    const advance = async (ms: number, steps: number) => {
      for (let i = 0; i < steps; i++) {
        p.advance(ms);
        printed += watcher.pollWatch();
        // the server polls its watches every tick (20 ms)
        await new Promise((r) => setTimeout(r, 80));
      }
    };
    await both('kubectl run web --image=nginx:1.27 -n watch');
    await advance(500, 12);
    await both('kubectl run typo --image=ngnix:1.27 -n watch');
    await advance(1000, 30);
    await both('kubectl delete pod web -n watch --wait=false');
    await advance(1000, 40);
    child.kill();
    expect(printed).toMatch(/^NAME  +READY   STATUS/);
    // the AGE column (the last) may differ: the server polls its watches on its own tick, a few ms
    // of a write's round trip apart from the Terminal's poll; every other byte must match
    const withoutAge = (text: string) => text.replace(/\S+\n/g, 'AGE\n');
    expect(withoutAge(printed)).toBe(withoutAge(watched));
    expect(printed.split('\n').length).toBeGreaterThan(10);
  }, 120_000);
});
