/**
 * A date control in the app's language, not the browser's: day, month (named
 * in the language) and year, ordered as the language writes a date (zh: year
 * month day). The native `<input type="date">` follows the browser's locale,
 * which is why it is not used. Value in and out is ISO 8601 (YYYY-MM-DD).
 */
import { h, uid } from './dom.ts';
import { lang, t } from './i18n.ts';
import { isIsoDate } from './state.ts';

const LOCALE = { en: 'en-GB', zh: 'zh-CN', ru: 'ru-RU' } as const;

export interface DateField {
  /** The group of controls. */
  element: HTMLElement;
  /** The id of the first control (for a `<label for>`). */
  id: string;
  value(): string;
  set(iso: string): void;
  setDisabled(disabled: boolean): void;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dateField(opts: {
  value: string;
  label: string;
  onChange?: (iso: string) => void;
  min?: number;
  max?: number;
}): DateField {
  const locale = LOCALE[lang()];
  const ids = { day: uid('day'), month: uid('month'), year: uid('year') };
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const day = h(
    'select',
    { id: ids.day, 'aria-label': `${opts.label}: ${t('date.day')}`, class: 'date-day' },
    Array.from({ length: 31 }, (_, i) => h('option', { value: String(i + 1) }, String(i + 1))),
  );
  const month = h(
    'select',
    { id: ids.month, 'aria-label': `${opts.label}: ${t('date.month')}`, class: 'date-month' },
    Array.from({ length: 12 }, (_, i) =>
      h('option', { value: String(i + 1) }, monthName.format(new Date(Date.UTC(2001, i, 15)))),
    ),
  );
  const year = h('input', {
    id: ids.year,
    type: 'number',
    class: 'date-year',
    inputmode: 'numeric',
    min: opts.min ?? 1900,
    max: opts.max ?? 2100,
    step: 1,
    'aria-label': `${opts.label}: ${t('date.year')}`,
  });
  // the order of the parts as the language writes a date
  const order = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' })
    .formatToParts(new Date(Date.UTC(2001, 0, 15)))
    .map((p) => p.type)
    .filter((x) => x === 'day' || x === 'month' || x === 'year');
  const parts = { day, month, year };
  const element = h(
    'span',
    { class: 'date-field', role: 'group', 'aria-label': opts.label },
    order.map((k) => parts[k as keyof typeof parts]),
  );

  const value = () => {
    const y = Number(year.value);
    const m = Number(month.value);
    const d = Math.min(Number(day.value), daysIn(y, m));
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  const set = (iso: string) => {
    if (!isIsoDate(iso)) return;
    year.value = String(Number(iso.slice(0, 4)));
    month.value = String(Number(iso.slice(5, 7)));
    day.value = String(Number(iso.slice(8, 10)));
  };
  set(opts.value);
  const changed = () => {
    const v = value();
    if (!isIsoDate(v)) return;
    if (Number(day.value) !== Number(v.slice(8, 10))) day.value = String(Number(v.slice(8, 10)));
    opts.onChange?.(v);
  };
  for (const el of [day, month, year]) el.addEventListener('change', changed);
  return {
    element,
    id: order[0] === 'year' ? ids.year : order[0] === 'month' ? ids.month : ids.day,
    value,
    set,
    setDisabled: (disabled) => {
      for (const el of [day, month, year]) el.disabled = disabled;
    },
  };
}
