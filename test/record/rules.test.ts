/**
 * The meeting record's pure rules at their boundaries: what an item save needs, what saving does
 * (conflict, repeat, approved), the comment period and approval days, corrections as versions, the
 * reminder instant (Copenhagen time, DST), overdue, closing, and which meeting a hearing is told at.
 */
import {
  applyItemSave,
  validateItemSubmission,
  type ItemSave,
} from '../../src/features/record/domain/item-rules';
import {
  addComment,
  approvalRefusal,
  approveMinutes,
  correctMinutes,
  hearingsForMeeting,
  postDraft,
  previousMeeting,
  recordingRefusal,
} from '../../src/features/record/domain/approval-rules';
import {
  closeAction,
  isOverdue,
  reminderDueAt,
  reminderExpiresAt,
} from '../../src/features/record/domain/actions';
import {
  emptyMinutes,
  type FollowUpAction,
  type HearingOrientation,
  type Minutes,
} from '../../src/features/record/domain/minutes';
import type { Meeting } from '../../src/domain/model';

const ZONE = 'Europe/Copenhagen';
const context = { today: '2027-03-10', memberIds: new Set(['p1', 'p2']), existingActions: 0 };

describe('validateItemSubmission', () => {
  it('refuses an empty or blank decision, and a decision over 1000 characters', () => {
    expect(validateItemSubmission({ decision: '   ' }, context)).toEqual({
      ok: false,
      errors: [{ field: 'decision', code: 'required' }],
    });
    expect(validateItemSubmission({}, context).ok).toBe(false);
    expect(validateItemSubmission({ decision: 'æ'.repeat(1000) }, context).ok).toBe(true);
    expect(validateItemSubmission({ decision: 'æ'.repeat(1001) }, context)).toEqual({
      ok: false,
      errors: [{ field: 'decision', code: 'too-long', params: { max: 1000, actual: 1001 } }],
    });
  });

  it('takes no action when all three action fields are empty, and trims the texts', () => {
    expect(validateItemSubmission({ decision: ' Godkendt. ', notes: ' ', actionWhat: '' }, context)).toEqual({
      ok: true,
      value: { decision: 'Godkendt.' },
    });
  });

  it('refuses an action without owner, without what, or with an owner who is not a current member', () => {
    const noOwner = validateItemSubmission(
      { decision: 'D', actionWhat: 'Skriv notat', actionDue: '2027-03-20' },
      context,
    );
    expect(noOwner).toEqual({ ok: false, errors: [{ field: 'actionOwner', code: 'required' }] });
    const noWhat = validateItemSubmission(
      { decision: 'D', actionOwner: 'p1', actionDue: '2027-03-20' },
      context,
    );
    expect(noWhat).toEqual({ ok: false, errors: [{ field: 'actionWhat', code: 'required' }] });
    const stranger = validateItemSubmission(
      { decision: 'D', actionWhat: 'X', actionOwner: 'p9', actionDue: '2027-03-20' },
      context,
    );
    expect(stranger).toEqual({ ok: false, errors: [{ field: 'actionOwner', code: 'not-a-member' }] });
  });

  it('accepts a due date of today and refuses yesterday and a date that does not exist', () => {
    const withDue = (actionDue: string) =>
      validateItemSubmission({ decision: 'D', actionWhat: 'X', actionOwner: 'p1', actionDue }, context);
    expect(withDue('2027-03-10')).toEqual({
      ok: true,
      value: { decision: 'D', action: { what: 'X', ownerId: 'p1', dueDate: '2027-03-10' } },
    });
    expect(withDue('2027-03-09')).toEqual({
      ok: false,
      errors: [{ field: 'actionDue', code: 'in-past', params: { today: '2027-03-10' } }],
    });
    expect(withDue('2027-02-30')).toEqual({ ok: false, errors: [{ field: 'actionDue', code: 'bad-date' }] });
  });

  it('refuses a 21st action on one item', () => {
    const full = { ...context, existingActions: 20 };
    const result = validateItemSubmission(
      { decision: 'D', actionWhat: 'X', actionOwner: 'p1', actionDue: '2027-04-01' },
      full,
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'actionWhat', code: 'too-many', params: { max: 20 } }],
    });
  });
});

const agendaItem = {
  id: 'item-a',
  number: 3,
  title: { da: 'Punkt A', en: 'Item A' },
  kind: 'decision' as const,
};

function save(overrides: Partial<ItemSave> = {}): ItemSave {
  return {
    agendaItem,
    expectedRevision: 0,
    fields: { decision: 'Godkendt', action: { what: 'Notat', ownerId: 'p1', dueDate: '2027-03-20' } },
    actorId: 'sec',
    at: '2027-03-04T10:00:00.000Z',
    newActionId: 'a-1',
    groupId: 'steering',
    meetingId: 'm1',
    ...overrides,
  };
}

describe('applyItemSave', () => {
  it('records the item with its new action at revision 1', () => {
    const outcome = applyItemSave(emptyMinutes('steering', 'm1'), save());
    expect(outcome.kind).toBe('saved');
    if (outcome.kind !== 'saved') return;
    expect(outcome.item).toMatchObject({
      itemId: 'item-a',
      revision: 1,
      actionIds: ['a-1'],
      decision: 'Godkendt',
    });
    expect(outcome.newAction).toMatchObject({ id: 'a-1', ownerId: 'p1', status: 'open', itemId: 'item-a' });
  });

  it('recognises the same save delivered twice, and calls a save over a newer one a conflict', () => {
    const first = applyItemSave(emptyMinutes('steering', 'm1'), save());
    if (first.kind !== 'saved') throw new Error('not saved');
    expect(applyItemSave(first.minutes, save()).kind).toBe('already-saved');
    const other = applyItemSave(
      first.minutes,
      save({ actorId: 'other', fields: { decision: 'Anden tekst' } }),
    );
    expect(other).toMatchObject({ kind: 'conflict', current: { revision: 1, decision: 'Godkendt' } });
    const next = applyItemSave(first.minutes, save({ expectedRevision: 1, fields: { decision: 'Ny' } }));
    expect(next).toMatchObject({ kind: 'saved', item: { revision: 2, decision: 'Ny', actionIds: ['a-1'] } });
  });

  it('refuses any save once the minutes are approved', () => {
    expect(applyItemSave({ ...emptyMinutes('steering', 'm1'), status: 'approved' }, save()).kind).toBe(
      'approved',
    );
  });
});

function recorded(): Minutes {
  const outcome = applyItemSave(emptyMinutes('steering', 'm1'), save());
  if (outcome.kind !== 'saved') throw new Error('not saved');
  return outcome.minutes;
}

describe('draft, comments and approval', () => {
  const post = { by: 'sec', at: '2027-03-04T12:00:00.000Z', today: '2027-03-04', commentDays: 7 };

  it('posts no empty draft, and a re-post keeps the first comment period', () => {
    expect(postDraft(emptyMinutes('steering', 'm1'), post)).toEqual({
      ok: false,
      refusal: 'nothing-recorded',
    });
    const first = postDraft(recorded(), post);
    if (!first.ok) throw new Error('refused');
    expect(first.minutes.draft).toMatchObject({ commentsUntil: '2027-03-11' });
    const again = postDraft(first.minutes, { ...post, today: '2027-03-09' });
    expect(again.ok && again.minutes.draft?.commentsUntil).toBe('2027-03-11');
  });

  it('takes comments through the last day of the period and not the day after', () => {
    const drafted = postDraft(recorded(), post);
    if (!drafted.ok) throw new Error('refused');
    const comment = { id: 'c1', authorId: 'p1', at: post.at, text: ' Punkt 3 mangler en frist. ' };
    const lastDay = addComment(drafted.minutes, comment, '2027-03-11');
    expect(lastDay).toMatchObject({ ok: true, added: true });
    if (lastDay.ok) expect(lastDay.minutes.comments[0]!.text).toBe('Punkt 3 mangler en frist.');
    expect(addComment(drafted.minutes, comment, '2027-03-12')).toEqual({ ok: false, refusal: 'closed' });
    expect(addComment(recorded(), comment, '2027-03-05')).toEqual({ ok: false, refusal: 'not-drafted' });
    if (lastDay.ok)
      expect(addComment(lastDay.minutes, comment, '2027-03-11')).toMatchObject({ added: false });
  });

  it('lets the secretariat approve from the day after the comment period; the next meeting approves at once', () => {
    const drafted = postDraft(recorded(), post);
    if (!drafted.ok) throw new Error('refused');
    expect(approvalRefusal(drafted.minutes, '2027-03-11', 'administer')).toEqual({
      code: 'comment-period',
      until: '2027-03-11',
    });
    expect(approvalRefusal(drafted.minutes, '2027-03-12', 'administer')).toBeUndefined();
    expect(approvalRefusal(drafted.minutes, '2027-03-05', 'meeting')).toBeUndefined();
    expect(approvalRefusal(recorded(), '2027-04-01', 'administer')).toEqual({ code: 'not-drafted' });
  });

  it('approves as version 1 with the actions as recorded, and corrects as version 2 with who and why', () => {
    const drafted = postDraft(recorded(), post);
    if (!drafted.ok) throw new Error('refused');
    const action: FollowUpAction = {
      id: 'a-1',
      groupId: 'steering',
      meetingId: 'm1',
      itemId: 'item-a',
      what: 'Notat',
      ownerId: 'p1',
      dueDate: '2027-03-20',
      createdAt: post.at,
      createdBy: 'sec',
      status: 'open',
    };
    const approval = { at: '2027-03-12T09:00:00.000Z', by: 'sec', via: 'administer' as const };
    const { minutes, version } = approveMinutes(drafted.minutes, approval, [action], []);
    expect(minutes).toMatchObject({ status: 'approved', version: 1 });
    expect(version.items[0]!.actions).toEqual([
      { id: 'a-1', what: 'Notat', ownerId: 'p1', dueDate: '2027-03-20' },
    ]);
    const correction = {
      itemId: 'item-a',
      expectedVersion: 1,
      decision: 'Godkendt med ændring',
      by: 'sec2',
      at: approval.at,
    };
    expect(correctMinutes(minutes, correction, [action], [])).toEqual({
      ok: false,
      refusal: 'reason-required',
    });
    expect(correctMinutes(minutes, { ...correction, expectedVersion: 0, reason: 'x' }, [action], [])).toEqual(
      {
        ok: false,
        refusal: 'conflict',
      },
    );
    const corrected = correctMinutes(minutes, { ...correction, reason: 'Tastefejl' }, [action], []);
    expect(corrected).toMatchObject({
      ok: true,
      minutes: { version: 2 },
      version: {
        version: 2,
        kind: 'correction',
        createdBy: 'sec2',
        reason: 'Tastefejl',
        correctedItemId: 'item-a',
      },
    });
    expect(correctMinutes(drafted.minutes, { ...correction, reason: 'x' }, [], [])).toEqual({
      ok: false,
      refusal: 'not-approved',
    });
  });
});

describe('recording, reminders, overdue and closing', () => {
  const meeting: Meeting = {
    id: 'm1',
    groupId: 'steering',
    startsAt: '2027-03-04T09:00:00.000Z',
    durationMinutes: 240,
    status: 'scheduled',
  };

  it('opens recording at the meeting start, never for a cancelled meeting', () => {
    expect(recordingRefusal(meeting, new Date('2027-03-04T08:59:59.999Z'))).toBe('meeting-not-started');
    expect(recordingRefusal(meeting, new Date('2027-03-04T09:00:00.000Z'))).toBeUndefined();
    expect(recordingRefusal({ ...meeting, status: 'cancelled' }, new Date('2027-04-01T00:00:00Z'))).toBe(
      'meeting-cancelled',
    );
  });

  it('reminds at 09:00 Copenhagen time N days before (summer time too), or at recording when that is later', () => {
    const createdAt = '2027-03-04T12:00:00.000Z';
    expect(reminderDueAt({ dueDate: '2027-03-20', createdAt }, 3, ZONE).toISOString()).toBe(
      '2027-03-17T08:00:00.000Z',
    );
    expect(reminderDueAt({ dueDate: '2027-04-10', createdAt }, 3, ZONE).toISOString()).toBe(
      '2027-04-07T07:00:00.000Z',
    );
    expect(reminderDueAt({ dueDate: '2027-03-06', createdAt }, 3, ZONE).toISOString()).toBe(createdAt);
    expect(reminderExpiresAt({ dueDate: '2027-03-20' }, ZONE).toISOString()).toBe('2027-03-20T23:00:00.000Z');
  });

  it('is overdue from the day after its due date, while open', () => {
    const action = { status: 'open' as const, dueDate: '2027-03-20' };
    expect(isOverdue(action, '2027-03-20')).toBe(false);
    expect(isOverdue(action, '2027-03-21')).toBe(true);
    expect(isOverdue({ ...action, status: 'closed' }, '2027-04-01')).toBe(false);
  });

  it('is closed by its owner or the secretariat with a note, once', () => {
    const action: FollowUpAction = {
      id: 'a-1',
      groupId: 'steering',
      meetingId: 'm1',
      itemId: 'i',
      what: 'Notat',
      ownerId: 'p1',
      dueDate: '2027-03-20',
      createdAt: '2027-03-04T12:00:00.000Z',
      createdBy: 'sec',
      status: 'open',
    };
    const at = '2027-03-15T10:00:00.000Z';
    expect(closeAction(action, { by: 'p2', bySecretariat: false, note: 'x', at })).toEqual({
      kind: 'refused',
      refusal: 'not-owner',
    });
    expect(closeAction(action, { by: 'p1', bySecretariat: false, note: '  ', at })).toEqual({
      kind: 'refused',
      refusal: 'note-required',
    });
    const closed = closeAction(action, { by: 'p1', bySecretariat: false, note: 'Sendt', at });
    expect(closed).toMatchObject({
      kind: 'closed',
      action: { status: 'closed', closeNote: 'Sendt', closedBy: 'p1' },
    });
    if (closed.kind === 'closed')
      expect(closeAction(closed.action, { by: 'sec', bySecretariat: true, note: 'x', at }).kind).toBe(
        'already-closed',
      );
  });

  it('tells a hearing at the first meeting after the decision (the previous meeting once begun)', () => {
    const m0 = { ...meeting, id: 'm0', startsAt: '2026-12-03T09:00:00.000Z' };
    const cancelled = {
      ...meeting,
      id: 'mx',
      startsAt: '2027-02-01T09:00:00.000Z',
      status: 'cancelled' as const,
    };
    const meetings = [m0, cancelled, meeting];
    const outcome = (hearingId: string, decidedAt: string): HearingOrientation => ({
      groupId: 'steering',
      hearingId,
      title: 'WG',
      outcome: 'approved',
      approve: 5,
      reject: 1,
      abstain: 0,
      eligible: 9,
      decidedAt,
    });
    const outcomes = [
      outcome('before', '2026-12-03T09:00:00.000Z'),
      outcome('after-m0', '2026-12-03T09:00:00.001Z'),
      outcome('at-start', '2027-03-04T09:00:00.000Z'),
      outcome('later', '2027-03-04T09:00:00.001Z'),
    ];
    expect(previousMeeting(meeting, meetings)?.id).toBe('m0');
    expect(hearingsForMeeting(meeting, meetings, outcomes).map((o) => o.hearingId)).toEqual([
      'after-m0',
      'at-start',
    ]);
    expect(hearingsForMeeting(m0, meetings, outcomes).map((o) => o.hearingId)).toEqual(['before']);
  });
});
