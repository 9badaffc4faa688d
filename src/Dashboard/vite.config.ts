import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rollup';

const here = import.meta.dirname;

// The pages are built into the command center's wwwroot/app, which it serves at /, /worker, /replay, /admin and /supervisor.
// `npm run dev` serves them with hot reload and passes the API and the hub through to a running center.
const center = process.env.CENTER_URL ?? 'http://127.0.0.1:5080';

/** The worker page's service worker is emitted as /worker-sw.js (its scope needs a fixed name), the rest hashed. */
const serviceWorker = 'worker-sw';

/**
 * Writes into the service worker the files the worker page needs to open offline (the page, its scripts, styles
 * and the assets they import, found by walking the built graph from the page's entry) and a version derived from
 * their names, so a new build installs a new shell and drops the old one.
 */
function workerShell(): Plugin {
  return {
    name: 'worker-shell',
    apply: 'build',
    generateBundle(_options, bundle: OutputBundle) {
      const chunks = Object.values(bundle).filter((f): f is OutputChunk => f.type === 'chunk');
      const entry = chunks.find(c => c.isEntry && c.facadeModuleId?.endsWith('/worker/index.html'));
      const sw = chunks.find(c => c.name === serviceWorker);
      if (!entry || !sw) throw new Error('worker-shell: the worker page or its service worker is missing from the build');
      const files = new Set<string>(['/worker', '/worker.webmanifest', '/icons/worker-192.png', '/icons/worker-512.png']);
      const visit = (chunk: OutputChunk) => {
        if (files.has(`/${chunk.fileName}`)) return;
        files.add(`/${chunk.fileName}`);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(`/${css}`);
        for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(`/${asset}`);
        for (const name of [...chunk.imports, ...chunk.dynamicImports]) {
          const next = bundle[name];
          if (next?.type === 'chunk') visit(next);
        }
      };
      visit(entry);
      const list = [...files].sort();
      const version = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12);
      sw.code = sw.code.replaceAll('__SHELL_FILES__', list.join(',')).replaceAll('__SHELL_VERSION__', version);
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [workerShell()],
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
        [serviceWorker]: resolve(here, 'src/worker/serviceWorker.ts'),
      },
      output: {
        entryFileNames: chunk => (chunk.name === serviceWorker ? `${serviceWorker}.js` : 'assets/[name]-[hash].js'),
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
