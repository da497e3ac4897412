/**
 * The hearing's result card (posted in the steering group's and the proposing group's channels)
 * and the list of hearings. Pure builders over the catalogue.
 *
 * Size: both list user text without a bound of their own (every voter's comment of up to 2,000
 * characters; every hearing's title, one more each time a hearing opens), so both are built
 * through the card budget (src/platform/cards/card-budget.ts): the comments are shortened to a
 * common length and, when even that is too long, the last ones are left out; the list shows the
 * newest hearings first and leaves out the oldest. The card then says how many and links to the
 * tab.
 */
import type { Locale } from '../../domain/model';
import { tieBreakOf, type VoteTally } from './domain/hearing';
import type { Translate } from '../../platform/i18n';
import type { Hearing, StoredVote } from './hearings-repository';
import { fitCard, fitNote, type TextFit } from '../../platform/cards/card-budget';
import { formatInstant } from '../../platform/cards/reminders';
import {
  adaptiveCard,
  factSet,
  paragraph,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { choiceLabel, statusLine, tabAction, tallyLine } from './hearing-cards';

export interface HearingResultInput {
  t: Translate;
  locale: Locale;
  hearing: Hearing;
  votes: StoredVote[];
  voterName: (voterId: string) => string;
  workingGroupId?: string;
  /** The Teams tab, linked when the card had to be shortened. */
  tabUrl?: string;
}

function buildResultCard(input: HearingResultInput, fit: TextFit): AdaptiveCard {
  const { t, hearing } = input;
  const result = hearing.result!;
  const body: CardElement[] = [
    title(
      t('hearings.resultTitle', {
        title: fit.text(hearing.proposal.title),
        outcome: t(`hearings.outcome_${result.outcome}`),
      }),
    ),
    paragraph(t(result.reason === 'full-turnout' ? 'hearings.closedFullTurnout' : 'hearings.closedDeadline')),
    paragraph(tallyLine(t, result, result.eligibleCount), { weight: 'Bolder' }),
    ...tieLine(t, hearing),
    paragraph(
      t('hearings.ruleLine', {
        rule: t(`hearings.rule_${hearing.rule.kind}`),
        turnout: Math.round(result.turnout * 100),
      }),
    ),
  ];
  const comments = input.votes.filter((vote) => vote.comment);
  if (comments.length > 0) {
    body.push(paragraph(t('hearings.commentsHeading'), { weight: 'Bolder' }));
    body.push(
      factSet(
        fit.items(comments).map((vote) => ({
          title: `${fit.text(input.voterName(vote.voterId))} (${choiceLabel(t, vote.choice)})`,
          value: fit.text(vote.comment),
        })),
      ),
    );
  }
  const note = fitNote(t, fit);
  if (note) body.push(note);
  if (input.workingGroupId)
    body.push(paragraph(t('hearings.workingGroupCreated', { id: input.workingGroupId })));
  return adaptiveCard(body, tabAction(t, input.tabUrl, fit));
}

/** A tie decides the outcome by the rule: the result says which way (issue 26.9). */
function tieLine(t: Translate, hearing: Hearing): CardElement[] {
  const result = hearing.result!;
  const tie = tieBreakOf(hearing.rule.kind, result);
  if (!tie) return [];
  const params = {
    approve: result.approve,
    reject: result.reject,
    silent: result.eligibleCount - result.cast,
  };
  return [paragraph(t(tie === 'tie-rejects' ? 'hearings.tieRejects' : 'hearings.tieApproves', params))];
}

/** The result, within the card budget (comments shortened, then left out, and said so). */
export function hearingResultCard(input: HearingResultInput): AdaptiveCard {
  return fitCard((fit) => buildResultCard(input, fit)).card;
}

export interface HearingListEntry {
  hearing: Hearing;
  tally: VoteTally;
}

export interface HearingListInput {
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** Newest first (as the repository lists them): what is left out is the oldest. */
  entries: HearingListEntry[];
  tabUrl?: string;
}

function buildListCard(input: HearingListInput, fit: TextFit): AdaptiveCard {
  const { t, locale, timeZone, entries } = input;
  const open = entries.filter((entry) => entry.hearing.status === 'open');
  const past = entries.filter((entry) => entry.hearing.status !== 'open');
  const line = (entry: HearingListEntry) => ({
    title: `${fit.text(entry.hearing.proposal.title)} (${entry.hearing.id})`,
    value:
      entry.hearing.status === 'open'
        ? t('hearings.listOpenLine', {
            closes: formatInstant(entry.hearing.closesAt, locale, timeZone),
            cast: entry.tally.cast,
            eligible: entry.hearing.eligibleVoterIds.length,
          })
        : statusLine(t, entry.hearing),
  });
  const section = (list: HearingListEntry[]) =>
    list.length > 0
      ? factSet(fit.items(list).map(line))
      : paragraph(t('hearings.listNone'), { isSubtle: true });
  const body: CardElement[] = [title(t('hearings.listTitle'))];
  body.push(paragraph(t('hearings.listOpen'), { weight: 'Bolder' }));
  body.push(section(open));
  body.push(paragraph(t('hearings.listPast'), { weight: 'Bolder' }));
  body.push(section(past));
  const note = fitNote(t, fit);
  if (note) body.push(note);
  return adaptiveCard(body, tabAction(t, input.tabUrl, fit));
}

/** Every hearing of the steering group, within the card budget (the oldest left out first). */
export function hearingListCard(
  t: Translate,
  locale: Locale,
  timeZone: string,
  entries: HearingListEntry[],
  tabUrl?: string,
): AdaptiveCard {
  return fitCard((fit) => buildListCard({ t, locale, timeZone, entries, tabUrl }, fit)).card;
}
