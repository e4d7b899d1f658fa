/**
 * The `amur` command line. Each area registers its own sub-commands; this file
 * only assembles them and turns errors into one clear line and exit code.
 */
import { Command, CommanderError } from 'commander';
import { registerAtlasCommands } from './atlas.ts';
import { registerNetworkCommands } from './network.ts';
import { CliError } from './output.ts';
import { registerRouteCommands } from './route.ts';
import { registerScenarioCommands } from './scenario.ts';
import { registerServeCommands } from './serve.ts';
import { registerTradeCommands } from './trade.ts';

// `amur … | head` closes stdout early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command();
program
  .name('amur')
  .description('Corridor planner and trade observatory for Northeast China and the Russian Far East')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

registerAtlasCommands(program);
registerNetworkCommands(program);
registerRouteCommands(program);
registerScenarioCommands(program);
registerServeCommands(program);
registerTradeCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode;
  } else if (e instanceof CliError) {
    console.error(`amur: ${e.message}`);
    process.exitCode = e.exitCode;
  } else {
    console.error(`amur: ${(e as Error).message}`);
    if (process.env.AMUR_DEBUG) console.error((e as Error).stack);
    process.exitCode = 1;
  }
}
