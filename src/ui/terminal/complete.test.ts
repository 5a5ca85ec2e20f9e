import { describe, expect, it } from 'vitest';
import { complete } from './complete';

const names = (kind: string) => (kind === 'Pod' ? ['nginx', 'web-5b78f-abcde', 'web-5b78f-fghij'] : kind === 'Node' ? ['node-1', 'node-2'] : []);

describe('terminal completion', () => {
  it('completes the command, then the resource type, then the names of that kind', () => {
    expect(complete('kubectl ge', names)).toEqual({ line: 'kubectl get ', choices: [] });
    expect(complete('kubectl get deplo', names)).toEqual({ line: 'kubectl get deploy', choices: [] });
    expect(complete('kubectl get pods ng', names)).toEqual({ line: 'kubectl get pods nginx ', choices: [] });
    expect(complete('kubectl cordon node-', names)).toEqual({ line: 'kubectl cordon node-', choices: ['node-1', 'node-2'] });
  });

  it('extends to the longest shared prefix before listing the choices', () => {
    expect(complete('kubectl delete po w', names)).toEqual({ line: 'kubectl delete po web-5b78f-', choices: [] });
    expect(complete('kubectl delete po web-5b78f-', names).choices).toEqual(['web-5b78f-abcde', 'web-5b78f-fghij']);
    expect(complete('kubectl logs zz', names)).toEqual({ line: 'kubectl logs zz', choices: [] });
  });

  it('explain takes a resource type', () => {
    expect(complete('kubectl expl', names)).toEqual({ line: 'kubectl explain ', choices: [] });
    expect(complete('kubectl explain cronj', names)).toEqual({ line: 'kubectl explain cronjobs ', choices: [] });
  });

  it('completes create\'s generators, their kinds of secret and service, and top\'s node or pod names', () => {
    expect(complete('kubectl create rolebi', names)).toEqual({ line: 'kubectl create rolebinding ', choices: [] });
    expect(complete('kubectl create se', names)).toEqual({ line: 'kubectl create se', choices: ['secret', 'service', 'serviceaccount'] });
    expect(complete('kubectl create secret g', names)).toEqual({ line: 'kubectl create secret generic ', choices: [] });
    expect(complete('kubectl create service n', names)).toEqual({ line: 'kubectl create service nodeport ', choices: [] });
    expect(complete('kubectl create secret generic my', names)).toEqual({ line: 'kubectl create secret generic my', choices: [] });
    expect(complete('kubectl to', names)).toEqual({ line: 'kubectl top ', choices: [] });
    expect(complete('kubectl top n', names)).toEqual({ line: 'kubectl top node ', choices: [] });
    expect(complete('kubectl top node node-', names).choices).toEqual(['node-1', 'node-2']);
    expect(complete('kubectl top pod ng', names)).toEqual({ line: 'kubectl top pod nginx ', choices: [] });
  });
});
