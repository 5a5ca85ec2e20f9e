// Cases from pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go (v1.33 formula: init
// containers count; max threshold = 1000MB × number of containers).
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { runScorePlugin } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';
import { normalizedImageName } from './image-locality';

const mb = 1024 * 1024;
const img = (size: number, ...names: string[]) => ({ names, sizeBytes: size * mb });
const podWith = (...images: string[]) => images.reduce((w, i) => w.container(i), makePod('p')).obj();
const n = (name: string, ...images: ReturnType<typeof img>[]) => makeNode(name).images(...images).obj();

const node403002000 = (name: string) => n(name, img(40, 'gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'), img(300, 'gcr.io/300:latest', 'gcr.io/300:v1'), img(2000, 'gcr.io/2000:latest'));
const node25010 = (name: string) => n(name, img(250, 'gcr.io/250:latest'), img(10, 'gcr.io/10:latest', 'gcr.io/10:v1'));
const node60040900 = (name: string) => n(name, img(600, 'gcr.io/600:latest'), img(40, 'gcr.io/40:latest'), img(900, 'gcr.io/900:latest'));
const node300600900 = (name: string) => n(name, img(300, 'gcr.io/300:latest'), img(600, 'gcr.io/600:latest'), img(900, 'gcr.io/900:latest'));
const node400030 = (name: string) => n(name, img(4000, 'gcr.io/4000:latest'), img(30, 'gcr.io/30:latest'));
const node203040 = (name: string) => n(name, img(20, 'gcr.io/20:latest'), img(30, 'gcr.io/30:latest'), img(40, 'gcr.io/40:latest'));

const cases: { name: string; pod: Pod; nodes: Node[]; want: number[] }[] = [
  { name: 'two images spread on two nodes, prefer the larger image one', pod: podWith('gcr.io/40', 'gcr.io/250'), nodes: [node403002000('node1'), node25010('node2')], want: [0, 5] },
  { name: 'two images on one node, prefer this node', pod: podWith('gcr.io/40', 'gcr.io/300'), nodes: [node403002000('node1'), node25010('node2')], want: [7, 0] },
  { name: 'if exceed limit, use limit', pod: podWith('gcr.io/10', 'gcr.io/4000'), nodes: [node400030('node1'), node25010('node2')], want: [100, 0] },
  { name: 'if exceed limit, use limit (with a node without images)', pod: podWith('gcr.io/10', 'gcr.io/4000'), nodes: [node400030('node1'), node25010('node2'), n('node3')], want: [66, 0, 0] },
  { name: 'pod with multiple large images, node2 is preferred', pod: podWith('gcr.io/300', 'gcr.io/600', 'gcr.io/900'), nodes: [node60040900('node1'), node300600900('node2'), n('node3')], want: [32, 36, 0] },
  { name: 'pod with multiple small images', pod: podWith('gcr.io/30', 'gcr.io/40'), nodes: [node203040('node1'), node400030('node2')], want: [1, 0] },
  { name: 'include InitContainers', pod: makePod('p').container('gcr.io/30').initImage('gcr.io/300').obj(), nodes: [node403002000('node1'), node203040('node2')], want: [6, 0] },
];

describe('ImageLocality Score', () => {
  it.each(cases)('$name', ({ pod, nodes, want }) => {
    expect(runScorePlugin('ImageLocality', pod, nodes)).toEqual(Object.fromEntries(nodes.map((x, i) => [x.metadata!.name, want[i]])));
  });
});

describe('normalizedImageName', () => {
  const digest = 'sha256:4b9f1d5e0b3f7a3b8f0a4d6c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f';
  it.each([
    ['root', 'root:latest'],
    ['gcr.io:5000/root', 'gcr.io:5000/root:latest'],
    ['root:tag', 'root:tag'],
    [`root@${digest}`, `root@${digest}`],
  ])('%s → %s', (input, output) => {
    expect(normalizedImageName(input)).toBe(output);
  });
});
