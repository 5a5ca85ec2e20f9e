import { describe, expect, it } from 'vitest';
import { faultDoneText, faultFailedText, imagesOf } from './faults';

const pod = (images: string[], init: string[] = []) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
  spec: { containers: images.map((image) => ({ name: 'c', image })), initContainers: init.map((image) => ({ name: 'i', image })) },
});

describe('Faults panel', () => {
  it('offers the images of the played pods, or nginx:1.27 when there are none', () => {
    expect(imagesOf([])).toEqual(['nginx:1.27']);
    expect(imagesOf([pod(['nginx:1.27', 'redis:7']), pod(['nginx:1.27'], ['busybox:1.36']), undefined])).toEqual(['busybox:1.36', 'nginx:1.27', 'redis:7']);
  });

  it('says what happened, and why a fault was refused', () => {
    expect(faultDoneText({ type: 'etcd.stop', target: 'etcd-1' })).toBe('etcd-1 is stopped');
    expect(faultDoneText({ type: 'image.remove', target: 'nginx:1.27' })).toBe('nginx:1.27 is removed from every node');
    expect(faultFailedText({ type: 'node.stop', target: 'node-2' }, 'unsupported fault type "node.stop"')).toBe('node.stop node-2 failed: unsupported fault type "node.stop"');
  });
});
