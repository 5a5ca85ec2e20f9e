// Colours of the map: a pod cell by its STATUS word (kubectl get pods), a node tile by its STATUS.
// Buckets a teacher names: Pending, ContainerCreating, Running, NotReady, Terminating, Completed, errors.
import { statusTone } from '../pods/pod-row';

export const POD_BUCKETS = ['pending', 'creating', 'running', 'notready', 'terminating', 'completed', 'error'] as const;
export type PodBucket = (typeof POD_BUCKETS)[number];

export const POD_FILL: Record<PodBucket, string> = {
  pending: '#94a3b8',
  creating: '#60a5fa',
  running: '#16a34a',
  notready: '#facc15',
  terminating: '#f97316',
  completed: '#cbd5e1',
  error: '#dc2626',
};

export function podBucket(status: string): PodBucket {
  if (status === 'Running') return 'running';
  if (status === 'Pending' || status === 'SchedulingGated') return 'pending';
  if (status === 'Terminating') return 'terminating';
  if (status === 'NotReady') return 'notready';
  if (status === 'Completed' || status === 'Succeeded') return 'completed';
  if (statusTone(status) === 'error') return 'error';
  // ContainerCreating, PodInitializing, Init:0/1 and the like: on the way to Running
  return 'creating';
}

export const NODE_FILL = { ready: '#e2e8f0', notReady: '#fee2e2', unknown: '#f1f5f9' } as const;
export const NODE_EDGE = { ready: '#64748b', notReady: '#b91c1c', unknown: '#94a3b8' } as const;
export const BAR = { cpu: '#7c3aed', memory: '#0891b2', track: '#cbd5e1' } as const;
export const FLASH = '#f59e0b';
export const FOCUS = '#1d4ed8';
