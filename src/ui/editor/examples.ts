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

export const EXAMPLES: Example[] = [
  { id: 'nginx', title: 'nginx Pod', yaml: STARTER_POD },
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
];
