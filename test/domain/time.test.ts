import {
  addDaysToDate,
  addLocalDays,
  addMinutes,
  addYearsToDate,
  daysBetweenDates,
  instantMillis,
  instantOfLocal,
  localDate,
  localDayShifter,
  localTime,
  quarterOf,
  toInstantISO,
} from '../../src/domain/time';
import fc from 'fast-check';
import { DateTime } from 'luxon';

const CPH = 'Europe/Copenhagen';

describe('time in Europe/Copenhagen', () => {
  it('keeps the local wall-clock time across the spring DST change', () => {
    // 2027-04-01 10:00 CEST = 08:00Z; 28 days earlier is 2027-03-04 10:00 CET = 09:00Z.
    expect(addLocalDays('2027-04-01T08:00:00.000Z', -28, CPH)).toBe('2027-03-04T09:00:00.000Z');
    expect(localTime('2027-03-04T09:00:00.000Z', CPH)).toBe('10:00');
  });

  it('keeps the local wall-clock time across the autumn DST change', () => {
    // 2027-11-04 10:00 CET = 09:00Z; 28 days earlier is 2027-10-07 10:00 CEST = 08:00Z.
    expect(addLocalDays('2027-11-04T09:00:00.000Z', -28, CPH)).toBe('2027-10-07T08:00:00.000Z');
  });

  it('converts between local date/time and instants', () => {
    expect(instantOfLocal('2027-04-01', '10:00', CPH)).toBe('2027-04-01T08:00:00.000Z');
    expect(instantOfLocal('2027-01-15', '10:00', CPH)).toBe('2027-01-15T09:00:00.000Z');
    expect(localDate('2027-03-31T22:30:00.000Z', CPH)).toBe('2027-04-01');
  });

  it('takes the quarter from the local date, not the UTC date', () => {
    expect(quarterOf('2027-03-31T22:30:00.000Z', CPH)).toBe('Q2');
    expect(quarterOf('2027-03-31T21:59:59.999Z', CPH)).toBe('Q1');
    expect(quarterOf('2027-12-31T12:00:00.000Z', CPH)).toBe('Q4');
    expect(quarterOf('2027-07-01T00:00:00.000+02:00', CPH)).toBe('Q3');
  });

  it('adds elapsed minutes regardless of DST', () => {
    // 2027-03-28 01:30 CET + 60 min = 03:30 CEST (02:xx does not exist).
    const start = instantOfLocal('2027-03-28', '01:30', CPH);
    expect(localTime(addMinutes(start, 60), CPH)).toBe('03:30');
  });

  it('normalises instants and refuses invalid ones', () => {
    expect(toInstantISO('2027-04-01T10:00:00+02:00')).toBe('2027-04-01T08:00:00.000Z');
    expect(toInstantISO(new Date(Date.UTC(2027, 0, 1)))).toBe('2027-01-01T00:00:00.000Z');
    expect(() => toInstantISO('not a date')).toThrow(RangeError);
  });

  it('reads the canonical form quickly but exactly as luxon does, and still refuses impossible dates', () => {
    expect(() => toInstantISO('2027-02-31T10:00:00.000Z')).toThrow(RangeError);
    expect(() => instantMillis('2027-02-31T10:00:00.000Z')).toThrow(RangeError);
    expect(() => toInstantISO(new Date(Number.NaN))).toThrow(RangeError);
    expect(instantMillis('2027-04-01T10:00:00+02:00')).toBe(Date.UTC(2027, 3, 1, 8));
    const instants = fc
      .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(instants, fc.integer({ min: -400, max: 400 }), (instant, days) => {
        const luxonInstant = DateTime.fromISO(instant, { setZone: true });
        expect(instantMillis(instant)).toBe(luxonInstant.toMillis());
        expect(localDate(instant, CPH)).toBe(luxonInstant.setZone(CPH).toISODate());
        // One zoned date shifted many times = luxon's own calendar-day shift, DST included.
        const expected = luxonInstant.setZone(CPH).plus({ days }).toUTC().toISO();
        expect(localDayShifter(instant, CPH)(days)).toBe(expected);
        expect(addLocalDays(instant, days, CPH)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('shifts one meeting by several day counts across the spring DST change', () => {
    const shift = localDayShifter('2027-04-01T08:00:00.000Z', CPH);
    expect(shift(-28)).toBe('2027-03-04T09:00:00.000Z');
    expect(shift(-14)).toBe('2027-03-18T09:00:00.000Z');
    expect(shift(0)).toBe('2027-04-01T08:00:00.000Z');
  });

  it('does calendar date arithmetic', () => {
    expect(addYearsToDate('2020-03-01', 5)).toBe('2025-03-01');
    expect(addYearsToDate('2024-02-29', 1)).toBe('2025-02-28');
    expect(addDaysToDate('2027-02-28', 1)).toBe('2027-03-01');
    expect(daysBetweenDates('2027-01-01', '2027-04-01')).toBe(90);
    expect(daysBetweenDates('2027-04-01', '2027-01-01')).toBe(-90);
    expect(() => addYearsToDate('2027-13-01', 1)).toThrow(RangeError);
  });
});
