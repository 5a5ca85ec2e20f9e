import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import { handle } from './handler';

describe('pods/exec in the REST layer', () => {
  const c = createCluster({ seed: 3, nodes: 1 });
  c.runUntilIdle(120_000);
  c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bb', namespace: 'default' }, spec: { containers: [{ name: 'bb', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
  c.advance(30_000);
  const ctx = { cluster: c, serverAddress: 'x' };
  const url = '/api/v1/namespaces/default/pods/bb/exec?command=sh&command=-c&command=echo+%24HOSTNAME%3B+exit+2&container=bb&stderr=true&stdout=true';
  const upgrade = { connection: 'Upgrade', upgrade: 'websocket' };

  it('runs the command on an upgrade request and reports the exit code as the kubelet does', () => {
    const r = handle(ctx, { method: 'GET', url, headers: upgrade });
    expect(r.code).toBe(101);
    expect(r.exec).toMatchObject({ stdout: 'bb\n', stderr: '', exitCode: 2 });
    expect(r.exec!.status).toEqual({
      metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
      message: 'command terminated with non-zero exit code: error executing command [sh -c echo $HOSTNAME; exit 2], exit code 2',
      details: { causes: [{ reason: 'ExitCode', message: '2' }] },
    });
  });

  it('a plain request is refused: the streams need an upgrade', () => {
    const r = handle(ctx, { method: 'POST', url, headers: {} });
    expect([r.code, JSON.parse(r.body).message]).toEqual([400, 'Upgrade request required']);
  });

  it('RBAC: a WebSocket GET is checked as get, then create; SPDY POST as create', () => {
    const as = { 'impersonate-user': 'alice' };
    const get = handle(ctx, { method: 'GET', url, headers: { ...upgrade, ...as } });
    expect([get.code, JSON.parse(get.body).message]).toEqual([403, 'pods "bb" is forbidden: User "alice" cannot get resource "pods/exec" in API group "" in the namespace "default"']);
    const post = handle(ctx, { method: 'POST', url, headers: { connection: 'Upgrade', upgrade: 'SPDY/3.1', ...as } });
    expect(JSON.parse(post.body).message).toBe('pods "bb" is forbidden: User "alice" cannot create resource "pods/exec" in API group "" in the namespace "default"');
  });

  it('exec leaves the run as it was: no input recorded, no trace event', () => {
    const before = c.trace().length;
    handle(ctx, { method: 'GET', url, headers: upgrade });
    expect(c.trace().length).toBe(before);
  });
});
