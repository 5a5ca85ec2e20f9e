// A recorded run as a file (Export run / Import run) and the shape check every run from outside
// goes through (files, share links, saved state): the worker trusts what it is sent.
import type { RunData } from '../../protocol/messages';

export const RUN_FILE_NAME = 'kube-orrery-run.json';

/** Larger clusters than this are refused from outside: a crafted run could otherwise freeze the tab. */
export const MAX_NODES = 5000;

/** The file Export run writes: the run itself, pretty-printed. */
export function runFileText(run: RunData): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

/** The run in an imported file, or an Error whose message says plainly what is wrong with it. */
export function parseRunFile(text: string): RunData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('This file is not a Kube Orrery run: it is not JSON.');
  }
  try {
    return checkRun(value);
  } catch (err) {
    throw new Error(`This file is not a Kube Orrery run: ${(err as Error).message}.`);
  }
}

/** The value as RunData, or an Error naming the first field that is wrong (no final period). */
export function checkRun(value: unknown): RunData {
  if (!isObject(value)) throw new Error('it holds no run object');
  const v = value;
  if (typeof v.engine !== 'string' || v.engine === '') throw new Error('"engine" should name the engine that recorded it');
  for (const field of ['seed', 'nodes', 'etcdMembers', 'cursor'] as const) {
    if (typeof v[field] !== 'number' || !Number.isFinite(v[field])) throw new Error(`"${field}" should be a number`);
  }
  const nodes = v.nodes as number;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) throw new Error(`"nodes" should be a whole number from 1 to ${MAX_NODES}`);
  if (v.cursorMs !== undefined && (typeof v.cursorMs !== 'number' || !Number.isFinite(v.cursorMs))) throw new Error('"cursorMs" should be a number');
  if (!Array.isArray(v.inputs)) throw new Error('"inputs" should be a list');
  v.inputs.forEach((input: unknown, i: number) => {
    if (!isObject(input) || typeof input.type !== 'string' || !isObject(input.at) || typeof input.at.seq !== 'number' || typeof input.at.t !== 'number') {
      throw new Error(`input ${i + 1} should be a recorded request (a type and the moment it came at)`);
    }
  });
  return value as unknown as RunData;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
