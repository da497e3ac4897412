import { bodyLanguage, governanceRoles, type Governance } from '../../domain/governance';
import type { Locale } from '../../domain/model';
import { translatorFor } from '../../platform/i18n';
import { formatInstant } from '../../platform/cards/reminders';
import { proposalOutcomeCard, triageCard } from './proposal-cards';
import type { ProposalMessages } from './proposals-service';
import { localText, type LocalizedText } from '../../domain/localized-text';

/**
 * The messages the ProposalService posts (triage card to the secretariat, outcome to the group),
 * each in its channel's language: the secretariat's body's and the proposal's group's (issue 26.5).
 */
export function proposalMessages(deps: {
  governance: Pick<Governance, 'bodies' | 'language'>;
  /** Overrides both channels' languages. */
  locale?: Locale;
  timeZone: string;
  groups: { getGroup(groupId: string): Promise<{ name: LocalizedText } | undefined> };
}): ProposalMessages {
  const languageOf = (groupId: string | undefined): Locale =>
    deps.locale ?? bodyLanguage(deps.governance, groupId);
  const at = (instant: string, locale: Locale) => formatInstant(instant, locale, deps.timeZone);
  return {
    async triage(proposal, meeting) {
      const locale = languageOf(governanceRoles(deps.governance).triage);
      const t = translatorFor(locale);
      // A body's name is the governance file's (synced into the register at start): no read for it.
      const name =
        deps.governance.bodies.find((body) => body.id === proposal.groupId)?.name ??
        (await deps.groups.getGroup(proposal.groupId))?.name;
      const groupName = localText(name, locale, deps.governance.language) || proposal.groupId;
      return {
        card: triageCard(t, { proposal, groupName, meetingTime: at(meeting.startsAt, locale) }),
        summary: t('proposals.triageTitle', { title: proposal.title }),
      };
    },
    async outcome(proposal, meeting, deferredTo) {
      const locale = languageOf(proposal.groupId);
      const t = translatorFor(locale);
      return {
        card: proposalOutcomeCard(t, {
          proposal,
          meetingTime: at(meeting.startsAt, locale),
          deferredToTime: deferredTo ? at(deferredTo.startsAt, locale) : undefined,
        }),
        summary: t('proposals.outcomeTitle', { status: t(`proposals.status_${proposal.status}`) }),
      };
    },
  };
}
