// One row of `kubectl get pods -o wide` (the columns the Pods panel shows).
import type { KubeObject } from '../../protocol/messages';
import { humanDuration, virtualMsOf } from '../time/time';
import { podColumns } from './pod-status';

export interface PodRow {
  name: string;
  namespace: string;
  ready: string;
  status: string;
  restarts: string;
  age: string;
  node: string;
  ip: string;
}

export function podRow(pod: KubeObject, nowMs: number): PodRow {
  const cols = podColumns(pod);
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  const status = (pod.status ?? {}) as { podIP?: string };
  const restarts = Number.isNaN(cols.lastRestartMs)
    ? String(cols.restarts)
    : `${cols.restarts} (${humanDuration(nowMs - cols.lastRestartMs)} ago)`;
  return {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    ready: cols.ready,
    status: cols.status,
    restarts,
    age: humanDuration(nowMs - virtualMsOf(pod.metadata.creationTimestamp)),
    node: spec.nodeName || '<none>',
    ip: status.podIP || '<none>',
  };
}

/** A colour family for a STATUS value (chips, rows). */
export function statusTone(status: string): 'ok' | 'progress' | 'warn' | 'error' | 'done' {
  if (status === 'Running') return 'ok';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (/Err|BackOff|Error|Failed|OOM|Invalid|Unknown|Signal|ExitCode|Evicted|OutOf/.test(status)) return 'error';
  if (status === 'Terminating' || status === 'NotReady') return 'warn';
  return 'progress';
}
