import { describe, expect, it } from 'vitest';
import { execInContainer, flavorOf, hostsFile, resolvConf, type ExecTarget } from './exec-shell';
import { EPOCH_MS } from '../../api/time';

function target(image: string, over: Partial<ExecTarget> = {}): ExecTarget {
  return {
    image,
    elapsedMs: 5000,
    wallMs: EPOCH_MS + 65_000,
    startedWallMs: EPOCH_MS + 60_000,
    pod: { name: 'web-1', namespace: 'shop', ip: '10.244.1.7' },
    plan: {
      argv: ['sleep', '3600'], exitCode: 0, onStop: { kind: 'ignore' }, logs: [],
      fs: [{ t: 10, path: '/tmp/ready', op: 'create' }],
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 'web-1', MODE: 'fast', HOME: '/root' },
      mounted: { '/etc/config/mode': 'fast', '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'shop' },
    },
    ...over,
  };
}
const bb = target('busybox:1.36');
const deb = target('nginx:1.27');
const sh = (t: ExecTarget, script: string) => execInContainer(t, ['sh', '-c', script]);

describe('exec into a container: the simulated shell', () => {
  it('picks the userland by image: busybox for busybox, alpine and *alpine* tags, else Debian', () => {
    expect(['busybox', 'busybox:1.36', 'alpine:3.20', 'nginx:1.27-alpine', 'registry.k8s.io/busybox:1.27.2'].map(flavorOf)).toEqual(['busybox', 'busybox', 'busybox', 'busybox', 'busybox']);
    expect(['nginx:1.27', 'redis:7', 'postgres:16', 'docker.io/library/httpd'].map(flavorOf)).toEqual(['gnu', 'gnu', 'gnu', 'gnu']);
  });

  it('expands $VAR from the container environment; single quotes keep it literal', () => {
    expect(sh(bb, 'echo $HOSTNAME $MODE ${HOME}')).toEqual({ stdout: 'web-1 fast /root\n', stderr: '', exitCode: 0 });
    expect(sh(bb, "echo '$MODE'")).toMatchObject({ stdout: '$MODE\n' });
    // argv words are not a shell's: no expansion
    expect(execInContainer(bb, ['echo', '$MODE'])).toMatchObject({ stdout: '$MODE\n', exitCode: 0 });
    expect(execInContainer(bb, ['printenv', 'MODE'])).toEqual({ stdout: 'fast\n', stderr: '', exitCode: 0 });
    expect(execInContainer(bb, ['printenv', 'NOPE'])).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    expect(execInContainer(bb, ['env']).stdout).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=web-1\nMODE=fast\nHOME=/root\n');
  });

  it('reads mounted volume files and what PID 1 created', () => {
    expect(execInContainer(bb, ['cat', '/etc/config/mode'])).toMatchObject({ stdout: 'fast', exitCode: 0 });
    expect(execInContainer(bb, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).stdout).toBe('shop');
    expect(execInContainer(bb, ['ls', '/etc/config']).stdout).toBe('mode\n');
    expect(execInContainer(bb, ['ls', '/tmp']).stdout).toBe('ready\n');
    // before PID 1 created it
    expect(execInContainer({ ...bb, elapsedMs: 5 }, ['ls', '/tmp']).stdout).toBe('');
    expect(execInContainer(bb, ['ls', '-l', '/etc/config']).stdout).toBe('total 0\nlrwxrwxrwx    1 root     root            11 Jan  1 00:01 mode -> ..data/mode\n');
  });

  it('words missing files as busybox or as GNU coreutils, with their exit codes', () => {
    expect(execInContainer(bb, ['cat', 'x'])).toEqual({ stdout: '', stderr: "cat: can't open 'x': No such file or directory\n", exitCode: 1 });
    expect(execInContainer(deb, ['cat', 'x'])).toEqual({ stdout: '', stderr: 'cat: x: No such file or directory\n', exitCode: 1 });
    expect(execInContainer(bb, ['ls', '/nope'])).toEqual({ stdout: '', stderr: 'ls: /nope: No such file or directory\n', exitCode: 1 });
    expect(execInContainer(deb, ['ls', '/nope'])).toEqual({ stdout: '', stderr: "ls: cannot access '/nope': No such file or directory\n", exitCode: 2 });
  });

  it('an unknown command: the shell says not found (127); exec of a missing binary fails to start', () => {
    expect(sh(bb, 'foo')).toEqual({ stdout: '', stderr: 'sh: foo: not found\n', exitCode: 127 });
    expect(sh(deb, 'foo')).toEqual({ stdout: '', stderr: 'sh: 1: foo: not found\n', exitCode: 127 });
    // Debian's nginx image has no procps
    expect(sh(deb, 'ps')).toMatchObject({ stderr: 'sh: 1: ps: not found\n', exitCode: 127 });
    expect(execInContainer(bb, ['foo'])).toMatchObject({ exitCode: 128, startError: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown' });
    // busybox has no bash
    expect(execInContainer(bb, ['bash', '-c', 'true']).startError).toContain('exec: "bash"');
    expect(execInContainer(deb, ['bash', '-c', 'echo ok']).stdout).toBe('ok\n');
  });

  it('exit codes: exit N, && and ||, $?', () => {
    expect(sh(bb, 'cat /nope; exit 3')).toMatchObject({ exitCode: 3 });
    expect(sh(bb, 'false || echo fell back')).toMatchObject({ stdout: 'fell back\n', exitCode: 0 });
    expect(sh(bb, 'false && echo never')).toMatchObject({ stdout: '', exitCode: 1 });
    expect(sh(bb, 'false; echo $?')).toMatchObject({ stdout: '1\n', exitCode: 0 });
    expect(sh(bb, 'exit 300')).toMatchObject({ exitCode: 44 });
  });

  it('the kubelet-managed /etc/hosts, /etc/resolv.conf and hostname', () => {
    expect(execInContainer(bb, ['cat', '/etc/hosts']).stdout).toBe(hostsFile(bb.pod));
    expect(hostsFile(bb.pod).split('\n').slice(-2)).toEqual(['10.244.1.7\tweb-1', '']);
    expect(hostsFile({ ...bb.pod, hostname: 'db-0', subdomain: 'db' }).split('\n').at(-2)).toBe('10.244.1.7\tdb-0.db.shop.svc.cluster.local\tdb-0');
    expect(resolvConf(bb.pod)).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(sh(bb, 'hostname; cat /etc/hostname').stdout).toBe('web-1\nweb-1\n');
  });

  it('whoami, id, pwd, cd, date, ps', () => {
    expect(sh(bb, 'whoami; id; pwd; cd /etc; pwd; date').stdout).toBe('root\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\n/\n/etc\nWed Jan  1 00:01:05 UTC 2025\n');
    expect(execInContainer(deb, ['id']).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect(execInContainer(bb, ['ps']).stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps\n');
    // a debugger targeting a container sees its PID 1
    expect(execInContainer({ ...bb, others: [['nginx', '-g', 'daemon off;']] }, ['ps']).stdout.split('\n').slice(1, 3)).toEqual(['    1 root      0:00 nginx -g daemon off;', '    2 root      0:00 sleep 3600']);
  });

  it('stdin (exec -i): a shell without -c runs it as its script; cat copies it', () => {
    expect(execInContainer(bb, ['sh'], 'echo $MODE\nexit 5\necho never\n')).toEqual({ stdout: 'fast\n', stderr: '', exitCode: 5 });
    expect(execInContainer(bb, ['cat'], 'line 1\nline 2\n')).toEqual({ stdout: 'line 1\nline 2\n', stderr: '', exitCode: 0 });
    expect(sh(bb, 'cat /etc/config/mode -')).toMatchObject({ stdout: 'fast' });
    // no stdin: EOF at once
    expect(execInContainer(bb, ['sh'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
});
