import { describe, expect, it } from 'vitest';
import { defaultImagePullPolicy, defaultPod } from './pod-defaults';
import { validatePodCreate } from './pod-validation';
import { strictDecodeError } from './decode';
import { invalidStatus } from '../validation/field-errors';

const pod = (spec: Record<string, unknown>, name = 'nginx') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec });

describe('Pod defaulting (pkg/apis/core/v1/defaults.go)', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
    ['nginx:latest@sha256:abc', 'Always'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v1', 'IfNotPresent'],
  ])('imagePullPolicy for %s is %s', (image, want) => {
    expect(defaultImagePullPolicy(image)).toBe(want);
  });

  it('fills the PodSpec defaults and copies limits into requests', () => {
    const p = pod({ containers: [{ name: 'c', image: 'nginx:1.27', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] });
    const added = defaultPod(p);
    expect(p.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', enableServiceLinks: true, securityContext: {} });
    const c = (p.spec.containers as Record<string, any>[])[0];
    expect(c).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    expect(c.resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect(added).toContain('spec.containers[0].resources.requests.cpu');
  });
});

describe('Pod validation messages (pkg/apis/core/validation)', () => {
  const msg = (p: ReturnType<typeof pod>) => {
    defaultPod(p);
    const errs = validatePodCreate(p);
    return errs.length ? invalidStatus('Pod', '', p.metadata.name, errs).message : '';
  };

  it('requires an image', () => {
    expect(msg(pod({ containers: [{ name: 'web' }] }))).toBe('Pod "nginx" is invalid: spec.containers[0].image: Required value');
  });

  it('requires containers', () => {
    expect(msg(pod({}))).toBe('Pod "nginx" is invalid: spec.containers: Required value');
  });

  it('rejects a name that is not a DNS-1123 subdomain, with the upstream detail', () => {
    expect(msg(pod({ containers: [{ name: 'web', image: 'nginx' }] }, 'Nginx_1'))).toBe(
      `Pod "Nginx_1" is invalid: metadata.name: Invalid value: "Nginx_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });

  it('joins several errors in brackets', () => {
    expect(msg(pod({ restartPolicy: 'Sometimes', containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 70000 }] }] }))).toBe(
      'Pod "nginx" is invalid: [spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    );
  });

  it('rejects requests above limits', () => {
    expect(msg(pod({ containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }))).toBe(
      'Pod "nginx" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
  });
});

describe('strict decoding', () => {
  it('reports unknown fields like a Strict field-validation apiserver', () => {
    expect(strictDecodeError('Pod', 'v1', pod({ containers: [{ name: 'web', imagee: 'nginx' }] }))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
    );
  });

  it('reports a wrong JSON type with the Go struct field', () => {
    expect(strictDecodeError('Pod', 'v1', pod({ containers: 'nginx' }))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
    );
  });
});
