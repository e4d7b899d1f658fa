import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { type CliIo, COMMANDS, runCli } from './main.ts';

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    out: () => out,
    err: () => err,
  };
}

describe('amur command table', () => {
  it('declares each command with the description its module registers', async () => {
    for (const c of COMMANDS) {
      const program = new Command();
      (await c.load())(program);
      const cmd = program.commands.find((x) => x.name() === c.name);
      expect(cmd, `${c.module} registers "${c.name}"`).toBeDefined();
      expect(cmd?.description(), `description of "${c.name}" in COMMANDS`).toBe(c.description);
    }
  });

  it('lists every command in --help, without the commands the modules do not declare', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const c of COMMANDS) expect(io.out()).toContain(`  ${c.name} `);
    expect(io.err()).toBe('');
    const modules = new Set(COMMANDS.map((c) => c.module));
    for (const m of modules) {
      const program = new Command();
      (await COMMANDS.find((c) => c.module === m)!.load())(program);
      for (const cmd of program.commands)
        expect(
          COMMANDS.map((c) => c.name),
          `${m} registers "${cmd.name()}": add it to COMMANDS`,
        ).toContain(cmd.name());
    }
  });
});

describe('runCli', () => {
  it('prints a sub-command help from the lazily loaded module', async () => {
    const io = capture();
    expect(await runCli(['help', 'matrix'], io)).toBe(0);
    expect(io.out()).toContain('Usage: amur matrix [options]');
    expect(io.out()).toContain('--workers');
  });

  it('answers an unknown command with exit 1 and a suggestion on stderr', async () => {
    const io = capture();
    expect(await runCli(['atlass'], io)).toBe(1);
    expect(io.err()).toContain("unknown command 'atlass'");
    expect(io.err()).toContain('atlas');
    expect(io.out()).toBe('');
  });

  it("routes a command's console output to its own io and returns its exit code", async () => {
    const io = capture();
    expect(await runCli(['atlas', 'search', 'xyzzy-nowhere'], io)).toBe(1);
    expect(process.exitCode ?? 0).toBe(0);
    const ok = capture();
    expect(await runCli(['scenario', 'list', '--json'], ok)).toBe(0);
    expect(Array.isArray(JSON.parse(ok.out()))).toBe(true);
    expect(io.out() + io.err()).not.toContain('"id"');
  });

  it('reports a bad option value on stderr with exit 2', async () => {
    const io = capture();
    const code = await runCli(['route', 'heihe', 'harbin', '--qty', 'many'], io);
    expect(code).toBeGreaterThan(0);
    expect(io.err()).toMatch(/--qty/);
  });
});
