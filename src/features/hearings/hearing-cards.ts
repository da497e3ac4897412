/**
 * Cards of the written hearing: the vote card (shared view with the live tally, and each voter's
 * own view with their current vote, via Universal Actions `refresh`), the result and the list.
 * Pure builders over the catalogue; validated by validateCard in the tests.
 */
import type { Locale } from '../../domain/model';
import type { VoteTally } from './domain/hearing';
import type { Translate } from '../../platform/i18n';
import type { Hearing, StoredVote } from './hearings-repository';
import type { WorkingGroupProposal } from '../working-groups';
import { formatKroner } from '../portfolio';
import { formatDate, formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  executeAction,
  factSet,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Fact,
} from '../../platform/cards/builders';

export const HEARING_VERBS = {
  vote: 'hearing.vote',
  refresh: 'hearing.refresh',
  withdraw: 'hearing.withdraw',
} as const;

/** Teams shows user-specific views to at most 60 users per card (Universal Actions `refresh.userIds`). */
export const MAX_REFRESH_USERS = 60;

/** The Teams user id (MRI) of an Entra user, as Universal Actions `userIds` expects it. */
export const teamsUserMri = (aadObjectId: string) => `8:orgid:${aadObjectId}`;

export interface HearingCardInput {
  t: Translate;
  locale: Locale;
  timeZone: string;
  hearing: Hearing;
  tally: VoteTally;
  proposingGroupName: string;
  parentGroupName: string;
  /** Present for a voter's own view. */
  viewer?: { eligible: boolean; vote?: StoredVote };
  /** A line at the top (e.g. "your vote was recorded", or a refusal reason). */
  notice?: string;
}

export function choiceLabel(t: Translate, choice: StoredVote['choice']): string {
  return t(`hearings.choice_${choice}`);
}

export function proposalFacts(
  t: Translate,
  locale: Locale,
  proposal: WorkingGroupProposal,
  parentGroupName: string,
): Fact[] {
  return [
    { title: t('workingGroups.fieldParent'), value: markdownText(parentGroupName) },
    { title: t('workingGroups.fieldChair'), value: markdownText(proposal.chair) },
    {
      title: t('workingGroups.fieldMembers'),
      value: proposal.members
        .map((m) => `${markdownText(m.name)} (${markdownText(m.organisation)})`)
        .join(', '),
    },
    {
      title: t('workingGroups.fieldResources'),
      value: proposal.resources
        .map((r) =>
          t('workingGroups.hoursFor', { organisation: markdownText(r.organisation), hours: r.hours }),
        )
        .join(', '),
    },
    {
      title: t('workingGroups.fieldCost'),
      value: formatKroner(proposal.costKr, locale),
    },
    { title: t('workingGroups.fieldPriority'), value: String(proposal.priority) },
    {
      title: t('workingGroups.fieldPeriod'),
      value: `${formatDate(proposal.startDate, locale)} – ${formatDate(proposal.endDate, locale)}`,
    },
  ];
}

export function tallyLine(t: Translate, tally: VoteTally, eligibleCount: number): string {
  return t('hearings.tally', {
    approve: tally.approve,
    reject: tally.reject,
    abstain: tally.abstain,
    cast: tally.cast,
    eligible: eligibleCount,
  });
}

/** The proposal as the voters read it: who proposes it, what it is about, the tally and the status. */
function proposalSection(input: HearingCardInput): CardElement[] {
  const { t, locale, hearing, tally } = input;
  const proposal = hearing.proposal;
  const body: CardElement[] = [];
  if (input.notice) body.push(paragraph(input.notice, { weight: 'Bolder', color: 'Accent' }));
  body.push(title(t('hearings.cardTitle', { title: markdownText(proposal.title) })));
  body.push(
    paragraph(
      t('hearings.cardIntro', {
        group: markdownText(input.proposingGroupName),
        proposer: markdownText(hearing.proposerName ?? hearing.proposerId),
      }),
    ),
  );
  body.push(paragraph(`**${t('workingGroups.fieldProblem')}:** ${markdownText(proposal.problem)}`));
  body.push(paragraph(`**${t('workingGroups.fieldMandate')}:** ${markdownText(proposal.mandate)}`));
  body.push(
    factSet([
      ...proposalFacts(t, locale, proposal, input.parentGroupName),
      { title: t('hearings.closesAt'), value: formatInstant(hearing.closesAt, locale, input.timeZone) },
      { title: t('hearings.hearingId'), value: hearing.id },
    ]),
  );
  body.push(paragraph(tallyLine(t, tally, hearing.eligibleVoterIds.length), { weight: 'Bolder' }));
  body.push(paragraph(statusLine(t, hearing), { color: hearing.status === 'open' ? 'Default' : 'Warning' }));
  return body;
}

/** A voter's own view: their vote (and that they may change it), or that they have not voted. */
function viewerSection(t: Translate, viewer: HearingCardInput['viewer'], open: boolean): CardElement[] {
  if (!viewer) return [];
  if (!viewer.eligible) return [paragraph(t('hearings.viewerNotEligible'), { isSubtle: true })];
  const vote = viewer.vote;
  if (!vote) return open ? [paragraph(t('hearings.notVotedYet'), { isSubtle: true })] : [];
  const lines = [
    paragraph(
      t('hearings.yourVote', { choice: choiceLabel(t, vote.choice) }) +
        (vote.comment ? ` — "${markdownText(vote.comment)}"` : ''),
      { color: 'Good', weight: 'Bolder' },
    ),
  ];
  if (open) lines.push(paragraph(t('hearings.mayChange'), { isSubtle: true }));
  return lines;
}

/** The comment field and the three vote buttons. */
function voteControls(input: HearingCardInput): { body: CardElement[]; actions: CardAction[] } {
  const { t, hearing } = input;
  const body = textInput({
    id: 'comment',
    label: t('hearings.commentLabel'),
    value: input.viewer?.vote?.comment,
    multiline: true,
    maxLength: 2000,
  });
  const data = { hearingId: hearing.id };
  const actions = [
    executeAction(
      t('hearings.choice_approve'),
      HEARING_VERBS.vote,
      { ...data, choice: 'approve' },
      'positive',
    ),
    executeAction(
      t('hearings.choice_reject'),
      HEARING_VERBS.vote,
      { ...data, choice: 'reject' },
      'destructive',
    ),
    executeAction(t('hearings.choice_abstain'), HEARING_VERBS.vote, { ...data, choice: 'abstain' }),
  ];
  return { body, actions };
}

/** The vote card: shared view without `viewer`, a voter's own view with it. */
export function hearingVoteCard(input: HearingCardInput): AdaptiveCard {
  const { t, hearing } = input;
  const open = hearing.status === 'open';
  const voters = hearing.eligibleVoterIds.length;
  const body = [...proposalSection(input), ...viewerSection(t, input.viewer, open)];
  const actions: CardAction[] = [];
  if (open && (input.viewer === undefined || input.viewer.eligible)) {
    const controls = voteControls(input);
    body.push(...controls.body);
    actions.push(...controls.actions);
  }
  if (open && voters > MAX_REFRESH_USERS) {
    body.push(
      paragraph(t('hearings.sharedViewOnly', { max: MAX_REFRESH_USERS }), { isSubtle: true, size: 'Small' }),
    );
  }
  const card = adaptiveCard(body, actions);
  if (open && voters <= MAX_REFRESH_USERS && voters > 0) {
    // Teams asks the bot for each listed voter's own view when they see the card.
    card.refresh = {
      action: executeAction(t('hearings.refresh'), HEARING_VERBS.refresh, { hearingId: hearing.id }),
      userIds: hearing.eligibleVoterIds.map(teamsUserMri),
    };
  }
  return card;
}

function statusLine(t: Translate, hearing: Hearing): string {
  if (hearing.status === 'withdrawn') return t('hearings.statusWithdrawn');
  if (hearing.status === 'closed' && hearing.result)
    return t('hearings.statusClosed', { outcome: t(`hearings.outcome_${hearing.result.outcome}`) });
  if (hearing.status === 'closed') return t('hearings.statusClosing');
  return t('hearings.statusOpen');
}

/** The result posted in the steering group's and the proposing reference group's channels. */
export function hearingResultCard(input: {
  t: Translate;
  locale: Locale;
  hearing: Hearing;
  votes: StoredVote[];
  voterName: (voterId: string) => string;
  workingGroupId?: string;
}): AdaptiveCard {
  const { t, hearing } = input;
  const result = hearing.result!;
  const body: CardElement[] = [
    title(
      t('hearings.resultTitle', {
        title: markdownText(hearing.proposal.title),
        outcome: t(`hearings.outcome_${result.outcome}`),
      }),
    ),
    paragraph(t(result.reason === 'full-turnout' ? 'hearings.closedFullTurnout' : 'hearings.closedDeadline')),
    paragraph(tallyLine(t, result, result.eligibleCount), { weight: 'Bolder' }),
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
        comments.map((vote) => ({
          title: `${markdownText(input.voterName(vote.voterId))} (${choiceLabel(t, vote.choice)})`,
          value: markdownText(vote.comment),
        })),
      ),
    );
  }
  if (input.workingGroupId)
    body.push(paragraph(t('hearings.workingGroupCreated', { id: input.workingGroupId })));
  return adaptiveCard(body);
}

export interface HearingListEntry {
  hearing: Hearing;
  tally: VoteTally;
}

export function hearingListCard(
  t: Translate,
  locale: Locale,
  timeZone: string,
  entries: HearingListEntry[],
): AdaptiveCard {
  const open = entries.filter((entry) => entry.hearing.status === 'open');
  const past = entries.filter((entry) => entry.hearing.status !== 'open');
  const line = (entry: HearingListEntry) => ({
    title: `${markdownText(entry.hearing.proposal.title)} (${entry.hearing.id})`,
    value:
      entry.hearing.status === 'open'
        ? t('hearings.listOpenLine', {
            closes: formatInstant(entry.hearing.closesAt, locale, timeZone),
            cast: entry.tally.cast,
            eligible: entry.hearing.eligibleVoterIds.length,
          })
        : statusLine(t, entry.hearing),
  });
  const body: CardElement[] = [title(t('hearings.listTitle'))];
  body.push(paragraph(t('hearings.listOpen'), { weight: 'Bolder' }));
  body.push(
    open.length > 0 ? factSet(open.map(line)) : paragraph(t('hearings.listNone'), { isSubtle: true }),
  );
  body.push(paragraph(t('hearings.listPast'), { weight: 'Bolder' }));
  body.push(
    past.length > 0 ? factSet(past.map(line)) : paragraph(t('hearings.listNone'), { isSubtle: true }),
  );
  return adaptiveCard(body);
}
