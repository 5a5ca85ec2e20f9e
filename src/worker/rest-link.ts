// How the host reaches src/rest: loaded on demand in the browser's worker (a smaller worker script
// to download before the first frame), at once in Node (the server and tests answer synchronously).
import type * as RestModule from './rest-module';

export type RestModuleType = typeof RestModule;

export interface RestLink {
  /** the module once loaded (null until then) */
  readonly ready: RestModuleType | null;
  /** loads it (once; a failed load is tried again on the next call) */
  load(): Promise<RestModuleType>;
}

export function lazyRest(): RestLink {
  let ready: RestModuleType | null = null;
  let loading: Promise<RestModuleType> | null = null;
  return {
    get ready() {
      return ready;
    },
    load() {
      loading ??= import('./rest-module').then(
        (m) => (ready = m),
        (err: unknown) => {
          loading = null;
          throw err;
        },
      );
      return loading;
    },
  };
}
