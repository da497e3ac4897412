import { translatorFor } from '../../platform/i18n';
import { formatInstant } from '../../platform/cards/reminders';
import { proposalOutcomeCard, triageCard } from './proposal-cards';
import type { ProposalMessages } from './proposals-service';

/**
 * The messages the ProposalService posts (triage card to the secretariat, outcome to the group),
 * in the channel language.
 */
export function proposalMessages(deps: {
  locale: 'da' | 'en';
  timeZone: string;
  groups: { getGroup(groupId: string): Promise<{ name: { da: string; en: string } } | undefined> };
}): ProposalMessages {
  const t = translatorFor(deps.locale);
  const at = (instant: string) => formatInstant(instant, deps.locale, deps.timeZone);
  return {
    async triage(proposal, meeting) {
      const groupName = (await deps.groups.getGroup(proposal.groupId))?.name[deps.locale] ?? proposal.groupId;
      return {
        card: triageCard(t, { proposal, groupName, meetingTime: at(meeting.startsAt) }),
        summary: t('proposals.triageTitle', { title: proposal.title }),
      };
    },
    async outcome(proposal, meeting, deferredTo) {
      return {
        card: proposalOutcomeCard(t, {
          proposal,
          meetingTime: at(meeting.startsAt),
          deferredToTime: deferredTo ? at(deferredTo.startsAt) : undefined,
        }),
        summary: t('proposals.outcomeTitle', { status: t(`proposals.status_${proposal.status}`) }),
      };
    },
  };
}
