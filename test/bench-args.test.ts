import { describe, expect, it } from 'vitest';
import { parseArgs as assignArgs } from '../bench/assign.ts';
import { parseArgs as cliLatencyArgs } from '../bench/cli-latency.ts';
import { parseFlags } from '../bench/lib/args.ts';
import { parseArgs as roadGraphArgs } from '../bench/road-graph.ts';
import { parseArgs as paretoArgs } from '../bench/route-pareto.ts';

describe('benchmark flags', () => {
  it('reads whole numbers, texts, lists and switches by the table, ignoring other arguments', () => {
    const o = parseFlags<{ n?: number; name?: string; list?: string[]; on?: boolean }>(
      ['--n', '12', 'stray', '--name', 'x', '--list', 'a,b', '--on', '--other', '3'],
      {
        '--n': ['n', 'int'],
        '--name': ['name', 'text'],
        '--list': ['list', 'list'],
        '--on': ['on', 'switch'],
      },
    );
    expect(o).toEqual({ n: 12, name: 'x', list: ['a', 'b'], on: true });
  });

  it('refuses a flag without its value, naming it', () => {
    expect(() => parseFlags(['--n'], { '--n': ['n', 'int'] })).toThrow('--n needs a value');
  });

  it('gives each benchmark the options it read before', () => {
    expect(assignArgs(['--pairs', '40', '--iterations', '5', '--seed', '7', '--compiles', '2'])).toEqual({
      pairs: 40,
      iterations: 5,
      seed: 7,
      compiles: 2,
    });
    expect(() => assignArgs(['--pairs', '0'])).toThrow('--pairs must be a positive integer');
    expect(paretoArgs(['--queries', '30', '--seed', '3'])).toEqual({ queries: 30, seed: 3 });
    expect(roadGraphArgs(['--engines', 'ch,dijkstra', '--graph', 'g', '--pairs', '9'])).toEqual({
      engines: ['ch', 'dijkstra'],
      graph: 'g',
      pairs: 9,
    });
    expect(cliLatencyArgs(['--runs', '5', '--src', '--baseline', 'b.json'])).toEqual({
      runs: 5,
      src: true,
      baseline: 'b.json',
    });
    expect(() => cliLatencyArgs(['--runs', '3'])).toThrow('--runs must be a whole number of 5 or more');
  });
});
