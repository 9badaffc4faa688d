import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

// The pages are built into the command center's wwwroot/app, which it serves at /, /worker, /replay, /admin and /supervisor.
// `npm run dev` serves them with hot reload and passes the API and the hub through to a running center.
const center = process.env.CENTER_URL ?? 'http://127.0.0.1:5080';

export default defineConfig({
  base: '/',
  build: {
    outDir: resolve(here, '../CommandCenter/wwwroot/app'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      checks: { pluginTimings: false },
      input: {
        wall: resolve(here, 'index.html'),
        worker: resolve(here, 'worker/index.html'),
        replay: resolve(here, 'replay/index.html'),
        bulletin: resolve(here, 'bulletin/index.html'),
        admin: resolve(here, 'admin/index.html'),
        supervisor: resolve(here, 'supervisor/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': center,
      '/hubs': { target: center, ws: true },
    },
  },
});
