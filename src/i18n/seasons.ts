/**
 * Month-days and seasons of the atlas's calendars ("05-06", "05-06…10-27")
 * said in the reader's language: "6 May – 27 Oct", "5月6日至10月27日",
 * "6 мая – 27 окт.". A bare "05-06" reads as 5 June to many readers and as
 * 6 May to others; the month's name removes the doubt.
 */
import type { Lang } from './lang.ts';

const LOCALES: Record<Lang, string> = { en: 'en-GB', zh: 'zh-CN', ru: 'ru-RU' };
const RANGE: Record<Lang, (a: string, b: string) => string> = {
  en: (a, b) => `${a} – ${b}`,
  zh: (a, b) => `${a}至${b}`,
  ru: (a, b) => `${a} – ${b}`,
};
const LIST_SEPARATOR: Record<Lang, string> = { en: ', ', zh: '、', ru: ', ' };

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** "05-06" → "6 May" / "5月6日" / "6 мая"; anything else is returned as it is. */
export function monthDayText(md: string, lang: Lang): string {
  const m = MONTH_DAY.exec(md);
  if (!m) return md;
  // a leap year, so that every valid month-day is a date
  const d = new Date(Date.UTC(2000, Number(m[1]) - 1, Number(m[2]), 12));
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    d,
  );
}

/**
 * A season or a list of them as `calendar.ts` labels them ("05-06…10-27",
 * "10-27…01-08, 04-02…05-05") in the language; a part that is not a
 * month-day range is kept as written.
 */
export function seasonText(label: string, lang: Lang): string {
  return label
    .split(', ')
    .map((part) => {
      const [a, b, ...rest] = part.split('…');
      if (rest.length > 0 || b === undefined || !MONTH_DAY.test(a) || !MONTH_DAY.test(b)) return part;
      return RANGE[lang](monthDayText(a, lang), monthDayText(b, lang));
    })
    .join(LIST_SEPARATOR[lang]);
}
