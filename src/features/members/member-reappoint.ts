/**
 * Re-appointment ("genudpeg") straight from the term-ending reminder: the button appoints the
 * member to a further term starting the day the current one ends, through the same appointment
 * rules as `udpeg` (years in a row, the pause, the seats); the new term's end is the rule's latest.
 * A refusal says why and from when a re-appointment is possible.
 */
import { noticeCard, executeAction, type CardAction } from '../../platform/cards/builders';
import { translate } from '../../platform/i18n';
import type { Locale, Membership } from '../../domain/model';
import { cardAction } from '../../platform/teams/define';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';
import { personName } from '../gdpr';
import { MEMBER_VERBS, refusalText } from './member-cards';
import { appointedText, withWarnings } from './member-form-actions';
import { reappointInput } from './members-input';

/** The reminder card's button for the membership that ends (the new term starts on its planned end). */
export function reappointButton(locale: Locale, membership: Membership): CardAction {
  return executeAction(translate(locale, 'members.reappointButton'), MEMBER_VERBS.reappoint, {
    groupId: membership.groupId,
    personId: membership.personId,
    role: membership.role,
    termStart: membership.plannedEnd ?? '',
  });
}

export const reappointAction = cardAction({
  verb: MEMBER_VERBS.reappoint,
  allowedRoles: ['administer'],
  input: reappointInput,
  async handle(ctx, input) {
    const result = await ctx.services.memberService.appoint(input, actorIdOf(ctx.actor));
    if (!result.ok) return { kind: 'card', card: noticeCard(refusalText(ctx.t, ctx.locale, result.refusal)) };
    const message = result.alreadyDone
      ? ctx.t('members.alreadyDone')
      : appointedText(ctx.t, ctx.locale, {
          person: await personName(ctx, result.value.personId),
          group: await groupNameOf(ctx, result.value.groupId),
          role: result.value.role,
          start: result.value.termStart,
          end: result.value.plannedEnd,
        });
    return { kind: 'card', card: noticeCard(withWarnings(ctx.t, message, result.warnings)) };
  },
});
