// Cases from pkg/scheduler/framework/plugins/nodeports/node_ports_test.go (TestNodePorts): ports written
// "PROTOCOL/hostIP/port"; 0.0.0.0 (or an empty hostIP) conflicts with every IP.
import { describe, expect, it } from 'vitest';
import { runFilterPlugin } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';
import { HostPortInfo } from '../../framework/types';

const node = makeNode('n').capacity({ pods: '10' }).obj();
const conflict = { code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] };
const ok = { code: 'Success', reasons: [] };

describe('NodePorts Filter', () => {
  it.each([
    { name: 'nothing running', pod: [], existing: [], want: ok },
    { name: 'other port', pod: ['UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/9090'], want: ok },
    { name: 'same udp port', pod: ['UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/8080'], want: conflict },
    { name: 'same tcp port', pod: ['TCP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8080'], want: conflict },
    { name: 'different host ip', pod: ['TCP/127.0.0.1/8080'], existing: ['TCP/127.0.0.2/8080'], want: ok },
    { name: 'different protocol', pod: ['UDP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8080'], want: ok },
    { name: 'second udp port conflict', pod: ['TCP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], existing: ['UDP/127.0.0.1/8080'], want: conflict },
    { name: 'first tcp port conflict', pod: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'], existing: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'], want: conflict },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', pod: ['TCP/0.0.0.0/8001'], existing: ['TCP/127.0.0.1/8001'], want: conflict },
    { name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', pod: ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'], existing: ['TCP/127.0.0.1/8001'], want: conflict },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', pod: ['TCP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001'], want: conflict },
    { name: 'second different protocol', pod: ['UDP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001'], want: ok },
    { name: 'UDP hostPort conflict due to 0.0.0.0 hostIP', pod: ['UDP/127.0.0.1/8001'], existing: ['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'], want: conflict },
    { name: 'empty hostIP and protocol mean 0.0.0.0/TCP', pod: ['//8001'], existing: ['TCP/127.0.0.1/8001'], want: conflict },
  ])('$name', ({ pod, existing, want }) => {
    const p = makePod('p').hostPorts(...pod).obj();
    const e = existing.length ? [makePod('e').node('n').hostPorts(...existing).obj()] : [];
    expect(runFilterPlugin('NodePorts', p, node, e)).toEqual(want);
  });

  it('skips (Success) when the pod asks for no host port', () => {
    const p = makePod('p').obj();
    p.spec!.containers.push({ name: 'web', ports: [{ containerPort: 80 }] });
    expect(runFilterPlugin('NodePorts', p, node, [makePod('e').hostPorts('TCP/0.0.0.0/80').obj()])).toEqual(ok);
  });

  it('counts uses so removing one of two identical ports keeps the conflict', () => {
    const h = new HostPortInfo();
    h.add('', 'TCP', 80);
    h.add('0.0.0.0', '', 80);
    h.remove('0.0.0.0', 'TCP', 80);
    expect(h.checkConflict('10.0.0.1', 'TCP', 80)).toBe(true);
    h.remove('', '', 80);
    expect(h.checkConflict('10.0.0.1', 'TCP', 80)).toBe(false);
    expect(h.size).toBe(0);
  });
});
