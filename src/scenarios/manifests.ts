// The manifests the walkthroughs apply (and leave in the editor for "try it yourself").
import type { KObject } from '../engine';

export const NGINX_POD_YAML = `apiVersion: v1
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

export const NGINX_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
} as unknown as KObject;

/** Delete a Pod: the nginx pod behind a Service, with a preStop hook that gives the endpoint removal
 * time to reach every kube-proxy before the stop signal (seed 002's deletion, all 8 steps). */
export const WEB_SERVICE_AND_POD_YAML = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
    lifecycle:
      preStop:
        sleep:
          seconds: 5
`;

export const WEB_SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
} as unknown as KObject;

export const NGINX_POD_PRESTOP = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default', labels: { app: 'web' } },
  spec: {
    containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], lifecycle: { preStop: { sleep: { seconds: 5 } } } }],
  },
} as unknown as KObject;
