#!/usr/bin/env node
// Compiles the TypeScript sources (src/**, tests excluded) into JavaScript in
// dist/, one file per module at the same depth (src/atlas/load.ts →
// dist/atlas/load.js), so paths resolved from import.meta.url
// ('../../data/atlas') and worker threads work from the build as from the
// sources. SQL migrations and plain .js files are copied. Relative `.ts`
// imports become `.js`; packages stay imports (nothing is bundled).
//
// Why esbuild and not tsc: esbuild compiles the ~100 modules in ~0.3-0.5 s;
// `tsc` with `noCheck` and `rewriteRelativeImportExtensions` takes ~13 s and
// ~320 MB on this 2-core machine, and type checking is `npm run typecheck`'s
// job anyway. esbuild is already installed (tsx depends on it).
//
// Run by `npm install` (prepare, through web/prepare.js) and `npm run build`.
// Writes the stamp that bin/amur.js checks (bin/build-stamp.js); the new
// build replaces dist/ in one rename, so a command starting meanwhile sees
// either the old build, or none (and runs the sources).
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildInputs, DIST_DIR, REPO_DIR, SRC_DIR, STAMP_FILE, sourceStamp } from '../bin/build-stamp.js';

/** Compiles src/ into dist/; resolves to { files, ms }. */
export async function buildSources() {
  const started = performance.now();
  const esbuild = await import('esbuild');
  const stamp = sourceStamp();
  const inputs = buildInputs();
  const tmp = `${DIST_DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const entryPoints = inputs.filter((f) => f.endsWith('.ts')).map((f) => join(SRC_DIR, f));
  await esbuild.build({
    absWorkingDir: REPO_DIR,
    entryPoints,
    outdir: tmp,
    outbase: SRC_DIR,
    bundle: true, // only to rewrite imports (below): every import stays external
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        name: 'keep-imports',
        setup(build) {
          // JSON modules are inlined (an external import would lose its `with { type: 'json' }`)
          build.onResolve({ filter: /.*/ }, (args) =>
            args.kind === 'entry-point' || args.path.endsWith('.json')
              ? undefined
              : { path: args.path.replace(/^(\.{1,2}\/.*)\.ts$/, '$1.js'), external: true },
          );
        },
      },
    ],
  });
  for (const f of inputs.filter((f) => !f.endsWith('.ts'))) {
    mkdirSync(dirname(join(tmp, f)), { recursive: true });
    copyFileSync(join(SRC_DIR, f), join(tmp, f));
  }
  writeFileSync(
    join(tmp, '.build-stamp.json'),
    `${JSON.stringify({ builtAt: new Date().toISOString(), sources: stamp })}\n`,
  );
  const old = `${DIST_DIR}.old-${process.pid}`;
  try {
    renameSync(DIST_DIR, old);
  } catch {}
  renameSync(tmp, DIST_DIR);
  rmSync(old, { recursive: true, force: true });
  return { files: inputs.length, ms: Math.round(performance.now() - started), stamp: STAMP_FILE };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await buildSources();
  console.log(`amur: compiled ${r.files} source files into dist/ in ${r.ms} ms`);
}
