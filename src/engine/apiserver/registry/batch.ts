// batch/v1 Job and CronJob: defaulting (pkg/apis/batch/v1/defaults.go SetDefaults_Job,
// SetDefaults_CronJob), the Job strategy's generated selector (pkg/registry/batch/job/strategy.go
// generateSelector) and validation (pkg/apis/batch/validation/validation.go), reduced: no
// podFailurePolicy/successPolicy/backoffLimitPerIndex checks, no managedBy.
import { type FieldError, invalid, notSupported, required } from '../validation/field-errors';
import { isDNS1123Subdomain, validateObjectMeta } from '../validation/names';
import { defaultPodSpec } from './pod-defaults';
import { validatePodSpec } from './pod-validation';
import { labelSelectorAsSelector, matchesSelector } from '../../api/selectors';
import { parseStandard } from '../../api/cron';

type Obj = Record<string, any>;

// k8s.io/api/batch/v1 types.go label keys
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

function setIfMissing(o: Obj, field: string, value: unknown, path: string, added: string[]): void {
  if (o[field] === undefined || o[field] === null) {
    o[field] = value;
    added.push(path);
  }
}

function defaultTemplate(template: Obj | undefined, path: string, added: string[]): void {
  if (!template || typeof template !== 'object') return;
  template.metadata ??= {};
  template.spec ??= {};
  defaultPodSpec(template.spec, `${path}.spec`, added, false);
}

/** SetDefaults_Job (pkg/apis/batch/v1/defaults.go). */
export function defaultJobSpec(spec: Obj, path: string, added: string[]): void {
  // both unset ⇒ a non-parallel job: completions 1, parallelism 1; completions unset alone stays unset (work queue)
  if ((spec.completions ?? null) === null && (spec.parallelism ?? null) === null) setIfMissing(spec, 'completions', 1, `${path}.completions`, added);
  setIfMissing(spec, 'parallelism', 1, `${path}.parallelism`, added);
  setIfMissing(spec, 'backoffLimit', spec.backoffLimitPerIndex != null ? 2147483647 : 6, `${path}.backoffLimit`, added);
  setIfMissing(spec, 'completionMode', 'NonIndexed', `${path}.completionMode`, added);
  setIfMissing(spec, 'suspend', false, `${path}.suspend`, added);
  setIfMissing(spec, 'podReplacementPolicy', spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed', `${path}.podReplacementPolicy`, added);
  setIfMissing(spec, 'manualSelector', false, `${path}.manualSelector`, added);
  // the template is a struct upstream, defaulted even when the manifest has none
  spec.template ??= {};
  defaultTemplate(spec.template, `${path}.template`, added);
}

export function defaultJob(o: Obj): string[] {
  const added: string[] = [];
  const spec = (o.spec ??= {});
  defaultJobSpec(spec, 'spec', added);
  copyTemplateLabels(o);
  return added;
}

/** SetDefaults_Job: a Job without labels takes its template's labels. */
function copyTemplateLabels(o: Obj): void {
  const labels = o.spec?.template?.metadata?.labels;
  if (labels && Object.keys(o.metadata?.labels ?? {}).length === 0) {
    o.metadata ??= {};
    o.metadata.labels = { ...labels };
  }
}

/** SetDefaults_CronJob. The job template gets PodSpec defaults only (not SetDefaults_Job). */
export function defaultCronJob(o: Obj): string[] {
  const added: string[] = [];
  const spec = (o.spec ??= {});
  setIfMissing(spec, 'concurrencyPolicy', 'Allow', 'spec.concurrencyPolicy', added);
  setIfMissing(spec, 'suspend', false, 'spec.suspend', added);
  setIfMissing(spec, 'successfulJobsHistoryLimit', 3, 'spec.successfulJobsHistoryLimit', added);
  setIfMissing(spec, 'failedJobsHistoryLimit', 1, 'spec.failedJobsHistoryLimit', added);
  if (spec.jobTemplate && typeof spec.jobTemplate === 'object') {
    spec.jobTemplate.spec ??= {};
    defaultTemplate(spec.jobTemplate.spec.template, 'spec.jobTemplate.spec.template', added);
  }
  return added;
}

/** jobStrategy.PrepareForCreate → generateSelectorIfNeeded: label the template and select controller-uid. */
export function prepareJobForCreate(o: Obj): void {
  delete o.status;
  const spec = (o.spec ??= {});
  if (spec.manualSelector !== true) {
    spec.template ??= {};
    spec.template.metadata ??= {};
    const labels = (spec.template.metadata.labels ??= {});
    const uid = String(o.metadata?.uid ?? '');
    // existing user labels win; a conflict fails validation (selector no longer matches)
    for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[k] ??= o.metadata?.name;
    for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[k] ??= uid;
    spec.selector ??= {};
    spec.selector.matchLabels ??= {};
    spec.selector.matchLabels[CONTROLLER_UID_LABEL] ??= uid;
  }
  // the stored object is read back through defaulting, which copies template labels to the Job
  copyTemplateLabels(o);
}

function nonNegative(v: unknown, field: string): FieldError[] {
  if (v === undefined || v === null) return [];
  return Number.isInteger(v) && (v as number) >= 0 ? [] : [invalid(field, v, 'must be greater than or equal to 0')];
}

function positive(v: unknown, field: string): FieldError[] {
  if (v === undefined || v === null) return [];
  return Number.isInteger(v) && (v as number) > 0 ? [] : [invalid(field, v, 'must be greater than 0')];
}

/** ValidateJobSpec (reduced) under `path`. */
export function validateJobSpec(spec: Obj, path: string, isTemplate: boolean): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, `${path}.parallelism`), ...nonNegative(spec.completions, `${path}.completions`));
  errs.push(...positive(spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`), ...nonNegative(spec.backoffLimit, `${path}.backoffLimit`));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`));
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed' && (spec.completions ?? null) === null) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
  const rpp = spec.podReplacementPolicy;
  if (rpp !== undefined && rpp !== 'TerminatingOrFailed' && rpp !== 'Failed') errs.push(notSupported(`${path}.podReplacementPolicy`, rpp, ['Failed', 'TerminatingOrFailed']));
  if (!isTemplate) {
    if (!spec.selector) errs.push(required(`${path}.selector`));
    else {
      const labels = spec.template?.metadata?.labels ?? {};
      let sel;
      try {
        sel = labelSelectorAsSelector(spec.selector);
      } catch (e) {
        errs.push(invalid(`${path}.selector`, spec.selector, String((e as Error).message)));
      }
      if (sel && !matchesSelector(sel, labels)) {
        const shown = `map[string]string{${Object.entries(labels).map(([k, v]) => `"${k}":"${v}"`).join(', ')}}`;
        errs.push({ type: 'FieldValueInvalid', field: `${path}.template.metadata.labels`, value: labels, goValue: shown, detail: '`selector` does not match template `labels`' });
      }
    }
  }
  if (!spec.template) errs.push(required(`${path}.template`));
  else {
    // the template's spec is a struct upstream: an absent one is validated as empty (containers required)
    const pod = spec.template.spec ?? {};
    errs.push(...validatePodSpec(pod, `${path}.template.spec`));
    // only OnFailure and Never make sense for a run-to-completion pod
    const rp = pod.restartPolicy;
    if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  }
  return errs;
}

export function validateJob(o: Obj): FieldError[] {
  return [...validateObjectMeta(o.metadata ?? {}, true, isDNS1123Subdomain), ...validateJobSpec(o.spec ?? {}, 'spec', false)];
}

/** ValidateJobUpdate: selector and (for running jobs) template and completions are immutable. */
export function validateJobUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateJob(next);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(next.spec?.selector, old.spec?.selector)) errs.push(invalid('spec.selector', next.spec?.selector, 'field is immutable'));
  if (!same(next.spec?.completions, old.spec?.completions)) errs.push(invalid('spec.completions', next.spec?.completions, 'field is immutable'));
  if (!same(next.spec?.completionMode, old.spec?.completionMode)) errs.push(invalid('spec.completionMode', next.spec?.completionMode, 'field is immutable'));
  // the template may change only while the job is suspended (mutable scheduling directives)
  if (!same(next.spec?.template, old.spec?.template) && old.spec?.suspend !== true) errs.push(invalid('spec.template', next.spec?.template, 'field is immutable'));
  return errs;
}

/** validateScheduleFormat + ValidateCronJobSpec (reduced). */
export function validateCronJob(o: Obj): FieldError[] {
  const errs = validateObjectMeta(o.metadata ?? {}, true, isDNS1123Subdomain);
  const name = String(o.metadata?.name ?? '');
  // the job name gets `-<minutes since epoch>` (11 chars) appended and must stay a DNS-1035 label
  if (name.length > 52) errs.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
  const spec = o.spec ?? {};
  if (!spec.schedule) errs.push(required('spec.schedule'));
  else {
    const parsed = parseStandard(String(spec.schedule));
    if ('error' in parsed) errs.push(invalid('spec.schedule', spec.schedule, parsed.error));
    if (/TZ/.test(String(spec.schedule)) && spec.timeZone != null) errs.push(invalid('spec.schedule', spec.schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  }
  if (spec.timeZone != null && !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(String(spec.timeZone))) errs.push(invalid('spec.timeZone', spec.timeZone, `unknown time zone ${spec.timeZone}`));
  const cp = spec.concurrencyPolicy;
  if (cp !== 'Allow' && cp !== 'Forbid' && cp !== 'Replace') errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'), ...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  if (!spec.jobTemplate) errs.push(required('spec.jobTemplate'));
  else errs.push(...validateJobSpec(spec.jobTemplate.spec ?? {}, 'spec.jobTemplate.spec', true));
  return errs;
}
