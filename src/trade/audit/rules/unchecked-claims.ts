/**
 * A figure of the audited source's own text that nothing checks: a value for
 * one year (Da Zhigang's 1978 total, Diao's 2020 China–Russia trade) for
 * which neither the table, nor the other tables and texts, nor the store
 * hold the same flow and year. The finding says so, so that a claim the
 * audit cannot test is not mistaken for one that passed.
 */
import { evidence, whatEvidence } from '../evidence-texts.ts';
import { keyStr } from '../flow-key.ts';
import type { AuditContext, RuleResult } from '../model.ts';
import { said, saying } from '../texts.ts';

export async function uncheckedClaimsRule(ctx: AuditContext): Promise<RuleResult> {
  const out: RuleResult = { findings: [], checks: 0, passed: 0, comparisons: [] };
  for (const f of ctx.facts) {
    if (
      f.source_id !== ctx.sourceId ||
      f.kind !== 'value' ||
      f.value === null ||
      f.year === null ||
      f.to_year !== null ||
      f.trade_mode !== null
    )
      continue;
    const fid = `${f.source_id}/${f.fact_id}`;
    // a value the same sentence's growth carries on from the year before is what that growth is checked with
    const known = (ctx.knownByKey.get(keyStr(ctx.factKey(f, f.year))) ?? []).filter(
      (x) => !x.facts.includes(fid) || x.origin === 'fact-growth',
    );
    if (known.length) continue;
    const u = await ctx.usdFactor(f.currency, f.year);
    const value = f.value * (f.scale ?? 1) * (u ?? 1);
    out.findings.push({
      severity: 'info',
      kind: 'unchecked',
      row: String(f.year),
      column: `text:${f.fact_id}`,
      printed: f.printed,
      expected: null,
      ...saying(
        said(u ? 'text.value-unchecked' : 'text.value-unchecked-currency', {
          fact: ctx.factLabel(f),
          comparison: f.comparison,
          claim: value,
          currency: f.currency,
          flow: evidence('key.pair', {
            reporter: f.reporter_code,
            partner: f.partner_code,
            what: whatEvidence(f.flow, f.commodity_code, f.commodity_system),
          }),
          year: f.year,
        }),
      ),
    });
  }
  return out;
}
