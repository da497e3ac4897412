/**
 * One way to write a time (issue 26.9): Danish texts said both "kl. 10.00" and "kl. 10:00". Danish
 * writes "kl. 10.00" everywhere, English "10:00".
 */
import { da } from '../../src/platform/i18n/da';
import { formatMeetingTime } from '../../src/platform/cards/core-cards';
import { formatInstant } from '../../src/platform/cards/reminders';
import { clockPattern, formatClock } from '../../src/domain/time';

const DANISH_COLON_TIME = /kl\.\s*\d{1,2}:\d\d/;
const texts = (catalogue: object): string[] =>
  Object.values(catalogue).flatMap((value) => (typeof value === 'string' ? [value] : texts(value as object)));

describe('the time of day', () => {
  const summer = '2027-04-01T08:00:00.000Z'; // 10:00 in Copenhagen

  it('is "10.00" in Danish and "10:00" in English', () => {
    expect(clockPattern('da')).toBe('HH.mm');
    expect(formatClock(summer, 'Europe/Copenhagen', 'da')).toBe('10.00');
    expect(formatClock(summer, 'Europe/Copenhagen', 'en')).toBe('10:00');
  });

  it('the meeting time and the reminder time agree in Danish', () => {
    expect(formatMeetingTime(summer, 'da', 'Europe/Copenhagen')).toBe('torsdag 1. april 2027 kl. 10.00');
    expect(formatInstant(summer, 'da', 'Europe/Copenhagen')).toBe('torsdag 1. april 2027 kl. 10.00');
    expect(formatMeetingTime(summer, 'en', 'Europe/Copenhagen')).toBe('Thursday 1 April 2027 at 10:00');
    expect(formatInstant(summer, 'en', 'Europe/Copenhagen')).toBe('Thursday 1 April 2027, 10:00');
  });

  it('no Danish text says "kl. 10:00"', () => {
    const all = texts(da);
    expect(all.length).toBeGreaterThan(500);
    expect(all.filter((text) => DANISH_COLON_TIME.test(text))).toEqual([]);
    expect(DANISH_COLON_TIME.test(formatMeetingTime(summer, 'da', 'Europe/Copenhagen'))).toBe(false);
    expect(DANISH_COLON_TIME.test('mødet er kl. 10:00')).toBe(true); // the check itself
  });
});
