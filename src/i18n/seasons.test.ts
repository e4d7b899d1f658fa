import { describe, expect, it } from 'vitest';
import { monthDayText, seasonText } from './seasons.ts';

describe('seasons in the language', () => {
  it('says a month-day with the month named', () => {
    expect(monthDayText('05-06', 'en')).toBe('6 May');
    expect(monthDayText('05-06', 'zh')).toBe('5月6日');
    expect(monthDayText('05-06', 'ru')).toBe('6 мая');
    expect(monthDayText('12-31', 'en')).toBe('31 Dec');
  });
  it('says a season across the new year and a list of seasons', () => {
    expect(seasonText('12-20…03-25', 'en')).toBe('20 Dec – 25 Mar');
    expect(seasonText('12-20…03-25, 05-01…10-31', 'zh')).toBe('12月20日至3月25日、5月1日至10月31日');
  });
  it('keeps what is not a month-day range as written', () => {
    expect(monthDayText('2019-04-20', 'en')).toBe('2019-04-20');
    expect(seasonText('spring', 'ru')).toBe('spring');
    expect(seasonText('05-06…', 'en')).toBe('05-06…');
    expect(seasonText('13-01…10-27', 'en')).toBe('13-01…10-27');
  });
});
