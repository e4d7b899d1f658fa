import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { atlasDirOption, cargoOption, profileFromFlag, profileOption } from './options.ts';
import { CliError } from './output.ts';

describe('shared options', () => {
  it('builds a new option for each command, with its default and choices', () => {
    const a = new Command('a')
      .addOption(atlasDirOption())
      .addOption(cargoOption())
      .addOption(profileOption());
    const b = new Command('b').addOption(cargoOption());
    expect(a.options[0]).not.toBe(b.options[0]);
    expect(a.opts()).toMatchObject({ cargo: 'feu' });
    expect(a.opts().dir).toMatch(/data[/\\]atlas$/);
    expect(a.options[1].argChoices).toEqual(['teu', 'feu', 'bulk', 'liquid', 'air']);
    expect(() =>
      b
        .exitOverride()
        .configureOutput({ writeErr: () => {} })
        .parse(['--cargo', 'box'], { from: 'user' }),
    ).toThrow(/Allowed choices are teu, feu, bulk, liquid, air/);
  });

  it('a bad --profile is one user error naming the flag (exit 2), in route and scenario alike', async () => {
    expect(() => profileFromFlag('no/such/profile.yaml')).toThrow(CliError);
    expect(() => profileFromFlag('no/such/profile.yaml')).toThrow(
      /^--profile: profile .*not valid:\n {2}file not found/,
    );
    expect(profileFromFlag(undefined).id).toBeTruthy();
    for (const argv of [
      ['route', 'Heihe', 'Harbin', '--profile', 'no/such/profile.yaml'],
      ['scenario', 'show', 'current', '--profile', 'no/such/profile.yaml'],
    ]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^amur: --profile: profile .*no\/such\/profile\.yaml is not valid:/);
    }
  });
});
