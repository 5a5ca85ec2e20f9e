// App entry: one store, one engine host, one React root. The host is the simulation worker, or — when
// npm run serve served the page (it adds <meta name="orrery-attach">) — the server's, over a WebSocket.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectWorker } from './bridge/bridge';
import { attachUrl, socketPort } from './bridge/socket';
import { RunSessionContext } from './run/context';
import { startRunSession } from './run/run-session';
import { AppContext } from './store/context';
import { installBenchHook } from './bench-hook';
import { createUiStore } from './store/store';
import { localeSettled } from './i18n/locale-request';
import './styles.css';

const store = createUiStore();
const attach = attachUrl(document, window.location);
const bridge = connectWorker(store, attach ? socketPort(new WebSocket(attach)) : new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'kube-orrery-sim' }));
installBenchHook(store, bridge);
// before the first render: the saved editor text shows at once; a shared or saved run loads once the worker is READY
const runSession = startRunSession(store, bridge, { storage: storageOrNull(), location: window.location, history: window.history, clipboard: navigator.clipboard, attached: attach !== null });
window.addEventListener('hashchange', () => runSession.openHash());
// the last moment before the tab goes away (a reload may not wait for the answer; the periodic save covers that)
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') runSession.refresh();
});

// a saved language other than English: its catalogue first, so the first paint is already in it
void localeSettled().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppContext.Provider value={{ store, bridge }}>
        <RunSessionContext.Provider value={runSession}>
          <App />
        </RunSessionContext.Provider>
      </AppContext.Provider>
    </StrictMode>,
  ),
);

/** localStorage throws on access in some sandboxed frames: then nothing is saved. */
function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
