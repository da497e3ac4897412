/**
 * The record's card actions: open an item, save it (and go on), name the minute-taker, post the
 * draft, comment, approve, correct, close an action. Who may: the secretariat or the meeting's
 * minute-taker record and post the draft (the service checks, the named taker is per meeting);
 * a current member of the body (or the secretariat) comments; the secretariat approves and
 * corrects; an action's owner (or the secretariat) closes it. A refusal stores nothing.
 */
import type { CardActionContext, CardActionResult } from '../../platform/teams/feature';
import { MinutesBusyError } from './record-deps';
import { mayEdit } from './record-items';
import type { PreviousMinutesApproval, RecordedItemResult } from './record-service';
import type { SaveItemInput } from './record-input';
import { editorOf, itemCard, message, notOpenText, overviewCard, recordOf } from './record-replies';
import type { ApproveResult, CorrectResult, DraftResult } from './minutes-approval';
import { formatDate, formatInstant } from '../../platform/cards/reminders';

/** Another write kept winning the race: nothing of this one was stored. */
export async function busyGuard(
  ctx: CardActionContext,
  run: () => Promise<CardActionResult>,
): Promise<CardActionResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MinutesBusyError) return message(ctx.t('record.busy'));
    throw error;
  }
}

export async function openItem(
  ctx: CardActionContext,
  input: { groupId: string; meetingId: string; itemId: string },
): Promise<CardActionResult> {
  const opened = await recordOf(ctx).open(input.groupId, input.meetingId);
  if (opened.kind !== 'open') return message(notOpenText(ctx, opened));
  if (opened.view.minutes.status === 'approved') return message(ctx.t('record.approvedImmutable'));
  if (!mayEdit(opened.view.minutes, editorOf(ctx))) return message(ctx.t('record.notEditor'));
  if (!opened.view.entries.some((entry) => entry.item.id === input.itemId))
    return message(ctx.t('record.unknownItem'));
  return { kind: 'card', card: await itemCard(ctx, opened.view, input.itemId) };
}

export async function saveItem(ctx: CardActionContext, input: SaveItemInput): Promise<CardActionResult> {
  const { groupId, meetingId, itemId, revision, then, ...submission } = input;
  const result = await recordOf(ctx).saveItem({
    groupId,
    meetingId,
    itemId,
    expectedRevision: revision,
    submission,
    editor: editorOf(ctx),
  });
  return savedReply(ctx, result, itemId, then, submission);
}

/** What "Godkendelse af referat" did to the previous minutes, in the user's words. */
export function previousMinutesNotice(ctx: CardActionContext, previous: PreviousMinutesApproval): string {
  const { result } = previous;
  const meeting = previous.meetingStartsAt
    ? formatInstant(previous.meetingStartsAt, ctx.locale, recordOf(ctx).timeZone)
    : '';
  if (result.kind === 'approved')
    return ctx.t('record.previousApproved', { meeting, version: result.view.minutes.version });
  if (result.kind === 'refused' && result.refusal.code === 'already-approved')
    return ctx.t('record.previousAlreadyApproved', { meeting });
  if (result.kind === 'refused' && result.refusal.code === 'not-drafted')
    return ctx.t('record.previousNotDrafted', { meeting });
  return ctx.t('record.noPreviousMeeting');
}

async function savedReply(
  ctx: CardActionContext,
  result: RecordedItemResult,
  itemId: string,
  then: SaveItemInput['then'],
  submission: Omit<SaveItemInput, 'groupId' | 'meetingId' | 'itemId' | 'revision' | 'then'>,
): Promise<CardActionResult> {
  switch (result.kind) {
    case 'saved':
    case 'already-saved': {
      const { view } = result;
      const saved = ctx.t('record.itemSaved', { number: result.item.number });
      const notice = result.previousMinutes
        ? `${saved} ${previousMinutesNotice(ctx, result.previousMinutes)}`
        : saved;
      if (then === 'overview') return { kind: 'card', card: await overviewCard(ctx, view, notice) };
      const index = view.entries.findIndex((entry) => entry.item.id === itemId);
      const next = then === 'next' ? view.entries[index + 1] : undefined;
      return { kind: 'card', card: await itemCard(ctx, view, next?.item.id ?? itemId, { notice }) };
    }
    case 'invalid':
      return {
        kind: 'card',
        card: await itemCard(ctx, result.view, itemId, { values: submission, errors: result.errors }),
      };
    case 'conflict':
      return { kind: 'card', card: await itemCard(ctx, result.view, itemId, { conflict: submission }) };
    case 'approved':
      return message(ctx.t('record.approvedImmutable'));
    case 'not-editor':
      return message(ctx.t('record.notEditor'));
    case 'unknown-item':
      return message(ctx.t('record.unknownItem'));
    default:
      return message(notOpenText(ctx, result));
  }
}

export async function draftReply(ctx: CardActionContext, result: DraftResult): Promise<CardActionResult> {
  switch (result.kind) {
    case 'posted': {
      const until = formatDate(result.view.minutes.draft?.commentsUntil ?? '', ctx.locale);
      const notice = result.reposted ? ctx.t('record.draftReposted') : ctx.t('record.draftPosted', { until });
      return { kind: 'card', card: await overviewCard(ctx, result.view, notice) };
    }
    case 'nothing-recorded':
      return message(ctx.t('record.nothingRecorded'));
    case 'approved':
      return message(ctx.t('record.approvedImmutable'));
    case 'not-editor':
      return message(ctx.t('record.notEditor'));
    default:
      return message(notOpenText(ctx, result));
  }
}

export async function approveReply(
  ctx: CardActionContext,
  result: ApproveResult,
  fromOverview: boolean,
): Promise<CardActionResult> {
  switch (result.kind) {
    case 'approved': {
      const notice = ctx.t('record.approved', { version: result.view.minutes.version });
      const text = result.cardUpdated ? notice : `${notice} ${ctx.t('record.cardNotUpdated')}`;
      return fromOverview
        ? { kind: 'card', card: await overviewCard(ctx, result.view, text) }
        : message(text);
    }
    case 'refused':
      if (result.refusal.code === 'comment-period')
        return message(
          ctx.t('record.commentPeriodRunning', { until: formatDate(result.refusal.until, ctx.locale) }),
        );
      return message(
        ctx.t(result.refusal.code === 'not-drafted' ? 'record.notDrafted' : 'record.alreadyApproved'),
      );
    case 'no-previous-meeting':
      return message(ctx.t('record.noPreviousMeeting'));
    case 'meeting-not-begun':
      return message(ctx.t('record.meetingNotStarted'));
    case 'not-found':
      return message(ctx.t('record.meetingNotFound'));
  }
}

export async function correctReply(ctx: CardActionContext, result: CorrectResult): Promise<CardActionResult> {
  if (result.kind === 'corrected')
    return {
      kind: 'card',
      card: await overviewCard(ctx, result.view, ctx.t('record.corrected', { version: result.version })),
    };
  if (result.kind === 'refused') return message(ctx.t(`record.correction_${result.refusal}`));
  return message(ctx.t('record.meetingNotFound'));
}
