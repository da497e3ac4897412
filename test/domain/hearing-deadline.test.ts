/**
 * A hearing closes at the end of a working day in Copenhagen (issue 26.9): it closed 14 days to
 * the minute after it opened, e.g. a Sunday at 14:34.
 */
import { HEARING_CLOSING_TIME, hearingClosesAt } from '../../src/features/hearings/domain/hearing-deadline';
import {
  danishPublicHolidays,
  easterSunday,
  isDanishWorkingDay,
  workingDayOnOrAfter,
} from '../../src/domain/holidays';
import { localDateTime } from '../../src/domain/time';

const ZONE = 'Europe/Copenhagen';
const local = (instant: string) => localDateTime(instant, ZONE).toFormat('cccc yyyy-MM-dd HH:mm');

describe('Danish public holidays', () => {
  it('knows Easter Sunday', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2028)).toBe('2028-04-16');
  });

  it('lists the holidays of 2027, without store bededag (abolished from 2024)', () => {
    expect([...danishPublicHolidays(2027)].sort()).toEqual([
      '2027-01-01',
      '2027-03-25', // skærtorsdag
      '2027-03-26', // langfredag
      '2027-03-28', // påskedag
      '2027-03-29', // 2. påskedag
      '2027-05-06', // Kristi himmelfartsdag
      '2027-05-16', // pinsedag
      '2027-05-17', // 2. pinsedag
      '2027-12-25',
      '2027-12-26',
    ]);
    expect(danishPublicHolidays(2023).has('2023-05-05')).toBe(true); // the last store bededag
    expect(danishPublicHolidays(2024).has('2024-04-26')).toBe(false);
  });

  it('working days are Monday to Friday and not a holiday', () => {
    expect(isDanishWorkingDay('2027-03-24')).toBe(true); // Wednesday
    expect(isDanishWorkingDay('2027-03-25')).toBe(false); // skærtorsdag
    expect(isDanishWorkingDay('2027-03-27')).toBe(false); // Saturday
    expect(workingDayOnOrAfter('2027-03-25')).toBe('2027-03-30'); // after Easter
    expect(workingDayOnOrAfter('2027-12-24')).toBe('2027-12-24');
    expect(workingDayOnOrAfter('2027-12-25')).toBe('2027-12-27');
  });
});

describe('the close of a hearing', () => {
  it('closes at 16:00', () => expect(HEARING_CLOSING_TIME).toBe('16:00'));

  it('opened a Sunday at 14:34 before summer time: the next working day at 16:00 (CEST)', () => {
    const opened = '2027-03-14T13:34:00.000Z'; // Sunday 14:34 CET
    expect(local(opened)).toBe('Sunday 2027-03-14 14:34');
    const closes = hearingClosesAt(opened, 14, ZONE);
    // 14 days is Sunday 28 March (summer time begins that night): Monday 29 is 2. påskedag.
    expect(local(closes)).toBe('Tuesday 2027-03-30 16:00');
    expect(closes).toBe('2027-03-30T14:00:00.000Z');
  });

  it('opened a Sunday at 14:34 before winter time: Monday at 16:00 (CET)', () => {
    const opened = '2027-10-17T12:34:00.000Z'; // Sunday 14:34 CEST
    const closes = hearingClosesAt(opened, 14, ZONE);
    expect(local(closes)).toBe('Monday 2027-11-01 16:00');
    expect(closes).toBe('2027-11-01T15:00:00.000Z');
  });

  it('opened a working day in the morning: 16:00 the day the period ends', () => {
    expect(local(hearingClosesAt('2027-01-11T09:00:00.000Z', 14, ZONE))).toBe('Monday 2027-01-25 16:00');
  });

  it('opened after 16:00: the next working day, so the period is never cut short', () => {
    // Friday 8 January 17:30 + 14 days is Friday 22 January 17:30: Monday 25 at 16:00.
    expect(local(hearingClosesAt('2027-01-08T16:30:00.000Z', 14, ZONE))).toBe('Monday 2027-01-25 16:00');
  });

  it('uses the governance file’s days', () => {
    expect(local(hearingClosesAt('2027-01-11T09:00:00.000Z', 7, ZONE))).toBe('Monday 2027-01-18 16:00');
  });
});
