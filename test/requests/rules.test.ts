/** The rules of requests for input at their boundaries (domain/requests.ts). */
import {
  agendaDeadlineWarning,
  decideAnswer,
  isCalendarDate,
  REQUEST_LIMITS,
  requestReminderDueAt,
  requestReminderExpiresAt,
  shortReferenceName,
  validateRequestFields,
  type InputRequest,
} from '../../src/features/requests/domain/requests';

const ZONE = 'Europe/Copenhagen';
const context = { today: '2027-01-11', referenceGroupIds: ['ref-arkitektur', 'ref-drift'] };
const fields = {
  referenceGroupId: 'ref-arkitektur',
  topic: 'Fælles log',
  question: 'Hvad mener I?',
  background: '',
  dueDate: '2027-01-12',
};

const request: InputRequest = {
  id: 'r-1',
  steeringGroupId: 'steering',
  referenceGroupId: 'ref-arkitektur',
  topic: 'Fælles log',
  question: 'Hvad mener I?',
  background: '',
  material: [],
  dueDate: '2027-02-10',
  requestedBy: 's1',
  requestedAs: 'decide',
  requestedAt: '2027-01-11T10:00:00.000Z',
  status: 'open',
};

describe('the request form', () => {
  test('a due date tomorrow is taken, today is not (it must lie in the future)', () => {
    expect(validateRequestFields(fields, context).ok).toBe(true);
    const today = validateRequestFields({ ...fields, dueDate: '2027-01-11' }, context);
    expect(today).toEqual({
      ok: false,
      errors: [{ field: 'dueDate', code: 'not-in-future', params: { today: '2027-01-11' } }],
    });
  });

  test('every wrong field is named at once, in the form order', () => {
    const result = validateRequestFields(
      { referenceGroupId: 'steering', topic: 'ab', question: ' ', background: '', dueDate: '2027-02-30' },
      context,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => `${error.field}:${error.code}`)).toEqual([
      'referenceGroupId:unknown-group',
      'topic:too-short',
      'question:required',
      'dueDate:not-a-date',
    ]);
  });

  test('the topic counts characters as people do, up to its limit', () => {
    const max = REQUEST_LIMITS.topicMaxChars;
    expect(validateRequestFields({ ...fields, topic: 'æ'.repeat(max) }, context).ok).toBe(true);
    expect(validateRequestFields({ ...fields, topic: 'æ'.repeat(max + 1) }, context).ok).toBe(false);
  });

  test('calendar dates are real ones', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('11.01.2027')).toBe(false);
  });
});

describe('the agenda-deadline warning', () => {
  const detailedAgenda = '2027-02-18T09:00:00.000Z'; // 10:00 Copenhagen on 18 February
  test('a due date on the day the agenda goes out is no warning; the day after is', () => {
    expect(agendaDeadlineWarning('2027-02-18', detailedAgenda, ZONE)).toBeUndefined();
    expect(agendaDeadlineWarning('2027-02-19', detailedAgenda, ZONE)).toEqual({ agendaDate: '2027-02-18' });
  });
  test('no next meeting, no warning', () => {
    expect(agendaDeadlineWarning('2027-12-31', undefined, ZONE)).toBeUndefined();
  });
});

describe('an answer', () => {
  const member = { isReferenceMember: true, text: 'Vi anbefaler OIDC.', today: '2027-02-10' };

  test('on the due date it is on time; the day after it is taken but late', () => {
    expect(decideAnswer(request, member)).toEqual({
      kind: 'accepted',
      text: 'Vi anbefaler OIDC.',
      late: false,
    });
    expect(decideAnswer(request, { ...member, today: '2027-02-11' })).toMatchObject({ late: true });
  });

  test('a non-member is refused before anything else, a second answer is told the first counts', () => {
    const answered: InputRequest = {
      ...request,
      status: 'answered',
      answer: { text: 'Først', material: [], by: 'r1', at: '2027-02-01T10:00:00.000Z', late: false },
    };
    expect(decideAnswer(answered, { ...member, isReferenceMember: false })).toEqual({ kind: 'not-member' });
    expect(decideAnswer(answered, member)).toEqual({ kind: 'already-answered', answer: answered.answer });
  });

  test('an empty or too long answer is refused', () => {
    expect(decideAnswer(request, { ...member, text: '  ' })).toEqual({ kind: 'invalid', code: 'required' });
    const long = 'x'.repeat(REQUEST_LIMITS.answerMaxChars + 1);
    expect(decideAnswer(request, { ...member, text: long })).toMatchObject({
      kind: 'invalid',
      code: 'too-long',
    });
  });
});

describe('the reminder', () => {
  test('at 09:00 Copenhagen three days before the due date, expiring when the due date ends', () => {
    expect(requestReminderDueAt(request, 3, ZONE).toISOString()).toBe('2027-02-07T08:00:00.000Z');
    expect(requestReminderExpiresAt(request, ZONE).toISOString()).toBe('2027-02-10T23:00:00.000Z');
  });
  test('a request filed inside the reminder window is reminded when it is filed', () => {
    const late = { ...request, requestedAt: '2027-02-09T12:00:00.000Z' };
    expect(requestReminderDueAt(late, 3, ZONE).toISOString()).toBe('2027-02-09T12:00:00.000Z');
  });
});

test("the agenda names a reference group without its leading 'Referencegruppe'", () => {
  expect(shortReferenceName('Referencegruppe Arkitektur og udvikling')).toBe('Arkitektur og udvikling');
  expect(shortReferenceName('Reference group Business')).toBe('Business');
  expect(shortReferenceName('Referencegruppe')).toBe('Referencegruppe');
});
