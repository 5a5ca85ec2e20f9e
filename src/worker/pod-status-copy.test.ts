// The UI keeps its own copy of kubectl's printPod (src/ui/pods/pod-status.ts) because it may not
// run engine code. Pin it to the engine's printPodRow on real pods in many states, so the two
// copies of a Kubernetes-defined behaviour cannot drift apart.
import { describe, expect, it } from 'vitest';
import { createCluster, printPodRow } from '../engine';
import type { KubeObject } from '../protocol/messages';
import { podColumns } from '../ui/pods/pod-status';

const pod = (name: string, spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const PODS = [
  pod('web', '  containers:\n  - name: c\n    image: nginx:1.27\n'),
  pod('crash', '  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sh", "-c", "exit 1"]\n'),
  pod('done', '  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sh", "-c", "exit 0"]\n'),
  pod('typo', '  containers:\n  - name: c\n    image: ngnix:1.27\n'),
  pod('init', '  initContainers:\n  - name: wait\n    image: busybox:1.36\n    command: ["sleep", "20"]\n  containers:\n  - name: c\n    image: nginx:1.27\n'),
  pod('unready', '  containers:\n  - name: c\n    image: nginx:1.27\n    readinessProbe:\n      exec:\n        command: ["false"]\n'),
  pod('sleeper', '  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sleep", "3600"]\n'),
  pod('big', '  containers:\n  - name: c\n    image: nginx:1.27\n    resources:\n      requests:\n        cpu: "64"\n'),
];

describe("the UI's copy of kubectl's STATUS column", () => {
  it('agrees with the engine on READY, STATUS and RESTARTS through every state of these pods', () => {
    const c = createCluster({ seed: 4 });
    c.runUntilIdle();
    c.apply(PODS.join('---\n'));
    const seen = new Set<string>();
    for (let i = 0; i < 90; i++) {
      if (i === 60) c.delete({ kind: 'Pod', namespace: 'default', name: 'sleeper' });
      c.advance(1_000);
      for (const p of c.list('Pod', 'default')) {
        const engine = printPodRow(p as never, c.now());
        const ui = podColumns(p as unknown as KubeObject);
        seen.add(engine.STATUS);
        expect(`${p.metadata.name}: ${ui.ready} ${ui.status} ${ui.restarts}`).toBe(`${p.metadata.name}: ${engine.READY} ${engine.STATUS} ${engine.RESTARTS.split(' ')[0]}`);
      }
    }
    // the sweep really covered the interesting states
    for (const s of ['Running', 'CrashLoopBackOff', 'Completed', 'ImagePullBackOff', 'Init:0/1', 'Pending', 'Terminating']) expect(seen).toContain(s);
  });
});
