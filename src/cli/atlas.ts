/** `amur atlas …` — validate and summarise the corridor atlas. */
import type { Command } from 'commander';
import { DEFAULT_ATLAS_DIR, formatProblem, getAtlas, loadAtlas } from '../atlas/load.ts';
import { printJson } from './output.ts';

export function registerAtlasCommands(program: Command): void {
  const atlas = program
    .command('atlas')
    .description('the corridor atlas: places, crossings, links, zones, corridors');

  atlas
    .command('validate')
    .description('check every atlas file against the schema and the references between records')
    .option('--dir <dir>', 'atlas directory', DEFAULT_ATLAS_DIR)
    .option('--json', 'print the problems as JSON')
    .action((opts: { dir: string; json?: boolean }) => {
      const loaded = loadAtlas(opts.dir);
      const errors = loaded.problems.filter((p) => p.severity === 'error');
      if (opts.json) printJson({ ok: errors.length === 0, problems: loaded.problems });
      else {
        for (const p of loaded.problems)
          console.log(`${p.severity === 'error' ? 'error' : 'warning'}: ${formatProblem(p)}`);
        const a = loaded.atlas;
        console.log(
          `${errors.length === 0 ? 'ok' : `${errors.length} error(s)`}: ${a.places.length} places, ${a.crossings.length} crossings, ` +
            `${a.links.length} links, ${a.zones.length} zones, ${a.corridors.length} corridors, ${a.sources.length} sources`,
        );
      }
      if (errors.length > 0) process.exitCode = 1;
    });

  atlas
    .command('summary')
    .description('counts of the atlas records')
    .option('--dir <dir>', 'atlas directory', DEFAULT_ATLAS_DIR)
    .option('--json', 'print as JSON')
    .action((opts: { dir: string; json?: boolean }) => {
      const a = getAtlas(opts.dir);
      const summary = {
        places: a.places.length,
        crossings: a.crossings.length,
        links: a.links.length,
        zones: a.zones.length,
        corridors: a.corridors.length,
        sources: a.sources.length,
      };
      if (opts.json) printJson(summary);
      else for (const [k, v] of Object.entries(summary)) console.log(`${k.padEnd(10)} ${v}`);
    });
}
