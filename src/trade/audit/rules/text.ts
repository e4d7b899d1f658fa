/**
 * The running text: a value, growth or share stated in the papers' text (the
 * specs' facts, in `text_facts`) against the table, the other tables and the
 * store. Claims of other papers are evidence only (never reported here).
 */

import type { TextFact } from '../../printed-table.ts';
import { type FlowKey, keyStr, sameKey } from '../flow-key.ts';
import { expectedOf, fmt, fmtRange } from '../format.ts';
import { div, growthPct, type Interval, mid, overlaps, printedInterval, scaleBy } from '../interval.ts';
import type { AuditContext, RuleResult } from '../model.ts';
import { ivParam, type Said, said, saying } from '../texts.ts';

export async function textRule(ctx: AuditContext): Promise<RuleResult> {
  const { facts, sourceId, factIv } = ctx;
  const out: RuleResult = { findings: [], checks: 0, passed: 0, comparisons: [] };
  const myFacts = facts.filter((f) => f.source_id === sourceId);
  const otherFacts = facts.filter((f) => f.source_id !== sourceId);
  for (const f of [...myFacts, ...otherFacts]) {
    // period values are the periods rule's; a mode of trade the store does not hold cannot be checked
    if (f.value === null || f.to_year !== null || f.trade_mode !== null) continue;
    const claim: Claim = {
      f,
      mine: f.source_id === sourceId,
      fid: `${f.source_id}/${f.fact_id}`,
      claimIv: factIv(f),
      col: `text:${f.fact_id}`,
    };
    if (f.kind === 'value' && f.year !== null) await valueClaim(ctx, claim, out);
    else if (f.kind === 'growth' && f.year !== null && !f.of_quantity) await growthClaim(ctx, claim, out);
    else if (f.kind === 'share') await shareClaim(ctx, claim, out);
  }
  return out;
}

/** A claim of a text, with what every check of it needs. */
interface Claim {
  f: TextFact;
  /** a claim of the audited table's own paper (others are evidence only) */
  mine: boolean;
  fid: string;
  claimIv: Interval;
  /** the finding's column: `text:<fact id>` */
  col: string;
}

/** A value stated in the text against the table, another source or the store. */
async function valueClaim(ctx: AuditContext, claim: Claim, out: RuleResult): Promise<void> {
  const { f, mine, fid, claimIv, col } = claim;
  const { knownByKey, usdFactor, factKey, factLabel, at } = ctx;
  const cross = out.comparisons;
  const k = factKey(f, f.year!);
  const u = await usdFactor(f.currency, f.year);
  if (!u) return;
  const cIv = scaleBy(claimIv, u);
  const candidates = (knownByKey.get(keyStr(k)) ?? []).filter(
    (x) => !x.facts.includes(fid) && x.currency === 'USD' && (mine || x.dep === 1),
  );
  // prefer the table's own cell; else everything that tells the same value
  const cell = candidates.find((x) => x.cell);
  for (const x of cell ? [cell] : candidates) {
    const row = x.cell ? x.cell.row_key : String(f.year);
    const column = x.cell ? x.cell.column_name : col;
    cross.push({
      kind: 'text',
      row,
      column,
      printed: x.cell ? x.cell.printed : f.printed,
      dep: x.dep === 1,
      report: mine,
      evaluate: (fac) => {
        const v = at(x.iv, x, fac);
        const pass =
          f.comparison === 'at-least'
            ? v.hi >= cIv.lo
            : f.comparison === 'at-most'
              ? v.lo <= cIv.hi
              : overlaps(v, cIv);
        const claimed = {
          fact: factLabel(f),
          comparison: f.comparison,
          claim: mid(printedInterval(f.value!, f.decimals ?? 0, (f.scale ?? 1) * u)),
        };
        const main = x.cell
          ? said('text.value-table', { ...claimed, table: mid(v) })
          : said('text.value-known', { ...claimed, known: ivParam(v), how: x.how });
        const clauses: Said[] = [];
        if (!pass && f.comparison === 'about') {
          const r = mid(cIv) / mid(v);
          const n = Math.round(Math.log10(r));
          if (n !== 0 && Math.abs(Math.log10(r) - n) < 0.02)
            clauses.push(said(x.cell ? 'clause.factor' : 'clause.factor-known', { factor: fmt(10 ** n) }));
        }
        return {
          pass,
          expected: x.cell ? scaleBy(cIv, 1 / (u * (x.cell.scale ?? 1) * fac)) : cIv,
          ...saying(main, clauses),
        };
      },
    });
  }
}

/** A growth stated in the text against the table's printed rate, or two known values. */
async function growthClaim(ctx: AuditContext, claim: Claim, out: RuleResult): Promise<void> {
  const { f, mine, fid, claimIv, col } = claim;
  const { cells, knownByKey, cellAt, cellKey, factKey, factLabel, at } = ctx;
  const findings = out.findings;
  const cross = out.comparisons;
  const k = factKey(f, f.year!);
  const gcell = cells.find((c) => {
    if (c.role !== 'growth') return false;
    const v = cellAt(c.row_key, c.of_column!);
    return !!v && v.value !== null && sameKey(cellKey(v), k);
  });
  if (gcell && gcell.value !== null && mine) {
    out.checks++;
    const pr = printedInterval(gcell.value, gcell.decimals ?? 0);
    if (overlaps(pr, claimIv)) out.passed++;
    else
      findings.push({
        severity: 'warning',
        kind: 'text',
        row: gcell.row_key,
        column: gcell.column_name,
        printed: gcell.printed,
        expected: expectedOf(claimIv),
        ...saying(
          said('text.growth-table', { printed: gcell.printed, fact: factLabel(f), factPrinted: f.printed }),
        ),
      });
    return;
  }
  // from two known values
  const curs = (knownByKey.get(keyStr(k)) ?? []).filter((x) => !x.facts.includes(fid));
  const prevs = (knownByKey.get(keyStr({ ...k, year: k.year - 1 })) ?? []).filter(
    (x) => !x.facts.includes(fid),
  );
  const pair = curs
    .flatMap((c) => prevs.map((p) => [c, p] as const))
    .find(([c, p]) => c.currency === p.currency && (mine || c.dep + p.dep === 1));
  if (pair) {
    const [c, p] = pair;
    cross.push({
      kind: 'text',
      row: String(f.year),
      column: col,
      printed: f.printed,
      dep: c.dep !== p.dep,
      report: mine,
      evaluate: (fac) => {
        const exp = growthPct(at(c.iv, c, fac), at(p.iv, p, fac));
        return {
          pass: overlaps(exp, claimIv),
          expected: exp,
          ...saying(
            said('text.growth-values', {
              fact: factLabel(f),
              factPrinted: f.printed,
              current: ivParam(at(c.iv, c, fac)),
              currentHow: c.how,
              previous: ivParam(at(p.iv, p, fac)),
              previousHow: p.how,
              estimate: fmt(mid(exp), 3),
              range: fmtRange(exp),
            }),
          ),
        };
      },
    });
  }
}

/** A share stated in the text against two known values (every year when the text gives none). */
async function shareClaim(ctx: AuditContext, claim: Claim, out: RuleResult): Promise<void> {
  const { f, mine, fid, claimIv, col } = claim;
  const { known, knownByKey, factKey, factLabel, at } = ctx;
  const cross = out.comparisons;
  const years = f.year !== null ? [f.year] : [...new Set(known.map((k) => k.key.year))].sort((a, b) => a - b);
  for (const y of years) {
    const k = factKey(f, y);
    const dk: FlowKey = {
      ...k,
      reporter: f.in_reporter_code ?? k.reporter,
      partner: f.in_partner_code ?? k.partner,
      flow: f.in_flow ?? k.flow,
      system: f.in_commodity_system ?? k.system,
      code: f.in_commodity_code ?? k.code,
    };
    const nums = (knownByKey.get(keyStr(k)) ?? []).filter((x) => !x.facts.includes(fid));
    const dens = (knownByKey.get(keyStr(dk)) ?? []).filter((x) => !x.facts.includes(fid));
    const pair = nums
      .flatMap((n) => dens.map((d) => [n, d] as const))
      .find(([n, d]) => n.currency === d.currency && (mine || n.dep + d.dep === 1));
    if (!pair) continue;
    const [n, d] = pair;
    cross.push({
      kind: 'text',
      row: String(y),
      column: col,
      printed: f.printed,
      dep: n.dep !== d.dep,
      report: mine,
      evaluate: (fac) => {
        const exp = scaleBy(div(at(n.iv, n, fac), at(d.iv, d, fac)), 100);
        const pass =
          f.comparison === 'at-least'
            ? exp.hi >= claimIv.lo
            : f.comparison === 'at-most'
              ? exp.lo <= claimIv.hi
              : overlaps(exp, claimIv);
        return {
          pass,
          expected: exp,
          ...saying(
            said('text.share', {
              fact: factLabel(f),
              comparison: f.comparison,
              factPrinted: f.printed,
              part: ivParam(at(n.iv, n, fac)),
              partHow: n.how,
              estimate: fmt(mid(exp), 3),
              total: ivParam(at(d.iv, d, fac)),
              totalHow: d.how,
              year: y,
            }),
          ),
        };
      },
    });
    if (f.year === null) break;
  }
}
