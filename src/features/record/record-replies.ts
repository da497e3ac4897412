/**
 * Turns the record service's results into what the user sees: the overview and item cards (with
 * the names and the body's members looked up for them) and the localised refusals.
 */
import type { Choice } from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import type { CardActionResult, FeatureContext } from '../../platform/teams/feature';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';
import { localToday } from '../../domain/time';
import type { ItemFieldError, ItemSubmission } from './domain/item-rules';
import type { OpenedMeeting, Editor } from './record-items';
import { mayEdit } from './record-items';
import { recordItemCard, recordOverviewCard } from './record-cards';
import { peopleOfView } from './record-names';
import type { RecordService } from './record-service';
import type { RecordView } from './record-view';

export function recordOf(ctx: FeatureContext): RecordService {
  return ctx.services.record;
}

export function editorOf(ctx: FeatureContext): Editor {
  return { actorId: actorIdOf(ctx.actor), isSecretariat: ctx.actor.roles.includes('administer') };
}

export function message(text: string): CardActionResult {
  return { kind: 'message', text };
}

/** The body's current members as choices, by name. */
export async function memberChoices(ctx: FeatureContext, groupId: string): Promise<Choice[]> {
  const members = await recordOf(ctx).activeMembers(groupId);
  const unique = new Map(members.map((member) => [member.person.id, member.person.name]));
  return [...unique]
    .map(([value, title]) => ({ title, value }))
    .sort((a, b) => a.title.localeCompare(b.title, ctx.locale));
}

async function common(ctx: FeatureContext, view: RecordView, notice?: string) {
  const groupId = view.minutes.groupId;
  const [groupName, names, members] = await Promise.all([
    groupNameOf(ctx, groupId),
    recordOf(ctx).names(peopleOfView(view), ctx.locale),
    memberChoices(ctx, groupId),
  ]);
  return { locale: ctx.locale, timeZone: recordOf(ctx).timeZone, groupName, view, names, members, notice };
}

export async function overviewCard(ctx: FeatureContext, view: RecordView, notice?: string): Promise<object> {
  const editor = editorOf(ctx);
  return recordOverviewCard(ctx.t, {
    ...(await common(ctx, view, notice)),
    canEdit: mayEdit(view.minutes, editor),
    isSecretariat: editor.isSecretariat,
  });
}

export async function itemCard(
  ctx: FeatureContext,
  view: RecordView,
  itemId: string,
  extra: {
    notice?: string;
    values?: ItemSubmission;
    errors?: ItemFieldError[];
    conflict?: ItemSubmission;
  } = {},
): Promise<object> {
  return recordItemCard(ctx.t, {
    ...(await common(ctx, view, extra.notice)),
    ...extra,
    itemId,
    today: localToday(ctx.services.clock, recordOf(ctx).timeZone),
  });
}

/** Why a meeting's record cannot be opened, in the user's language. */
export function notOpenText(ctx: FeatureContext, result: Exclude<OpenedMeeting, { kind: 'open' }>): string {
  if (result.kind === 'not-found') return ctx.t('record.meetingNotFound');
  return result.refusal === 'meeting-cancelled'
    ? ctx.t('record.meetingCancelled')
    : ctx.t('record.meetingNotStarted');
}

export function notFoundText(ctx: FeatureContext, reference: string): string {
  return reference === ''
    ? ctx.t('record.noMeetingHeld')
    : ctx.t('record.meetingReferenceNotFound', { meeting: markdownText(reference) });
}
