/**
 * `amur validate observations [--json]`: routes every observation of the
 * calibration corpus (`data/observations/*.yaml`) and prints the residuals
 * (km, days, cost: Amur vs published, %), the share within ±15% for the
 * `fit` and the `check` part, the relative claims, and the worst ten.
 */
import type { Command } from 'commander';
import { DEFAULT_ATLAS_DIR } from '../atlas/load.ts';
import type { PartShares, Share, ValidationReport } from '../observations/validate.ts';
import { CliError, printJson } from './output.ts';

export const VALIDATE_DESCRIPTION =
  'check Amur against published figures: the calibration corpus of observations (residuals, share within ±15%)';

interface Opts {
  observations?: string;
  dir: string;
  profile?: string;
  split?: 'fit' | 'check';
  tolerance: string;
  json?: boolean;
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(1)}%`;
const num = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: d });

export function registerValidateCommands(program: Command): void {
  const validate = program.command('validate').description(VALIDATE_DESCRIPTION);
  registerObservations(validate);
}

/** `amur validate observations`: its options, in the order help lists them. */
function registerObservations(validate: Command): void {
  validate
    .command('observations')
    .description(
      'route each observation of the corpus and print residuals, shares within ±15% and the worst ten',
    )
    .option('--observations <dir>', 'corpus directory (default: data/observations)')
    .option('--dir <path>', 'atlas directory', DEFAULT_ATLAS_DIR)
    .option('--profile <file>', 'cost and emission profile (YAML)')
    .option('--split <part>', 'only one part of the corpus: fit or check')
    .option('--tolerance <pct>', 'tolerance for the shares, %', '15')
    .option('--json', 'print JSON: { shares: { fit, check, all }, observations, claims, worst }')
    .action(runObservations);
}

/** The action: flags checked, atlas, profile and corpus loaded (modules imported here), the report printed. */
async function runObservations(o: Opts): Promise<void> {
  if (o.split !== undefined && o.split !== 'fit' && o.split !== 'check')
    throw new CliError(`--split: "${o.split}" is not a part of the corpus (valid: fit, check)`);
  const tolerancePct = Number(o.tolerance);
  if (!(tolerancePct > 0)) throw new CliError(`--tolerance: "${o.tolerance}" is not a number > 0 (%)`);
  const { loadAtlasCached } = await import('../atlas/cache.ts');
  const { profileFromFlag } = await import('./options.ts');
  const { loadObservations, ObservationError, DEFAULT_OBSERVATIONS_DIR } = await import(
    '../observations/load.ts'
  );
  const { validateObservations } = await import('../observations/validate.ts');
  const loaded = loadAtlasCached(o.dir);
  if (loaded.atlas.places.length === 0)
    throw new CliError(
      `--dir ${o.dir}: no places could be loaded (run \`amur atlas validate --dir ${o.dir}\`)`,
    );
  const profile = profileFromFlag(o.profile);
  let corpus: ReturnType<typeof loadObservations>;
  try {
    corpus = loadObservations(o.observations ?? DEFAULT_OBSERVATIONS_DIR);
  } catch (e) {
    if (e instanceof ObservationError) throw new CliError(`--observations: ${e.message}`);
    throw e;
  }
  const report = validateObservations(loaded.atlas, profile, corpus, { tolerancePct, split: o.split });
  if (o.json) printJson(report);
  else process.stdout.write(`${formatReport(report).join('\n')}\n`);
}

/** The report as text: the head, the observations (tab-separated), the claims, the shares, the worst ten. */
function formatReport(report: ValidationReport): string[] {
  return [
    `Calibration corpus: ${report.observations.length} observations and ${report.claims.length} claims from ${report.sources} sources; profile ${report.profile}; tolerance ±${report.tolerancePct}%`,
    '',
    ...observationRows(report.observations),
    '',
    'Relative claims (a vs b)',
    ...report.claims.flatMap(claimLines),
    '',
    `Shares within ±${report.tolerancePct}% (unrouted observations count as outside; a published maximum counts when Amur is not above it)`,
    ...(['fit', 'check', 'all'] as const).map((part) => shareLine(part, report.shares[part])),
    '',
    'Worst ten residuals',
    ...report.worst.map(
      (w) =>
        `  ${w.id} [${w.split}] ${w.metric}: published ${num(w.published)}, Amur ${num(w.amur)} (${w.errorPct === null ? 'no route' : pct(w.errorPct)})`,
    ),
  ];
}

/** The observations' table: a header, then one tab-separated row each (and its problem, if any). */
function observationRows(observations: ValidationReport['observations']): string[] {
  const header = [
    'id',
    'part',
    'mode',
    'km pub',
    'km Amur',
    'km err',
    'days pub',
    'days Amur',
    'days err',
    'USD pub',
    'USD Amur',
    'cost err',
  ];
  return [
    header.join('\t'),
    ...observations.map(
      (r) =>
        [
          r.id,
          r.split,
          r.scope === 'door-to-door' ? `${r.mode}, door to door` : r.mode,
          num(r.km?.published, 0),
          num(r.km?.amur, 0),
          pct(r.km?.errorPct),
          num(r.days?.published),
          num(r.days?.amur),
          r.days?.bound === 'at-most' ? `${pct(r.days.errorPct)} (of a maximum)` : pct(r.days?.errorPct),
          num(r.cost?.published, 0),
          num(r.cost?.amur, 0),
          pct(r.cost?.errorPct),
        ].join('\t') + (r.problem ? `\t! ${r.problem}` : ''),
    ),
  ];
}

/** A claim: published against Amur, the direction, and why when Amur says the opposite. */
function claimLines(c: ValidationReport['claims'][number]): string[] {
  const pub =
    c.published.ratio !== undefined
      ? `a/b ${c.published.ratio}`
      : `a−b ${num(c.published.difference)}${c.metric === 'cost' ? ' USD' : ` ${c.metric}`}`;
  const amur = c.amur
    ? c.published.ratio !== undefined
      ? `a/b ${c.amur.ratio}`
      : `a−b ${num(c.amur.difference)}`
    : '—';
  const dir = c.sameDirection === null ? '' : c.sameDirection ? 'same direction' : 'OPPOSITE direction';
  const out = [
    `  ${c.id} [${c.split}] ${c.metric}: published ${pub}, Amur ${amur} (${pct(c.errorPct)}) ${dir}${c.problem ? ` ! ${c.problem}` : ''}`,
  ];
  if (c.sameDirection === false && c.note) out.push(`    why: ${c.note}`);
  return out;
}

/** One part's shares within the tolerance. */
function shareLine(part: 'fit' | 'check' | 'all', s: PartShares): string {
  const f = (x: Share) =>
    x.n === 0
      ? '—'
      : `${x.within}/${x.n} = ${((x.share ?? 0) * 100).toFixed(0)}%${x.unrouted ? ` (${x.unrouted} unrouted)` : ''}`;
  return `  ${part.padEnd(5)} ${String(s.observations).padStart(3)} observations: km ${f(s.km)}; days ${f(s.days)}; cost ${f(s.cost)}; claims in the same direction ${s.claims.sameDirection}/${s.claims.n}`;
}
