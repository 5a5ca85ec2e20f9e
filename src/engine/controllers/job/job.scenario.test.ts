// Job scenarios over the real cluster: completions/parallelism, the pod-failure back-off to
// backoffLimit, activeDeadlineSeconds and ttlSecondsAfterFinished.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';
import { parseRfc3339 } from '../../api/time';

type Obj = Record<string, any>;

const job = (name: string, spec: string, cmd: string, restartPolicy = 'Never') => `
apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
    spec:
      restartPolicy: ${restartPolicy}
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", "${cmd}"]
`;

const getJob = (t: TestCluster, name: string) => t.c.get('Job', 'default', name) as Obj | undefined;
const podsOf = (t: TestCluster, name: string) => (t.c.list('Pod', 'default') as Obj[]).filter((p) => p.metadata.labels?.['batch.kubernetes.io/job-name'] === name);
const condTypes = (j: Obj | undefined) => (j?.status?.conditions ?? []).map((c: Obj) => c.type);
/** kubectl get jobs: STATUS and COMPLETIONS columns (printers.go printJob) */
function printJob(j: Obj): { STATUS: string; COMPLETIONS: string } {
  const conds: Obj[] = j.status?.conditions ?? [];
  const has = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
  const STATUS = has('Complete') ? 'Complete' : has('Failed') ? 'Failed' : j.metadata.deletionTimestamp ? 'Terminating' : has('FailureTarget') ? 'FailureTarget' : j.spec.suspend ? 'Suspended' : has('SuccessCriteriaMet') ? 'SuccessCriteriaMet' : 'Running';
  return { STATUS, COMPLETIONS: `${j.status?.succeeded ?? 0}/${j.spec.completions ?? 1}` };
}

describe('Job controller scenarios', () => {
  it('runs completions 3 with parallelism 2 to Complete', () => {
    const t = TestCluster.create({ seed: 3 }).apply(job('pi', '  completions: 3\n  parallelism: 2', 'sleep 3; exit 0'));
    expect(t.lastResults[0]).toMatchObject({ ok: true, action: 'created' });
    const j0 = getJob(t, 'pi')!;
    expect(j0.spec).toMatchObject({ completions: 3, parallelism: 2, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false });
    expect(j0.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': j0.metadata.uid } });
    expect(j0.spec.template.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': j0.metadata.uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': j0.metadata.uid, 'job-name': 'pi' });
    t.runFor(2_000);
    expect(podsOf(t, 'pi')).toHaveLength(2);
    expect(printJob(getJob(t, 'pi')!)).toEqual({ STATUS: 'Running', COMPLETIONS: '0/3' });
    t.runUntil((x) => condTypes(getJob(x, 'pi')).includes('Complete'), 120_000);
    const j = getJob(t, 'pi')!;
    expect(condTypes(j)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(j.status).toMatchObject({ succeeded: 3, terminating: 0, ready: 0, uncountedTerminatedPods: {} });
    expect(j.status.active).toBeUndefined();
    expect(j.status.completionTime).toBe(j.status.conditions[1].lastTransitionTime);
    expect(printJob(j)).toEqual({ STATUS: 'Complete', COMPLETIONS: '3/3' });
    const pods = podsOf(t, 'pi');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.status.phase === 'Succeeded' && p.metadata.name.startsWith('pi-'))).toBe(true);
    expect(pods.map((p) => t.status(p.metadata.name))).toEqual(['Completed', 'Completed', 'Completed']);
    // two start at once, the third only when one has finished
    const created = pods.map((p) => parseRfc3339(p.metadata.creationTimestamp)).sort((a, b) => a - b);
    expect(created[1] - created[0]).toBeLessThan(1000);
    expect(created[2] - created[1]).toBeGreaterThanOrEqual(3000);
    t.runFor(2_000); // the Completed Event is posted after the status write
    const evs = t.events('pi').map((e) => `${e.reason}: ${e.message}`);
    expect(evs.filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(3);
    expect(evs.at(-1)).toBe('Completed: Job completed');
  });

  it('backs off 10 s then 20 s between failed pods and fails at backoffLimit 2', () => {
    const t = TestCluster.create({ seed: 5 }).apply(job('boom', '  backoffLimit: 2', 'sleep 1; exit 1'));
    t.runUntil((x) => condTypes(getJob(x, 'boom')).includes('Failed'), 300_000);
    const j = getJob(t, 'boom')!;
    expect(condTypes(j)).toEqual(['FailureTarget', 'Failed']);
    expect(j.status.conditions[1]).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(j.status).toMatchObject({ failed: 3, terminating: 0, ready: 0 });
    expect(j.status.completionTime).toBeUndefined();
    expect(printJob(j)).toEqual({ STATUS: 'Failed', COMPLETIONS: '0/1' });
    const pods = podsOf(t, 'boom').sort((a, b) => parseRfc3339(a.metadata.creationTimestamp) - parseRfc3339(b.metadata.creationTimestamp));
    expect(pods).toHaveLength(3);
    expect(pods.map((p) => t.status(p.metadata.name))).toEqual(['Error', 'Error', 'Error']);
    // each replacement waits the back-off after the previous pod's container finished
    const finished = (p: Obj) => parseRfc3339(p.status.containerStatuses[0].state.terminated.finishedAt);
    const created = (p: Obj) => parseRfc3339(p.metadata.creationTimestamp);
    expect(created(pods[1]) - finished(pods[0])).toBe(10_000);
    expect(created(pods[2]) - finished(pods[1])).toBe(20_000);
    t.runFor(2_000);
    const evs = t.events('boom').map((e) => `${e.type} ${e.reason}: ${e.message}`);
    expect(evs.at(-1)).toBe('Warning BackoffLimitExceeded: Job has reached the specified backoff limit');
    // the back-off waits were syncs that wrote nothing
    const waits = t.traceOf('controller.sync').filter((e) => String(e.params.action).startsWith('wait pod failure back-off'));
    expect(waits.length).toBeGreaterThanOrEqual(2);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds, deleting the running pod first', () => {
    const t = TestCluster.create({ seed: 9 }).apply(job('slow', '  activeDeadlineSeconds: 5', 'sleep 60'));
    t.runUntil((x) => condTypes(getJob(x, 'slow')).includes('FailureTarget'), 60_000);
    expect(t.c.now()).toBeGreaterThanOrEqual(5_000);
    expect(condTypes(getJob(t, 'slow'))).toEqual(['FailureTarget']);
    t.runUntil((x) => condTypes(getJob(x, 'slow')).includes('Failed'), 120_000);
    const j = getJob(t, 'slow')!;
    expect(j.status.conditions[1]).toMatchObject({ type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(j.status.failed).toBe(1);
    t.runFor(2_000);
    expect(t.events('slow').map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulDelete', 'DeadlineExceeded']);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished, and the garbage collector its pods', () => {
    const t = TestCluster.create({ seed: 11 }).apply(job('once', '  ttlSecondsAfterFinished: 30', 'exit 0'));
    t.runUntil((x) => condTypes(getJob(x, 'once')).includes('Complete'), 60_000);
    const doneAt = parseRfc3339(getJob(t, 'once')!.status.completionTime);
    t.runUntil((x) => getJob(x, 'once') === undefined, 120_000);
    expect(t.c.now() - doneAt).toBeGreaterThanOrEqual(30_000);
    expect(t.c.now() - doneAt).toBeLessThan(32_000);
    t.runFor(5_000);
    expect(podsOf(t, 'once')).toEqual([]);
  });

  it('rejects restartPolicy Always with the real message', () => {
    const t = TestCluster.create({ seed: 1 }).apply(job('bad', '  completions: 1', 'true', 'Always'));
    expect(t.lastResults[0].ok).toBe(false);
    expect(t.lastResults[0].status?.message).toBe('Job.batch "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
  });

  it('runs an Indexed job: one pod per index, completedIndexes "0-2"', () => {
    const t = TestCluster.create({ seed: 8 }).apply(job('idx', '  completions: 3\n  parallelism: 3\n  completionMode: Indexed', 'exit 0'));
    t.runUntil((x) => condTypes(getJob(x, 'idx')).includes('Complete'), 60_000);
    const j = getJob(t, 'idx')!;
    expect(j.status).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    const pods = podsOf(t, 'idx');
    const byIndex = pods.map((p) => [p.metadata.annotations['batch.kubernetes.io/job-completion-index'], p.metadata.labels['batch.kubernetes.io/job-completion-index'], p.spec.hostname, p.metadata.name.slice(0, 6)]).sort();
    expect(byIndex).toEqual([
      ['0', '0', 'idx-0', 'idx-0-'],
      ['1', '1', 'idx-1', 'idx-1-'],
      ['2', '2', 'idx-2', 'idx-2-'],
    ]);
    // the apiserver's defaulting gives the fieldRef its apiVersion (SetDefaults_ObjectFieldSelector)
    expect(pods[0].spec.containers[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
  });
});
