/**
 * Precompression of the built web app: every text asset in `web/dist`
 * (JavaScript, CSS, JSON, HTML, SVG) of 1 KiB or more gets a brotli (`.br`)
 * and a gzip (`.gz`) copy beside it, so that the server sends the smaller
 * file to a browser that accepts it (e.g. @fastify/static `preCompressed`)
 * without compressing on each request. Files under `assets/` carry a content
 * hash in their name and may be cached for good; `index.html` may not.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|mjs|css|json|geojson|html|svg|txt|map)$/;
const MIN_BYTES = 1024;

export interface Compressed {
  file: string;
  bytes: number;
  br: number;
  gz: number;
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Writes `.br` and `.gz` beside each text asset of `dir`; returns what it wrote. */
export function precompress(dir: string): Compressed[] {
  const out: Compressed[] = [];
  for (const file of files(dir)) {
    if (!TEXT.test(file)) continue;
    const data = readFileSync(file);
    if (data.length < MIN_BYTES) continue;
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(data, { level: 9 });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
    out.push({ file, bytes: data.length, br: br.length, gz: gz.length });
  }
  return out;
}
