/** The trade view (wired to the library as it lands). */
import { h, replace } from '../dom.ts';
import { t } from '../i18n.ts';
import type { Health } from '../main.ts';
import type { ViewContext } from './overview.ts';

export async function renderTrade(ctx: ViewContext, health: Health): Promise<void> {
  if (!health.features.trade) {
    replace(
      ctx.panel,
      h('h2', { class: 'view-heading' }, t('trade.heading')),
      h('p', { class: 'notice' }, t('trade.unavailable')),
    );
    return;
  }
}
