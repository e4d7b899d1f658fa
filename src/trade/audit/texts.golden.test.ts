/**
 * Golden in/out files for the audit's printed lines: the findings of the seed
 * tables' golden audits (in: `src/trade/golden/audit-<source>.json`, written
 * by `audit.golden.test.ts`) as `amur trade audit` prints them in English,
 * Chinese and Russian, the scale finding's details under it (out: `src/trade/audit/golden/texts-<source>.json`).
 * Regenerate with
 * `AMUR_UPDATE_GOLDEN=1 npx vitest run src/trade/audit/texts.golden.test.ts`
 * (after the findings, if they changed) and review the diff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { expectGolden } from '../../../test/golden.ts';
import { type Finding, formatDetail, formatFinding } from './findings.ts';
import type { RegionNames } from './texts.ts';

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
        { findings: Finding[]; names?: RegionNames } | null
      >;
      // each finding's line, then its details' lines (the scale finding's comparisons), as the CLI prints them
      const said = (r: { findings: Finding[]; names?: RegionNames }, lang?: 'zh' | 'ru') =>
        r.findings.flatMap((f) => [
          formatFinding(f, lang, r.names),
          ...(f.details ?? []).map((d) => `  - ${formatDetail(d, lang, r.names)}`),
        ]);
      const lines = Object.fromEntries(
        Object.entries(audit).map(([variant, r]) => [
          variant,
          r && { en: said(r), zh: said(r, 'zh'), ru: said(r, 'ru') },
        ]),
      );
      expectGolden(new URL(`./golden/texts-${file.slice('audit-'.length)}`, import.meta.url), lines);
    });
});
