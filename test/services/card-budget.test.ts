/**
 * The card budget (issue 25.3): every card that lists user text stays under Teams' limit at the
 * maxima of its inputs, and says what it shortened or left out. The maxima come from the input
 * schemas and the governance: the steering group's seats (or the issue's 13 voters, or the 60 a
 * card can show its own views to, whichever is more) × the 2,000 characters a vote's comment keeps,
 * the proposal form's limits, and the 64,000 characters of one card payload for fields without a
 * limit of their own. The text is the costliest there is per character: a markdown character
 * (escaped: 3 bytes in JSON), a control character (6 bytes in JSON) and a Danish letter (2 bytes).
 */
import { PROPOSAL_LIMITS } from '../../src/features/agenda/domain/proposals';
import {
  proposalOutcomeCard,
  proposalReceivedCard,
  triageCard,
  triagedCard,
} from '../../src/features/agenda/proposal-cards';
import type { ProposalRecord } from '../../src/features/agenda/proposals-repository';
import {
  MAX_COMMENT_CHARS,
  MAX_REFRESH_USERS,
  hearingVoteCard,
} from '../../src/features/hearings/hearing-cards';
import { hearingListCard, hearingResultCard } from '../../src/features/hearings/hearing-result-cards';
import type { Hearing, StoredVote } from '../../src/features/hearings/hearings-repository';
import { decidingBody } from '../../src/domain/governance';
import {
  CARD_BUDGET_BYTES,
  MIN_CLIPPED_CHARS,
  cardBytes,
  fitCard,
} from '../../src/platform/cards/card-budget';
import { adaptiveCard, paragraph } from '../../src/platform/cards/builders';
import { validateCard } from '../../src/platform/cards/validate';
import { translatorFor } from '../../src/platform/i18n';
import { MAX_INPUT_CHARS } from '../../src/platform/teams/teams-bot';
import { workingGroupListCard } from '../../src/features/working-groups/working-group-cards';
import { PROPOSAL, baseGovernance } from './hearings-fixture';

const t = translatorFor('da');
const TAB = 'https://bot.example/tab/index.html';

/** `length` UTF-16 units of the costliest text per character. */
function worst(length: number, seed = ''): string {
  const unit = '*\u0001ø';
  return (seed + unit.repeat(Math.ceil(length / unit.length))).slice(0, length);
}

const seats = decidingBody(baseGovernance).members!;
const SEATS = seats.municipal + Object.values(seats.organisations ?? {}).reduce((a, b) => a + b, 0);
const TURNOUTS = [Math.max(SEATS, 13), MAX_REFRESH_USERS];

function voters(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `voter-${String(i).padStart(2, '0')}-${'x'.repeat(30)}`);
}

function hearingOf(voterIds: string[], overrides: Partial<Hearing> = {}): Hearing {
  const text = (seed: string) => worst(2000, seed);
  return {
    id: 'h-max',
    hearingGroupId: 'steering',
    proposingGroupId: 'ref-arkitektur',
    proposerId: 'p-1',
    proposerName: worst(256, 'Forslagsstiller'),
    proposal: {
      ...PROPOSAL,
      title: text('Titel'),
      problem: text('Problem'),
      mandate: text('Mandat'),
      chair: text('Formand'),
      // What is left of one card payload for the member and resource lines ("name; organisation").
      members: Array.from({ length: 200 }, (_, i) => ({
        name: worst(150, `M${i}`),
        organisation: worst(100),
      })),
      resources: Array.from({ length: 100 }, (_, i) => ({ organisation: worst(150, `O${i}`), hours: 40 })),
    },
    openedAt: '2027-01-11T09:00:00.000Z',
    closesAt: '2027-01-25T09:00:00.000Z',
    eligibleVoterIds: voterIds,
    voterNames: Object.fromEntries(voterIds.map((id) => [id, worst(256, id)])),
    rule: { kind: 'majority-with-quorum', quorumShare: 0.5 },
    status: 'open',
    effectsDone: [],
    ...overrides,
  };
}

function votesOf(voterIds: string[]): StoredVote[] {
  return voterIds.map((voterId, i) => ({
    hearingId: 'h-max',
    hearingGroupId: 'steering',
    voterId,
    voterName: worst(256, voterId),
    choice: i % 3 === 0 ? 'approve' : i % 3 === 1 ? 'reject' : 'abstain',
    comment: worst(MAX_COMMENT_CHARS, `Kommentar ${i}`),
    castAt: '2027-01-12T09:00:00.000Z',
  }));
}

function expectFitted(card: object): string {
  expect(validateCard(card).problems).toEqual([]);
  expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  return JSON.stringify(card);
}

describe('fitCard', () => {
  const build = (texts: string[]) =>
    fitCard((fit) => adaptiveCard(fit.items(texts).map((text) => paragraph(fit.text(text)))), 4000);

  it('leaves a card that fits as it is', () => {
    const fitted = build(['kort', 'tekst *fed*']);
    expect(fitted).toMatchObject({ shortened: 0, leftOut: 0 });
    expect(JSON.stringify(fitted.card)).toContain('tekst \\\\*fed\\\\*');
  });

  it('clips only the long texts, to the longest common length that fits, and counts them', () => {
    const fitted = build(['kort', 'a'.repeat(3000), 'b'.repeat(3000)]);
    expect(fitted).toMatchObject({ shortened: 2, leftOut: 0 });
    expect(fitted.bytes).toBeLessThanOrEqual(4000);
    const texts = (fitted.card.body as Array<{ text: string }>).map((block) => block.text);
    expect(texts[0]).toBe('kort');
    expect(texts[1]).toMatch(/^a+…$/);
    expect(texts[1]!.length).toBe(texts[2]!.length);
    // The longest that fits: one more character each (2 bytes) would be over.
    expect(fitted.bytes).toBeGreaterThan(4000 - 2);
  });

  it('leaves entries out when even the shortest texts are too many, and counts them', () => {
    const fitted = build(Array.from({ length: 200 }, (_, i) => `${i} ${'c'.repeat(300)}`));
    expect(fitted.leftOut).toBeGreaterThan(0);
    expect(fitted.bytes).toBeLessThanOrEqual(4000);
    const texts = (fitted.card.body as Array<{ text: string }>).map((block) => block.text);
    expect(texts).toHaveLength(200 - fitted.leftOut);
    expect(texts[0]).toBe(`0 ${'c'.repeat(MIN_CLIPPED_CHARS - 2)}…`);
  });

  it('never cuts a surrogate pair or an escape in half', () => {
    const fitted = build(['😀'.repeat(3000), '*'.repeat(3000)]);
    const texts = (fitted.card.body as Array<{ text: string }>).map((block) => block.text);
    expect(texts[0]).toMatch(/^(😀)+…$/u);
    expect(texts[1]).toMatch(/^(\\\*)+…$/);
  });
});

describe.each(TURNOUTS)('the hearing cards at %i voters', (count) => {
  const ids = voters(count);

  it('the result: comments shortened (then left out), said so, and a link to the tab', () => {
    const hearing = hearingOf(ids, {
      status: 'closed',
      result: {
        outcome: 'approved',
        approve: count,
        reject: 0,
        abstain: 0,
        cast: count,
        eligibleCount: count,
        turnout: 1,
        reason: 'full-turnout',
        counted: [],
      },
    });
    const votes = votesOf(ids);
    const unfitted = JSON.stringify(votes.map((v) => v.comment)).length;
    expect(unfitted).toBeGreaterThan(CARD_BUDGET_BYTES); // the case of the issue, and more
    const json = expectFitted(
      hearingResultCard({
        t,
        locale: 'da',
        hearing,
        votes,
        voterName: (id) => hearing.voterNames[id]!,
        tabUrl: TAB,
      }),
    );
    expect(json).toMatch(/af teksterne er forkortet/);
    expect(json).toContain(TAB);
    expect(json).toContain('Kommentar 0');
    if (count > 20) expect(json).toMatch(/af punkterne er udeladt/);
  });

  it("the vote card, shared and a voter's own view with their whole comment in the field", () => {
    const hearing = hearingOf(ids);
    const base = {
      t,
      locale: 'da' as const,
      timeZone: 'Europe/Copenhagen',
      hearing,
      tally: { approve: 1, reject: 0, abstain: 0, cast: 1 },
      proposingGroupName: 'Referencegruppe Arkitektur og udvikling',
      parentGroupName: 'Referencegruppe Arkitektur og udvikling',
      tabUrl: TAB,
    };
    const shared = expectFitted(hearingVoteCard(base));
    expect(shared).toMatch(/af teksterne er forkortet/);
    const [vote] = votesOf(ids);
    const own = hearingVoteCard({
      ...base,
      viewer: { eligible: true, vote },
      notice: t('hearings.recorded', { choice: 'For' }),
    });
    expectFitted(own);
    const field = JSON.stringify(own).includes(JSON.stringify(vote!.comment).slice(1, -1));
    expect(field).toBe(true); // the comment field keeps the voter's comment whole
  });

  it('the list of hearings: the newest first, the oldest left out and counted', () => {
    const entries = Array.from({ length: 300 }, (_, i) => ({
      hearing: hearingOf(ids, {
        id: `h-${String(i).padStart(3, '0')}`,
        status: i < 5 ? ('open' as const) : ('withdrawn' as const),
        proposal: { ...PROPOSAL, title: worst(2000, `Høring ${i}`) },
      }),
      tally: { approve: 0, reject: 0, abstain: 0, cast: 0 },
    }));
    const json = expectFitted(hearingListCard(t, 'da', 'Europe/Copenhagen', entries, TAB));
    expect(json).toContain('h-000');
    expect(json).not.toContain('h-299');
    expect(json).toMatch(/af punkterne er udeladt/);
    expect(json).toContain(TAB);
  });
});

describe('the proposal cards at the limits of the form', () => {
  const L = PROPOSAL_LIMITS;
  const fixed = L.titleMaxChars + L.descriptionMaxChars + L.proposedDecisionMaxChars;
  const proposal: ProposalRecord = {
    id: 'p-max',
    groupId: 'ref-arkitektur',
    meetingId: 'm-1',
    title: worst(L.titleMaxChars, 'Titel'),
    description: worst(L.descriptionMaxChars, 'Beskrivelse'),
    kind: 'decision',
    requestedMinutes: 240,
    // The link has no limit of its own: what is left of one card payload.
    materialUrl: `https://example.org/${'('.repeat(MAX_INPUT_CHARS - fixed - 100)}`,
    proposedDecision: worst(L.proposedDecisionMaxChars, 'Indstilling'),
    proposerId: 'p-1',
    proposerName: worst(256, 'Forslagsstiller'),
    submittedAt: '2027-01-11T09:00:00.000Z',
    late: true,
    status: 'rejected',
    // The triage reason has no limit of its own either.
    triage: {
      by: 'p-sec',
      at: '2027-01-12T09:00:00.000Z',
      reason: worst(MAX_INPUT_CHARS - 200, 'Begrundelse'),
    },
  };
  const meetingTime = 'torsdag 4. marts 2027 kl. 10.00';

  it.each([
    [
      'received',
      () =>
        proposalReceivedCard(t, { proposal, meetingTime, deadlineTime: meetingTime, triagePosted: false }),
    ],
    [
      'triage',
      () =>
        triageCard(t, {
          proposal,
          groupName: 'Referencegruppe',
          meetingTime,
          reason: worst(1000),
          error: 'Angiv en begrundelse.',
        }),
    ],
    [
      'triaged',
      () => triagedCard(t, { proposal, groupName: 'Referencegruppe', meetingTime, decidedAt: meetingTime }),
    ],
    ['outcome', () => proposalOutcomeCard(t, { proposal, meetingTime, deferredToTime: meetingTime })],
  ])('the %s card fits and says it was shortened', (_name, build) => {
    const json = expectFitted(build());
    expect(json).toMatch(/af teksterne er forkortet/);
    expect(json).toContain('Titel');
  });
});

describe('the list of working groups', () => {
  it('at 150 groups named by 2,000-character proposal titles, every one manageable: fits and says so', () => {
    const groups = Array.from({ length: 150 }, (_, i) => ({
      id: `wg-${String(i).padStart(3, '0')}`,
      kind: 'working' as const,
      name: { da: worst(2000, `Gruppe ${i}`), en: worst(2000, `Group ${i}`) },
      parentGroupId: 'ref-arkitektur',
      status: 'active' as const,
      plannedEnd: '2027-12-31',
      createdAt: '2027-01-01T00:00:00.000Z',
    }));
    const json = expectFitted(workingGroupListCard(t, 'da', groups, new Set(groups.map((g) => g.id))));
    expect(json).toContain('wg-000');
    expect(json).toMatch(/af punkterne er udeladt/);
  });
});
