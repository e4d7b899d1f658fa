/**
 * `amur scenario diff`'s text output: the heading, each pair's route before
 * and after with its change, the crossings' use, and the summary. With
 * `--lang`, its words come from src/i18n/diff-lines.ts and places, crossing
 * services and lines are named by the atlas's names in that language;
 * without, the ids and English lines the command has always printed.
 */

import { DIFF_LINES, DIFF_OPTIMIZE_NAMES, type DiffLine } from '../i18n/diff-lines.ts';
import { fill, type Lang } from '../i18n/messages.ts';
import { CARGO_NAMES } from '../i18n/route-texts.ts';
import type { ScenarioDiff } from '../scenarios/diff-schema.ts';
import { displayWidth } from './text-width.ts';

/** The language of the output and the atlas's names in it. */
export interface DiffSay {
  lang: Lang;
  place(id: string): string;
  /** A crossing service by `crossing/service` (a crossing by its id). */
  crossing(id: string): string;
  /** The named lines of a route's links, in order, each once. */
  lines(linkIds: readonly string[]): string[];
}

type RouteSummary = NonNullable<ScenarioDiff['pairs'][number]['before']>;

const TAGS = {
  same: ' ',
  rerouted: '~',
  switched: '⇄',
  'new-route': '+',
  'lost-route': '−',
  'no-route': '∅',
} as const;
const en = (x: number) => Math.round(x).toLocaleString('en-US');
const sign = (x: number, f: (v: number) => string) => (x > 0 ? `+${f(x)}` : x < 0 ? `−${f(-x)}` : '±0');

/** The diff as text; `say`: in that language with the atlas's names. */
export function formatDiff(d: ScenarioDiff, say?: DiffSay): string {
  const lang = say?.lang ?? 'en';
  const line = (key: DiffLine, vars: Record<string, string | number> = {}) =>
    fill(DIFF_LINES[key][lang], Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));
  const fmtH = (h: number) =>
    Math.abs(h) >= 48 ? line('days', { n: (h / 24).toFixed(1) }) : line('hours', { n: h.toFixed(1) });
  const usd = (x: number) => `$${en(x)}`;
  const kg = (x: number) => line('kg', { n: en(x) });
  const place = (id: string) => say?.place(id) ?? id;
  const list = (xs: readonly string[]) => xs.join(lang === 'zh' ? '、' : ', ');
  const route = (s: RouteSummary | null | undefined) => {
    if (!s) return line('no-route');
    const lines = say ? say.lines(s.links) : s.lines;
    return line(s.crossings.length ? 'route' : 'route-no-crossing', {
      time: fmtH(s.hours),
      cost: usd(s.costUsd),
      co2: kg(s.co2eKg),
      crossings: list(s.crossings.map((c) => say?.crossing(c) ?? c)),
      lines: lines.length ? line('lines', { lines: list(lines) }) : '',
    });
  };
  const out: string[] = [
    line(d.dates.length > 1 ? 'head-other' : 'head-one', {
      a: d.a.id,
      b: d.b.id,
      shipments: d.summary.shipments,
      pairs: d.pairs.length / d.dates.length,
      dates: d.dates.length,
      optimize: DIFF_OPTIMIZE_NAMES[d.optimize as keyof typeof DIFF_OPTIMIZE_NAMES]?.[lang] ?? d.optimize,
    }),
  ];
  for (const date of d.dates) {
    out.push('', date);
    for (const p of d.pairs.filter((x) => x.date === date)) {
      const cargo = lang === 'en' ? p.cargo : (CARGO_NAMES[p.cargo]?.[lang] ?? p.cargo);
      out.push(line('pair', { tag: TAGS[p.change], from: place(p.from), to: place(p.to), cargo }));
      out.push(line('before', { route: route(p.before) }), line('after', { route: route(p.after) }));
      if (p.delta) {
        const pct =
          p.before && p.before.costUsd > 0 ? ((p.delta.costUsd / p.before.costUsd) * 100).toFixed(1) : null;
        out.push(
          line('change', {
            hours: sign(p.delta.hours, fmtH),
            cost: sign(p.delta.costUsd, usd),
            co2: sign(p.delta.co2eKg, kg),
            share: pct === null ? '' : line('change-share', { pct }),
          }),
        );
      }
      if (p.afterMessage && !p.after) out.push(`      (${p.afterMessage})`);
      if (p.beforeMessage && !p.before) out.push(`      (${p.beforeMessage})`);
    }
  }
  out.push('', line('crossings-title'));
  const crossingName = (id: string) => say?.crossing(id) ?? id;
  const width = Math.max(48, ...d.crossings.map((c) => displayWidth(crossingName(c.id))));
  for (const c of d.crossings.filter((x) => x.delta !== 0 || x.after > 0)) {
    const name = crossingName(c.id);
    // English: ids padded to 48 characters, as always; names by their width on a terminal
    const padded = say ? name + ' '.repeat(width - displayWidth(name)) : name.padEnd(48);
    out.push(
      `  ${padded} ${String(c.before).padStart(4)} → ${String(c.after).padEnd(4)} ${c.delta > 0 ? `+${c.delta}` : c.delta}`,
    );
  }
  out.push('', ...summaryLines(d, line, { fmtH, usd, kg }));
  return out.join('\n');
}

/** The summary: counts, mean changes, the year's tonnes (with a demand table), by date. */
function summaryLines(
  d: ScenarioDiff,
  line: (key: DiffLine, vars?: Record<string, string | number>) => string,
  f: { fmtH: (h: number) => string; usd: (x: number) => string; kg: (x: number) => string },
): string[] {
  const s = d.summary;
  const out = [
    line('summary', {
      compared: s.compared,
      switched: s.switched,
      newRoutes: s.newRoutes,
      lostRoutes: s.lostRoutes,
      noRoute: s.noRoute,
    }),
    line('mean', {
      hours: sign(s.meanDelta.hours, f.fmtH),
      cost: sign(s.meanDelta.costUsd, f.usd),
      co2: sign(s.meanDelta.co2eKg, f.kg),
      switchedHours: sign(s.meanDeltaSwitched.hours, f.fmtH),
      switchedCost: sign(s.meanDeltaSwitched.costUsd, f.usd),
    }),
  ];
  if (s.yearly) {
    const y = s.yearly;
    out.push(
      line('yearly', {
        tonnes: en(y.tonnes),
        share: d.dates.length > 1 ? line('share-part', { n: d.dates.length }) : line('share-whole'),
        switchedTonnes: en(y.switchedTonnes),
        cost: sign(y.deltaCostUsd, f.usd),
        co2: sign(y.deltaCo2eKg / 1000, (v) => line('tonnes', { n: en(v) })),
        tonneDays: sign(y.deltaTonneHours / 24, (v) => line('tonne-days', { n: en(v) })),
      }),
    );
  }
  if (d.dates.length > 1) {
    out.push(line('by-date'));
    for (const b of s.byDate)
      out.push(
        line('date-row', {
          date: b.date,
          switched: b.switched,
          hours: sign(b.meanDelta.hours, f.fmtH),
          cost: sign(b.meanDelta.costUsd, f.usd),
        }),
      );
  }
  return out;
}
