/** Small shared pieces of the interface: error boxes, loading lines, regime sentences. */
import { ApiFailure } from './api.ts';
import type { CrossingRegime, DayChange, ServiceRegime } from './atlas.ts';
import { h } from './dom.ts';
import { fmtDate, fmtInDays, lang, nameOf, t } from './i18n.ts';

/** Error codes after which the same request may work a moment later. */
const TRANSIENT = new Set(['unavailable', 'busy', 'timeout', 'rate-limited', 'client']);

/**
 * What went wrong in the app's language, from the API's error code (`error`)
 * and the parameter it names: "The value of “From” is not valid.".
 */
export function errorSentence(code: string, parameter: string, label?: string): string {
  const named = parameter && parameter !== 'request' ? (label ?? parameter) : '';
  const withParam = `errors.kindParameter.${code}`;
  if (named && t(withParam) !== withParam) return t(withParam, { parameter: named });
  const key = `errors.kind.${code}`;
  const sentence = t(key) !== key ? t(key) : t('errors.kind.other');
  return TRANSIENT.has(code) ? `${sentence} ${t('errors.retryLater')}` : sentence;
}

/**
 * A readable error: what went wrong in the app's language (by the error's
 * code and parameter), which field, what is valid, and the server's own
 * English sentence as a detail. The form stays as it was.
 */
export function errorBox(
  err: unknown,
  retry?: () => void,
  /** The form's own label of each request parameter ("from" → "From"). */
  labels: Record<string, string> = {},
): HTMLElement {
  const body =
    err instanceof ApiFailure
      ? err.body
      : { error: 'client', parameter: '', message: (err as Error)?.message ?? String(err), valid: '' };
  return h(
    'div',
    { class: 'error-box', role: 'alert', dataset: { error: body.error, parameter: body.parameter } },
    h('strong', null, t('errors.title')),
    h('p', { class: 'error-sentence' }, errorSentence(body.error, body.parameter, labels[body.parameter])),
    body.message
      ? h(
          'p',
          { class: 'error-message muted' },
          `${t('errors.detail')} `,
          h('span', { lang: 'en' }, body.message),
        )
      : null,
    body.parameter && body.parameter !== 'request'
      ? h(
          'p',
          { class: 'error-parameter' },
          t('errors.parameter', { parameter: labels[body.parameter] ?? body.parameter }),
        )
      : null,
    body.valid
      ? h(
          'p',
          { class: 'error-valid' },
          t('errors.valid', { valid: '' }),
          h('span', { lang: 'en' }, body.valid),
        )
      : null,
    retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, t('errors.retry')) : null,
  );
}

export function loadingLine(): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, t('app.loading'));
}

/** "ice road", or the service's own name. */
export function serviceName(s: Pick<ServiceRegime, 'facility' | 'names' | 'mode'>): string {
  // the service's own name in this language, else its kind of facility, translated
  const own = s.names?.[lang()];
  return own ?? t(`facility.${s.facility}`);
}

/** "in 20 days" or "on 10 Dec 2025" (for far changes). */
export function when(change: DayChange): string {
  return change.inDays <= 45 ? fmtInDays(change.inDays) : t('change.onDate', { date: fmtDate(change.date) });
}

/** "Poyarkovo ice road opens in 20 days". */
export function changeSentence(
  c: CrossingRegime,
  s: Pick<ServiceRegime, 'facility' | 'names' | 'mode'>,
  change: DayChange,
): string {
  const vars = {
    service: serviceName(s),
    crossing: nameOf(c.names),
    when: when(change),
    state: t(`state.${change.state}`),
  };
  let text: string;
  if (change.usable) text = t('change.opens', vars);
  else if (change.state === 'seasonal-closed' || change.state === 'closed' || change.state === 'suspended')
    text = t('change.closes', vars);
  else text = t('change.becomes', vars);
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** The coloured shape of a look (also used in the legend); shape and colour both carry the state. */
export function lookBadge(look: string, label?: string): HTMLElement {
  return h(
    'span',
    { class: `look-badge look-${look}` },
    h('span', { class: 'crossing-dot', 'aria-hidden': 'true' }),
    label ?? t(`look.${look}`),
  );
}
