// Web Worker entry: the only place the app runs engine code. Thin glue around Host.
/// <reference lib="webworker" />
import { createCluster } from '../engine';
import type { Command, WorkerMessage } from '../protocol/messages';
import { Host, type HostedCluster } from './host';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const FRAME_MS = 16;

const host = new Host(
  (opts) => createCluster(opts) as HostedCluster,
  (m: WorkerMessage) => scope.postMessage(m),
  () => performance.now(),
);

scope.onmessage = (ev: MessageEvent<Command>) => host.handle(ev.data);

try {
  host.start({});
} catch (err) {
  scope.postMessage({ type: 'ERROR', message: `engine failed to start: ${err instanceof Error ? err.message : String(err)}` } satisfies WorkerMessage);
}
setInterval(() => host.tick(), FRAME_MS);
// old pages of the recorded trace are packed once the codec is here (a separate chunk: fflate)
void import('./trace-codec').then((m) => host.setTraceCodec(m.deflateTraceCodec));
