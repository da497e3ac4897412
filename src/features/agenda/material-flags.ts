/**
 * The 2-week flag: when the detailed agenda goes out, every proposal item without material (bilag)
 * is flagged to its proposer (a personal message) and, in one card, to the secretariat (where the
 * triage cards go). A failed post is logged and never stops the agenda itself.
 */
import type { Locale } from '../../domain/model';
import type { ChannelMessenger } from '../../domain/ports';
import { personAddress } from '../../domain/person-address';
import { adaptiveCard, paragraph, title } from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import { translatorFor } from '../../platform/i18n';
import type { Log } from '../../platform/teams/log';
import type { AgendaView } from './agenda-service';
import { materialOf } from './domain/material';
import type { ProposalRecord } from './proposals-repository';
import { localText, type LocalizedText } from '../../domain/localized-text';

export interface MissingMaterialItem {
  number: number;
  proposal: ProposalRecord;
}

/** The agenda's proposal items that carry no material, in agenda order. */
export function itemsWithoutMaterial(view: AgendaView): MissingMaterialItem[] {
  const missing: MissingMaterialItem[] = [];
  for (const item of view.agenda.items) {
    const proposal = item.proposal ? view.proposals.get(item.proposal.id) : undefined;
    if (proposal && materialOf(proposal).length === 0) missing.push({ number: item.number, proposal });
  }
  return missing;
}

export interface MaterialFlagDeps {
  messenger: ChannelMessenger;
  timeZone: string;
  /** Where the secretariat reads its cards (the triage channel), and its body's language. */
  secretariatGroupId: string;
  secretariatLocale: Locale;
  /** A proposer's own language (issue 26.5): the personal notice is in it. */
  proposerLocale(personId: string): Promise<Locale>;
  log?: Pick<Log, 'warn'>;
}

/** Flags the items without material; returns how many were flagged. */
export async function flagMissingMaterial(
  deps: MaterialFlagDeps,
  view: AgendaView,
  groupNames: LocalizedText,
): Promise<number> {
  const missing = itemsWithoutMaterial(view);
  if (missing.length === 0) return 0;
  for (const { proposal } of missing) await notifyProposer(deps, view, groupNames, proposal);
  const locale = deps.secretariatLocale;
  const t = translatorFor(locale);
  const meeting = formatInstant(view.meeting.startsAt, locale, deps.timeZone);
  const group = markdownText(localText(groupNames, locale));
  const card = adaptiveCard([
    title(t('material.missingTitle', { group })),
    paragraph(t('material.missingSecretariat', { meeting, count: missing.length }), { color: 'Warning' }),
    ...missing.map(({ number, proposal }) =>
      paragraph(
        t('material.missingItem', {
          number,
          title: markdownText(proposal.title),
          name: markdownText(proposal.proposerName ?? proposal.proposerId),
        }),
        { spacing: 'Small' },
      ),
    ),
  ]);
  try {
    await deps.messenger.postToGroup(deps.secretariatGroupId, {
      card,
      summary: t('material.missingTitle', { group: localText(groupNames, locale) }),
    });
  } catch (error) {
    deps.log?.warn(
      { err: error, meetingId: view.meeting.id },
      'missing-material flag could not reach the secretariat',
    );
  }
  return missing.length;
}

/** The proposer's personal notice, in their own language; a failed one is only logged. */
async function notifyProposer(
  deps: MaterialFlagDeps,
  view: AgendaView,
  groupNames: LocalizedText,
  proposal: ProposalRecord,
): Promise<void> {
  try {
    const locale = await deps.proposerLocale(proposal.proposerId);
    const text = translatorFor(locale)('material.missingPersonal', {
      title: markdownText(proposal.title),
      meeting: formatInstant(view.meeting.startsAt, locale, deps.timeZone),
      group: markdownText(localText(groupNames, locale)),
    });
    await deps.messenger.postToGroup(personAddress(proposal.proposerId), { text });
  } catch (error) {
    deps.log?.warn(
      { err: error, proposalId: proposal.id },
      'missing-material flag could not reach the proposer',
    );
  }
}
