// The web app's build and dev server. `npm run build:web` builds into dist/web, which the gateway
// serves under /app/; `npm run dev:web` serves it with hot reload and passes the API through to
// the gateway on :3000.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
/** The gateway's own paths: everything but the app itself. */
const API_PATHS = ['/auth', '/me', '/initiatives', '/data-sources', '/refusals', '/openapi.json', '/health'];

/**
 * src/early-data.ts as a script of its own, first in the page and async: it asks for an
 * initiative page's data while the app's code loads (see src/api/early-answer.ts). Built only: in
 * development the app asks for itself.
 */
function earlyData(): Plugin {
  return {
    name: 'cio-early-data',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'early-data');
        if (!chunk) throw new Error('the early-data entry was not built');
        return [
          {
            tag: 'script',
            attrs: { type: 'module', async: true, crossorigin: true, src: `/app/${chunk.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  root: here,
  base: '/app/',
  plugins: [react(), earlyData()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    // Assets stay files (the policy allows data: images, but fonts and styles must be 'self').
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: true,
    // The first load is one chunk of about 420 kB (React DOM, the router, My work and the initiative
    // page): fewer round trips on a slow network; its gzip budget is watched by the web benchmark.
    chunkSizeWarningLimit: 500,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        'early-data': fileURLToPath(new URL('src/early-data.ts', import.meta.url)),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: gateway, changeOrigin: false }])),
  },
  preview: { port: 4173 },
});
