// Bootstrap of a compute worker thread: registers tsx (the sources are
// TypeScript, run without a build step) and loads the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./compute-worker-main.ts');
