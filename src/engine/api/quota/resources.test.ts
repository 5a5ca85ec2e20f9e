import { describe, expect, it } from 'vitest';
import { add, canonical, lessThanOrEqual, prettyPrint } from './resources';
import { podConstraints, podResourceList, usage } from './evaluators';

describe('quota resources', () => {
  it.each([
    ['1000m', '1'], ['1500m', '1500m'], ['0.5', '500m'], ['2000', '2k'], ['1500', '1500'], ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'], ['512', '512'], ['1G', '1G'], ['0', '0'],
  ])('Quantity.String() of %s is %s', (q, want) => expect(canonical(q)).toBe(want));

  it('adds keeping the first operand format, compares, and pretty-prints sorted', () => {
    expect(add({ 'requests.memory': '0' }, { 'requests.memory': '128Mi' })).toEqual({ 'requests.memory': '128Mi' });
    expect(add({ cpu: '500m', pods: '1' }, { cpu: '500m', memory: '1Gi' })).toEqual({ cpu: '1', pods: '1', memory: '1Gi' });
    expect(lessThanOrEqual({ pods: '3', cpu: '1' }, { pods: '2', cpu: '2' })).toEqual({ allowed: false, exceeded: ['pods'] });
    expect(prettyPrint({ pods: '1', 'limits.cpu': '2000m' })).toBe('limits.cpu=2,pods=1');
  });
});

describe('quota evaluators (pkg/quota/v1/evaluator/core)', () => {
  const pod = (containers: object[], initContainers: object[] = [], status = { phase: 'Pending' }) => ({ metadata: { name: 'p' }, spec: { containers, initContainers }, status });

  it('charges requests and limits, the largest init container as a floor, and nothing but the count for a finished pod', () => {
    const p = pod([{ name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } } }, { name: 'b', resources: { requests: { cpu: '200m' } } }], [{ name: 'init', resources: { requests: { cpu: '500m' } } }]);
    expect(podResourceList(p, 'requests')).toEqual({ cpu: '500m', memory: '64Mi' });
    expect(usage(p, 'pods', '', 0)).toEqual({ 'count/pods': '1', pods: '1', cpu: '500m', 'requests.cpu': '500m', memory: '64Mi', 'requests.memory': '64Mi', 'limits.memory': '128Mi' });
    expect(usage({ ...p, status: { phase: 'Succeeded' } }, 'pods', '', 0)).toEqual({ 'count/pods': '1' });
    expect(usage({ metadata: {}, spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] } }, 'services', '', 0)).toMatchObject({ services: '1', 'services.nodeports': '2' });
    expect(usage({ metadata: {} }, 'deployments', 'apps', 0)).toEqual({ 'count/deployments.apps': '1' });
    expect(usage({ metadata: {} }, 'configmaps', '', 0)).toEqual({ 'count/configmaps': '1', configmaps: '1' });
  });

  it('lists each cpu/memory name a container leaves out (Constraints)', () => {
    const p = pod([{ name: 'web', resources: { requests: { cpu: '1' } } }, { name: 'log' }]);
    expect(podConstraints(['requests.cpu', 'limits.memory', 'pods'], p)).toBe('must specify limits.memory for: log,web; requests.cpu for: log');
    expect(podConstraints(['pods'], p)).toBeUndefined();
  });
});
