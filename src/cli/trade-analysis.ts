/**
 * `amur trade indicator|audit|chart` — the observatory's analysis commands,
 * added to `amur trade` by `registerTradeAnalysisCommands(trade)` (called from
 * `src/cli/trade.ts`). Every sub-command takes `--db FILE` (else `$AMUR_DB`,
 * else the user's data directory) and `--json`.
 *
 *   amur trade indicator --list
 *   amur trade indicator growth --reporter CN-HL --partner RUS --from 2010 --to 2018
 *   amur trade indicator hhi --by product --reporter CN-HL-HEIHE --flow export --csv
 *   amur trade audit heihe-foreign-trade-2011-2015 [--json] [--out annotated.xlsx]
 *   amur trade chart line --reporter CN-HL --lang zh --out hlj.png
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AUDIT_MIRROR_TEXTS, auditMirrorNote } from '../i18n/audit-mirror.ts';
import { FILE_LINES } from '../i18n/file-lines.ts';
// the audit (its rules and the XLSX writer) and the indicator set are imported by the commands that use them
import { INDICATOR_LABELS, indicatorUnit, noteText } from '../i18n/indicator-notes.ts';
import {
  INDICATOR_LIST_LINES,
  indicatorDefinition,
  indicatorNeeds,
  indicatorTexts,
} from '../i18n/indicators.ts';
import { fill, indicatorName, type Lang } from '../i18n/messages.ts';
import { annotateLine } from '../trade/audit/annotate-texts.ts';
import {
  AuditError,
  type Finding,
  formatDetail,
  formatFinding,
  sentenceOf,
  summaryLine,
} from '../trade/audit/findings.ts';
import type { RegionNames } from '../trade/audit/texts.ts';
import { CHART_KINDS, ChartError, type ChartKind, isLang } from '../trade/charts/index.ts';
import { csvExportField } from '../trade/csv.ts';
import { IndicatorError } from '../trade/indicators/common.ts';
import type { Store } from '../trade/store.ts';
import { FLOWS, type Flow } from '../trade/vocabulary.ts';
import { CliError, collect, printJson, splitList } from './output.ts';
import {
  type AuditMirror,
  auditFilled,
  chartFilled,
  cifFobOption,
  type FillMirrorFlags,
  indicatorFilled,
} from './trade-mirror.ts';
import { resolveRegions, type StoreCliOptions, storeOption, withStore } from './trade-store.ts';

/** The analysis commands read the store: opened read-only, their own errors said as input errors (exit 2). */
function withAnalysisStore<T>(o: StoreCliOptions, fn: (store: Store) => Promise<T>): Promise<T> {
  return withStore(o, fn, { readOnly: true }, [IndicatorError, AuditError, ChartError]);
}

function int(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError(`--${flag} ${JSON.stringify(v)}: not a whole number (e.g. 2016)`);
  return Number(v);
}

/** `2016` or `2010-2015` → { year } or { from, to }. */
function years(flag: string, v: string | undefined): { year?: number; from?: number; to?: number } {
  if (v === undefined) return {};
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(v);
  if (!m) throw new CliError(`--${flag} ${JSON.stringify(v)}: a year like 2016 or a range like 2010-2015`);
  return m[2] ? { from: Number(m[1]), to: Number(m[2]) } : { year: Number(m[1]) };
}

function fmtCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(v);
    // money and volumes alike, whether the float came out whole or not (3.27e9 is 3269999999.9999995)
    if (a >= 1e6) return Math.round(v).toLocaleString('en-US');
    if (Number.isInteger(v)) return String(v);
    return a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(3) : v.toPrecision(4);
  }
  return String(v);
}

function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  const cells = rows.map((r) => columns.map((c) => fmtCell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'));
  const line = (vs: string[]) =>
    vs.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells) console.log(line(r));
}

interface IndicatorFlags extends StoreCliOptions, FillMirrorFlags {
  list?: boolean;
  csv?: boolean;
  reporter?: string[];
  partner?: string[];
  year?: string;
  from?: string;
  to?: string;
  flow?: string;
  commodity?: string[];
  level?: string;
  source?: string[];
  variant?: string;
  of?: string;
  in?: string;
  by?: string;
  period?: string;
  method?: string;
  lang?: string;
}

/** `--lang`: en, zh or ru (the library's texts in that language, src/i18n and src/trade/audit/texts.ts). */
function langFlag(v: string | undefined): Lang | undefined {
  if (v === undefined) return undefined;
  if (!isLang(v)) throw new CliError(`--lang ${JSON.stringify(v)}: expected en, zh or ru`);
  return v;
}

const LANG_OPTION = [
  '--lang <lang>',
  'en, zh or ru: the texts in that language (default: English, as --json)',
] as const;

export function registerTradeAnalysisCommands(trade: Command): void {
  registerIndicator(trade);
  registerAudit(trade);
  registerChart(trade);
}

/** `amur trade indicator [name]`: its options, in the order help lists them. */
function registerIndicator(trade: Command): void {
  trade
    .command('indicator')
    .description(
      'compute an indicator (growth, shares, HHI, RCA, complementarity, Grubel–Lloyd, …); --list describes them',
    )
    .argument('[name]', 'the indicator (see --list)')
    .option('--list', 'list the indicators with their formulas and what data they need')
    .option('--reporter <code>', 'reporter: a region code or name; repeat or comma-separate', collect)
    .option('--partner <code>', 'partner: a region code or name (WLD = the world); repeatable', collect)
    .option('--year <year>', 'a year (2016) or a range (2010-2015)')
    .option('--from <year>', 'first year')
    .option('--to <year>', 'last year')
    .option('--flow <flow>', 'export, import, total, re-export or re-import')
    .option(
      '--commodity <code>',
      'TOTAL, an HS code, a prefix like 27*, or an own category; repeatable',
      collect,
    )
    .option('--level <digits>', 'HS digits for product structures (2, 4, 6); default the finest present')
    .option('--source <id>', 'source id; repeatable', collect)
    .option(
      '--variant <variant>',
      'printed tables: as-printed or as-corrected (default: corrected where the spec corrects)',
    )
    .option('--of <what>', 'share: product, partner or reporter')
    .option(
      '--in <code>',
      'share --of reporter: the larger region (default: the parent region; WLD = world totals)',
    )
    .option('--by <what>', 'hhi: product or partner')
    .option('--period <period>', 'growth: year, month or ytd')
    .option(
      '--method <method>',
      'grubel-lloyd: product, aggregate or marginal; diversification: unctad or count',
    )
    .option('--csv', 'print CSV')
    .option(...LANG_OPTION)
    .option('--json', 'print { indicator, definition, unit, columns, rows, notes }')
    .option(
      '--fill-mirror',
      "where a reporter's own report is missing, use its partners' reports (mirror data: flagged in the notes, CIF/FOB-adjusted)",
    )
    .addOption(cifFobOption())
    .addOption(storeOption())
    .action(runIndicator);
}

/** The action of `amur trade indicator`: the list (no name or `--list`), or one indicator computed and printed. */
async function runIndicator(name: string | undefined, o: IndicatorFlags): Promise<void> {
  const { computeIndicator, listIndicators } = await import('../trade/indicators/index.ts');
  const lang = langFlag(o.lang);
  const title = (n: string, english: string) => (lang ? indicatorName(n, lang, english) : english);
  const definition = (n: string, english: string) => (lang ? indicatorDefinition(n, lang, english) : english);
  if (o.list || !name) {
    const list = listIndicators();
    // with --lang, each indicator's texts in that language beside the English (as GET /api/trade/indicators?lang=)
    if (o.json) printJson(lang ? list.map((d) => ({ ...d, texts: indicatorTexts(d, lang) })) : list);
    else
      for (const d of list) {
        const l = lang ?? 'en';
        console.log(`${d.name} — ${title(d.name, d.title)}`);
        console.log(`  ${definition(d.name, d.definition)}`);
        const [unit, needs] = lang
          ? [indicatorUnit(d.unit, l), indicatorNeeds(d.name, l, d.needs)]
          : [d.unit, d.needs];
        console.log(`  ${fill(INDICATOR_LIST_LINES['unit-needs'][l], { unit, needs })}`);
        const options = d.params.map((p) => `--${p}`).join(' ');
        console.log(`  ${fill(INDICATOR_LIST_LINES.options[l], { options })}`);
      }
    if (!o.list && !name)
      throw new CliError('give an indicator name (see above), e.g. `amur trade indicator growth`');
    return;
  }
  const result = await withAnalysisStore(o, async (store) => {
    const params = await indicatorParams(store, o);
    const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    // --fill-mirror: computed on the series with the reporters' gaps filled (src/cli/trade-mirror.ts)
    return indicatorFilled(store, params, o, name, () => computeIndicator(store, name, clean));
  });
  if (o.json) printJson(result);
  else if (o.csv) {
    process.stdout.write(`${result.columns.join(',')}\n`);
    for (const r of result.rows)
      process.stdout.write(`${result.columns.map((c) => csvExportField(r[c])).join(',')}\n`);
  } else {
    console.log(
      lang
        ? `${title(result.indicator, result.indicator)}: ${definition(result.indicator, result.definition)}`
        : `${result.indicator}: ${result.definition}`,
    );
    const l = lang ?? 'en';
    console.log(`${INDICATOR_LABELS.unit[l]}: ${indicatorUnit(result.unit, l)}\n`);
    printTable(result.rows, result.columns);
    // each note said from its code in the language (src/i18n/indicator-notes.ts)
    for (const n of result.notes) console.log(`${INDICATOR_LABELS.note[l]}: ${noteText(n, l)}`);
  }
}

/** An indicator's parameters from its flags: regions resolved, years and digits checked. */
async function indicatorParams(store: Store, o: IndicatorFlags) {
  const y = years('year', o.year);
  return {
    reporter: await resolveRegions(store, 'reporter', o.reporter),
    partner: await resolveRegions(store, 'partner', o.partner),
    ...y,
    from: int('from', o.from) ?? y.from,
    to: int('to', o.to) ?? y.to,
    flow: o.flow?.toLowerCase(),
    commodity: splitList(o.commodity),
    level: int('level', o.level),
    source: splitList(o.source),
    variant: o.variant,
    of: o.of,
    in: o.in,
    by: o.by,
    period: o.period,
    method: o.method,
  };
}

type AuditFlags = StoreCliOptions & FillMirrorFlags & { out?: string; variant?: string; lang?: string };

/** `amur trade audit SOURCE`: its options, in the order help lists them. */
function registerAudit(trade: Command): void {
  trade
    .command('audit')
    .description(
      'check a table imported with a spec against itself, its text and other sources (growth rates, totals, shares, units), allowing for the rounding of printed numbers',
    )
    .argument('<source>', 'the source id (see `amur trade sources`)')
    .option('--out <file>', 'also write an annotated copy of the table (.csv or .xlsx)')
    .option('--variant <variant>', 'as-printed (default) or as-corrected')
    .option(...LANG_OPTION)
    .option(
      '--json',
      'print { source, findings: [{ severity, kind, row, column, printed, expected, message }] }',
    )
    .option(
      '--fill-mirror',
      "compare also with partners' reports where a reporter's own are missing (those checks counted, their findings marked)",
    )
    .addOption(cifFobOption())
    .addOption(storeOption())
    .action(runAudit);
}

/** The action of `amur trade audit`: the findings, and the annotated copy with `--out`. */
async function runAudit(source: string, o: AuditFlags): Promise<void> {
  if (o.variant !== undefined && o.variant !== 'as-printed' && o.variant !== 'as-corrected')
    throw new CliError(`--variant ${JSON.stringify(o.variant)}: expected as-printed or as-corrected`);
  if (o.out !== undefined && !/\.(csv|xlsx)$/i.test(o.out))
    throw new CliError(`--out ${o.out}: the annotated copy is .csv or .xlsx`);
  const lang = langFlag(o.lang);
  const { auditSource, writeAnnotated } = await import('../trade/audit.ts');
  const result = await withAnalysisStore(o, async (store) => {
    // --fill-mirror: also on the series filled from partners' reports (src/cli/trade-mirror.ts)
    const r = await auditFilled(store, o, () =>
      auditSource(store, source, {
        variant: o.variant as 'as-printed' | 'as-corrected' | undefined,
      }),
    );
    if (o.out) await writeAnnotated(store, r, o.out, lang);
    return r;
  });
  if (o.json) {
    printJson(result);
    return;
  }
  console.log(summaryLine(result, lang));
  const m = result.mirror;
  if (m) console.log(lang ? await mirrorLine(m, result.summary.checks, lang) : m.note);
  for (const f of result.findings) {
    console.log(findingLine(f, lang, result.names));
    for (const d of f.details ?? []) console.log(`          - ${formatDetail(d, lang, result.names)}`);
  }
  if (o.out) console.log(annotateLine('written', lang ?? 'en', { file: o.out }));
}

/** The `--fill-mirror` line in the language (English: the note as `--json` carries it). */
async function mirrorLine(m: AuditMirror, total: number, lang: Lang): Promise<string> {
  const { CIF_FOB_FACTOR } = await import('../trade/mirror.ts');
  const source = m.factor === CIF_FOB_FACTOR.factor ? 'IMF DOTS' : null;
  return auditMirrorNote({ checks: m.checks, total, factor: m.factor, flagged: m.findings, source }, lang);
}

/** A finding's line; one new or different with mirror data marked so in the language (English: its message says it). */
function findingLine(f: Finding & { mirror?: boolean }, lang: Lang | undefined, names?: RegionNames): string {
  const line = formatFinding(f, lang, names);
  if (!lang || !f.mirror) return line;
  const sentence = sentenceOf(f, lang, names);
  return `${line.slice(0, line.length - sentence.length)}${AUDIT_MIRROR_TEXTS.mark[lang]} ${sentence}`;
}

type ChartFlags = StoreCliOptions & {
  out: string;
  source?: string[];
  reporter?: string[];
  partner?: string[];
  flow?: string[];
  years?: string;
  lang: string;
  variant?: string;
  width: string;
  height: string;
} & FillMirrorFlags;

/** `amur trade chart KIND`: its options, in the order help lists them. */
function registerChart(trade: Command): void {
  trade
    .command('chart')
    .description(
      'draw a chart of trade series or structures to SVG or PNG, titles in English, Chinese or Russian',
    )
    .argument('<kind>', `the chart: ${CHART_KINDS.join(', ')}`)
    .requiredOption('--out <file>', 'the file to write (.svg or .png)')
    .option('--source <id>', 'source id; repeatable', collect)
    .option('--reporter <code>', 'reporter: a region code or name; repeatable', collect)
    .option('--partner <code>', 'partner: a region code or name; repeatable', collect)
    .option('--flow <flow>', 'export, import, total, …; repeatable', collect)
    .option('--years <years>', 'a year (2016) or a range (2010-2015)')
    .option('--lang <lang>', 'en, zh or ru', 'en')
    .option('--variant <variant>', 'printed tables: as-printed or as-corrected')
    .option('--width <px>', 'width in pixels', '800')
    .option('--height <px>', 'height in pixels', '500')
    .option('--json', 'print { out, format, warnings, option } (the ECharts option the web app can reuse)')
    .option(
      '--fill-mirror',
      "where a reporter's own report is missing, use its partners' reports (mirror values drawn hollow or dashed and counted in the subtitle, CIF/FOB-adjusted)",
    )
    .addOption(cifFobOption())
    .addOption(storeOption())
    .action(runChart);
}

/** The action of `amur trade chart`: flags checked, the chart drawn and written to `--out`. */
async function runChart(kind: string, o: ChartFlags): Promise<void> {
  if (!(CHART_KINDS as readonly string[]).includes(kind))
    throw new CliError(`chart ${JSON.stringify(kind)}: not a chart kind (${CHART_KINDS.join(', ')})`);
  if (!isLang(o.lang)) throw new CliError(`--lang ${JSON.stringify(o.lang)}: expected en, zh or ru`);
  const format = /\.png$/i.test(o.out) ? 'png' : /\.svg$/i.test(o.out) ? 'svg' : null;
  if (!format) throw new CliError(`--out ${o.out}: the chart is written as .svg or .png`);
  const flows = splitList(o.flow)?.map((f) => f.toLowerCase());
  for (const f of flows ?? [])
    if (!(FLOWS as readonly string[]).includes(f))
      throw new CliError(
        `--flow ${JSON.stringify(f)}: expected export, import, total, re-export or re-import`,
      );
  const lang = o.lang;
  // --fill-mirror: the chart on the filled series, mirror values drawn apart and counted in the subtitle (trade-mirror.ts)
  const r = await withAnalysisStore(o, async (store) =>
    chartFilled(
      store,
      kind as ChartKind,
      {
        source: splitList(o.source),
        reporter: await resolveRegions(store, 'reporter', o.reporter),
        partner: await resolveRegions(store, 'partner', o.partner),
        flow: flows as Flow[] | undefined,
        ...years('years', o.years),
        variant: o.variant as 'as-printed' | 'as-corrected' | undefined,
        lang,
      },
      format,
      { width: int('width', o.width), height: int('height', o.height) },
      o,
    ),
  );
  writeFileSync(o.out, r.data);
  for (const w of r.warnings) console.error(`amur: warning: ${w}`);
  if (o.json) printJson({ out: o.out, format, warnings: r.warnings, option: r.option });
  else console.log(fill(FILE_LINES['chart-written'][lang], { file: o.out, format }));
}
