import { describe, expect, it } from 'vitest';
import { anchorOf, boxIdOf, computeLayout, densityFor, pipelineInletX } from './layout';

const names = (n: number) => Array.from({ length: n }, (_, i) => `node-${i + 1}`);

describe('diagram layout', () => {
  it('picks a density that keeps text legible', () => {
    expect(densityFor(3)).toBe('full');
    expect(densityFor(12)).toBe('compact');
    expect(densityFor(13)).toBe('pool');
  });

  it('puts the control plane in one row and the nodes below it', () => {
    const l = computeLayout(names(3));
    const control = l.boxes.filter((b) => b.kind === 'control');
    expect(control.map((b) => b.id)).toEqual(['kubectl', 'kube-apiserver', 'etcd', 'controller-manager', 'scheduler']);
    expect(new Set(control.map((b) => b.y + b.h / 2)).size).toBe(1);
    const workers = l.boxes.filter((b) => b.kind === 'worker');
    expect(workers).toHaveLength(3);
    for (const w of workers) expect(w.y).toBeGreaterThan(control[0].y + control[0].h);
  });

  it('never overlaps boxes', () => {
    for (const n of [1, 3, 4, 7, 12]) {
      const boxes = computeLayout(names(n)).boxes;
      for (const a of boxes)
        for (const b of boxes)
          if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
    }
  });

  it('aggregates 1,000 nodes into one pool with a cell per node', () => {
    const l = computeLayout(names(1000));
    expect(l.boxes.filter((b) => b.kind === 'pool')).toHaveLength(1);
    const pool = l.boxes.find((b) => b.kind === 'pool')!;
    const cell = l.anchors['kubelet:node-1000'];
    expect(cell.y).toBeLessThan(pool.y + pool.h);
    expect(cell.x).toBeLessThan(pool.x + pool.w);
  });

  it('gives each etcd member a row in the etcd box, and keeps the nodes below it', () => {
    const l = computeLayout(names(3), ['etcd-0', 'etcd-1', 'etcd-2']);
    const etcd = l.boxes.find((b) => b.id === 'etcd')!;
    const rows = ['etcd-0', 'etcd-1', 'etcd-2'].map((id) => l.anchors[id]);
    expect(rows.map((p) => p.y)).toEqual([...rows.map((p) => p.y)].sort((a, b) => a - b));
    for (const p of rows) expect(p.y > etcd.y && p.y < etcd.y + etcd.h).toBe(true);
    for (const w of l.boxes.filter((b) => b.kind === 'worker')) expect(w.y).toBeGreaterThan(etcd.y + etcd.h);
    expect(anchorOf(l, 'etcd-2')).toEqual(rows[2]);
  });

  it('maps component ids onto boxes and anchors', () => {
    const l = computeLayout(names(3));
    expect(boxIdOf('etcd-2')).toBe('etcd');
    expect(boxIdOf('controller:deployment')).toBe('controller-manager');
    expect(boxIdOf('runtime:node-2')).toBe('node:node-2');
    expect(anchorOf(l, 'etcd-1')).toEqual(l.anchors.etcd);
    expect(anchorOf(l, 'kube-proxy:node-1')).toEqual(l.anchors['node:node-1']);
    expect(anchorOf(l, 'somebody-new')).toEqual(l.anchors['kube-apiserver']);
    expect(anchorOf(l, 'runtime:node-1').y).toBeGreaterThan(anchorOf(l, 'kubelet:node-1').y);
  });

  it('hangs the request pipeline below the apiserver, level with the nodes and left of them', () => {
    for (const n of [3, 12, 1000]) {
      const l = computeLayout(names(n), ['etcd-0', 'etcd-1', 'etcd-2']);
      const api = l.boxes.find((b) => b.id === 'kube-apiserver')!;
      const pipe = l.boxes.find((b) => b.kind === 'pipeline')!;
      expect(pipe.x).toBeLessThanOrEqual(api.x + api.w / 2);
      expect(pipe.x + pipe.w).toBeGreaterThanOrEqual(api.x + api.w / 2);
      expect(pipe.y).toBeGreaterThan(api.y + api.h);
      const below = l.boxes.filter((b) => b.kind === 'worker' || b.kind === 'pool');
      expect(Math.min(...below.map((b) => b.y))).toBe(pipe.y);
      for (const b of below) expect(b.x).toBeGreaterThan(pipe.x + pipe.w);
      expect(pipelineInletX(l)).toBe(api.x + api.w / 2 - pipe.x);
    }
  });
});
