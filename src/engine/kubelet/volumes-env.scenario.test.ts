// ConfigMap / Secret / Downward API volumes and environment variables (E.1 steps 4 and 9, E.4
// CreateContainerConfigError, E.12 FailedMount): what the container sees, and how the kubelet
// waits for a missing object and recovers once it is created.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/test-cluster';
import { readContainerLog } from './runtime/logs';
import type { RuntimeState } from './runtime/container-runtime';

const runtimeOf = (t: TestCluster, name: string) => {
  const node = (t.pod(name)?.spec as { nodeName: string }).nodeName;
  return (t.c.snapshot() as unknown as { kernel: { actors: Record<string, RuntimeState> } }).kernel.actors[`runtime:${node}`];
};
const logs = (t: TestCluster, name: string, container = name) => readContainerLog(runtimeOf(t, name), t.pod(name)!.metadata.uid!, container, false, t.c.now())?.lines;
const cs = (t: TestCluster, name: string) => ((t.pod(name)?.status as Record<string, any>)?.containerStatuses ?? [])[0];

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: game
data:
  GREETING: hello
  player.lives: "3"
  mode: easy
  1up: "yes"
`;

const podWith = (name: string, container: string, podExtra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: demo
    tier: web
  annotations:
    owner: team-a
spec:
  containers:
  - name: ${name}
    image: busybox:1.36
${container}${podExtra}`;

describe('configMap volume', () => {
  it('puts every key as a file at the mountPath: cat in the command and an exec readiness probe read it', () => {
    const t = TestCluster.create({ seed: 4 }).apply(CONFIGMAP);
    t.apply(podWith('reader', `    command: ["sh", "-c", "cat /etc/config/mode; ls /etc/config; sleep 3600"]
    readinessProbe:
      exec:
        command: ["cat", "/etc/config/player.lives"]
      periodSeconds: 5
    volumeMounts:
    - name: config
      mountPath: /etc/config
`, `  volumes:
  - name: config
    configMap:
      name: game
`)).runUntil(() => cs(t, 'reader')?.ready === true, 60_000);
    expect(t.status('reader')).toBe('Running');
    expect(logs(t, 'reader')).toEqual(['easy', '1up', 'GREETING', 'mode', 'player.lives']);
    expect(String(t.traceOf('kubelet.volumes').find((e) => e.object?.name === 'reader')?.params.mounted)).toMatch(/^config:configMap(,kube-api-access-\w{5}:projected)?$/);
  });

  it('maps items to paths and the probe fails for a key that was not projected', () => {
    const t = TestCluster.create({ seed: 4 }).apply(CONFIGMAP);
    t.apply(podWith('items', `    command: ["sh", "-c", "cat /cfg/game/lives.txt; cat /cfg/mode; sleep 3600"]
    readinessProbe:
      exec:
        command: ["cat", "/cfg/mode"]
      periodSeconds: 5
    volumeMounts:
    - name: config
      mountPath: /cfg
`, `  volumes:
  - name: config
    configMap:
      name: game
      items:
      - key: player.lives
        path: game/lives.txt
`)).runFor(30_000);
    expect(logs(t, 'items')).toEqual(['3', "cat: can't open '/cfg/mode': No such file or directory"]);
    expect(cs(t, 'items').ready).toBe(false);
    expect(t.events('items').find((e) => e.reason === 'Unhealthy')?.message).toBe("Readiness probe failed: cat: can't open '/cfg/mode': No such file or directory\n");
  });

  it('a missing ConfigMap keeps the pod ContainerCreating with FailedMount, retried with back-off, until it is created', () => {
    const t = TestCluster.create({ seed: 5 }).apply(podWith('waiting', `    command: ["sh", "-c", "cat /etc/config/mode; sleep 3600"]
    volumeMounts:
    - name: config
      mountPath: /etc/config
`, `  volumes:
  - name: config
    configMap:
      name: game
`));
    t.runFor(20_000);
    expect(t.status('waiting')).toBe('ContainerCreating');
    const failed = t.traceOf('kubelet.mount_failed').filter((e) => e.object?.name === 'waiting');
    expect(failed[0].params.message).toBe('MountVolume.SetUp failed for volume "config" : configmap "game" not found');
    // nestedpendingoperations: 0.5 s, 1 s, 2 s, 4 s, 8 s … between attempts
    expect(failed.slice(1).map((e, i) => e.t - failed[i].t).slice(0, 4)).toEqual([500, 1000, 2000, 4000]);
    const ev = t.events('waiting').find((e) => e.reason === 'FailedMount')!;
    expect(ev).toMatchObject({ type: 'Warning', message: 'MountVolume.SetUp failed for volume "config" : configmap "game" not found' });
    const count = Number(t.c.list('Event', 'default').find((e) => e.reason === 'FailedMount')!.count);
    expect(count).toBe(failed.length);

    const created = t.apply(CONFIGMAP).c.now();
    t.runUntil(() => t.status('waiting') === 'Running', 60_000);
    const lastTry = failed[failed.length - 1].t + Number(failed[failed.length - 1].params.retryMs);
    const mounted = t.traceOf('kubelet.volumes').find((e) => e.object?.name === 'waiting')!.t;
    expect(mounted).toBeGreaterThan(created);
    expect(mounted).toBe(lastTry); // the next retry after the back-off finds it
    expect(logs(t, 'waiting')).toEqual(['easy']);
  });
});

describe('environment from ConfigMaps', () => {
  it('resolves configMapKeyRef and envFrom with a prefix, expands $(VAR) in args, and the shell echoes them', () => {
    const t = TestCluster.create({ seed: 6 }).apply(CONFIGMAP);
    t.apply(podWith('envy', `    command: ["sh", "-c"]
    args: ["echo $GREETING $(GREETING) $$(GREETING); echo lives=$GAME_player.lives mode=$GAME_mode; printenv MESSAGE GAME_player.lives; sleep 3600"]
    env:
    - name: GREETING
      valueFrom:
        configMapKeyRef:
          name: game
          key: GREETING
    - name: MESSAGE
      value: "$(GREETING) from $(POD_NAME)"
    envFrom:
    - prefix: GAME_
      configMapRef:
        name: game
    - configMapRef:
        name: game
`)).runUntil((x) => x.status('envy') === 'Running', 60_000);
    // the shell cannot name GAME_player.lives ($GAME_player is unset), printenv can
    expect(logs(t, 'envy')).toEqual(['hello hello $(GREETING)', 'lives=.lives mode=easy', 'hello from $(POD_NAME)', '3']);
    const invalid = t.events('envy').filter((e) => e.reason === 'InvalidEnvironmentVariableNames');
    expect(invalid).toMatchObject([{ type: 'Warning', message: 'Keys [1up] from the EnvFrom configMap default/game were skipped since they are considered invalid environment variable names.' }]);
  });

  it('a missing ConfigMap is CreateContainerConfigError in the STATUS column; it starts once the ConfigMap exists', () => {
    const t = TestCluster.create({ seed: 7 }).apply(podWith('cfgerr', `    command: ["sh", "-c", "echo $GREETING; sleep 3600"]
    env:
    - name: GREETING
      valueFrom:
        configMapKeyRef:
          name: game
          key: GREETING
`));
    t.runUntil(() => t.status('cfgerr') === 'CreateContainerConfigError', 30_000);
    expect(cs(t, 'cfgerr').state).toEqual({ waiting: { reason: 'CreateContainerConfigError', message: 'configmap "game" not found' } });
    expect(t.c.get('Pod', 'default', 'cfgerr')?.status).toMatchObject({ phase: 'Pending' });
    const evs = t.events('cfgerr').map((e) => `${e.type} ${e.reason}: ${e.message}`);
    expect(evs.slice(1, 4)).toEqual([
      'Normal Pulling: Pulling image "busybox:1.36"',
      expect.stringMatching(/^Normal Pulled: Successfully pulled image "busybox:1.36" in /),
      'Warning Failed: Error: configmap "game" not found',
    ]);
    // the pod worker retries every 10 s (backOffPeriod), with the image already present
    const fails = () => t.traceOf('kubelet.start_failed').filter((e) => e.object?.name === 'cfgerr').map((e) => e.t);
    t.runFor(25_000);
    const f = fails();
    expect(f.slice(1).map((x, i) => x - f[i]).every((d) => d >= 10_000 && d < 10_100)).toBe(true);
    expect(t.events('cfgerr').some((e) => e.message === 'Container image "busybox:1.36" already present on machine')).toBe(true);

    const created = t.apply(CONFIGMAP).c.now();
    t.runUntil(() => t.status('cfgerr') === 'Running', 30_000);
    expect(t.c.now() - created).toBeLessThanOrEqual(10_200);
    expect(logs(t, 'cfgerr')).toEqual(['hello']);
  });

  it('a missing key says which key and which ConfigMap', () => {
    const t = TestCluster.create({ seed: 7 }).apply(CONFIGMAP).apply(podWith('nokey', `    env:
    - name: X
      valueFrom:
        configMapKeyRef:
          name: game
          key: nope
    - name: Y
      valueFrom:
        configMapKeyRef:
          name: game
          key: nope2
          optional: true
`)).runUntil((x) => x.status('nokey') === 'CreateContainerConfigError', 30_000);
    expect(cs(t, 'nokey').state.waiting.message).toBe("couldn't find key nope in ConfigMap default/game");
    expect(t.events('nokey').some((e) => e.message === "Error: couldn't find key nope in ConfigMap default/game")).toBe(true);
  });
});

describe('the service account volume', () => {
  it('mounts kube-api-access-xxxxx: a token, ca.crt from kube-root-ca.crt and the namespace', () => {
    const t = TestCluster.create({ seed: 10 }).apply(podWith('sa', `    command: ["sh", "-c", "cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; ls /var/run/secrets/kubernetes.io/serviceaccount; sleep 3600"]
`)).runUntil((x) => x.status('sa') === 'Running', 60_000).runFor(1_000);
    const vols = ((t.pod('sa')!.spec as Record<string, any>).volumes ?? []) as Array<{ name: string; projected?: unknown }>;
    if (!vols.some((v) => v.name.startsWith('kube-api-access-'))) return; // ServiceAccount admission not in this build
    expect(logs(t, 'sa')).toEqual(['default', 'ca.crt', 'namespace', 'token']);
    const rs = runtimeOf(t, 'sa');
    const files = Object.values(rs.containers)[0].plan.mounted ?? {};
    expect(files['/var/run/secrets/kubernetes.io/serviceaccount/ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const [, claims] = files['/var/run/secrets/kubernetes.io/serviceaccount/token'].split('.');
    const json = JSON.parse(Buffer.from(claims, 'base64url').toString());
    expect(json).toMatchObject({ sub: 'system:serviceaccount:default:default', 'kubernetes.io': { namespace: 'default', pod: { name: 'sa' } } });
    expect(json.exp - json.iat).toBe(3607);
  });
});

describe('Secrets and the Downward API', () => {
  it('mounts a Secret decoded from base64 and resolves secretKeyRef', () => {
    const t = TestCluster.create({ seed: 8 }).apply(`apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
  username: YWRtaW4=
  password: MWYyZDFlMmU2N2Rm
`).apply(podWith('sec', `    command: ["sh", "-c", "cat /etc/db/username; echo pw=$DB_PASSWORD; sleep 3600"]
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
    volumeMounts:
    - name: creds
      mountPath: /etc/db
      readOnly: true
`, `  volumes:
  - name: creds
    secret:
      secretName: db
`)).runUntil((x) => x.status('sec') === 'Running', 60_000);
    expect(logs(t, 'sec')).toEqual(['admin', 'pw=1f2d1e2e67df']);
  });

  it('a missing Secret volume fails to mount with the secret text', () => {
    const t = TestCluster.create({ seed: 8 }).apply(podWith('nosec', '    volumeMounts:\n    - {name: creds, mountPath: /etc/db}\n', '  volumes:\n  - name: creds\n    secret:\n      secretName: db\n')).runFor(3_000);
    expect(t.events('nosec').find((e) => e.reason === 'FailedMount')?.message).toBe('MountVolume.SetUp failed for volume "creds" : secret "db" not found');
    expect(t.status('nosec')).toBe('ContainerCreating');
  });

  it('exposes pod fields and resource limits as env and as files', () => {
    const t = TestCluster.create({ seed: 9 }).apply(podWith('dapi', `    command: ["sh", "-c", "echo $MY_POD_NAME $MY_NAMESPACE $MY_NODE $MY_POD_IP $MY_HOST_IP $MY_SA; echo cpu=$CPU_LIMIT mcpu=$CPU_REQUEST_M mem=$MEM_LIMIT_MI tier=$TIER; cat /etc/podinfo/labels; cat /etc/podinfo/annotations; cat /etc/podinfo/cpu_limit; sleep 3600"]
    resources:
      requests:
        cpu: 250m
      limits:
        memory: 64Mi
    env:
    - {name: MY_POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: MY_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
    - {name: MY_NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: MY_POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
    - {name: MY_HOST_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
    - {name: MY_SA, valueFrom: {fieldRef: {fieldPath: spec.serviceAccountName}}}
    - {name: TIER, valueFrom: {fieldRef: {fieldPath: "metadata.labels['tier']"}}}
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    - {name: CPU_REQUEST_M, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}}
    - {name: MEM_LIMIT_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
    volumeMounts:
    - {name: podinfo, mountPath: /etc/podinfo}
`, `  volumes:
  - name: podinfo
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
      - {path: annotations, fieldRef: {fieldPath: metadata.annotations}}
      - {path: cpu_limit, resourceFieldRef: {containerName: dapi, resource: limits.cpu, divisor: 1m}}
`)).runUntil((x) => x.status('dapi') === 'Running', 60_000).runFor(1_000);
    const p = t.pod('dapi') as Record<string, any>;
    const sa = p.spec.serviceAccountName ?? '';
    expect(logs(t, 'dapi')).toEqual([
      `dapi default ${p.spec.nodeName} ${p.status.podIP} ${p.status.hostIP} ${sa}`.trimEnd(),
      'cpu=4 mcpu=250 mem=64 tier=web', // no cpu limit: the node's allocatable (4 CPUs)
      'app="demo"',
      'tier="web"',
      // kubectl apply's annotation is an annotation like any other (Go %q quoting)
      expect.stringMatching(/^kubectl\.kubernetes\.io\/last-applied-configuration="\{\\"apiVersion\\":\\"v1\\",/),
      'owner="team-a"',
      '4000',
    ]);
  });
});

describe('examples/configmap-env.yaml', () => {
  it('runs: env values in the log, the mounted file read by the readiness probe', () => {
    const yaml = readFileSync(join(__dirname, '../../../examples/configmap-env.yaml'), 'utf8');
    const t = TestCluster.create({ seed: 12 }).apply(yaml);
    expect(t.lastResults.map((r) => r.ok)).toEqual([true, true]);
    t.runUntil((x) => cs(x, 'game-demo')?.ready === true, 60_000);
    expect(logs(t, 'game-demo', 'demo')).toEqual(['lives=3 ui=user-interface.properties pod=game-demo', 'enemy.types=aliens,monsters', 'player.maximum-lives=5']);
  });
});
