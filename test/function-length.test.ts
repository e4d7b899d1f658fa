/**
 * No function in `src/` longer than a screenful of rules: 150 lines, from its
 * first line to its closing brace, nested functions counted in their owner
 * too. Functions are found with TypeScript's own parser (declarations,
 * methods, constructors, accessors, arrows and function expressions).
 *
 * The functions still longer are listed below with their measured length: a
 * ceiling that only comes down. A listed function that grows fails; one that
 * is split below the limit (or is gone) must leave the list; an unlisted
 * function over the limit fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const LIMIT = 150;

/** `file: owner>name` → lines. Empty since 2026-12-04: every function in src/ is within the limit; a new entry needs a reason in review. */
const STILL_TOO_LONG: Record<string, number> = {};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures') out.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
      out.push(full);
  }
  return out.sort();
}

function nameOf(fn: ts.SignatureDeclaration, sf: ts.SourceFile): string {
  if (fn.name) return fn.name.getText(sf);
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))
    return p.name.getText(sf);
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  return '(anonymous)';
}

/** Every function of `text` with its length in lines, named by the chain of functions it sits in. */
function functionLengths(file: string, text: string): { name: string; lines: number }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node, owners: string[]) => {
    let inner = owners;
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      inner = [...owners, nameOf(node, sf)];
      out.push({ name: inner.join('>'), lines: last - first + 1 });
    }
    ts.forEachChild(node, (c) => visit(c, inner));
  };
  visit(sf, []);
  return out;
}

describe('function length', () => {
  it('measures functions as TypeScript parses them', () => {
    const body = Array.from({ length: 151 }, (_, i) => `  const a${i} = ${i};`).join('\n');
    const measured = functionLengths(
      'x.ts',
      `export function f() {\n${body}\n  const g = () => {\n    return 1;\n  };\n}\n`,
    );
    expect(measured).toEqual([
      { name: 'f', lines: 156 },
      { name: 'f>g', lines: 3 },
    ]);
  });

  it(`has no function in src/ over ${LIMIT} lines but the listed ones, and those only shrink`, () => {
    const over: Record<string, number> = {};
    for (const file of sourceFiles(SRC)) {
      for (const { name, lines } of functionLengths(file, readFileSync(file, 'utf8'))) {
        if (lines > LIMIT) over[`${relative(SRC, file)}: ${name}`] = lines;
      }
    }
    const unlisted = Object.fromEntries(Object.entries(over).filter(([k]) => !(k in STILL_TOO_LONG)));
    expect(unlisted, `functions over ${LIMIT} lines: split them into named stages`).toEqual({});
    const grown = Object.fromEntries(Object.entries(over).filter(([k, n]) => n > (STILL_TOO_LONG[k] ?? 0)));
    expect(grown, 'listed functions that grew: the list is a ceiling').toEqual({});
    const done = Object.keys(STILL_TOO_LONG).filter((k) => !(k in over));
    expect(done, `now at most ${LIMIT} lines (or gone): remove them from STILL_TOO_LONG`).toEqual([]);
  });
});
