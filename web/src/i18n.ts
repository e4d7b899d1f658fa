/**
 * Languages: English, Chinese and Russian through i18next. Labels come from
 * `locales/{en,zh,ru}.json`; place names from the atlas's `names.{en,zh,ru}`;
 * numbers, dates and durations are formatted for the language with Intl.
 */
import i18next from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import ru from './locales/ru.json' with { type: 'json' };
import zh from './locales/zh.json' with { type: 'json' };

export const LANGUAGES = ['en', 'zh', 'ru'] as const;
export type Lang = (typeof LANGUAGES)[number];

const LOCALE: Record<Lang, string> = { en: 'en-GB', zh: 'zh-CN', ru: 'ru-RU' };

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}

/** The language to start in: the URL's, else the browser's, else English. */
export function initialLanguage(fromUrl: string | null): Lang {
  if (isLang(fromUrl)) return fromUrl;
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.slice(0, 2).toLowerCase();
    if (isLang(base)) return base;
  }
  return 'en';
}

export async function initI18n(lang: Lang): Promise<void> {
  await i18next.init({
    lng: lang,
    fallbackLng: 'en',
    resources: { en: { translation: en }, zh: { translation: zh }, ru: { translation: ru } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lang;
}

export async function setLanguage(lang: Lang): Promise<void> {
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export function lang(): Lang {
  const l = i18next.language;
  return isLang(l) ? l : 'en';
}

export function t(key: string, vars?: Record<string, unknown>): string {
  return String(i18next.t(key, vars as never));
}

/** Translates the static labels of the page (`data-i18n`, `data-i18n-aria-label`). */
export function translateStatic(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]'))
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel!));
  document.title = t('app.title');
}

export interface Names {
  en: string;
  zh?: string;
  ru?: string;
}

/** A record's name in the current language (English where it has none). */
export function nameOf(names: Names | undefined, fallback = ''): string {
  if (!names) return fallback;
  return names[lang()] ?? names.en ?? fallback;
}

export function fmtNumber(n: number, opts?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(LOCALE[lang()], opts).format(n);
}

export function fmtMoneyUsd(n: number): string {
  return new Intl.NumberFormat(LOCALE[lang()], {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 0,
  }).format(n);
}

/** `2024-03-20` → a date in the language's style (the date is a calendar date, no time zone shift). */
export function fmtDate(iso: string, style: 'medium' | 'long' = 'medium'): string {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang()], { dateStyle: style, timeZone: 'UTC' }).format(d);
}

/**
 * A local date-time with its offset, as the router gives it
 * (`2024-03-20T08:00+08:00`), shown in the place's own time: "20 Mar 2024,
 * 08:00 (UTC+8)" — not converted to the reader's time zone.
 */
export function fmtDateTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  if (!m) return iso;
  const wall = new Date(`${m[1]}T${m[2]}:${m[3]}:00Z`);
  const text = new Intl.DateTimeFormat(LOCALE[lang()], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(wall);
  const off = m[4];
  if (!off) return text;
  if (off === 'Z' || off === '+00:00') return `${text} (UTC)`;
  const [hh, mm] = off.slice(1).split(':').map(Number);
  return `${text} (UTC${off[0]}${hh}${mm ? `:${String(mm).padStart(2, '0')}` : ''})`;
}

/** "in 20 days", "через 20 дней", "20天后". */
export function fmtInDays(days: number): string {
  return new Intl.RelativeTimeFormat(LOCALE[lang()], { numeric: 'auto' }).format(Math.round(days), 'day');
}

/** Hours as days and hours: "3 d 4 h" in the language. */
export function fmtHours(hours: number): string {
  const total = Math.round(hours);
  const d = Math.floor(total / 24);
  const h = total % 24;
  if (d === 0) return t('units.hours', { count: h });
  if (h === 0) return t('units.days', { count: d });
  return `${t('units.days', { count: d })} ${t('units.hours', { count: h })}`;
}

/** Items joined as the app's language lists them: "time and CO₂e", "时间和二氧化碳当量", "время и CO₂-экв.". */
export function fmtList(items: string[]): string {
  return new Intl.ListFormat(LOCALE[lang()], { style: 'long', type: 'conjunction' }).format(items);
}
