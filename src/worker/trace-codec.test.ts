import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import { deflateTraceCodec } from './trace-codec';

describe('the trace codec', () => {
  it('packs a page to its JSON at once and to deflated bytes soon after; both read back equal', async () => {
    const c = createCluster({ seed: 3, nodes: 3 });
    c.runUntilIdle();
    const page = c.trace().slice(0, 2048);
    const packed = deflateTraceCodec.pack(page);
    const json = JSON.stringify(page);
    expect(deflateTraceCodec.bytes!(packed)).toBe(json.length);
    expect(deflateTraceCodec.unpack(packed)).toEqual(JSON.parse(json));
    for (let i = 0; i < 100 && deflateTraceCodec.bytes!(packed) === json.length; i++) await new Promise((r) => setTimeout(r, 10));
    // the trace's JSON is repetitive: deflated it is a small fraction
    expect(deflateTraceCodec.bytes!(packed)).toBeLessThan(json.length / 5);
    expect(deflateTraceCodec.unpack(packed)).toEqual(JSON.parse(json));
  });
});
