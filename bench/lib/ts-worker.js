// Worker-thread bootstrap for TypeScript workers: registers tsx in this thread,
// then imports the module named in `workerData.entry` (a file URL).
// `new Worker(new URL('./ts-worker.js', import.meta.url), { workerData: { entry, ... } })`
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
