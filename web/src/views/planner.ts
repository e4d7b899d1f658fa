/** The planner view (wired to the library as it lands). */
import { h, replace } from '../dom.ts';
import { t } from '../i18n.ts';
import type { Health } from '../main.ts';
import type { ViewContext } from './overview.ts';

export async function renderPlanner(ctx: ViewContext, health: Health): Promise<void> {
  if (!health.features.routing) {
    replace(
      ctx.panel,
      h('h2', { class: 'view-heading' }, t('planner.heading')),
      h('p', { class: 'notice' }, t('planner.unavailable')),
    );
    return;
  }
}
