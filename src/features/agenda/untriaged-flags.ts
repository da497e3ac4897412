/**
 * The 2-week heads-up of proposals not yet triaged: when the detailed agenda goes out, the
 * proposals for that meeting still 'proposed' (neither accepted, rejected nor deferred) are not on
 * it, so the secretariat gets one card listing them, in the channel where its triage cards are.
 * Sent from the detailed-agenda moment, so the scheduler's ledger makes it exactly once (a retried
 * moment's posts already delivered are not sent again). A failed post is logged and never stops the
 * agenda itself.
 */
import type { Locale } from '../../domain/model';
import type { ChannelMessenger } from '../../domain/ports';
import { adaptiveCard, paragraph, title } from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import { translatorFor } from '../../platform/i18n';
import type { Log } from '../../platform/teams/log';
import type { MeetingRecord } from '../meetings';
import type { ProposalRecord } from './proposals-repository';

/** The meeting's proposals awaiting triage, oldest first (the repository's order). */
export function untriagedProposals(proposals: readonly ProposalRecord[]): ProposalRecord[] {
  return proposals.filter((proposal) => proposal.status === 'proposed');
}

export interface UntriagedFlagDeps {
  messenger: ChannelMessenger;
  timeZone: string;
  /** Where the secretariat reads its cards (the triage channel), and its body's language. */
  secretariatGroupId: string;
  secretariatLocale: Locale;
  log?: Pick<Log, 'warn'>;
}

/** Flags the untriaged proposals of the meeting to the secretariat; returns how many there were. */
export async function flagUntriagedProposals(
  deps: UntriagedFlagDeps,
  meeting: MeetingRecord,
  proposals: readonly ProposalRecord[],
  groupName: string,
): Promise<number> {
  const waiting = untriagedProposals(proposals);
  if (waiting.length === 0) return 0;
  const { timeZone, secretariatLocale: locale } = deps;
  const t = translatorFor(locale);
  const group = markdownText(groupName);
  const card = adaptiveCard([
    title(t('agenda.untriagedTitle', { group })),
    paragraph(
      t('agenda.untriagedIntro', {
        meeting: formatInstant(meeting.startsAt, locale, timeZone),
        count: waiting.length,
      }),
      { color: 'Warning' },
    ),
    ...waiting.map((proposal) =>
      paragraph(
        t('agenda.untriagedItem', {
          title: markdownText(proposal.title),
          name: markdownText(proposal.proposerName ?? proposal.proposerId),
          submitted: formatInstant(proposal.submittedAt, locale, timeZone),
        }),
        { spacing: 'Small' },
      ),
    ),
  ]);
  try {
    await deps.messenger.postToGroup(deps.secretariatGroupId, {
      card,
      summary: t('agenda.untriagedTitle', { group: groupName }),
    });
  } catch (error) {
    deps.log?.warn(
      { err: error, meetingId: meeting.id },
      'untriaged-proposals flag could not reach the secretariat',
    );
  }
  return waiting.length;
}
