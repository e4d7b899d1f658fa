/**
 * `amur trade …` — the trade observatory: import files into the store, list
 * sources, query and export flows. The indicator, audit and chart
 * sub-commands come from `src/cli/trade-analysis.ts`.
 *
 * Every sub-command takes `--db FILE` (else `$AMUR_DB`, else the user's data
 * directory) and `--json`.
 */
import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { z } from 'zod';
import { describeIssue } from '../atlas/problems.ts';
import { LANGS, type Lang } from '../i18n/lang.ts';
import { titleIn } from '../i18n/source-titles.ts';
import type { ExportFormat } from '../trade/export.ts';
import { FLOW_QUERY_COLUMNS, FlowQuery, flowQuerySql } from '../trade/flow-query.ts';
import {
  ImportError,
  ImportFileError,
  type ImportResult,
  terminalProgress,
} from '../trade/importers/common.ts';
// the importers and the exporter are imported by the commands that use them (start-up of the others)
import type { ImportFileOptions, ImportFormat } from '../trade/importers/index.ts';
import { streamRows } from '../trade/row-stream.ts';
import { sourceTitlesSql } from '../trade/source-titles.ts';
import type { Store } from '../trade/store.ts';
import { SOURCE_ID_VALID, SourceId } from '../trade/vocabulary.ts';
import { CliError, collect, printJson, splitList } from './output.ts';
import { registerTradeAnalysisCommands } from './trade-analysis.ts';
import { registerTradeFetchCommands } from './trade-fetch.ts';
import { addFillMirrorFlags, exportFilledFlows, type FillMirrorFlags, queryFilled } from './trade-mirror.ts';
import { writeCsvRows, writeJsonRows, writeTableRows } from './trade-rows.ts';
import { resolveRegions, type StoreCliOptions, storeOption, withStore } from './trade-store.ts';

/** What an import throws for a bad file or row: said as a one-line input error (exit 2). */
const IMPORT_ERRORS = [ImportError, ImportFileError];

interface QueryFlags extends StoreCliOptions {
  reporter?: string[];
  partner?: string[];
  flow?: string[];
  year?: string;
  period?: string;
  commodity?: string[];
  source?: string[];
  level?: string;
  variant?: string;
  limit?: string;
}

function addQueryFlags(cmd: Command): Command {
  return cmd
    .option(
      '--reporter <code>',
      'reporter: a region code (CHN, CN-HL, CN-HL-HEIHE) or name; repeat or comma-separate',
      collect,
    )
    .option('--partner <code>', 'partner: a region code or name (WLD = all partners); repeatable', collect)
    .option('--flow <flow>', 'export, import, total, re-export, re-import; repeatable', collect)
    .option('--year <year>', 'a year (2016) or a range (2010-2015)')
    .option('--period <period>', '2016, 2016-03 (a month) or 2016-ytd-03 (year to date)')
    .option('--commodity <code>', 'TOTAL, an HS code, or a prefix like 27*; repeatable', collect)
    .option('--source <id>', 'source id (see `amur trade sources`); repeatable', collect)
    .option('--level <level>', 'reporter level: world, country, province, city, port, group')
    .option('--variant <variant>', 'as-reported, as-printed or as-corrected')
    .option('--limit <n>', 'at most n rows');
}

/** Validates query flags and resolves region names to codes. */
async function flowQueryFromFlags(store: Store, f: QueryFlags): Promise<FlowQuery> {
  const raw = {
    reporter: await resolveRegions(store, 'reporter', f.reporter),
    partner: await resolveRegions(store, 'partner', f.partner),
    flow: splitList(f.flow)?.map((s) => s.toLowerCase()),
    year: f.year,
    period: f.period,
    commodity: splitList(f.commodity),
    source: splitList(f.source),
    level: f.level,
    variant: f.variant,
    limit: f.limit === undefined ? undefined : Number(f.limit),
  };
  const parsed = FlowQuery.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new CliError(flagProblem(parsed.error.issues[0]));
  return parsed.data;
}

/**
 * A query flag's problem in the shared describer's words (src/atlas/problems.ts):
 * the flag, the item of a list flag, what was given and what would be valid —
 * `--flow item 2: invalid value "exprt" (valid: "export", "import", …)`.
 */
function flagProblem(issue: z.core.$ZodIssue): string {
  const [flag, item] = issue.path;
  const where = typeof item === 'number' ? `--${String(flag)} item ${item + 1}` : `--${String(flag)}`;
  return `${where}: ${describeIssue(issue)}`;
}

function printImportResult(r: ImportResult): void {
  if (r.alreadyImported) {
    console.log(
      `${r.file}: already imported as "${r.sourceId}" (${r.rows} rows, same sha256): nothing to do`,
    );
    return;
  }
  console.log(`imported ${r.rows} rows from ${r.file} as source "${r.sourceId}" (${r.importer})`);
  for (const n of r.notes) console.log(`  ${n}`);
}

async function* oneChunk<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}

const QUERY_TEXT_COLUMNS = [
  'source_id',
  'reporter_code',
  'partner_code',
  'year',
  'month',
  'flow',
  'commodity_code',
  'value',
  'currency',
  'scale',
  'value_usd',
  'reported_by',
  'variant',
] as const;

export function registerTradeCommands(program: Command): void {
  const trade = program
    .command('trade')
    .description('the trade observatory: import trade statistics, list sources, query and export flows');
  registerImport(trade);
  registerSources(trade);
  registerQuery(trade);
  registerExport(trade);
  // indicator / audit / chart: the indicators-and-audit module's sub-commands.
  registerTradeAnalysisCommands(trade);
  // fetch comtrade: live sources (src/cli/trade-fetch.ts; the library is loaded when it runs).
  registerTradeFetchCommands(trade);
}

/** `amur trade import FILE`: its options, in the order help lists them. */
function registerImport(trade: Command): void {
  trade
    .command('import')
    .description(
      'import a file: UN Comtrade (JSON, v1 or legacy CSV), CEPII BACI, China customs (GACC) and Russian customs (FCS) exports, tidy CSV/XLSX (with a mapping) or a table from a paper (with --spec)',
    )
    .argument('<file>', 'the file to import')
    .option('--spec <spec>', 'a wide-table spec (YAML) for a table copied from a paper')
    .option(
      '--format <format>',
      'comtrade, baci, tidy, world-totals, gacc (China customs query export) or fcs (Russian customs regional data) (default: detected from the header)',
    )
    .option('--flow <flow>', 'gacc: import or export, when the export has no 进出口 column')
    .option('--mapping <file>', 'a column mapping (YAML/JSON) for a tidy CSV/XLSX')
    .option('--map <field=column>', 'map a field to a column (tidy); repeatable', collect)
    .option('--set <field=value>', 'a constant field value (tidy), e.g. currency=CNY; repeatable', collect)
    .option('--hs <system>', 'BACI: the HS revision when the file name does not say (HS2017, …)')
    .option('--world-totals', "BACI: also write the file's sums as world export totals (RCA denominators)")
    .option('--skip-bad', 'import the good rows and write the bad ones to a report instead of stopping')
    .option(
      '--mirror',
      "the file holds the partners' reports: keep them as mirror data (reported_by = partner)",
    )
    .option(
      '--report <file>',
      'where --skip-bad writes the skipped rows (default: <file name>.skipped.csv here)',
    )
    .option('--id <id>', 'source id (default: from the file name)')
    .option('--title <title>', 'source title')
    .option('--publisher <publisher>', 'source publisher')
    .option('--citation <citation>', 'source citation')
    .option('--url <url>', 'source URL')
    .option('--licence <licence>', 'source licence')
    .addOption(storeOption())
    .option('--json', 'print the result as JSON')
    .action(runImport);
}

type ImportFlags = Record<string, unknown> & StoreCliOptions;

/** `--format`, `--flow`, `--spec` and `--id` of `amur trade import`, checked before the store opens. */
function checkImportFlags(o: ImportFlags): void {
  const format = o.format as string | undefined;
  if (
    format !== undefined &&
    !['comtrade', 'baci', 'tidy', 'spec', 'world-totals', 'gacc', 'fcs'].includes(format)
  )
    throw new CliError(
      `--format ${JSON.stringify(format)}: expected comtrade, baci, tidy, world-totals, gacc or fcs`,
    );
  const flow = o.flow as string | undefined;
  if (flow !== undefined && flow !== 'import' && flow !== 'export')
    throw new CliError(`--flow ${JSON.stringify(flow)}: expected import or export`);
  if (o.spec !== undefined && !existsSync(String(o.spec)))
    throw new CliError(`--spec ${o.spec}: no such file`);
  if (o.id !== undefined && !SourceId.safeParse(o.id).success)
    throw new CliError(`--id ${JSON.stringify(o.id)}: not a source id; ${SOURCE_ID_VALID}`);
}

/** The action of `amur trade import`: flags checked, the tidy mapping read, the file imported with progress. */
async function runImport(file: string, o: ImportFlags): Promise<void> {
  checkImportFlags(o);
  const { importFile } = await import('../trade/importers/index.ts');
  const { mappingFromFlags, readTidyMapping } = await import('../trade/importers/tidy.ts');
  let mapping: ImportFileOptions['mapping'];
  try {
    if (o.mapping !== undefined || o.map !== undefined || o.set !== undefined) {
      const base = o.mapping !== undefined ? readTidyMapping(String(o.mapping)) : undefined;
      mapping = mappingFromFlags(base, o.map as string[] | undefined, o.set as string[] | undefined);
    }
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const progress = await terminalProgress('import');
  const result = await withStore(
    o,
    (store) =>
      importFile(store, file, {
        format: o.format as ImportFormat | undefined,
        spec: o.spec as string | undefined,
        mapping,
        hs: o.hs as string | undefined,
        worldTotals: Boolean(o.worldTotals),
        flow: o.flow as 'import' | 'export' | undefined,
        skipBad: Boolean(o.skipBad),
        mirror: Boolean(o.mirror),
        reportFile: o.report as string | undefined,
        onProgress: progress.onProgress,
        source: {
          id: o.id as string | undefined,
          title: o.title as string | undefined,
          publisher: o.publisher as string | undefined,
          citation: o.citation as string | undefined,
          url: o.url as string | undefined,
          licence: o.licence as string | undefined,
        },
      }),
    {},
    IMPORT_ERRORS,
  ).finally(() => progress.stop());
  if (o.json) printJson(result);
  else printImportResult(result);
}

/** `amur trade sources`: the sources in the store with their row counts. */
function registerSources(trade: Command): void {
  trade
    .command('sources')
    .description('the sources in the store, with their row counts')
    .addOption(storeOption())
    .option('--json', 'print an array of { id, title, rows }')
    .addOption(
      new Option(
        '--lang <lang>',
        'the titles in en, zh or ru (the English one where none is known); with --json, titleOriginal too',
      ).choices([...LANGS]),
    )
    .action(async (o: StoreCliOptions & { lang?: Lang }) => {
      const stored = await withStore(
        o,
        async (store) =>
          store.query<{
            id: string;
            title: string;
            titles: string | null;
            rows: number;
            importer: string;
            publisher: string | null;
          }>(
            `SELECT id, title, ${await sourceTitlesSql(store)} AS titles, rows, importer, publisher FROM sources ORDER BY imported_at, id`,
          ),
        { readOnly: true },
        IMPORT_ERRORS,
      );
      const rows = stored.map(({ titles, ...r }) => ({
        ...r,
        title: o.lang ? titleIn(r.title, titles === null ? null : JSON.parse(titles), o.lang).text : r.title,
        titleOriginal: r.title,
      }));
      if (o.json)
        printJson(
          rows.map((r) => ({
            id: r.id,
            title: r.title,
            ...(o.lang ? { titleOriginal: r.titleOriginal } : {}),
            rows: r.rows,
          })),
        );
      else
        await writeTableRows(
          oneChunk(rows),
          ['id', 'rows', 'importer', 'title'],
          'no sources yet: import one with `amur trade import FILE`',
        );
    });
}

/** `amur trade query`: its options (the query flags, then the mirror flags), in the order help lists them. */
function registerQuery(trade: Command): void {
  addFillMirrorFlags(
    addQueryFlags(
      trade
        .command('query')
        .description('flows matching the filters')
        .addOption(storeOption())
        .option('--json', 'print an array of flow objects')
        .option('--csv', 'print CSV (all columns)'),
    ),
  ).action(runQuery);
}

/** The action of `amur trade query`: the flows streamed as a table, CSV or one JSON array. */
async function runQuery(o: QueryFlags & FillMirrorFlags & { csv?: boolean }): Promise<void> {
  const columns = o.fillMirror ? [...FLOW_QUERY_COLUMNS, 'fill'] : FLOW_QUERY_COLUMNS;
  const textColumns = o.fillMirror ? [...QUERY_TEXT_COLUMNS, 'fill'] : QUERY_TEXT_COLUMNS;
  await withStore(
    o,
    async (store) => {
      // without the mirror flags the rows are streamed (any number in bounded memory); with
      // --fill-mirror they are filled and summarized in memory, and a stray --cif-fob is refused
      // there (src/cli/trade-mirror.ts)
      const chunks =
        o.fillMirror || o.cifFob !== undefined
          ? oneChunk(await queryFilled(store, () => flowQueryFromFlags(store, o), o))
          : streamRows(store, flowQuerySql(await flowQueryFromFlags(store, o)));
      if (o.json) await writeJsonRows(chunks);
      else if (o.csv) await writeCsvRows(chunks, columns);
      else await writeTableRows(chunks, textColumns, 'no flows match');
    },
    { readOnly: true },
    IMPORT_ERRORS,
  );
}

/** `amur trade export --out FILE`: the flows matching the query flags written to a file. */
function registerExport(trade: Command): void {
  addFillMirrorFlags(
    addQueryFlags(
      trade
        .command('export')
        .description('write the flows matching the filters to a file')
        .requiredOption('--out <file>', 'the file to write')
        .option('--format <format>', 'csv, xlsx, json or parquet (default: from the file name)')
        .addOption(storeOption())
        .option('--json', 'print { out, format, rows } as JSON (with --fill-mirror also fill)'),
    ),
  ).action(async (o: QueryFlags & FillMirrorFlags & { out: string; format?: string }) => {
    const { formatFromFileName } = await import('../trade/export.ts');
    const format = (o.format ?? formatFromFileName(o.out)) as ExportFormat | null;
    if (!format || !['csv', 'xlsx', 'json', 'parquet'].includes(format))
      throw new CliError(
        `--format ${JSON.stringify(o.format ?? null)}: expected csv, xlsx, json or parquet (or an --out name ending in one of them)`,
      );
    // --fill-mirror: the filled series, each row flagged in `fill` beside `reported_by` (trade-mirror.ts)
    const { rows, fill } = await withStore(
      o,
      async (store) => exportFilledFlows(store, () => flowQueryFromFlags(store, o), format, o.out, o),
      { readOnly: true },
      IMPORT_ERRORS,
    );
    if (o.json) printJson({ out: o.out, format, rows, ...(fill ? { fill } : {}) });
    else console.log(`wrote ${rows} rows to ${o.out} (${format})`);
  });
}
