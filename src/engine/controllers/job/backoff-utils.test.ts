// Table tests after pkg/controller/job/backoff_utils_test.go (TestNewBackoffRecord,
// TestGetRemainingBackoffTime, TestGetFinishedTime): the record folds new failures and
// successes; the delay is 10 s doubling per consecutive failure, capped at 6 min.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { rfc3339 } from '../../api/time';
import { type BackoffRecord, DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, MAX_JOB_POD_FAILURE_BACKOFF_MS, getFinishedTime, getRemainingTimeForFailuresCount, newBackoffRecord } from './backoff-utils';

const pod = (finishedSec: number | undefined, extra: Record<string, any> = {}): KObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${finishedSec}`, creationTimestamp: rfc3339(0), ...extra.meta },
    spec: {},
    status: { containerStatuses: finishedSec === undefined ? [] : [{ name: 'c', state: { terminated: { exitCode: 1, finishedAt: rfc3339(finishedSec * 1000) } } }], conditions: extra.conditions ?? [] },
  }) as unknown as KObject;

describe('getRemainingTimeForFailuresCount', () => {
  const S = 1000;
  it.each([
    // [failures, seconds since last failure, remaining s]
    [0, 0, 0],
    [1, 0, 10],
    [1, 4, 6],
    [1, 10, 0],
    [1, 11, 0],
    [2, 0, 20],
    [3, 0, 40],
    [4, 5, 75],
    [6, 0, 320],
    [7, 0, 360], // 640 s capped at 6 min
    [20, 60, 300],
  ])('%i failure(s), %i s ago → %i s', (failures, agoSec, wantSec) => {
    const now = 1_000_000;
    expect(getRemainingTimeForFailuresCount(now, DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, MAX_JOB_POD_FAILURE_BACKOFF_MS, failures, now - agoSec * S)).toBe(wantSec * S);
  });
});

describe('newBackoffRecord', () => {
  const rec = (failures: number, lastSec?: number): BackoffRecord => ({ failuresAfterLastSuccess: failures, lastFailureTimeMs: lastSec === undefined ? undefined : lastSec * 1000 });
  it('counts new failures and takes the latest finish as the last failure', () => {
    expect(newBackoffRecord(undefined, [], [pod(5), pod(3)])).toEqual(rec(2, 5));
    expect(newBackoffRecord(rec(2, 5), [], [pod(9)])).toEqual(rec(3, 9));
  });
  it('keeps the record when nothing new finished', () => {
    expect(newBackoffRecord(rec(1, 4), [], [])).toEqual(rec(1, 4));
  });
  it('resets on a success, keeping only failures after it', () => {
    expect(newBackoffRecord(rec(3, 9), [pod(10)], [])).toEqual(rec(0));
    expect(newBackoffRecord(rec(3, 9), [pod(10)], [pod(8), pod(12), pod(15)])).toEqual(rec(2, 15));
  });
});

describe('getFinishedTime', () => {
  it('uses the containers, then Ready=False, then deletion minus grace, then creation', () => {
    expect(getFinishedTime(pod(7))).toBe(7000);
    expect(getFinishedTime(pod(undefined, { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: rfc3339(4000) }] }))).toBe(4000);
    expect(getFinishedTime(pod(undefined, { meta: { deletionTimestamp: rfc3339(40_000), deletionGracePeriodSeconds: 30 } }))).toBe(10_000);
    expect(getFinishedTime(pod(undefined))).toBe(0);
  });
});
