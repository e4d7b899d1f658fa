/**
 * Public holidays as closures of crossing services: `holidayPeriods(rule)`
 * turns an atlas `HolidayClosure` (country, holiday name, fromDay, days) into
 * dated closure periods for the years Amur plans in, with the holiday
 * calendars of the `date-holidays` package (CN, RU, …). The periods join the
 * service's calendar closures, so the search waits them out like any other
 * closure and the itinerary's wait says which holiday it was.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Holidays from 'date-holidays';
import { daysFromIso, isoFromDays } from '../atlas/calendar.ts';
import type { HolidayClosure, Period } from '../atlas/schema.ts';
import { cacheKey, readCacheFile, userCacheDir, writeCacheFile } from '../disk-cache.ts';

// date-holidays takes ~0.3 s to load and laying out 41 years of a lunar
// holiday ~1 s: it is loaded only when a holiday's runs are not in the disk
// cache (src/disk-cache.ts, part `holidays`), keyed by the date-holidays
// version, HOLIDAY_YEARS and this module's code.
const require = createRequire(import.meta.url);
let HolidaysClass: typeof Holidays | undefined;
function calendarOf(country: string): Holidays {
  HolidaysClass ??= require('date-holidays') as typeof Holidays;
  return new HolidaysClass(country, { languages: ['en'], types: ['public'] });
}

/** Years for which holiday closures are laid out. */
export const HOLIDAY_YEARS: readonly [number, number] = [2000, 2040];

/** Consecutive days of one public holiday in one year: first day (days since epoch) and length. */
interface Run {
  first: number;
  length: number;
}

const runsCache = new Map<string, Run[]>();
const namesCache = new Map<string, Set<string>>();

/** The disk cache file of the runs (null when the cache is off or unusable), its runs loaded once. */
let diskFile: string | null | undefined;
function runsOnDisk(): string | null {
  if (diskFile !== undefined) return diskFile;
  diskFile = null;
  const dir = userCacheDir('holidays');
  if (!dir) return diskFile;
  try {
    const pkg = join(dirname(require.resolve('date-holidays')), '..', 'package.json');
    const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
    const key = cacheKey(version, HOLIDAY_YEARS.join('-'), readFileSync(fileURLToPath(import.meta.url)));
    diskFile = join(dir, `runs-${key.slice(0, 20)}.v8`);
    const stored = readCacheFile<Map<string, Run[]>>(diskFile);
    if (stored instanceof Map) for (const [k, v] of stored) if (!runsCache.has(k)) runsCache.set(k, v);
  } catch {
    diskFile = null;
  }
  return diskFile;
}

/** Runs of the country's public holiday of that English name over HOLIDAY_YEARS (cached in memory and on disk). */
function runs(country: string, holiday: string): Run[] {
  const key = `${country}|${holiday}`;
  const file = runsOnDisk();
  const hit = runsCache.get(key);
  if (hit) return hit;
  const hd = calendarOf(country);
  const days: number[] = [];
  for (let y = HOLIDAY_YEARS[0]; y <= HOLIDAY_YEARS[1]; y++) {
    for (const h of hd.getHolidays(y, 'en') || []) {
      if (h.type !== 'public' || h.name !== holiday) continue;
      const first = daysFromIso(h.date.slice(0, 10));
      const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let d = 0; d < length; d++) days.push(first + d);
    }
  }
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const out: Run[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && d === last.first + last.length) last.length++;
    else out.push({ first: d, length: 1 });
  }
  runsCache.set(key, out);
  if (file) writeCacheFile(file, runsCache);
  return out;
}

/** English names of the country's public holidays (for error messages). */
export function holidayNames(country: string): Set<string> {
  let names = namesCache.get(country);
  if (!names) {
    const hd = calendarOf(country);
    names = new Set((hd.getHolidays(2024, 'en') || []).filter((h) => h.type === 'public').map((h) => h.name));
    namesCache.set(country, names);
  }
  return names;
}

/**
 * Dated closures for a holiday rule, one per year: from day `fromDay` of each
 * run of the holiday for `days` days. Empty when the country or the holiday
 * is unknown to date-holidays (the compiler warns, naming the valid names).
 */
export function holidayPeriods(rule: HolidayClosure): Period[] {
  let list: Run[];
  try {
    list = runs(rule.country, rule.holiday);
  } catch {
    return [];
  }
  const fromDay = rule.fromDay ?? 0;
  return list.flatMap((r) => {
    const length = rule.days ?? r.length - fromDay;
    if (length <= 0) return [];
    const from = r.first + fromDay;
    return [
      {
        from: isoFromDays(from),
        to: isoFromDays(from + length - 1),
        reason: `public holiday: ${rule.holiday} (${rule.country}, dates from date-holidays)`,
        sources: rule.sources,
      },
    ];
  });
}
