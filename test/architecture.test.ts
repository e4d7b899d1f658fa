/**
 * The house rules on imports, checked on the source (docs/ARCHITECTURE.md):
 * no import cycle between files of `src/` or of `web/src/`; no cycle between
 * the areas of `src/` (atlas, network, routing, itinerary, …: data flows one
 * way); library code never imports a face (`src/cli`, `src/server`, `web/`).
 * Imports are read with TypeScript's own pre-processor: static, type-only,
 * re-exports and dynamic `import()` alike (a lazy import still ties two
 * modules together).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const WEB_SRC = join(ROOT, 'web', 'src');

/** Library areas of `src/` (a top-level directory or a top-level module). */
const LIBRARY = new Set([
  'atlas',
  'graph',
  'costs',
  'network',
  'routing',
  'itinerary',
  'scenarios',
  'trade',
  'observations',
  'i18n',
  'errors',
  'disk-cache',
  'yaml-values',
  'csv-field',
  'worker-boot',
]);
const FACES = new Set(['cli', 'server']);

/**
 * Area edges that still close a cycle, each with the file edges that make it.
 * This list only shrinks: a new edge fails, and so does an entry no longer
 * needed. Empty: the static kernels the OSM import measures with live in
 * `src/graph/`, below both network and routing.
 */
const KNOWN_AREA_CYCLE_EDGES: Record<string, string[]> = {};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'fixtures') out.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
      out.push(full);
  }
  return out.sort();
}

/** Relative imports of each file, resolved to absolute paths (packages are left out). */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const deps = info.importedFiles
      .map((i) => i.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
    graph.set(file, [...new Set(deps)]);
  }
  return graph;
}

/** Strongly connected components with more than one member (Tarjan), or a node importing itself. */
function cycles<T>(graph: Map<T, Iterable<T>>): T[][] {
  let next = 0;
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const stack: T[] = [];
  const onStack = new Set<T>();
  const out: T[][] = [];
  const visit = (v: T) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const scc: T[] = [];
      let w: T;
      do {
        w = stack.pop() as T;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || [...(graph.get(v) ?? [])].includes(v)) out.push(scc);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** Each cycle as the file edges inside it, relative to `base`: the message says what to cut. */
function describeCycles(graph: Map<string, string[]>, base: string): string[][] {
  return cycles(graph).map((scc) => {
    const members = new Set(scc);
    return scc
      .flatMap((a) =>
        (graph.get(a) ?? [])
          .filter((b) => members.has(b))
          .map((b) => `${relative(base, a)} -> ${relative(base, b)}`),
      )
      .sort();
  });
}

const areaOf = (file: string) =>
  relative(SRC, file)
    .split('/')[0]
    .replace(/\.tsx?$/, '');

const srcGraph = importGraph(sourceFiles(SRC));

describe('imports', () => {
  it('finds the imports it is meant to check (the graph is not empty)', () => {
    const router = srcGraph.get(join(SRC, 'routing', 'index.ts')) ?? [];
    expect(router).toContain(join(SRC, 'routing', 'itinerary.ts'));
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual([['b', 'a']]);
  });

  it('has no import cycle between files of src/', () => {
    expect(describeCycles(srcGraph, SRC)).toEqual([]);
  });

  it('has no import cycle between files of web/src/', () => {
    const web = importGraph(sourceFiles(WEB_SRC));
    expect(web.size).toBeGreaterThan(5);
    expect(describeCycles(web, WEB_SRC)).toEqual([]);
  });

  it('has no cycle between the areas of src/ but through the known, shrinking list of file edges', () => {
    const known = new Set(Object.values(KNOWN_AREA_CYCLE_EDGES).flat());
    const areas = new Map<string, Set<string>>();
    const fileEdges: Record<string, string[]> = {};
    for (const [file, deps] of srcGraph) {
      const a = areaOf(file);
      if (!areas.has(a)) areas.set(a, new Set());
      for (const dep of deps) {
        const b = areaOf(dep);
        if (!dep.startsWith(`${SRC}/`) || a === b) continue;
        const edge = `${relative(SRC, file)} -> ${relative(SRC, dep)}`;
        fileEdges[`${a} -> ${b}`] = [...(fileEdges[`${a} -> ${b}`] ?? []), edge];
        if (!known.has(edge)) areas.get(a)?.add(b);
      }
    }
    const found = cycles(areas).map((scc) =>
      scc
        .flatMap((a) =>
          [...(areas.get(a) ?? [])].filter((b) => scc.includes(b)).flatMap((b) => fileEdges[`${a} -> ${b}`]),
        )
        .sort(),
    );
    expect(found).toEqual([]);
    // Every known edge still exists: one that is gone leaves the list.
    const stillThere = Object.fromEntries(
      Object.entries(KNOWN_AREA_CYCLE_EDGES).map(([k, edges]) => [
        k,
        edges.filter((e) => fileEdges[k]?.includes(e)),
      ]),
    );
    expect(stillThere).toEqual(KNOWN_AREA_CYCLE_EDGES);
  });

  it('library code never imports a face (src/cli, src/server, web/)', () => {
    const bad: string[] = [];
    for (const [file, deps] of srcGraph) {
      if (!LIBRARY.has(areaOf(file))) continue;
      for (const dep of deps) {
        const outside = !dep.startsWith(`${SRC}/`);
        if (outside || FACES.has(areaOf(dep))) bad.push(`${relative(SRC, file)} -> ${relative(SRC, dep)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('knows every area of src/ as library or face', () => {
    const unknown = [...new Set([...srcGraph.keys()].map(areaOf))].filter(
      (a) => !LIBRARY.has(a) && !FACES.has(a),
    );
    expect(unknown).toEqual([]);
  });
});
