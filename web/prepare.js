// `npm install` runs this (the `prepare` script): compiles the sources into
// dist/ (scripts/build.js: the `amur` command then starts without compiling
// TypeScript) and builds the web app into web/dist so that `npm start` serves
// it with no second step. Where Vite is
// not installed (an install without dev dependencies) it says so and leaves
// the server to explain, on its home page, how to build the app.
import { fileURLToPath } from 'node:url';
import { buildSources } from '../scripts/build.js';

const compiled = await buildSources();
console.log(`amur: compiled ${compiled.files} source files into dist/ in ${compiled.ms} ms`);

let vite;
try {
  vite = await import('vite');
} catch {
  console.warn(
    'amur: vite is not installed (dev dependencies omitted), so the web app was not built; run `npm run build:web` once it is',
  );
  process.exit(0);
}
await vite.build({
  configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
  logLevel: 'warn',
});
console.log('amur: web app built into web/dist');
