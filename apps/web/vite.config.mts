// The web app's build and dev server. `npm run build:web` builds into dist/web, which the gateway
// serves under /app/; `npm run dev:web` serves it with hot reload and passes the API through to
// the gateway on :3000.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
/** The gateway's own paths: everything but the app itself. */
const API_PATHS = ['/auth', '/me', '/initiatives', '/data-sources', '/refusals', '/openapi.json', '/health'];

export default defineConfig({
  root: here,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    // Assets stay files (the policy allows data: images, but fonts and styles must be 'self').
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: gateway, changeOrigin: false }])),
  },
  preview: { port: 4173 },
});
