// `kubectl drain` in the app's Terminal through the worker host: its lines come as the clock
// plays (KUBECTL_OUTPUT), then its exit code (KUBECTL_RESULT) once the node is drained.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { WorkerMessage } from '../protocol/messages';
import { Host, type HostedCluster } from './host';
import { syncRest } from './rest-sync';

describe('Host: kubectl drain in the Terminal', () => {
  it('prints the evictions as the story plays and ends with the exit code', () => {
    const out: WorkerMessage[] = [];
    let wallMs = 0;
    const host = new Host((o) => createCluster(o) as HostedCluster, (m) => out.push(m), () => wallMs, syncRest());
    host.start({ nodes: 1 });
    const frames = (until: () => boolean) => {
      for (let i = 0; i < 20_000 && !until(); i++) {
        wallMs += 16;
        host.tick();
      }
    };
    const result = (id: number) => out.find((m): m is Extract<WorkerMessage, { type: 'KUBECTL_RESULT' }> => m.type === 'KUBECTL_RESULT' && m.id === id);
    host.handle({ type: 'SET_SPEED', speed: 50 });
    host.handle({ type: 'KUBECTL', id: 1, line: 'kubectl create deployment web --image=nginx:1.27', files: {} });
    frames(() => !!result(1));
    expect(result(1)?.stdout).toBe('deployment.apps/web created\n');
    const running = () => {
      host.handle({ type: 'KUBECTL', id: 2, line: 'kubectl get pods --field-selector=status.phase=Running -o name', files: {} });
      const r = result(2);
      out.splice(out.indexOf(r!), 1);
      return r!.stdout;
    };
    let pod = '';
    frames(() => !!(pod = running()));
    host.handle({ type: 'KUBECTL', id: 3, line: 'kubectl drain node-1', files: {} });
    frames(() => !!result(3));
    const printed = out.filter((m): m is Extract<WorkerMessage, { type: 'KUBECTL_OUTPUT' }> => m.type === 'KUBECTL_OUTPUT' && m.id === 3).map((m) => m.stdout + m.stderr).join('');
    const name = pod.trim().replace('pod/', '');
    expect(printed).toBe(`node/node-1 cordoned\nevicting pod default/${name}\npod/${name} evicted\nnode/node-1 drained\n`);
    expect(result(3)).toEqual({ type: 'KUBECTL_RESULT', id: 3, stdout: '', stderr: '', exitCode: 0 });
  });
});
