/**
 * Golden files, as Turf and Observable Plot keep them: a test compares what
 * the code produces with a file checked into the repository, and
 * `AMUR_UPDATE_GOLDEN=1 npx vitest run FILE` rewrites the files instead (then
 * review the diff with git before committing it).
 *
 *   expectGolden(new URL('./golden/x.json', import.meta.url), value);
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** True when the golden files are to be rewritten (`AMUR_UPDATE_GOLDEN=1`). */
export const UPDATE_GOLDEN = process.env.AMUR_UPDATE_GOLDEN === '1';

/** Compares `value` (as pretty JSON) with the golden file, or rewrites it under `AMUR_UPDATE_GOLDEN=1`. */
export function expectGolden(file: URL | string, value: unknown): void {
  const path = typeof file === 'string' ? file : fileURLToPath(file);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  if (!existsSync(path))
    throw new Error(`${path}: no golden file yet; run with AMUR_UPDATE_GOLDEN=1 to write it, then review it`);
  expect(
    JSON.parse(text),
    `${path} differs from what the code gives; if the change is meant, rewrite it with AMUR_UPDATE_GOLDEN=1 and review the diff`,
  ).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
