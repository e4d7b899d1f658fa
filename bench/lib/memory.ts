/**
 * Heap measurement for the JavaScript engines: JS heap + ArrayBuffers after a
 * full garbage collection. `--expose-gc` is turned on at run time (V8 flag +
 * a fresh context), so the benchmark needs no extra node flag.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

function gc(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
}

/** Bytes in use (JS heap + ArrayBuffers) after a full GC. */
export function heapBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
