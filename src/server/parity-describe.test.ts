// `kubectl describe` in the in-app Terminal prints what the real kubectl 1.32 prints: one session typed
// into both — the real kubectl against `npm run serve`'s server (its describers run client-side over
// GET/LIST, so it prints its own layout from our server's objects) and the Terminal's KubectlSession
// against a twin cluster of the same seed — with the clocks moved in step. Every describe of every
// kind a class meets (deployment with old replica sets, replica sets, stateful set, daemon set, job,
// cron job, node, service, endpoints, namespace with quota and limits, config map, secret, service
// account, claims and volumes, RBAC, disruption budget, priority class, a lease through the generic
// describer, pods) must match byte for byte, and so must the errors.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_KUBECTL, KUBECTL, type Parity, startParity } from './parity';

const FILES: Record<string, string> = {
  'sts.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: postgres:16
        ports:
        - containerPort: 5432
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`,
  'ds.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      tolerations:
      - key: dedicated
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
        resources:
          requests: {cpu: 50m, memory: 32Mi}
`,
  'job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.34
        command: ["perl", "-e", "print 1"]
`,
  'cron.yaml': `apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: tick
            image: busybox:1.36
            args: ["date"]
`,
  'api.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations:
    team: payments
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      containers:
      - name: api
        image: nginx:1.27
        ports:
        - containerPort: 80
          name: http
        env:
        - name: MODE
          value: fast
        - name: POD
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
        resources:
          requests: {cpu: 250m, memory: 64Mi}
          limits: {cpu: "1", memory: 128Mi}
        readinessProbe:
          httpGet: {path: /, port: 80}
`,
  'quota.yaml': `apiVersion: v1
kind: ResourceQuota
metadata:
  name: small
  namespace: team-a
spec:
  hard:
    pods: "4"
    requests.cpu: "2"
    requests.memory: 1Gi
---
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: team-a
spec:
  limits:
  - type: Container
    default: {cpu: 500m}
    defaultRequest: {cpu: 100m}
    max: {cpu: "1"}
`,
  'rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
- apiGroups: ["", "apps"]
  resources: ["pods", "pods/log", "deployments"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["configmaps"]
  resourceNames: ["settings"]
  verbs: ["get", "update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
subjects:
- kind: User
  name: alice
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
`,
  'secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: s3cret
`,
};

/** A command, or `+N` to move both clocks N virtual ms. `{pod}` is the first web pod's name. */
// (a Secret of one key: kubectl 1.32 ranges over the Data map, so several keys come in Go's random order)
const SESSION = [
  'kubectl create deployment web --image=nginx:1.27 --replicas=2',
  '+30000',
  'kubectl scale deploy/web --replicas=3',
  '+20000',
  'kubectl set image deploy/web nginx=nginx:1.28',
  '+60000',
  'kubectl apply -f sts.yaml',
  'kubectl apply -f ds.yaml',
  'kubectl apply -f job.yaml',
  'kubectl apply -f api.yaml',
  'kubectl apply -f cron.yaml',
  'kubectl apply -f secret.yaml',
  'kubectl apply -f rbac.yaml',
  'kubectl expose deploy web --port=80 --target-port=8080',
  'kubectl expose deploy api --port=8080 --target-port=http --type=NodePort',
  'kubectl create namespace team-a',
  'kubectl apply -f quota.yaml',
  'kubectl taint nodes node-3 dedicated=gpu:NoSchedule',
  'kubectl cordon node-2',
  '+90000',
  // a deployment after a scale and a rollout: old and new replica sets, the scaling events
  'kubectl describe deployment web',
  'kubectl describe deploy api',
  'kubectl describe rs -l app=web',
  'kubectl describe statefulset db',
  'kubectl describe ds/agent',
  'kubectl describe job pi',
  'kubectl describe cronjob tick',
  'kubectl describe svc web',
  'kubectl describe service api --show-events=false',
  'kubectl describe endpoints web',
  'kubectl describe namespace team-a',
  'kubectl describe node node-3',
  'kubectl describe node/node-2 deploy/web',
  'kubectl describe configmap kube-root-ca.crt',
  'kubectl describe secret creds',
  'kubectl describe sa default',
  'kubectl describe quota,limitrange -n team-a',
  'kubectl describe pvc',
  'kubectl describe pv',
  'kubectl describe -f rbac.yaml',
  'kubectl describe clusterrole admin',
  'kubectl describe priorityclass system-node-critical',
  'kubectl describe lease node-1 -n kube-node-lease',
  'kubectl describe node node-1 --show-events=false',
  'kubectl get pods -l app=web -o name',
  'kubectl describe pod {pod}',
  'kubectl describe pods -l app=api',
  // a name that is not found describes the objects whose names start with it
  'kubectl describe pod db',
  'kubectl scale deploy api --replicas=0',
  '+30000',
  'kubectl describe deploy api',
  'kubectl describe jobs -A',
  'kubectl describe deploy nope',
  'kubectl describe deploy -l app=none',
  'kubectl describe frobs',
  'kubectl describe deploy web -l app=web',
  'kubectl describe no node-1 -o yaml',
  'kubectl describe',
];

// on a developer's machine without kubectl the comparison is skipped; in CI (which installs it) it must run
describe.skipIf(!HAVE_KUBECTL && !process.env.CI)('kubectl describe in the Terminal prints what the real kubectl prints', () => {
  let p: Parity;
  beforeAll(async () => {
    p = await startParity({ seed: 7, nodes: 3, files: FILES });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('every kind, command for command, the same bytes', async () => {
    expect(HAVE_KUBECTL, `${KUBECTL} is missing: scripts/ensure-kubectl.mjs installs Debian's kubectl`).toBe(true);
    const mismatches = await p.compare(SESSION);
    if (process.env.PARITY_OUT) writeFileSync(process.env.PARITY_OUT, mismatches.join('\n\n'));
    expect(mismatches.join('\n\n')).toBe('');
  }, 120_000);
});
