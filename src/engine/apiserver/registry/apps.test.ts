import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

describe('apps/v1 Deployment in the apiserver', () => {
  it('defaults the strategy and history, starts at generation 1, counts spec changes only', () => {
    const c = createCluster();
    c.runUntilIdle();
    expect(c.apply(DEPLOY)[0]).toMatchObject({ ok: true, action: 'created' });
    const d = c.get('Deployment', 'default', 'web') as Record<string, any>;
    expect(d.spec).toMatchObject({
      replicas: 3,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' });
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(d.metadata.generation).toBe(1);
    c.apply(DEPLOY.replace('replicas: 3', 'replicas: 5'));
    expect((c.get('Deployment', 'default', 'web') as Record<string, any>).metadata.generation).toBe(2);
    c.apply(DEPLOY.replace('replicas: 3', 'replicas: 5').replace('name: web\nspec', 'name: web\n  labels:\n    team: a\nspec'));
    expect((c.get('Deployment', 'default', 'web') as Record<string, any>).metadata.generation).toBe(2);
  });

  it('rejects a selector that does not match the template labels, in the upstream words', () => {
    const c = createCluster();
    c.runUntilIdle();
    const [r] = c.apply(DEPLOY.replace('      labels:\n        app: web', '      labels:\n        app: api'));
    expect(r.status?.message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    );
  });

  it('refuses to change the selector', () => {
    const c = createCluster();
    c.runUntilIdle();
    c.apply(DEPLOY);
    const [r] = c.apply(DEPLOY.replace(/app: web/g, 'app: web2'));
    expect(r.status?.message).toContain('spec.selector: Invalid value');
    expect(r.status?.message).toContain('field is immutable');
  });
});
