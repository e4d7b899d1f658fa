/**
 * OD pairs and demand tables: loading (YAML or JSON, validated, errors naming
 * file, row and field) and deriving a demand table from the trade
 * observatory (`deriveDemand`): a trade flow's value by year, split into
 * commodity groups by value shares, converted to tonnes with unit values
 * (US$/t), and spread to origin and destination places by stated shares.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { describeIssues } from '../atlas/problems.ts';
import type { Atlas } from '../atlas/schema.ts';
import { flowQuerySql } from '../trade/flow-query.ts';
import type { Store } from '../trade/store.ts';
import { yamlValues } from '../yaml-values.ts';
import { ScenarioError } from './load.ts';
import {
  type DemandRow,
  DemandSpec,
  DemandTable,
  type DemandTable as DemandTableT,
  type OdPair,
  OdPairsFile,
} from './schema.ts';

const shown = (file: string) => relative(process.cwd(), file) || file;

function readYaml<T>(file: string, schema: z.ZodType<T>, what: string): T {
  const label = shown(file);
  if (!existsSync(file))
    throw new ScenarioError([`${label}: file not found (give a ${what} YAML or JSON file)`]);
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new ScenarioError(
      doc.errors.map(
        (e) => `${label}:${e.linePos?.[0]?.line ?? '?'}: YAML syntax: ${e.message.split('\n')[0]}`,
      ),
    );
  const parsed = schema.safeParse(yamlValues(doc, label), { reportInput: true });
  if (!parsed.success)
    throw new ScenarioError(describeIssues(parsed.error.issues).map(([f, p]) => `${label}: ${f}: ${p}`));
  return parsed.data;
}

/** Checks that every place id of the rows is in the atlas. */
function checkPlaces(
  rows: { from: string; to: string }[],
  atlas: Atlas | undefined,
  label: string,
  list: string,
): void {
  if (!atlas) return;
  const ids = new Set(atlas.places.map((p) => p.id));
  const problems: string[] = [];
  rows.forEach((r, i) => {
    for (const k of ['from', 'to'] as const)
      if (!ids.has(r[k]))
        problems.push(
          `${label}: ${list}[${i}].${k}: unknown place "${r[k]}" (an atlas place id, e.g. ${
            [...ids]
              .filter((x) => x.startsWith(r[k].slice(0, 2)))
              .slice(0, 4)
              .join(', ') || 'harbin, heihe'
          })`,
        );
    if (r.from === r.to) problems.push(`${label}: ${list}[${i}]: from and to are the same place "${r.from}"`);
  });
  if (problems.length > 0) throw new ScenarioError(problems);
}

/** Reads an OD pairs file (`pairs: [{ from, to, cargo?, modes? }]`). */
export function loadOdPairs(file: string, atlas?: Atlas): OdPair[] {
  const data = readYaml(file, OdPairsFile, 'OD pairs');
  checkPlaces(data.pairs, atlas, shown(file), 'pairs');
  return data.pairs;
}

/** Reads a demand table (`rows: [{ from, to, commodity, cargo, tonnesPerYear }]`). */
export function loadDemand(file: string, atlas?: Atlas): DemandTableT {
  const data = readYaml(file, DemandTable, 'demand table');
  checkPlaces(data.rows, atlas, shown(file), 'rows');
  return data;
}

/** The distinct (from, to, cargo) pairs of a demand table, with their yearly tonnes. */
export function pairsOfDemand(d: DemandTableT): OdPair[] {
  const seen = new Map<string, OdPair>();
  for (const r of d.rows) {
    const k = `${r.from}|${r.to}|${r.cargo}`;
    const p = seen.get(k);
    if (p) p.tonnesPerYear = (p.tonnesPerYear ?? 0) + r.tonnesPerYear;
    else seen.set(k, { from: r.from, to: r.to, cargo: r.cargo, tonnesPerYear: r.tonnesPerYear });
  }
  return [...seen.values()];
}

/** Reads and checks a demand spec: shares sum to 1 per flow and per side. */
export function loadDemandSpec(file: string, atlas?: Atlas): DemandSpec {
  const spec = readYaml(file, DemandSpec, 'demand spec');
  const label = shown(file);
  const problems: string[] = [];
  for (const flow of ['export', 'import'] as const) {
    const gs = spec.groups.filter((g) => g.flow === flow);
    const shared = gs.filter((g) => g.valueShare !== undefined && !g.commodity);
    if (shared.length === 0) continue;
    const sum = shared.reduce((s, g) => s + (g.valueShare ?? 0), 0);
    // with commodity-coded groups beside them, the share groups split what is left: at most 1
    const exact = shared.length === gs.length;
    if (exact ? Math.abs(sum - 1) > 1e-6 : sum > 1 + 1e-6)
      problems.push(
        `${label}: groups (flow ${flow}): valueShare sums to ${sum.toFixed(4)} (valid: the ${flow} groups' shares sum to ${exact ? '1' : 'at most 1'})`,
      );
  }
  const ids = atlas ? new Set(atlas.places.map((p) => p.id)) : null;
  spec.groups.forEach((g, i) => {
    for (const side of ['origins', 'destinations'] as const) {
      const sum = g[side].reduce((s, x) => s + x.share, 0);
      if (Math.abs(sum - 1) > 1e-6)
        problems.push(
          `${label}: groups[${i}].${side}: shares sum to ${sum.toFixed(4)} (valid: they sum to 1)`,
        );
      g[side].forEach((x, k) => {
        if (ids && !ids.has(x.place))
          problems.push(
            `${label}: groups[${i}].${side}[${k}].place: unknown place "${x.place}" (an atlas place id)`,
          );
      });
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return spec;
}

export interface DerivedDemand extends DemandTableT {
  /** Value per flow read from the store (US$), and tonnes per group. */
  check: {
    valueUsd: Record<string, number>;
    tonnesByGroup: Record<string, number>;
    tonnesTotal: number;
  };
}

/**
 * Value and tonnes of a group's commodity codes in the store: reporter's own
 * annual rows; for a prefix (`44*`) only the rows at the shortest code length
 * found, so a chapter and its subheadings are not counted twice.
 */
async function commodityTotals(
  store: Store,
  spec: DemandSpec,
  g: DemandSpec['groups'][number],
  year: number,
): Promise<{ rows: number; valueUsd: number; tonnes: number; weighedRows: number }> {
  const rows = await store.query<{
    commodity_code: string;
    value_usd: number | null;
    quantity: number | null;
    quantity_unit: string | null;
    net_weight_kg: number | null;
    reported_by: string;
    period_kind: string;
  }>(
    flowQuerySql({
      source: [g.source ?? spec.trade.source],
      reporter: [spec.trade.reporter],
      partner: [spec.trade.partner],
      flow: [g.flow],
      year: String(year),
      commodity: g.commodity,
      variant: g.source ? undefined : spec.trade.variant,
    }),
  );
  const own = rows.filter((r) => r.reported_by === 'reporter' && r.period_kind === 'year');
  const picked = new Set<(typeof own)[number]>();
  for (const code of g.commodity ?? []) {
    const match = code.endsWith('*')
      ? own.filter((r) => r.commodity_code.startsWith(code.slice(0, -1)))
      : own.filter((r) => r.commodity_code === code);
    if (match.length === 0) continue;
    const shortest = Math.min(...match.map((r) => r.commodity_code.length));
    for (const r of match) if (r.commodity_code.length === shortest) picked.add(r);
  }
  let valueUsd = 0;
  let tonnes = 0;
  let weighedRows = 0;
  for (const r of picked) {
    valueUsd += Number(r.value_usd ?? 0);
    const kg =
      r.net_weight_kg !== null
        ? Number(r.net_weight_kg)
        : r.quantity !== null && r.quantity_unit === 'kg'
          ? Number(r.quantity)
          : r.quantity !== null && r.quantity_unit === 't'
            ? Number(r.quantity) * 1000
            : null;
    if (kg !== null) {
      tonnes += kg / 1000;
      weighedRows++;
    }
  }
  return { rows: picked.size, valueUsd, tonnes, weighedRows };
}

/**
 * Derives a demand table for `year` from the trade store: the flow values of
 * the spec's trade source (as-corrected by default), split by the groups'
 * value shares, divided by their unit values, spread over origins ×
 * destinations by their shares. Tonnes per row are exact products, so the
 * rows of a group sum to its tonnes.
 */
export async function deriveDemand(
  store: Store,
  spec: DemandSpec,
  year: number,
  specLabel = 'spec',
): Promise<DerivedDemand> {
  const sql = flowQuerySql({
    source: [spec.trade.source],
    reporter: [spec.trade.reporter],
    partner: [spec.trade.partner],
    year: String(year),
    variant: spec.trade.variant,
  });
  const rows = await store.query<{ flow: string; value_usd: number | null; commodity_code: string }>(sql);
  const valueUsd: Record<string, number> = {};
  for (const r of rows) {
    if (r.commodity_code !== 'TOTAL' || r.value_usd === null) continue;
    valueUsd[r.flow] = (valueUsd[r.flow] ?? 0) + Number(r.value_usd);
  }
  const flows = [...new Set(spec.groups.filter((g) => !g.commodity).map((g) => g.flow))];
  const missing = flows.filter((f) => valueUsd[f] === undefined);
  if (missing.length > 0)
    throw new ScenarioError([
      `${specLabel}: trade: no ${missing.join(' and ')} value for ${spec.trade.reporter} → ${spec.trade.partner} in ${year} in source ${spec.trade.source} (${spec.trade.variant}); valid: a year the source covers (\`amur trade query --source ${spec.trade.source}\`)`,
    ]);
  const out: DemandRow[] = [];
  const tonnesByGroup: Record<string, number> = {};
  for (const g of spec.groups) {
    let tonnes: number;
    if (g.commodity) {
      const c = await commodityTotals(store, spec, g, year);
      if (g.tonnes === 'reported') {
        if (c.rows === 0 || c.weighedRows < c.rows)
          throw new ScenarioError([
            `${specLabel}: groups[${g.id}].commodity: ${c.rows === 0 ? 'no rows' : `${c.rows - c.weighedRows} of ${c.rows} rows without a weight`} for ${g.commodity.join(', ')} (${g.flow}, ${year}, source ${g.source ?? spec.trade.source}); valid: codes the store holds with net weights or quantities in kg or t, or tonnes: unit-value`,
          ]);
        tonnes = c.tonnes;
      } else {
        if (c.rows === 0)
          throw new ScenarioError([
            `${specLabel}: groups[${g.id}].commodity: no rows for ${g.commodity.join(', ')} (${g.flow}, ${year}, source ${g.source ?? spec.trade.source})`,
          ]);
        tonnes = c.valueUsd / (g.usdPerTonne ?? 1);
      }
    } else {
      tonnes = (valueUsd[g.flow] * (g.valueShare ?? 0)) / (g.usdPerTonne ?? 1);
    }
    tonnesByGroup[g.id] = tonnes;
    for (const o of g.origins)
      for (const d of g.destinations) {
        const t = tonnes * o.share * d.share;
        if (t <= 0 || o.place === d.place) continue;
        out.push({
          from: o.place,
          to: d.place,
          commodity: g.id,
          cargo: g.cargo,
          tonnesPerYear: t,
        });
      }
  }
  return {
    description: `${spec.description} — ${year}`,
    unit: 'tonnes/yr',
    derivedFrom: {
      source: spec.trade.source,
      reporter: spec.trade.reporter,
      partner: spec.trade.partner,
      variant: spec.trade.variant,
      year,
      valueUsd,
    },
    rows: out,
    check: {
      valueUsd,
      tonnesByGroup,
      tonnesTotal: Object.values(tonnesByGroup).reduce((s, x) => s + x, 0),
    },
  };
}
