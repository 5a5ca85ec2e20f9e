// For `npm run bench:browser` only (the page is opened with ?bench): seek and time how long until
// every view has the new moment and the browser has painted it. Not used by the app itself.
import type { Bridge } from './bridge/bridge';
import type { RunData } from '../protocol/messages';
import type { UiStore } from './store/store';

export interface BenchHook {
  load(run: RunData): Promise<number>;
  /** ms until painted (two frames: the one showing the moment, then one more); `lastStoreMs` is the
   * part until the store had the moment and React had rendered it (worker + transfer + reduce +
   * render), `lastFrameMs` until the next frame began, after the one showing the moment was painted */
  seek(seq: number): Promise<number>;
  lastStoreMs: number;
  lastFrameMs: number;
  length(): number;
  position(): number;
  /** the last reset batch the worker sent (what a seek posts), for sizing it while profiling */
  lastReset(): unknown;
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export function installBenchHook(store: UiStore, bridge: Bridge): void {
  if (!new URLSearchParams(window.location.search).has('bench')) return;
  const until = (ok: () => boolean) =>
    new Promise<void>((resolve) => {
      if (ok()) return resolve();
      const off = store.subscribe(() => {
        if (!ok()) return;
        off();
        resolve();
      });
    });
  let lastReset: unknown = null;
  bridge.listen((m) => {
    if (m.type === 'BATCH' && m.reset) lastReset = m;
  });
  const hook: BenchHook = {
    async load(run) {
      const t0 = performance.now();
      bridge.send({ type: 'LOAD_RUN', run });
      await until(() => store.getState().timeline.position === run.cursor);
      await frame();
      await frame();
      return performance.now() - t0;
    },
    lastStoreMs: 0,
    lastFrameMs: 0,
    async seek(seq) {
      const t0 = performance.now();
      bridge.send({ type: 'SEEK', seq });
      await until(() => store.getState().timeline.position === seq);
      hook.lastStoreMs = performance.now() - t0;
      // the bridge applies worker messages in an animation frame, so the frame that shows the moment
      // is this one: the next frame's callback runs after it was painted, the one after that later still
      await frame();
      hook.lastFrameMs = performance.now() - t0;
      await frame();
      return performance.now() - t0;
    },
    length: () => store.getState().timeline.length,
    position: () => store.getState().timeline.position,
    lastReset: () => lastReset,
  };
  (window as unknown as { __orreryBench: BenchHook }).__orreryBench = hook;
}
