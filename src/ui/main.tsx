// App entry: one store, one simulation worker, one React root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectWorker } from './bridge/bridge';
import { RunSessionContext } from './run/context';
import { startRunSession } from './run/run-session';
import { AppContext } from './store/context';
import { installBenchHook } from './bench-hook';
import { createUiStore } from './store/store';
import './styles.css';

const store = createUiStore();
const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'kube-orrery-sim' });
const bridge = connectWorker(store, worker);
installBenchHook(store, bridge);
// before the first render: the saved editor text shows at once; a shared or saved run loads once the worker is READY
const runSession = startRunSession(store, bridge, { storage: storageOrNull(), location: window.location, history: window.history, clipboard: navigator.clipboard });
window.addEventListener('hashchange', () => runSession.openHash());
// the last moment before the tab goes away (a reload may not wait for the answer; the periodic save covers that)
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') runSession.refresh();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={{ store, bridge }}>
      <RunSessionContext.Provider value={runSession}>
        <App />
      </RunSessionContext.Provider>
    </AppContext.Provider>
  </StrictMode>,
);

/** localStorage throws on access in some sandboxed frames: then nothing is saved. */
function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
