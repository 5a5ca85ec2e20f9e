// computePodResourceRequest (noderesources/fit.go doc example), sidecar accounting (component-helpers
// resource helpers_test.go, KEP-753) and the non-zero defaults of PodInfo.CalculateResource (types_test.go).
import { describe, expect, it } from 'vitest';
import { makePod } from './testing/wrappers';
import { calculateResource, computePodResourceRequest, computePodResourceRequestNonZero } from './types';

describe('computePodResourceRequest', () => {
  it('is max(Σ containers, max init container) per resource (fit.go example: 3 cpu, 3G)', () => {
    const pod = makePod('p')
      .initReq({ cpu: '2', memory: '1G' })
      .initReq({ cpu: '2', memory: '3G' })
      .req({ cpu: '2', memory: '1G' })
      .req({ cpu: '1', memory: '1G' })
      .obj();
    expect(computePodResourceRequest(pod)).toMatchObject({ milliCPU: 3000, memory: 3e9 });
  });

  it('adds the pod overhead', () => {
    const pod = makePod('p').req({ cpu: '1m', memory: '1' }).overhead({ cpu: '3m', memory: '13' }).obj();
    expect(computePodResourceRequest(pod)).toMatchObject({ milliCPU: 4, memory: 14 });
  });

  it('counts running sidecars with the containers and before later init containers', () => {
    // containers 1 + sidecar 2 = 3; the init container after the sidecar needs 3 + 2 = 5.
    const after = makePod('p').req({ cpu: '1' }).initReq({ cpu: '2' }, 'Always').initReq({ cpu: '3' }).obj();
    expect(computePodResourceRequest(after).milliCPU).toBe(5000);
    // an init container before the sidecar runs alone: max(1 + 2, 3) = 3.
    const before = makePod('p').req({ cpu: '1' }).initReq({ cpu: '3' }).initReq({ cpu: '2' }, 'Always').obj();
    expect(computePodResourceRequest(before).milliCPU).toBe(3000);
  });

  it('keeps extended resources as scalars and ignores unknown unprefixed names', () => {
    const pod = makePod('p').req({ 'example.com/foo': '2', 'hugepages-2Mi': '4Mi', storage: '1Gi' }).obj();
    expect(computePodResourceRequest(pod).scalarResources).toEqual({ 'example.com/foo': 2, 'hugepages-2Mi': 4 * 2 ** 20 });
  });
});

describe('non-zero requests (scoring)', () => {
  it('defaults each container without a cpu/memory request to 100m / 200Mi', () => {
    const pod = makePod('p').container().req({ cpu: '500m' }).obj();
    expect(computePodResourceRequestNonZero(pod)).toMatchObject({ milliCPU: 600, memory: 2 * 200 * 2 ** 20 });
    expect(calculateResource(pod)).toMatchObject({ non0CPU: 600, non0Mem: 2 * 200 * 2 ** 20 });
    expect(calculateResource(pod).resource).toMatchObject({ milliCPU: 500, memory: 0 });
  });

  it('an explicit zero is not defaulted, and a pod without containers counts 0', () => {
    expect(calculateResource(makePod('p').req({ cpu: '0', memory: '0' }).obj())).toMatchObject({ non0CPU: 0, non0Mem: 0 });
    expect(calculateResource(makePod('p').obj())).toMatchObject({ non0CPU: 0, non0Mem: 0 });
  });
});
