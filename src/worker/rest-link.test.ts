// The browser worker loads src/rest on the first Terminal line: that line, and what the user sent
// while it loaded, are answered in the order they were sent.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { WorkerMessage } from '../protocol/messages';
import { Host, type HostedCluster } from './host';
import { lazyRest, type RestLink } from './rest-link';

function boot(link: RestLink) {
  const out: WorkerMessage[] = [];
  const host = new Host((o) => createCluster(o) as HostedCluster, (m) => out.push(m), () => 0, link);
  host.start({});
  return { host, out };
}

describe('the worker links src/rest lazily', () => {
  it('answers the first kubectl line once src/rest is loaded, then the commands sent meanwhile, in order', async () => {
    const link = lazyRest();
    const { host, out } = boot(link);
    expect(link.ready).toBeNull();
    const from = out.length;
    host.handle({ type: 'KUBECTL', id: 1, line: 'kubectl get nodes', files: {} });
    host.handle({ type: 'EXPORT_RUN', id: 2 });
    host.handle({ type: 'KUBECTL', id: 3, line: 'kubectl get pod missing', files: {} });
    // nothing answered before the module is there
    expect(out.slice(from).filter((m) => m.type === 'KUBECTL_RESULT' || m.type === 'RUN_DATA')).toEqual([]);
    await link.load();
    await Promise.resolve();
    const answered = out.slice(from).filter((m) => m.type === 'KUBECTL_RESULT' || m.type === 'RUN_DATA');
    expect(answered.map((m) => `${m.type}#${(m as { id: number }).id}`)).toEqual(['KUBECTL_RESULT#1', 'RUN_DATA#2', 'KUBECTL_RESULT#3']);
    expect(answered[0]).toMatchObject({ stdout: expect.stringMatching(/^NAME {5}STATUS {3}ROLES {4}AGE {3}VERSION\nnode-1 {3}Ready/), exitCode: 0 });
    expect(answered[2]).toMatchObject({ stderr: 'Error from server (NotFound): pods "missing" not found\n', exitCode: 1 });
    // loaded: the next line is answered at once
    const next = out.length;
    host.handle({ type: 'KUBECTL', id: 4, line: 'kubectl get ns default', files: {} });
    expect(out.slice(next).find((m) => m.type === 'KUBECTL_RESULT')).toMatchObject({ id: 4, exitCode: 0 });
  });

  it('answers the Terminal with an error if src/rest cannot be loaded, and keeps the other commands', async () => {
    const failing: RestLink = { ready: null, load: () => Promise.reject(new Error('network down')) };
    const { host, out } = boot(failing);
    const from = out.length;
    host.handle({ type: 'KUBECTL', id: 1, line: 'kubectl get nodes', files: {} });
    host.handle({ type: 'EXPORT_RUN', id: 2 });
    await new Promise((r) => setTimeout(r, 0));
    const answered = out.slice(from).filter((m) => m.type === 'KUBECTL_RESULT' || m.type === 'RUN_DATA');
    expect(answered[0]).toEqual({ type: 'KUBECTL_RESULT', id: 1, stdout: '', stderr: 'error: kubectl could not be loaded: network down\n', exitCode: 1 });
    expect(answered[1]).toMatchObject({ type: 'RUN_DATA', id: 2 });
  });
});
