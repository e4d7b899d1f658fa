/** The layer switcher over the map: one checkbox per channel and group, with its colour. */
import { h } from './dom.ts';
import { t } from './i18n.ts';
import { type AmurMap, GROUP_COLOUR, type LayerGroup, LINK_GROUPS, OTHER_GROUPS } from './map/map.ts';
import { param, setParams } from './state.ts';

/** Hidden groups are kept in the URL (`hide=road,air`). */
export function hiddenGroups(): Set<LayerGroup> {
  const all = new Set<string>([...LINK_GROUPS, ...OTHER_GROUPS]);
  return new Set((param('hide') ?? '').split(',').filter((g) => all.has(g)) as LayerGroup[]);
}

export function layersControl(map: AmurMap): HTMLElement {
  const hidden = hiddenGroups();
  for (const g of hidden) map.setGroupVisible(g, false);
  const groups: LayerGroup[] = [...OTHER_GROUPS, ...LINK_GROUPS];
  const box = h(
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
              const now = hiddenGroups();
              if (on) now.delete(g);
              else now.add(g);
              setParams({ hide: [...now].join(',') || undefined });
            },
          }),
          swatch(g),
          t(`layers.${g}`),
        ),
      ),
    ),
  );
  return box;
}

function swatch(g: LayerGroup): HTMLElement {
  const el = h('span', { class: `swatch swatch-${g}`, 'aria-hidden': 'true' });
  const colour = (GROUP_COLOUR as Record<string, string>)[g];
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy
  if (colour) el.style.setProperty('--swatch', colour);
  return el;
}
