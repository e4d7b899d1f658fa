/**
 * Golden in/out files for the audit's printed lines: the findings of the seed
 * tables' golden audits (in: `src/trade/golden/audit-<source>.json`, written
 * by `audit.golden.test.ts`) as `amur trade audit` prints them in English,
 * Chinese and Russian (out: `src/trade/audit/golden/texts-<source>.json`).
 * Regenerate with
 * `AMUR_UPDATE_GOLDEN=1 npx vitest run src/trade/audit/texts.golden.test.ts`
 * (after the findings, if they changed) and review the diff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { expectGolden } from '../../../test/golden.ts';
import { type Finding, formatFinding } from './findings.ts';

const IN = new URL('../golden/', import.meta.url);
const inputs = readdirSync(IN).filter((f) => /^audit-.+\.json$/.test(f));

describe('audit findings as printed in en, zh and ru (golden)', () => {
  it('has the seed tables’ audits to read', () => {
    if (inputs.length < 4) throw new Error(`only ${inputs.length} golden audits in ${IN.pathname}`);
  });
  for (const file of inputs)
    it(file, () => {
      const audit = JSON.parse(readFileSync(new URL(file, IN), 'utf8')) as Record<
        string,
        { findings: Finding[] } | null
      >;
      const lines = Object.fromEntries(
        Object.entries(audit).map(([variant, r]) => [
          variant,
          r && {
            en: r.findings.map((f) => formatFinding(f)),
            zh: r.findings.map((f) => formatFinding(f, 'zh')),
            ru: r.findings.map((f) => formatFinding(f, 'ru')),
          },
        ]),
      );
      expectGolden(new URL(`./golden/texts-${file.slice('audit-'.length)}`, import.meta.url), lines);
    });
});
