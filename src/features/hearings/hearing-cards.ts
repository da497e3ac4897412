/**
 * The vote card of the written hearing: the shared view with the live tally, and each voter's own
 * view with their current vote (via Universal Actions `refresh`). The result and the list are in
 * hearing-result-cards.ts. Pure builders over the catalogue; validated by validateCard in the tests.
 *
 * Size: every text a user wrote (the proposal's title, problem, mandate, chair, members and
 * resources, the proposer's and the voter's own comment) goes through the card budget
 * (src/platform/cards/card-budget.ts), so a proposal at the limits of its form still fits in
 * Teams; a shortened card says so and links to the tab. The voter's comment field keeps their
 * comment whole (it is what the next vote sends).
 */
import type { Locale } from '../../domain/model';
import type { VoteTally } from './domain/hearing';
import type { Translate } from '../../platform/i18n';
import type { Hearing, StoredVote } from './hearings-repository';
import type { WorkingGroupProposal } from '../working-groups';
import { kronerUnder } from '../../platform/i18n/money';
import { fitCard, fitNote, type TextFit } from '../../platform/cards/card-budget';
import { formatDate, formatInstant } from '../../platform/cards/reminders';
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

/** The longest comment a vote keeps (the card's field allows no more; the service cuts the rest). */
export const MAX_COMMENT_CHARS = 2000;

/** The Teams user id (MRI) of an Entra user, as Universal Actions `userIds` expects it. */
export const teamsUserMri = (aadObjectId: string) => `8:orgid:${aadObjectId}`;

/** A voter's own view: may they vote, their vote, and the day their term ended when that is why not. */
export interface HearingViewer {
  eligible: boolean;
  vote?: StoredVote;
  /** The first day the viewer was no longer a member of the steering group (YYYY-MM-DD). */
  termEndedOn?: string;
}

export interface HearingCardInput {
  t: Translate;
  locale: Locale;
  timeZone: string;
  hearing: Hearing;
  tally: VoteTally;
  proposingGroupName: string;
  parentGroupName: string;
  /** Present for a voter's own view. */
  viewer?: HearingViewer;
  /** A line at the top (e.g. "your vote was recorded", or a refusal reason). */
  notice?: string;
  /** The Teams tab, linked when the card had to be shortened. */
  tabUrl?: string;
}

export function choiceLabel(t: Translate, choice: StoredVote['choice']): string {
  return t(`hearings.choice_${choice}`);
}

/** The proposal's facts; every user text through the budget (members and resources are lists). */
export function proposalFacts(
  t: Translate,
  locale: Locale,
  proposal: WorkingGroupProposal,
  parentGroupName: string,
  fit: TextFit,
): Fact[] {
  return [
    { title: t('workingGroups.fieldParent'), value: fit.text(parentGroupName) },
    { title: t('workingGroups.fieldChair'), value: fit.text(proposal.chair) },
    {
      title: t('workingGroups.fieldMembers'),
      value: fit
        .items(proposal.members)
        .map((m) => `${fit.text(m.name)} (${fit.text(m.organisation)})`)
        .join(', '),
    },
    {
      title: t('workingGroups.fieldResources'),
      value: fit
        .items(proposal.resources)
        .map((r) => t('workingGroups.hoursFor', { organisation: fit.text(r.organisation), hours: r.hours }))
        .join(', '),
    },
    {
      title: t('workingGroups.fieldCost'),
      // The label says "(kr.)": the value is only the number.
      value: kronerUnder(t('workingGroups.fieldCost'), proposal.costKr, locale),
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

export function statusLine(t: Translate, hearing: Hearing): string {
  if (hearing.status === 'withdrawn') return t('hearings.statusWithdrawn');
  if (hearing.status === 'closed' && hearing.result)
    return t('hearings.statusClosed', { outcome: t(`hearings.outcome_${hearing.result.outcome}`) });
  if (hearing.status === 'closed') return t('hearings.statusClosing');
  return t('hearings.statusOpen');
}

/** "Read it all in the tab", when the card was shortened and the tab's address is known. */
export function tabAction(t: Translate, tabUrl: string | undefined, fit: TextFit): CardAction[] {
  if (!tabUrl || (fit.shortened === 0 && fit.leftOut === 0)) return [];
  return [{ type: 'Action.OpenUrl', title: t('core.fitOpenTab'), url: tabUrl }];
}

/** The proposal as the voters read it: who proposes it, what it is about, the tally and the status. */
function proposalSection(input: HearingCardInput, fit: TextFit): CardElement[] {
  const { t, locale, hearing, tally } = input;
  const proposal = hearing.proposal;
  const body: CardElement[] = [];
  if (input.notice) body.push(paragraph(input.notice, { weight: 'Bolder', color: 'Accent' }));
  body.push(title(t('hearings.cardTitle', { title: fit.text(proposal.title) })));
  body.push(
    paragraph(
      t('hearings.cardIntro', {
        group: fit.text(input.proposingGroupName),
        proposer: fit.text(hearing.proposerName ?? hearing.proposerId),
      }),
    ),
  );
  body.push(paragraph(`**${t('workingGroups.fieldProblem')}:** ${fit.text(proposal.problem)}`));
  body.push(paragraph(`**${t('workingGroups.fieldMandate')}:** ${fit.text(proposal.mandate)}`));
  body.push(
    factSet([
      ...proposalFacts(t, locale, proposal, input.parentGroupName, fit),
      { title: t('hearings.closesAt'), value: formatInstant(hearing.closesAt, locale, input.timeZone) },
      { title: t('hearings.hearingId'), value: hearing.id },
    ]),
  );
  body.push(paragraph(tallyLine(t, tally, hearing.eligibleVoterIds.length), { weight: 'Bolder' }));
  body.push(paragraph(statusLine(t, hearing), { color: hearing.status === 'open' ? 'Default' : 'Warning' }));
  return body;
}

/** A voter's own view: their vote (and that they may change it), or that they have not voted. */
function viewerSection(input: HearingCardInput, fit: TextFit, open: boolean): CardElement[] {
  const { t, locale, viewer } = input;
  if (!viewer) return [];
  const vote = viewer.vote;
  const yourVote = (v: StoredVote) =>
    paragraph(
      t('hearings.yourVote', { choice: choiceLabel(t, v.choice) }) +
        (v.comment ? ` — "${fit.text(v.comment)}"` : ''),
      { color: 'Good', weight: 'Bolder' },
    );
  // A vote cast while the term ran still counts; the viewer just cannot change it any more.
  if (viewer.termEndedOn) {
    const ended = paragraph(t('hearings.viewerTermEnded', { date: formatDate(viewer.termEndedOn, locale) }), {
      isSubtle: true,
    });
    return vote ? [yourVote(vote), ended] : [ended];
  }
  if (!viewer.eligible) return [paragraph(t('hearings.viewerNotEligible'), { isSubtle: true })];
  if (!vote) return open ? [paragraph(t('hearings.notVotedYet'), { isSubtle: true })] : [];
  const lines = [yourVote(vote)];
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
    maxLength: MAX_COMMENT_CHARS,
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

function buildVoteCard(input: HearingCardInput, fit: TextFit): AdaptiveCard {
  const { t, hearing } = input;
  const open = hearing.status === 'open';
  const voters = hearing.eligibleVoterIds.length;
  const body = [...proposalSection(input, fit), ...viewerSection(input, fit, open)];
  const actions: CardAction[] = [];
  const mayVote = input.viewer === undefined || (input.viewer.eligible && !input.viewer.termEndedOn);
  if (open && mayVote) {
    const controls = voteControls(input);
    body.push(...controls.body);
    actions.push(...controls.actions);
  }
  if (open && voters > MAX_REFRESH_USERS) {
    body.push(
      paragraph(t('hearings.sharedViewOnly', { max: MAX_REFRESH_USERS }), { isSubtle: true, size: 'Small' }),
    );
  }
  const note = fitNote(t, fit);
  if (note) body.push(note);
  actions.push(...tabAction(t, input.tabUrl, fit));
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

/** The vote card: shared view without `viewer`, a voter's own view with it; within the card budget. */
export function hearingVoteCard(input: HearingCardInput): AdaptiveCard {
  return fitCard((fit) => buildVoteCard(input, fit)).card;
}
