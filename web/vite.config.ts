/**
 * Vite build of the Amur web app: `npm run build:web` writes `web/dist`,
 * which `amur serve` serves. Everything the page needs is bundled or copied
 * into `dist` (MapLibre's worker, the Natural Earth basemap built by
 * basemap-build.ts): no request
 * leaves the machine. Text assets get precompressed `.br` and `.gz` copies.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { basemapPlugin } from './basemap-build.ts';
import { precompress } from './compress.ts';

/** Brotli and gzip copies of the built assets (see compress.ts). */
function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'amur-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      precompress(outDir);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: 'public',
  plugins: [basemapPlugin(), precompressPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // MapLibre and ECharts are large by nature; they load in their own chunks.
    chunkSizeWarningLimit: 1500,
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8080', '/openapi.json': 'http://127.0.0.1:8080' },
  },
});
