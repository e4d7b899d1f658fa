/**
 * The code a worker thread runs to load one module of Amur, whether Amur runs
 * from its TypeScript sources (through tsx: a worker does not inherit its
 * parent's loader) or from the compiled build in dist/ (plain JavaScript,
 * `scripts/build.js`). Name the module as the sources do and start the
 * worker with `eval: true`:
 *
 *   new Worker(workerBoot(new URL('./matrix-worker.ts', import.meta.url)), { eval: true, workerData })
 */
export function workerBoot(module: URL): string {
  // this file is itself compiled to dist/worker-boot.js with the rest, so its own extension tells which
  if (import.meta.url.endsWith('.js'))
    return `import(${JSON.stringify(module.href.replace(/\.ts$/, '.js'))})`;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(module.href)}); })`;
}
