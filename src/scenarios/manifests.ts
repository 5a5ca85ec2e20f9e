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
