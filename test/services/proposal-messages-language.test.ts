/**
 * The proposal service's posts in their channels' languages (issue 26.5): the triage card in the
 * secretariat's body's language, the outcome in the proposal's group's, whoever proposed.
 */
import type { Governance } from '../../src/domain/governance';
import { proposalMessages } from '../../src/features/agenda/proposal-messages';
import type { ProposalRecord } from '../../src/features/agenda/proposals-repository';
import type { MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { loadGovernance } from '../../src/platform/governance/governance-loader';

const governance = loadGovernance();
const englishSecretariat: Governance = {
  ...governance,
  bodies: governance.bodies.map((body) =>
    body.kind === 'administration' ? { ...body, language: 'en' } : body,
  ),
};
const proposal: ProposalRecord = {
  id: 'p1',
  groupId: 'steering',
  meetingId: 'm1',
  title: 'Fælles cloudstrategi',
  description: 'd',
  kind: 'discussion',
  requestedMinutes: 20,
  proposerId: 'aad-anne',
  submittedAt: '2027-01-10T09:00:00.000Z',
  late: false,
  status: 'accepted',
};
const meeting: MeetingRecord = {
  id: 'm1',
  groupId: 'steering',
  startsAt: '2027-04-01T08:00:00.000Z',
  durationMinutes: 240,
  status: 'scheduled',
  accessToken: 'token-token-token-token',
};
const messages = (source: Governance) =>
  proposalMessages({
    governance: source,
    timeZone: governance.timeZone,
    groups: { getGroup: async () => undefined },
  });

it("writes the triage card in an English secretariat's language and the outcome in the Danish group's", async () => {
  const english = messages(englishSecretariat);
  expect((await english.triage({ ...proposal, status: 'proposed' }, meeting)).summary).toBe(
    'New agenda proposal: Fælles cloudstrategi',
  );
  expect((await english.outcome(proposal, meeting)).summary).toMatch(/^Dagsordensforslag /);
});

it("writes both in the file's default when no body has a language of its own", async () => {
  expect((await messages(governance).triage({ ...proposal, status: 'proposed' }, meeting)).summary).toBe(
    'Nyt dagsordensforslag: Fælles cloudstrategi',
  );
});
