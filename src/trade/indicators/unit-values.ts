/**
 * Unit values and value against volume.
 *
 * `unit-value` — the value per unit of the stated quantity and per kilogram:
 *   usd_per_unit = value_usd / quantity   (e.g. US$/kWh of electricity, US$/m³ of timber)
 *   usd_per_kg   = value_usd / net_weight_kg
 *   per flow row (summed per series and year when a series has several rows
 *   with the same quantity unit). Needs quantities or net weights: Comtrade
 *   and BACI give them; a paper's table gets them from its text (the spec's
 *   `attach`, e.g. Heihe's 3.342 billion kWh for US$155.83 million in 2016).
 *
 * `value-volume` — growth in value against growth in volume (WITS Trade
 *   Outcomes "growth in value versus volume"), year on year, in %:
 *   value_growth = 100 · (V_t / V_{t−1} − 1), volume_growth = 100 · (Q_t / Q_{t−1} − 1),
 *   unit_value_growth = 100 · ((V_t/Q_t) / (V_{t−1}/Q_{t−1}) − 1): the part of the
 *   value growth due to prices rather than quantities. Needs the quantity (same
 *   unit) in two consecutive years.
 */
import type { Store } from '../store.ts';
import {
  flowConditions,
  type IndicatorDef,
  IndicatorError,
  queryRows,
  SERIES,
  SERIES_COLUMNS,
  usdNotes,
  yearConditions,
} from './common.ts';

export const unitValue: IndicatorDef = {
  name: 'unit-value',
  title: 'Unit values (US$ per unit of quantity, per kg)',
  definition:
    'usd_per_unit = value_usd / quantity (per the stated unit: kWh, m³, t, u …); usd_per_kg = value_usd / net_weight_kg',
  unit: 'US$ per quantity unit; US$/kg',
  needs: 'flows with a quantity (and its unit) or a net weight',
  params: ['reporter', 'partner', 'flow', 'commodity', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const cond = await flowConditions(store, p);
    const sql = `
      SELECT source_id AS source, reporter_code AS reporter, partner_code AS partner, flow, commodity_code AS commodity,
             any_value(commodity_label) AS commodity_label, year, quantity_unit,
             sum(value_usd) AS value_usd, sum(quantity) AS quantity, sum(net_weight_kg) AS net_weight_kg,
             sum(value_usd) FILTER (WHERE quantity > 0) / sum(quantity) FILTER (WHERE quantity > 0) AS usd_per_unit,
             sum(value_usd) FILTER (WHERE net_weight_kg > 0) / sum(net_weight_kg) FILTER (WHERE net_weight_kg > 0) AS usd_per_kg
        FROM flows WHERE ${cond.join(' AND ')} AND (quantity > 0 OR net_weight_kg > 0)
       GROUP BY ${SERIES}, year, quantity_unit
       ORDER BY source, reporter, partner, flow, commodity, year`;
    const rows = await queryRows(store, sql);
    if (rows.length === 0)
      throw new IndicatorError(
        'unit values need quantities or net weights, and none of the selected flows has one (Comtrade and BACI files carry them; for a table from a paper, attach the quantity its text states with `attach: true` in the spec)',
      );
    const notes = await usdNotes(store, cond);
    return {
      columns: [
        ...SERIES_COLUMNS,
        'year',
        'value_usd',
        'quantity',
        'quantity_unit',
        'usd_per_unit',
        'net_weight_kg',
        'usd_per_kg',
      ],
      rows,
      notes,
    };
  },
};

export const valueVolume: IndicatorDef = {
  name: 'value-volume',
  title: 'Growth in value against growth in volume',
  definition:
    'value_growth = 100·(V_t/V_{t−1} − 1); volume_growth = 100·(Q_t/Q_{t−1} − 1); unit_value_growth = 100·((V_t/Q_t)/(V_{t−1}/Q_{t−1}) − 1) (WITS growth in value versus volume)',
  unit: '%',
  needs: 'the value and the quantity (same unit) of a series in two consecutive years',
  params: ['reporter', 'partner', 'flow', 'commodity', 'year', 'from', 'to', 'source', 'variant'],
  async compute(store: Store, p) {
    const cond = await flowConditions(store, p, { years: false });
    const yc = yearConditions(p, 'c');
    const sql = `
      WITH f AS (SELECT ${SERIES}, year, quantity_unit, sum(value_usd) AS v, sum(quantity) AS q
                   FROM flows WHERE ${cond.join(' AND ')} AND quantity > 0 GROUP BY ALL)
      SELECT c.source_id AS source, c.reporter_code AS reporter, c.partner_code AS partner, c.flow, c.commodity_code AS commodity,
             c.year, c.quantity_unit, c.v AS value_usd, c.q AS quantity,
             100 * (c.v / pr.v - 1) AS value_growth_pct, 100 * (c.q / pr.q - 1) AS volume_growth_pct,
             100 * ((c.v / c.q) / (pr.v / pr.q) - 1) AS unit_value_growth_pct
        FROM f c JOIN f pr ON pr.source_id = c.source_id AND pr.reporter_code = c.reporter_code
         AND pr.partner_code = c.partner_code AND pr.flow = c.flow AND pr.commodity_system = c.commodity_system
         AND pr.commodity_code = c.commodity_code AND pr.quantity_unit = c.quantity_unit AND pr.year = c.year - 1
       ${yc.length ? `WHERE ${yc.join(' AND ')}` : ''}
       ORDER BY source, reporter, partner, c.flow, commodity, c.year`;
    const rows = await queryRows(store, sql);
    if (rows.length === 0)
      throw new IndicatorError(
        'value against volume needs the value and the quantity (same unit) of a series in two consecutive years; the selected flows have no such pair',
      );
    return {
      columns: [
        'source',
        'reporter',
        'partner',
        'flow',
        'commodity',
        'year',
        'quantity_unit',
        'value_usd',
        'quantity',
        'value_growth_pct',
        'volume_growth_pct',
        'unit_value_growth_pct',
      ],
      rows,
      notes: [],
    };
  },
};

export const UNIT_VALUE_INDICATORS = [unitValue, valueVolume];
