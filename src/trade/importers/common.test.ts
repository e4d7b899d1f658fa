import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from './common.ts';

describe('sha256File', () => {
  it('hashes a file read in blocks exactly as the whole of it (empty, one block, several, a partial last one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amur-test-'));
    try {
      for (const size of [0, 1, 4 << 20, (9 << 20) + 12345]) {
        const file = join(dir, `f${size}`);
        const bytes = Buffer.alloc(size);
        for (let i = 0; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
        writeFileSync(file, bytes);
        const whole = createHash('sha256').update(readFileSync(file)).digest('hex');
        expect(await sha256File(file), `${size} bytes`).toBe(whole);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
