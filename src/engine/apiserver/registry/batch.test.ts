// batch/v1 defaulting and validation as unit tables (pkg/apis/batch/v1/defaults_test.go,
// pkg/apis/batch/validation/validation_test.go, pkg/registry/batch/job/strategy_test.go facts).
import { describe, expect, it } from 'vitest';
import { defaultCronJob, defaultJob, prepareJobForCreate, validateCronJob, validateJob } from './batch';
import { fieldErrorString } from '../validation/field-errors';

type Obj = Record<string, any>;
const tmpl = (rp = 'Never', labels?: Obj) => ({ metadata: labels ? { labels } : {}, spec: { restartPolicy: rp, containers: [{ name: 'c', image: 'busybox' }] } });

describe('SetDefaults_Job', () => {
  it.each([
    [{}, { completions: 1, parallelism: 1 }],
    [{ completions: 5 }, { completions: 5, parallelism: 1 }],
    [{ parallelism: 3 }, { parallelism: 3 }],
  ])('%j', (spec, want) => {
    const o: Obj = { metadata: { name: 'j' }, spec: { ...spec, template: tmpl() } };
    defaultJob(o);
    expect(o.spec).toMatchObject({ ...want, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false });
    expect(o.spec.completions).toBe((want as Obj).completions);
  });

  it('generates the selector and template labels from the UID, and copies them to the Job', () => {
    const o: Obj = { metadata: { name: 'pi', namespace: 'default', uid: 'u-1' }, spec: { template: tmpl('Never', { app: 'pi' }) } };
    defaultJob(o);
    prepareJobForCreate(o);
    expect(o.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    expect(o.spec.template.metadata.labels).toEqual({ app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'batch.kubernetes.io/controller-uid': 'u-1' });
    // labels were copied at defaulting time (user labels only) and are kept
    expect(o.metadata.labels).toEqual({ app: 'pi' });
    expect(validateJob(o)).toEqual([]);
  });
});

describe('ValidateJob', () => {
  const job = (spec: Obj): Obj => {
    const o: Obj = { metadata: { name: 'j', namespace: 'default', uid: 'u' }, spec };
    defaultJob(o);
    prepareJobForCreate(o);
    return o;
  };
  it.each([
    [{ template: tmpl('Always') }, 'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"'],
    [{ template: tmpl(), parallelism: -1 }, 'spec.parallelism: Invalid value: -1: must be greater than or equal to 0'],
    [{ template: tmpl(), backoffLimit: -1 }, 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
    [{ template: tmpl(), activeDeadlineSeconds: 0 }, 'spec.activeDeadlineSeconds: Invalid value: 0: must be greater than 0'],
    [{ template: tmpl(), completionMode: 'Sometimes' }, 'spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"'],
  ])('%j', (spec, msg) => {
    expect(validateJob(job(spec)).map(fieldErrorString)).toContain(msg);
  });
});

describe('CronJob', () => {
  const cron = (extra: Obj, name = 'c'): Obj => {
    const o: Obj = { metadata: { name, namespace: 'default' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: tmpl('OnFailure') } }, ...extra } };
    defaultCronJob(o);
    return o;
  };
  it('defaults the policy, suspend and history limits but not the job template spec', () => {
    const o = cron({});
    expect(o.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(o.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(validateCronJob(o)).toEqual([]);
  });
  it.each([
    [{ schedule: '*/5 * * *' }, 'c', 'spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: */5 * * *'],
    [{ concurrencyPolicy: 'Sometimes' }, 'c', 'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    [{}, 'x'.repeat(53), `metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`],
    [{ jobTemplate: { spec: { template: tmpl('Always') } } }, 'c', 'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"'],
  ])('%j %s', (extra, name, msg) => {
    expect(validateCronJob(cron(extra, name)).map(fieldErrorString)).toContain(msg);
  });
});
