import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuditResultSchema } from './result-schema.ts';

describe('the audit answer schema', () => {
  it('accepts every golden audit of the seed tables, evidence and names included', () => {
    const dir = new URL('../golden/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /^audit-.+\.json$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files)
      for (const r of Object.values(
        JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Record<string, unknown>,
      ))
        if (r !== null) expect(AuditResultSchema.safeParse(r).error?.issues ?? []).toEqual([]);
  });

  it('refuses a param that is neither a value, a list nor evidence', () => {
    const bad = {
      source: 's',
      variant: 'as-printed',
      summary: { checks: 0, passed: 0, errors: 0, warnings: 0, infos: 0 },
      findings: [
        {
          severity: 'info',
          kind: 'text',
          row: null,
          column: null,
          printed: null,
          expected: null,
          code: 'text.value-known',
          params: { how: { params: {} } },
          message: 'x',
        },
      ],
    };
    expect(AuditResultSchema.safeParse(bad).success).toBe(false);
  });
});
