import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The simulation worker imports the engine as an ES module (code-split like the app).
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco's lazy chunk is large by nature; the initial bundle stays small (STACK.md).
    chunkSizeWarningLimit: 4000,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
