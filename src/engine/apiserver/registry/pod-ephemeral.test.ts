// ValidatePodEphemeralContainersUpdate: what the pods/ephemeralcontainers subresource refuses.
import { describe, expect, it } from 'vitest';
import { fieldErrorString } from '../validation/field-errors';
import { prepareEphemeralContainersUpdate, validatePodEphemeralContainersUpdate } from './pod-ephemeral';

const pod = (eph: unknown[] = []) => ({ spec: { containers: [{ name: 'app', image: 'nginx' }], volumes: [{ name: 'data', emptyDir: {} }], ...(eph.length ? { ephemeralContainers: eph } : {}) } });
const dbg = { name: 'debugger', image: 'busybox', terminationMessagePolicy: 'File' };
const errs = (next: unknown, old: unknown) => validatePodEphemeralContainersUpdate(next as never, old as never).map(fieldErrorString);

describe('pods/ephemeralcontainers', () => {
  it('takes only the ephemeral containers from the request, defaulted', () => {
    const next = prepareEphemeralContainersUpdate({ spec: { containers: [], ephemeralContainers: [{ name: 'd', image: 'busybox:1.36' }] } }, pod());
    expect(next.spec.containers).toEqual([{ name: 'app', image: 'nginx' }]);
    expect(next.spec.ephemeralContainers).toEqual([{ name: 'd', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }]);
  });

  it.each([
    [{ ...dbg, ports: [{ containerPort: 80 }] }, 'spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container'],
    [{ ...dbg, readinessProbe: { exec: { command: ['true'] } } }, 'spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container'],
    [{ ...dbg, resources: { limits: { cpu: '1' } } }, 'spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container'],
    [{ ...dbg, name: 'app' }, 'spec.ephemeralContainers[0].name: Duplicate value: "app"'],
    [{ ...dbg, targetContainerName: 'nope' }, 'spec.ephemeralContainers[0].targetContainerName: Not found: "nope"'],
    [{ ...dbg, volumeMounts: [{ name: 'data', mountPath: '/d', subPath: 'x' }] }, 'spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container'],
  ])('refuses %j', (c, want) => expect(errs(pod([c]), pod())).toEqual([want]));

  it('accepts a new one next to the old ones, but none may be removed or changed', () => {
    expect(errs(pod([dbg, { ...dbg, name: 'second' }]), pod([dbg]))).toEqual([]);
    expect(errs(pod([]), pod([dbg]))).toEqual(['spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be removed\n']);
    expect(errs(pod([{ ...dbg, image: 'alpine' }]), pod([dbg]))).toEqual(['spec.ephemeralContainers[0]: Forbidden: existing ephemeral containers "debugger" may not be changed\n']);
  });
});
