// App entry: one store, one simulation worker, one React root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectWorker } from './bridge/bridge';
import { AppContext } from './store/context';
import { createUiStore } from './store/store';
import './styles.css';

const store = createUiStore();
const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'kube-orrery-sim' });
const bridge = connectWorker(store, worker);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={{ store, bridge }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
