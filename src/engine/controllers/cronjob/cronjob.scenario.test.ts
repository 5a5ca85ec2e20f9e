// CronJob scenarios over the real cluster: a Job every virtual minute named by its scheduled
// minute, history limits, Forbid, suspend, and schedule validation at the API.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';

type Obj = Record<string, any>;

const cronjob = (name: string, schedule: string, extra = '', cmd = 'echo hi; exit 0') => `
apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
  schedule: "${schedule}"
${extra}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: hello
            image: busybox:1.36
            command: ["sh", "-c", "${cmd}"]
`;

const jobs = (t: TestCluster) => (t.c.list('Job', 'default') as Obj[]).map((j) => j.metadata.name).sort();
const cj = (t: TestCluster, name: string) => t.c.get('CronJob', 'default', name) as Obj;

describe('CronJob controller scenarios', () => {
  it('creates a Job each virtual minute and keeps 3 successful ones', () => {
    const t = TestCluster.create({ seed: 4 }).apply(cronjob('hello', '*/1 * * * *'));
    expect(t.lastResults[0]).toMatchObject({ ok: true, action: 'created' });
    expect(cj(t, 'hello').spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    t.runFor(59_000);
    expect(jobs(t)).toEqual([]);
    t.runFor(2_000); // 00:01:01
    // 2025-01-01T00:01:00Z is minute 28928161 since the Unix epoch
    expect(jobs(t)).toEqual(['hello-28928161']);
    const j = t.c.get('Job', 'default', 'hello-28928161') as Obj;
    expect(j.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj(t, 'hello').metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(j.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-01T00:01:00Z' });
    expect(cj(t, 'hello').status).toMatchObject({ lastScheduleTime: '2025-01-01T00:01:00Z', active: [{ kind: 'Job', namespace: 'default', name: 'hello-28928161', uid: j.metadata.uid, apiVersion: 'batch/v1' }] });
    t.runFor(4 * 60_000 + 30_000); // 00:05:31
    expect(jobs(t)).toEqual(['hello-28928163', 'hello-28928164', 'hello-28928165']);
    const st = cj(t, 'hello').status;
    expect(st.active).toBeUndefined();
    expect(st.lastScheduleTime).toBe('2025-01-01T00:05:00Z');
    expect(st.lastSuccessfulTime >= '2025-01-01T00:05:00Z').toBe(true);
    const evs = t.events('hello').map((e) => `${e.reason}: ${e.message}`);
    expect(evs).toContain('SuccessfulCreate: Created job hello-28928161');
    expect(evs).toContain('SawCompletedJob: Saw completed job: hello-28928161, status: Complete');
    expect(evs).toContain('SuccessfulDelete: Deleted job hello-28928161');
    expect(evs).toContain('SuccessfulDelete: Deleted job hello-28928162');
    // the deleted Jobs' pods are collected
    t.runFor(10_000);
    const podJobs = new Set((t.c.list('Pod', 'default') as Obj[]).map((p) => p.metadata.labels['job-name']));
    expect([...podJobs].sort()).toEqual(['hello-28928163', 'hello-28928164', 'hello-28928165']);
  });

  it('Forbid skips a run while the previous Job is still active', () => {
    const t = TestCluster.create({ seed: 6 }).apply(cronjob('lock', '* * * * *', '  concurrencyPolicy: Forbid', 'sleep 90'));
    t.runFor(2 * 60_000 + 5_000); // 00:02:05: the 00:01 job is still running at 00:02
    expect(jobs(t)).toEqual(['lock-28928161']);
    expect(t.events('lock').map((e) => e.reason)).toContain('JobAlreadyActive');
  });

  it('Replace deletes the running Job before starting the next', () => {
    const t = TestCluster.create({ seed: 6 }).apply(cronjob('swap', '* * * * *', '  concurrencyPolicy: Replace', 'sleep 600'));
    t.runFor(2 * 60_000 + 5_000);
    expect(jobs(t)).toEqual(['swap-28928162']);
    expect(t.events('swap').map((e) => `${e.reason}: ${e.message}`)).toContain('SuccessfulDelete: Deleted job swap-28928161');
  });

  it('creates nothing while suspended', () => {
    const t = TestCluster.create({ seed: 2 }).apply(cronjob('idle', '* * * * *', '  suspend: true'));
    t.runFor(3 * 60_000);
    expect(jobs(t)).toEqual([]);
  });

  it('rejects an invalid schedule with robfig/cron\'s message', () => {
    const t = TestCluster.create({ seed: 1 }).apply(cronjob('bad', '61 * * * *'));
    expect(t.lastResults[0].status?.message).toBe('CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
  });
});
