/**
 * The Danish ways of writing a date and a time (issue 26.7), the refusals with their problem, the
 * Copenhagen instant across both DST changes of 2027, and a command's "<date> kl. <time> <place>".
 */
import {
  danishDateOrUndefined,
  localInstant,
  parseDanishDate,
  parseDanishTime,
  splitDateTimeWords,
} from '../../src/domain/danish-dates';

const CPH = 'Europe/Copenhagen';

describe('parseDanishDate', () => {
  it.each([
    '2027-03-10',
    '10.03.2027',
    '10.3.2027',
    '10/3-2027',
    '10/3/2027',
    '10-03-2027',
    ' 10.03.2027 ',
    '2027-3-10',
  ])('reads %p as 2027-03-10', (text) => {
    expect(parseDanishDate(text)).toEqual({ ok: true, value: '2027-03-10' });
  });

  it.each([
    ['31.02.2027', 'no-such-date'],
    ['29.02.2027', 'no-such-date'],
    ['2027-13-01', 'no-such-date'],
    ['00.03.2027', 'no-such-date'],
    ['10.03.27', 'date-format'],
    ['10 marts 2027', 'date-format'],
    ['2027/03/10', 'date-format'],
    ['kl. 10', 'date-format'],
    ['', 'empty'],
    ['   ', 'empty'],
  ])('refuses %p (%s)', (text, problem) => {
    expect(parseDanishDate(text)).toEqual({ ok: false, problem });
  });

  it('reads a leap day that exists', () => {
    expect(parseDanishDate('29.2.2028')).toEqual({ ok: true, value: '2028-02-29' });
  });

  it('gives undefined for no date (look-ups)', () => {
    expect(danishDateOrUndefined('1.4.2027')).toBe('2027-04-01');
    expect(danishDateOrUndefined('20270401-abc123')).toBeUndefined();
  });
});

describe('parseDanishTime', () => {
  it.each([
    ['10', '10:00'],
    ['10.00', '10:00'],
    ['10:00', '10:00'],
    ['kl. 10', '10:00'],
    ['kl. 10.30', '10:30'],
    ['kl 10:30', '10:30'],
    ['Kl.10', '10:00'],
    ['9.05', '09:05'],
    ['0', '00:00'],
    ['23.59', '23:59'],
  ])('reads %p as %p', (text, value) => {
    expect(parseDanishTime(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['24.00', 'hour-range'],
    ['25', 'hour-range'],
    ['10.60', 'minute-range'],
    ['10.3', 'time-format'],
    ['kl.', 'time-format'],
    ['ti', 'time-format'],
    ['10:00:00', 'time-format'],
    ['', 'empty'],
  ])('refuses %p (%s)', (text, problem) => {
    expect(parseDanishTime(text)).toEqual({ ok: false, problem });
  });
});

describe('localInstant in Copenhagen', () => {
  it('is CET in winter and CEST in summer', () => {
    expect(localInstant('2027-03-10', '10:00', CPH)).toEqual({ ok: true, value: '2027-03-10T09:00:00.000Z' });
    expect(localInstant('2027-06-10', '10:00', CPH)).toEqual({ ok: true, value: '2027-06-10T08:00:00.000Z' });
  });

  it('handles the spring change on 2027-03-28: 10:00 is summer time, 02:30 does not exist', () => {
    expect(localInstant('2027-03-28', '10:00', CPH)).toEqual({ ok: true, value: '2027-03-28T08:00:00.000Z' });
    expect(localInstant('2027-03-28', '01:59', CPH)).toEqual({ ok: true, value: '2027-03-28T00:59:00.000Z' });
    expect(localInstant('2027-03-28', '02:30', CPH)).toEqual({ ok: false, problem: 'dst-gap' });
  });

  it('handles the autumn change on 2027-10-31: 10:00 is winter time, 02:30 the second (winter) one', () => {
    expect(localInstant('2027-10-31', '10:00', CPH)).toEqual({ ok: true, value: '2027-10-31T09:00:00.000Z' });
    expect(localInstant('2027-10-31', '02:30', CPH)).toEqual({ ok: true, value: '2027-10-31T01:30:00.000Z' });
  });
});

describe('splitDateTimeWords (commands)', () => {
  it.each([
    [['10.03.2027', 'kl.', '10'], { date: '10.03.2027', time: 'kl. 10', rest: [] }],
    [['10.03.2027', 'kl.', '10', 'KOMBIT'], { date: '10.03.2027', time: 'kl. 10', rest: ['KOMBIT'] }],
    [
      ['10.03.2027', 'kl', '10:30', 'Aarhus', 'Rådhus'],
      { date: '10.03.2027', time: 'kl 10:30', rest: ['Aarhus', 'Rådhus'] },
    ],
    [['10.03.2027', 'kl.10', 'KOMBIT'], { date: '10.03.2027', time: 'kl.10', rest: ['KOMBIT'] }],
    [['2027-03-10', '10.00', 'KOMBIT'], { date: '2027-03-10', time: '10.00', rest: ['KOMBIT'] }],
    [['2027-03-10', 'KOMBIT'], { date: '2027-03-10', rest: ['KOMBIT'] }],
    [['2027-03-10'], { date: '2027-03-10', rest: [] }],
    [['2027-03-10', 'kl.'], { date: '2027-03-10', time: 'kl.', rest: [] }],
    [[], { rest: [] }],
  ])('splits %p', (words, expected) => {
    expect(splitDateTimeWords(words)).toEqual(expected);
  });

  it('never leaves "kl." in the rest', () => {
    for (const kl of ['kl.', 'kl', 'Kl.', 'KL'])
      expect(splitDateTimeWords(['1.4.2027', kl, '10', 'Sted']).rest).toEqual(['Sted']);
  });
});
