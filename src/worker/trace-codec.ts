// The worker's codec for the recorded trace's old pages (engine/kernel/trace-log.ts). At 1,000 nodes
// an event holds about a KiB of heap (an etcd.put carries the whole stored object); as JSON about
// 400 bytes, deflated about 30. Packing runs in the worker's ticks, so it does the cheap part at
// once (the page's JSON) and leaves the deflating to the platform's native CompressionStream,
// which replaces the JSON with its bytes a moment later: fflate's deflate took 45 ms a page of
// 4,096 events, the native one 17. Reading a page back inflates it with fflate (a few ms).
// Loaded lazily: a small cluster never packs a page.
import { inflateSync, strFromU8 } from 'fflate';
import type { TraceEvent, TracePageCodec } from '../engine';

/** A packed page: its JSON until the deflated bytes are in. */
interface PackedPage {
  data: string | Uint8Array;
}

/** Deflate `json` off the synchronous path and put the bytes in `page` (kept as JSON where it cannot). */
function deflateLater(page: PackedPage, json: string): void {
  if (typeof CompressionStream !== 'function') return;
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  new Response(stream).arrayBuffer().then(
    (bytes) => {
      page.data = new Uint8Array(bytes);
    },
    () => undefined, // the page keeps its JSON
  );
}

export const deflateTraceCodec: TracePageCodec = {
  pack(events: readonly TraceEvent[]): PackedPage {
    const json = JSON.stringify(events);
    const page: PackedPage = { data: json };
    deflateLater(page, json);
    return page;
  },
  unpack(packed: unknown): TraceEvent[] {
    const { data } = packed as PackedPage;
    return JSON.parse(typeof data === 'string' ? data : strFromU8(inflateSync(data))) as TraceEvent[];
  },
  // JSON counts a byte a character
  bytes: (packed: unknown) => ((packed as PackedPage).data as { length: number }).length,
};
