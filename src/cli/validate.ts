/**
 * `amur validate observations [--json]`: routes every observation of the
 * calibration corpus (`data/observations/*.yaml`) and prints the residuals
 * (km, days, cost: Amur vs published, %), the share within ±15% for the
 * `fit` and the `check` part, the relative claims, and the worst ten.
 */
import type { Command } from 'commander';
import { DEFAULT_ATLAS_DIR } from '../atlas/load.ts';
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
    .action(async (o: Opts) => {
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
      if (o.json) return printJson(report);

      const out: string[] = [];
      out.push(
        `Calibration corpus: ${report.observations.length} observations and ${report.claims.length} claims from ${report.sources} sources; profile ${report.profile}; tolerance ±${report.tolerancePct}%`,
      );
      out.push('');
      out.push(
        [
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
        ].join('\t'),
      );
      for (const r of report.observations) {
        out.push(
          [
            r.id,
            r.split,
            r.mode,
            num(r.km?.published, 0),
            num(r.km?.amur, 0),
            pct(r.km?.errorPct),
            num(r.days?.published),
            num(r.days?.amur),
            pct(r.days?.errorPct),
            num(r.cost?.published, 0),
            num(r.cost?.amur, 0),
            pct(r.cost?.errorPct),
          ].join('\t') + (r.problem ? `\t! ${r.problem}` : ''),
        );
      }
      out.push('');
      out.push('Relative claims (a vs b)');
      for (const c of report.claims) {
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
        out.push(
          `  ${c.id} [${c.split}] ${c.metric}: published ${pub}, Amur ${amur} (${pct(c.errorPct)}) ${dir}${c.problem ? ` ! ${c.problem}` : ''}`,
        );
        if (c.sameDirection === false && c.note) out.push(`    why: ${c.note}`);
      }
      out.push('');
      out.push(`Shares within ±${report.tolerancePct}% (unrouted observations count as outside)`);
      for (const part of ['fit', 'check', 'all'] as const) {
        const s = report.shares[part];
        const f = (x: { n: number; within: number; share: number | null; unrouted: number }) =>
          x.n === 0
            ? '—'
            : `${x.within}/${x.n} = ${((x.share ?? 0) * 100).toFixed(0)}%${x.unrouted ? ` (${x.unrouted} unrouted)` : ''}`;
        out.push(
          `  ${part.padEnd(5)} ${String(s.observations).padStart(3)} observations: km ${f(s.km)}; days ${f(s.days)}; cost ${f(s.cost)}; claims in the same direction ${s.claims.sameDirection}/${s.claims.n}`,
        );
      }
      out.push('');
      out.push('Worst ten residuals');
      for (const w of report.worst)
        out.push(
          `  ${w.id} [${w.split}] ${w.metric}: published ${num(w.published)}, Amur ${num(w.amur)} (${w.errorPct === null ? 'no route' : pct(w.errorPct)})`,
        );
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
