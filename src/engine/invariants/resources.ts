// What a pod asks of its node, as the scheduler counts it: component-helpers
// resource/helpers.go PodRequests (containers summed, init containers as a max, restartable
// init containers — sidecars — added to both, plus the pod's overhead). Pod-level resources
// (alpha in 1.33) are not modelled.
import { bytes, cpuMilli } from '../api/quantity';

type Obj = Record<string, any>;

export interface Requests {
  cpu: number;
  mem: number;
}

function of(c: Obj | undefined): Requests {
  const r = c?.resources?.requests ?? {};
  return { cpu: cpuMilli(r.cpu), mem: bytes(r.memory) };
}

const add = (a: Requests, b: Requests): Requests => ({ cpu: a.cpu + b.cpu, mem: a.mem + b.mem });
const max = (a: Requests, b: Requests): Requests => ({ cpu: Math.max(a.cpu, b.cpu), mem: Math.max(a.mem, b.mem) });

export function podRequests(pod: Obj): Requests {
  const spec = pod.spec ?? {};
  let reqs: Requests = { cpu: 0, mem: 0 };
  for (const c of spec.containers ?? []) reqs = add(reqs, of(c));
  let sidecars: Requests = { cpu: 0, mem: 0 };
  let init: Requests = { cpu: 0, mem: 0 };
  for (const c of spec.initContainers ?? []) {
    let r = of(c);
    if (c?.restartPolicy === 'Always') {
      reqs = add(reqs, r);
      sidecars = add(sidecars, r);
      r = sidecars;
    } else r = add(r, sidecars);
    init = max(init, r);
  }
  reqs = max(reqs, init);
  return add(reqs, of({ resources: { requests: spec.overhead ?? {} } }));
}
