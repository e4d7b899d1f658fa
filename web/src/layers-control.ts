/**
 * The layer switcher over the map: one checkbox per channel and group, with
 * its colour. Pipelines, power lines and cables are one "energy" layer, off
 * by default, so that they never cover the freight crossings they share a
 * spot with.
 */
import { h } from './dom.ts';
import { t } from './i18n.ts';
import {
  type AmurMap,
  ENERGY_GROUPS,
  GROUP_COLOUR,
  type LayerGroup,
  LINK_GROUPS,
  OTHER_GROUPS,
} from './map/map.ts';
import { param, setParams } from './state.ts';

/** Dispatched on `document` when the reader turns a group on or off; detail: `{ group, on }`. */
export const LAYER_EVENT = 'amur:layer';

/** Groups that are off until the reader turns them on (kept in `show=`). */
export const OFF_BY_DEFAULT: readonly LayerGroup[] = ['energy'];

function listParam(name: string): Set<string> {
  return new Set((param(name) ?? '').split(',').filter(Boolean));
}

/** Hidden groups: those in the URL's `hide=road,air`, and those off by default unless in `show=`. */
export function hiddenGroups(): Set<LayerGroup> {
  const all = new Set<string>([...LINK_GROUPS, ...OTHER_GROUPS]);
  const hidden = new Set([...listParam('hide')].filter((g) => all.has(g)) as LayerGroup[]);
  const shown = listParam('show');
  for (const g of OFF_BY_DEFAULT) if (!shown.has(g)) hidden.add(g);
  return hidden;
}

function remember(g: LayerGroup, on: boolean): void {
  const key = OFF_BY_DEFAULT.includes(g) ? 'show' : 'hide';
  const set = listParam(key);
  if (on === (key === 'show')) set.add(g);
  else set.delete(g);
  setParams({ [key]: [...set].join(',') || undefined });
}

export function layersControl(map: AmurMap): HTMLElement {
  const hidden = hiddenGroups();
  for (const g of [...LINK_GROUPS, ...OTHER_GROUPS]) map.setGroupVisible(g, !hidden.has(g));
  const groups: LayerGroup[] = [...OTHER_GROUPS, ...LINK_GROUPS.filter((g) => !ENERGY_GROUPS.includes(g))];
  return h(
    'details',
    { class: 'layers-control' },
    h('summary', null, t('map.layers')),
    h(
      'fieldset',
      null,
      h('legend', { class: 'visually-hidden' }, t('map.layers')),
      groups.map((g) =>
        h(
          'label',
          { class: 'layer-toggle' },
          h('input', {
            type: 'checkbox',
            checked: !hidden.has(g),
            dataset: { layer: g },
            onchange: (e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              map.setGroupVisible(g, on);
              remember(g, on);
              document.dispatchEvent(new CustomEvent(LAYER_EVENT, { detail: { group: g, on } }));
            },
          }),
          g === 'energy' ? ENERGY_GROUPS.map(swatch) : swatch(g),
          t(`layers.${g}`),
        ),
      ),
    ),
  );
}

function swatch(g: LayerGroup): HTMLElement {
  const el = h('span', { class: `swatch swatch-${g}`, 'aria-hidden': 'true' });
  const colour = (GROUP_COLOUR as Record<string, string>)[g];
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy
  if (colour) el.style.setProperty('--swatch', colour);
  return el;
}
