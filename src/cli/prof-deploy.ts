import { createCluster } from '../engine';
const t0=performance.now();
const deployment = (name: string, replicas: number, cpu = '10m') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests: {cpu: ${cpu}, memory: 16Mi}
`;

const pod = (name: string, cpu: string, priorityClass?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  ${priorityClass ? `priorityClassName: ${priorityClass}` : ''}
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: ${cpu}, memory: 16Mi}
`;

function runDeployments(): Cluster {
  const c = createCluster({ seed: 7, nodes: 12 });
  c.runUntilIdle();
  c.apply(deployment('web', 60));
  c.apply(deployment('api', 20));
  c.runUntilIdle();
  c.apply(deployment('web', 15));
  c.apply(deployment('api', 20, '20m')); // a rollout
  c.runUntilIdle();
  c.delete({ kind: 'Deployment', name: 'api' });
  c.runUntilIdle();
  return c;
}


const c = runDeployments();
console.log(c.trace().length, performance.now()-t0);
