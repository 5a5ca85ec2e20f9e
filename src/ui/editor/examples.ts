// Manifests the editor offers. The starter is the Pod every walkthrough begins with.
export const STARTER_POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`;

export interface Example {
  id: string;
  title: string;
  yaml: string;
}

/** examples/rbac-alice.yaml without its comment (the editor's picker says who applies it) */
export const RBAC_ALICE = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: alice-edit
  namespace: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
- kind: User
  name: alice
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: bob-view
  namespace: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- kind: User
  name: bob
  apiGroup: rbac.authorization.k8s.io
`;

export const EXAMPLES: Example[] = [
  { id: 'nginx', title: 'nginx Pod', yaml: STARTER_POD },
  { id: 'rbac-alice', title: 'RBAC: alice may edit, bob may view (namespace default)', yaml: RBAC_ALICE },
  {
    id: 'no-image',
    title: 'Invalid: container without image',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: app
`,
  },
  {
    id: 'bad-name',
    title: 'Invalid: name Nginx_1',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: Nginx_1
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`,
  },
  {
    id: 'crash-loop',
    title: 'Crash loop: a container that exits 1',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting; sleep 2; exit 1"]
`,
  },
  {
    id: 'image-typo',
    title: 'Image pull error: ngnix:1.27',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: web
    image: ngnix:1.27
`,
  },
  {
    id: 'too-big',
    title: 'Unschedulable: requests 8 CPUs',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: too-big
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "8"
`,
  },
  {
    id: 'statefulset',
    title: 'StatefulSet web with a headless Service and a claim per pod',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`,
  },
  {
    id: 'daemonset',
    title: 'DaemonSet: one log collector per node',
    yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-logger
  labels:
    app: node-logger
spec:
  selector:
    matchLabels:
      app: node-logger
  template:
    metadata:
      labels:
        app: node-logger
    spec:
      containers:
      - name: logger
        image: busybox:1.36
        command: ["sh", "-c", "while true; do echo collecting logs; sleep 30; done"]
        resources:
          requests:
            cpu: 10m
            memory: 16Mi
`,
  },
  {
    id: 'configmap-env',
    title: 'ConfigMap as environment variables and as a volume',
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: game-config
data:
  player_initial_lives: "3"
  ui_properties_file_name: user-interface.properties
  game.properties: |
    enemy.types=aliens,monsters
    player.maximum-lives=5
---
apiVersion: v1
kind: Pod
metadata:
  name: game-demo
spec:
  containers:
  - name: demo
    image: busybox:1.36
    command: ["sh", "-c"]
    args:
    - echo "lives=$PLAYER_INITIAL_LIVES ui=$(UI_PROPERTIES_FILE_NAME) pod=$POD_NAME";
      cat /config/game.properties;
      sleep 3600
    env:
    - name: PLAYER_INITIAL_LIVES
      valueFrom:
        configMapKeyRef:
          name: game-config
          key: player_initial_lives
    - name: UI_PROPERTIES_FILE_NAME
      valueFrom:
        configMapKeyRef:
          name: game-config
          key: ui_properties_file_name
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    envFrom:
    - prefix: CONFIG_
      configMapRef:
        name: game-config
    readinessProbe:
      exec:
        command: ["cat", "/config/game.properties"]
      periodSeconds: 5
    volumeMounts:
    - name: config
      mountPath: /config
      readOnly: true
  volumes:
  - name: config
    configMap:
      name: game-config
      items:
      - key: game.properties
        path: game.properties
`,
  },
];
