// Runs a walkthrough headless through the worker's own Host (the same LOAD_SCRIPT the app sends),
// so the golden traces pin exactly what the app shows. Test-only: imports the engine and the worker.
import { createCluster } from '../engine';
import type { AnyTraceEvent } from '../engine';
import type { KubeObject, WorkerMessage } from '../protocol/messages';
import { Host, type HostedCluster } from '../worker/host';
import { matchSteps, type MatchResult } from './match';
import type { ObjectLike } from './params';
import { scriptOf } from './script';
import type { Walkthrough } from './types';

export interface HeadlessRun {
  host: Host;
  events: AnyTraceEvent[];
  start: number;
  result: MatchResult;
  messages: WorkerMessage[];
  /** the objects the messages so far leave the UI with */
  objects: Map<string, KubeObject>;
}

/** The object an event is about, as the views hold it just after the event (a seek, as Back does). */
export function objectAfter(run: HeadlessRun, e: AnyTraceEvent): ObjectLike | undefined {
  if (!e.object) return undefined;
  run.messages.length = 0;
  run.host.handle({ type: 'SEEK', seq: e.seq });
  return run.objects.get(`${e.object.kind}/${e.object.namespace ?? ''}/${e.object.name}`) as ObjectLike | undefined;
}

/** The objects as the UI holds them: a seek's reset batch carries only what changed (objectsDelta). */
function absorb(objects: Map<string, KubeObject>, m: WorkerMessage): void {
  if (m.type !== 'BATCH') return;
  if (m.reset && !m.objectsDelta) objects.clear();
  for (const c of m.objects) if (c.op === 'upsert') objects.set(c.key, c.object);
  else objects.delete(c.key);
}

export function runHeadless(w: Walkthrough): HeadlessRun {
  const messages: WorkerMessage[] = [];
  const objects = new Map<string, KubeObject>();
  let wallMs = 0;
  const post = (m: WorkerMessage) => {
    messages.push(m);
    absorb(objects, m);
  };
  const host = new Host((o) => createCluster(o) as unknown as HostedCluster, post, () => (wallMs += 16));
  host.start({});
  host.handle({ type: 'LOAD_SCRIPT', id: 1, ...scriptOf(w) });
  const loaded = messages.find((m): m is Extract<WorkerMessage, { type: 'SCRIPT_LOADED' }> => m.type === 'SCRIPT_LOADED');
  if (!loaded) throw new Error(`LOAD_SCRIPT failed: ${JSON.stringify(messages.find((m) => m.type === 'ERROR'))}`);
  const events = loaded.events as AnyTraceEvent[];
  return { host, events, start: loaded.start, result: matchSteps(w, events, loaded.start), messages, objects };
}
