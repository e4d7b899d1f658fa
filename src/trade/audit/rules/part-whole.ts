/**
 * Parts and wholes: a city's or partner's value above its province's or the
 * world's (from the table, other sources, or totals implied by shares). Each
 * pair is compared once, from the most direct evidence; the comparisons are
 * evaluated by the scale rule.
 */

import { keyEvidence } from '../evidence-texts.ts';
import type { Finding } from '../findings.ts';
import { ancestors, keyStr, sameKey } from '../flow-key.ts';
import type { AuditContext, CrossCheck, Known, RuleResult } from '../model.ts';
import { ivParam, said, saying } from '../texts.ts';

export async function partWholeRule(ctx: AuditContext): Promise<RuleResult> {
  const { parents, known, at } = ctx;
  const findings: Finding[] = [];
  const cross: CrossCheck[] = [];
  const checks = 0;
  const passed = 0;
  const contains = (whole: string, part: string) =>
    whole === part || whole === 'WLD' || ancestors(part, parents).includes(whole);
  // one comparison per pair of keys, from the most direct evidence (a printed cell, then the text, then derived)
  const rank: Record<Known['origin'], number> = {
    cell: 0,
    store: 1,
    fact: 2,
    'implied-total': 3,
    'fact-growth': 4,
    'implied-prior': 9,
  };
  const pairs = new Map<string, { a: Known; b: Known; r: number }>();
  for (const a of known) {
    if (a.origin === 'implied-prior' || !Number.isFinite(a.iv.lo)) continue;
    for (const b of known) {
      if (a === b || a.dep + b.dep !== 1 || b.origin === 'implied-prior' || !Number.isFinite(b.iv.hi))
        continue;
      if (a.currency !== b.currency) continue;
      const ka = a.key;
      const kb = b.key;
      if (ka.year !== kb.year || ka.period !== kb.period || ka.month !== kb.month) continue;
      if (ka.flow !== kb.flow || ka.system !== kb.system || ka.code !== kb.code) continue;
      if (sameKey(ka, kb) || !contains(kb.reporter, ka.reporter) || !contains(kb.partner, ka.partner))
        continue;
      const id = `${keyStr(ka)}>${keyStr(kb)}`;
      const r = rank[a.origin] + rank[b.origin];
      if ((pairs.get(id)?.r ?? Infinity) > r) pairs.set(id, { a, b, r });
    }
  }
  for (const { a, b } of pairs.values()) {
    const mineCell = a.dep ? a : b;
    const ka = a.key;
    const kb = b.key;
    cross.push({
      kind: 'part-whole',
      row: mineCell.cell?.row_key ?? String(ka.year),
      column: mineCell.cell?.column_name ?? null,
      printed: mineCell.cell?.printed ?? null,
      dep: true,
      report: true,
      evaluate: (fac) => {
        const pa = at(a.iv, a, fac);
        const wb = at(b.iv, b, fac);
        return {
          pass: pa.lo <= wb.hi * (1 + 1e-9),
          expected: null,
          ...saying(
            said('part-whole.exceeds', {
              part: keyEvidence(ka),
              partValue: ivParam(pa),
              partHow: a.how,
              whole: keyEvidence(kb),
              wholeValue: ivParam(wb),
              wholeHow: b.how,
            }),
          ),
        };
      },
    });
  }

  return { findings, checks, passed, comparisons: cross };
}
