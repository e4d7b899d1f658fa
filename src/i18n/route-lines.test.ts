import { describe, expect, it } from 'vitest';
import { loadProfile } from '../costs/profile.ts';
import { LANGS } from './messages.ts';
import { OPTIMIZE_NAMES, ROUTE_LINES, SERVICE_LABELS, serviceClassText } from './route-lines.ts';

const placeholders = (t: string) => [...new Set([...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe("amur route's lines in en, zh and ru", () => {
  it('has every line in every language with the same placeholders, and no English word in zh or ru', () => {
    for (const [key, texts] of Object.entries(ROUTE_LINES))
      for (const l of LANGS) {
        expect(texts[l], `${key}.${l}`).toMatch(/\S/);
        expect(placeholders(texts[l]), `${key}.${l}`).toEqual(placeholders(texts.en));
        if (l !== 'en')
          // units are the only Latin words ("km")
          expect(texts[l].replace(/\{\w+\}/g, '').match(/[A-Za-z]{3,}/g), `${key}.${l}`).toBeNull();
      }
    for (const table of [OPTIMIZE_NAMES, SERVICE_LABELS])
      for (const [k, v] of Object.entries(table))
        for (const l of ['zh', 'ru'] as const) {
          expect(v[l], `${k}.${l}`).toMatch(/\S/);
          expect(v[l].match(/[A-Za-z]{3,}/g), `${k}.${l}`).toBeNull();
        }
  });

  it('says every service class of the cost profile (a new one fails here until it is translated)', () => {
    const labels = loadProfile().services.map((s) => s.label);
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.filter((l) => !SERVICE_LABELS[l])).toEqual([]);
    for (const l of labels) expect(serviceClassText(l, 'en')).toBe(l);
    expect(serviceClassText('container block train', 'zh')).toBe('集装箱班列');
    expect(serviceClassText('a new service', 'ru')).toBe('a new service');
  });
});
