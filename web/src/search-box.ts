/**
 * A search field with suggestions from `/api/search` (any script: 黑河,
 * Благовещенск, Heihe, a UN/LOCODE), following the WAI-ARIA combobox pattern:
 * arrows move through the options, Enter chooses, Escape closes.
 */
import { getJson } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { nameOf, t } from './i18n.ts';

export interface Candidate {
  id: string;
  kind: 'place' | 'crossing' | 'zone' | 'corridor' | 'link';
  names: { en: string; zh: string; ru: string };
  score: number;
  match: string;
  matched: string;
}

export interface SearchBoxOptions {
  label: string;
  name: string;
  kinds?: string[];
  /** Text shown initially (e.g. the name of the place in the URL). */
  value?: string;
  /** The chosen record's id, when `value` came from a choice. */
  chosenId?: string;
  required?: boolean;
  onChoose?: (c: Candidate) => void;
  onInput?: (text: string) => void;
}

export interface SearchBox {
  element: HTMLElement;
  input: HTMLInputElement;
  /** The chosen id, or the typed text when nothing was chosen. */
  value(): string;
  setInvalid(invalid: boolean): void;
}

export function searchBox(opts: SearchBoxOptions): SearchBox {
  const inputId = uid('search');
  const listId = uid('listbox');
  let chosen: Candidate | null = null;
  let chosenId = opts.chosenId;
  let options: Candidate[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticket = 0;

  const input = h('input', {
    id: inputId,
    name: opts.name,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    placeholder: t('search.placeholder'),
    value: opts.value ?? '',
    required: opts.required ?? false,
  });
  const list = h('ul', { id: listId, role: 'listbox', 'aria-label': opts.label, hidden: true });
  const status = h('span', { class: 'visually-hidden', role: 'status' });

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const choose = (c: Candidate) => {
    chosen = c;
    chosenId = c.id;
    input.value = nameOf(c.names);
    close();
    opts.onChoose?.(c);
  };

  const setActive = (i: number) => {
    active = i;
    list.querySelectorAll('[role="option"]').forEach((el, j) => {
      el.setAttribute('aria-selected', String(j === i));
      if (j === i) {
        input.setAttribute('aria-activedescendant', el.id);
        (el as HTMLElement).scrollIntoView({ block: 'nearest' });
      }
    });
  };

  const show = (q: string, found: Candidate[]) => {
    options = found;
    if (found.length === 0) {
      replace(list, h('li', { class: 'muted', 'aria-disabled': 'true' }, t('search.noResults', { q })));
    } else {
      replace(
        list,
        found.map((c, i) =>
          h(
            'li',
            {
              id: `${listId}-${i}`,
              role: 'option',
              'aria-selected': 'false',
              dataset: { id: c.id, kind: c.kind },
              onmousedown: (e: Event) => {
                e.preventDefault();
                choose(c);
              },
            },
            nameOf(c.names),
            h('span', { class: 'option-kind' }, `${t(`search.kind.${c.kind}`)} · ${otherNames(c)}`),
          ),
        ),
      );
    }
    status.textContent = found.length === 0 ? t('search.noResults', { q }) : `${found.length}`;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };

  const lookup = async () => {
    const q = input.value.trim();
    const mine = ++ticket;
    if (q.length === 0) {
      close();
      return;
    }
    try {
      const found = await getJson<Candidate[]>('/api/search', {
        q,
        limit: 8,
        kinds: opts.kinds?.join(','),
      });
      if (mine === ticket && document.activeElement === input) show(q, found);
    } catch {
      if (mine === ticket) close();
    }
  };

  input.addEventListener('input', () => {
    chosen = null;
    chosenId = undefined;
    opts.onInput?.(input.value);
    clearTimeout(timer);
    timer = setTimeout(() => void lookup(), 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden) void lookup();
      else if (options.length > 0) setActive((active + 1) % options.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.length > 0) setActive((active - 1 + options.length) % options.length);
    } else if (e.key === 'Enter') {
      if (!list.hidden && active >= 0 && options[active]) {
        e.preventDefault();
        choose(options[active]);
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 120));

  const element = h(
    'div',
    { class: 'field combobox' },
    h('label', { for: inputId }, opts.label),
    input,
    list,
    status,
  );
  return {
    element,
    input,
    value: () => chosen?.id ?? chosenId ?? input.value.trim(),
    setInvalid: (invalid) => {
      if (invalid) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}

function otherNames(c: Candidate): string {
  const main = nameOf(c.names);
  return [c.names.en, c.names.zh, c.names.ru].filter((n) => n && n !== main).join(' · ');
}
