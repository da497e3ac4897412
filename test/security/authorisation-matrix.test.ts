/**
 * The authorisation matrix (issue 13): every command and card action against every role, one test
 * per cell, through the real bot (composeApp in development mode with TEAMS_TENANT_ID, activities
 * POSTed to /api/messages, replies captured by the Bot Connector stand-in).
 *
 * The expectations come from the governance rules (shared/docs/governance.md), not from the code:
 * - the secretariat runs the process: binding channels, meetings, triage, appointments, the member
 *   register and personal data (GDPR), budget commitments;
 * - any member of a group (chair included) may propose agenda items for its meetings; the
 *   secretariat may too (late items);
 * - working groups are proposed by a reference group's members; dissolving/extending one is for the
 *   members of the reference group it reports to and the secretariat;
 * - the written hearing is the steering group's: only its members (chair included) vote and see
 *   the list (the secretariat sees it too); only the proposer withdraws a proposal;
 * - reading (help, status, meetings, agenda, members, composition, working groups, portfolio,
 *   economy) is open to everyone in the organisation's Teams;
 * - KL/UDK/KOMBIT representatives get no extra rights from their organisation alone: they act
 *   through their memberships (here they are members of no bound group);
 * - nobody from another tenant gets anything;
 * - from a conversation where it does not belong (another group's channel, a personal chat) a
 *   verb is accepted only where the rules say so (support/elsewhere.ts: the "other conversation"
 *   cell of every row, issue 25.7); a hearing's card is seen only by its voters, the steering
 *   group's members and the secretariat, in the steering group's channel or their personal chat.
 */
import { da } from '../../src/platform/i18n/da';
import {
  MATRIX_ROLES,
  PERSONAS,
  REFERENCE_CHANNEL,
  STEERING_CHANNEL,
  startSecureBot,
  type MatrixRole,
  type Reply,
  type SecureBot,
} from './support/secure-bot';
import {
  freshDate,
  freshHearing,
  freshMeeting,
  freshPerson,
  freshProposal,
  freshWorkingGroup,
  heldMeeting,
  recordedMeeting,
  snapshotStore,
  validAgendaFields,
  validWorkingGroupForm,
} from './support/fixtures';
import { freshRequest, validRequestForm } from './support/request-fixtures';
import { freshEndorsement, validEndorsementForm } from './support/endorsement-fixtures';
import { freshCandidate, openRecruitmentData, validCandidateForm } from './support/recruitment-fixtures';
import type { App } from '../../src/app/compose';
import { ELSEWHERE, type Elsewhere } from './support/elsewhere';

type Channel = 'steering' | 'reference' | 'fresh';
interface Row {
  kind: 'command' | 'action';
  /** Command id (CommandSpec.id) or card verb. */
  id: string;
  /** For commands: the (Danish) name typed. */
  text?: string;
  channel?: Channel;
  allowed: readonly MatrixRole[];
  /** Builds the arguments/data on a fresh record for this cell. */
  prepare?: (app: App) => Promise<{ args?: string; data?: Record<string, unknown> }>;
  /** Cells where the code is known to disagree with governance (reported to the lead). */
  gap?: { roles: MatrixRole[]; note: string };
}

/** Every role of the tenant (another tenant's users are refused by the tenant check, not by role). */
const EVERYONE: readonly MatrixRole[] = MATRIX_ROLES.filter((role) => role !== 'other-tenant');
const SECRETARIAT: readonly MatrixRole[] = ['secretariat'];
const GROUP_AND_SECRETARIAT: readonly MatrixRole[] = ['secretariat', 'chair', 'member'];
const GROUP_MEMBERS: readonly MatrixRole[] = ['chair', 'member'];

/** An initiative of the reference group, stored by the secretariat (for the edit cells). */
async function freshInitiative(app: App): Promise<{ groupId: string; initiativeId: string }> {
  const initiativeId = `init-edit-${Math.random().toString(36).slice(2, 8)}`;
  const values = {
    groupId: 'ref-arkitektur',
    title: 'Fælles logning',
    responsible: 'KOMBIT',
    status: 'green',
    phase: 'Analyse',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    financing: 'other',
    budgetedKr: '0',
    spentKr: '0',
  };
  const saved = await app.services.portfolio!.portfolio.save(
    { id: PERSONAS.secretariat.aadObjectId! },
    initiativeId,
    values,
  );
  if (saved.kind !== 'saved') throw new Error(`initiative fixture not saved: ${saved.kind}`);
  return { groupId: 'ref-arkitektur', initiativeId };
}

const TABLE: Row[] = [
  // binding and status
  { kind: 'command', id: 'help', text: 'hjælp', allowed: EVERYONE },
  {
    kind: 'command',
    id: 'bind',
    text: 'tilknyt',
    channel: 'fresh',
    allowed: SECRETARIAT,
    prepare: async () => ({ args: 'ref-forretning' }),
  },
  { kind: 'command', id: 'unbind', text: 'fjern tilknytning', channel: 'fresh', allowed: SECRETARIAT },
  { kind: 'command', id: 'status', text: 'status', allowed: EVERYONE },
  // meetings and agenda
  {
    kind: 'command',
    id: 'meeting.schedule',
    text: 'planlæg møde',
    allowed: SECRETARIAT,
    prepare: async () => ({ args: `${freshDate()} 10:00 KOMBIT` }),
  },
  {
    kind: 'command',
    id: 'meeting.scheduleYear',
    text: 'planlæg år',
    allowed: SECRETARIAT,
    prepare: async () => ({ args: '2028' }),
  },
  {
    kind: 'command',
    id: 'meeting.move',
    text: 'flyt møde',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ args: `${await freshMeeting(app)} ${freshDate()} 13:00` }),
  },
  {
    kind: 'command',
    id: 'meeting.cancel',
    text: 'aflys møde',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ args: await freshMeeting(app) }),
  },
  { kind: 'command', id: 'meeting.list', text: 'møder', allowed: EVERYONE },
  { kind: 'command', id: 'proposal.open', text: 'foreslå', allowed: GROUP_AND_SECRETARIAT },
  { kind: 'command', id: 'agenda.show', text: 'dagsorden', allowed: EVERYONE },
  {
    kind: 'action',
    id: 'meeting.schedule',
    allowed: SECRETARIAT,
    prepare: async () => ({
      data: { groupId: 'ref-arkitektur', date: freshDate(), time: '10:00', location: 'KOMBIT' },
    }),
  },
  {
    kind: 'action',
    id: 'meeting.scheduleYear',
    allowed: SECRETARIAT,
    prepare: async () => ({
      data: { groupId: 'ref-arkitektur', year: '2029', count: '1', date1: '2029-03-05', time1: '10:00' },
    }),
  },
  {
    kind: 'action',
    id: 'meeting.move',
    allowed: SECRETARIAT,
    prepare: async (app) => ({
      data: {
        groupId: 'ref-arkitektur',
        meetingId: await freshMeeting(app),
        newDate: freshDate(),
        newTime: '13:00',
      },
    }),
  },
  {
    kind: 'action',
    id: 'meeting.cancel',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ data: { groupId: 'ref-arkitektur', meetingId: await freshMeeting(app) } }),
  },
  {
    kind: 'action',
    id: 'meeting.cancel.confirm',
    allowed: SECRETARIAT,
    prepare: async (app) => ({
      data: { groupId: 'ref-arkitektur', meetingId: await freshMeeting(app), sequence: '0' },
    }),
  },
  {
    kind: 'action',
    id: 'meeting.move.confirm',
    allowed: SECRETARIAT,
    prepare: async (app) => ({
      data: {
        groupId: 'ref-arkitektur',
        meetingId: await freshMeeting(app),
        sequence: '0',
        date: freshDate(),
        time: '13:00',
      },
    }),
  },
  {
    kind: 'action',
    id: 'meeting.keep',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ data: { groupId: 'ref-arkitektur', meetingId: await freshMeeting(app) } }),
  },
  {
    kind: 'action',
    id: 'proposal.submit',
    allowed: GROUP_AND_SECRETARIAT,
    prepare: async (app) => ({
      data: {
        groupId: 'ref-arkitektur',
        meetingId: await freshMeeting(app),
        cardInstanceId: `ci-${Math.random()}`,
        ...validAgendaFields(),
      },
    }),
  },
  {
    kind: 'action',
    id: 'proposal.triage',
    allowed: SECRETARIAT,
    prepare: async (app) => {
      const meetingId = await freshMeeting(app);
      return {
        data: {
          groupId: 'ref-arkitektur',
          proposalId: await freshProposal(app, meetingId),
          decision: 'accept',
          reason: '',
        },
      };
    },
  },
  // working groups and the written hearing
  { kind: 'command', id: 'propose-working-group', text: 'arbejdsgruppe', allowed: GROUP_MEMBERS },
  { kind: 'command', id: 'list-working-groups', text: 'arbejdsgrupper', allowed: EVERYONE },
  {
    kind: 'command',
    id: 'dissolve-working-group',
    text: 'opløs arbejdsgruppe',
    allowed: GROUP_AND_SECRETARIAT,
    prepare: async (app) => ({ args: await freshWorkingGroup(app) }),
  },
  {
    kind: 'command',
    id: 'extend-working-group',
    text: 'forlæng arbejdsgruppe',
    allowed: GROUP_AND_SECRETARIAT,
    prepare: async (app) => ({ args: `${await freshWorkingGroup(app)} 2028-06-30 Mere tid til analysen` }),
  },
  {
    kind: 'action',
    id: 'workingGroup.propose',
    allowed: GROUP_MEMBERS,
    prepare: async () => ({ data: validWorkingGroupForm() }),
  },
  {
    kind: 'action',
    id: 'workingGroup.dissolve',
    allowed: GROUP_AND_SECRETARIAT,
    // The confirmed click (the list card's inline form); without `confirm` the answer is a confirmation card.
    prepare: async (app) => ({ data: { groupId: await freshWorkingGroup(app), confirm: 'yes' } }),
  },
  {
    kind: 'action',
    id: 'workingGroup.extend',
    allowed: GROUP_AND_SECRETARIAT,
    prepare: async (app) => {
      const groupId = await freshWorkingGroup(app);
      return {
        data: {
          groupId,
          [`extendEnd:${groupId}`]: '2028-06-30',
          [`extendReason:${groupId}`]: 'Mere tid til analysen',
        },
      };
    },
  },
  // The working group's course after approval (issue 22.3): outside a working group's channel the
  // hand-in and the votes answer everyone with what is wrong (the services check the membership);
  // recording the parent's meeting decision is the secretariat's.
  { kind: 'command', id: 'hand-in-working-group-result', text: 'aflever resultat', allowed: EVERYONE },
  { kind: 'action', id: 'workingGroup.result', allowed: EVERYONE },
  { kind: 'action', id: 'workingGroup.extensionVote', allowed: EVERYONE },
  { kind: 'action', id: 'workingGroup.extensionMeeting', allowed: SECRETARIAT },
  { kind: 'command', id: 'hearings', text: 'høringer', channel: 'steering', allowed: GROUP_AND_SECRETARIAT },
  // Anyone may ask; the swap's own rules refuse all but the presenter (and all but the asked member).
  { kind: 'command', id: 'rotation.swap', text: 'byt oplæg', channel: 'steering', allowed: EVERYONE },
  {
    kind: 'command',
    id: 'withdraw-hearing',
    text: 'træk høring tilbage',
    channel: 'steering',
    allowed: ['member'],
    prepare: async (app) => ({ args: await freshHearing(app) }),
  },
  {
    kind: 'action',
    id: 'hearing.vote',
    channel: 'steering',
    allowed: GROUP_MEMBERS,
    prepare: async (app) => ({
      data: { hearingId: await freshHearing(app), choice: 'approve', comment: 'Fint' },
    }),
  },
  {
    kind: 'action',
    id: 'hearing.refresh',
    channel: 'steering',
    allowed: GROUP_AND_SECRETARIAT,
    prepare: async (app) => ({ data: { hearingId: await freshHearing(app) } }),
  },
  {
    kind: 'action',
    id: 'hearing.withdraw',
    channel: 'steering',
    allowed: ['member'],
    prepare: async (app) => ({ data: { hearingId: await freshHearing(app) } }),
  },
  // members, terms, GDPR
  { kind: 'command', id: 'members', text: 'medlemmer', allowed: EVERYONE },
  { kind: 'command', id: 'expiring', text: 'udløbende', allowed: SECRETARIAT },
  { kind: 'command', id: 'replacements', text: 'genbesættelse', allowed: SECRETARIAT },
  { kind: 'command', id: 'composition', text: 'sammensætning', allowed: EVERYONE },
  { kind: 'command', id: 'member-history', text: 'medlemshistorik', allowed: EVERYONE },
  { kind: 'command', id: 'appoint', text: 'udpeg', allowed: SECRETARIAT },
  { kind: 'command', id: 'import-members', text: 'importer medlemmer', allowed: SECRETARIAT },
  {
    kind: 'command',
    id: 'person-data',
    text: 'persondata',
    allowed: SECRETARIAT,
    prepare: async () => ({ args: 'p-out' }),
  },
  {
    kind: 'command',
    id: 'erase-person',
    text: 'anonymiser',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ args: await freshPerson(app) }),
  },
  {
    kind: 'action',
    id: 'members.showAppoint',
    allowed: SECRETARIAT,
    prepare: async () => ({ data: { groupId: 'ref-arkitektur' } }),
  },
  {
    kind: 'action',
    id: 'members.pickPerson',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ data: { groupId: 'ref-arkitektur', personId: await freshPerson(app) } }),
  },
  {
    kind: 'action',
    id: 'members.showEnd',
    allowed: SECRETARIAT,
    prepare: async () => ({ data: { groupId: 'ref-arkitektur' } }),
  },
  {
    kind: 'action',
    id: 'members.showRole',
    allowed: SECRETARIAT,
    prepare: async () => ({ data: { groupId: 'ref-arkitektur' } }),
  },
  { kind: 'action', id: 'members.showImport', allowed: SECRETARIAT },
  {
    kind: 'action',
    id: 'members.appoint',
    allowed: SECRETARIAT,
    prepare: async (app) => ({
      data: {
        groupId: 'ref-arkitektur',
        personId: await freshPerson(app),
        role: 'member',
        organisation: 'municipality',
        municipalityCode: '101',
        termStart: '2027-01-11',
      },
    }),
  },
  {
    kind: 'action',
    id: 'members.end',
    allowed: SECRETARIAT,
    prepare: async (app) => ({
      data: { groupId: 'ref-arkitektur', personId: await freshPerson(app), endedOn: '2027-01-11' },
    }),
  },
  {
    kind: 'action',
    id: 'members.changeRole',
    allowed: SECRETARIAT,
    prepare: async (app) => ({
      data: { groupId: 'ref-arkitektur', personId: await freshPerson(app), role: 'chair' },
    }),
  },
  {
    kind: 'action',
    id: 'members.reappoint',
    allowed: SECRETARIAT,
    prepare: async (app) => ({
      data: {
        groupId: 'ref-arkitektur',
        personId: await freshPerson(app),
        role: 'member',
        termStart: '2027-01-11',
      },
    }),
  },
  {
    kind: 'action',
    id: 'members.import',
    allowed: SECRETARIAT,
    prepare: async () => ({ data: { csv: '', dryRun: true } }),
  },
  {
    kind: 'action',
    id: 'members.erase',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ data: { personId: await freshPerson(app) } }),
  },
  // the municipality register's citizens upload
  { kind: 'command', id: 'citizens', text: 'indbyggertal', allowed: SECRETARIAT },
  {
    kind: 'action',
    id: 'municipalities.citizens',
    allowed: SECRETARIAT,
    prepare: async () => ({ data: { csv: '', dryRun: true } }),
  },
  // portfolio and budget (tested once the features are registered in allFeatures)
  { kind: 'command', id: 'initiative', text: 'initiativ', allowed: EVERYONE },
  { kind: 'command', id: 'status-report', text: 'statusrapport', allowed: EVERYONE },
  { kind: 'command', id: 'portfolio', text: 'portefølje', allowed: EVERYONE },
  { kind: 'command', id: 'economy', text: 'økonomi', allowed: EVERYONE },
  { kind: 'command', id: 'commitment', text: 'bevilling', allowed: SECRETARIAT },
  { kind: 'command', id: 'buffet-price', text: 'buffetpris', allowed: SECRETARIAT },
  { kind: 'action', id: 'portfolio.initiative.new', allowed: GROUP_AND_SECRETARIAT },
  {
    kind: 'action',
    id: 'portfolio.initiative.edit',
    allowed: GROUP_AND_SECRETARIAT,
    prepare: async (app) => ({ data: await freshInitiative(app) }),
  },
  {
    kind: 'action',
    id: 'portfolio.initiative.save',
    allowed: GROUP_AND_SECRETARIAT,
    prepare: async () => ({
      data: {
        groupId: 'ref-arkitektur',
        initiativeId: `init-sec-${Math.random().toString(36).slice(2, 8)}`,
        title: 'Fælles logning',
      },
    }),
  },
  { kind: 'action', id: 'portfolio.report.open', allowed: GROUP_AND_SECRETARIAT },
  { kind: 'action', id: 'portfolio.report.submit', allowed: GROUP_AND_SECRETARIAT },
  { kind: 'action', id: 'portfolio.report.back', allowed: EVERYONE },
  { kind: 'action', id: 'budget.commit', allowed: SECRETARIAT },
  { kind: 'action', id: 'budget.setPrice', allowed: SECRETARIAT },
  { kind: 'action', id: 'rotation.swap.open', allowed: EVERYONE },
  { kind: 'action', id: 'rotation.swap.ask', allowed: EVERYONE },
  { kind: 'action', id: 'rotation.swap.answer', allowed: EVERYONE },
  // material (bilag): the proposal's proposer (the member persona) and the secretariat
  {
    kind: 'action',
    id: 'material.add',
    allowed: ['secretariat', 'member'],
    prepare: async (app) => {
      const proposalId = await freshProposal(app, await freshMeeting(app));
      const inputId = `material-${proposalId}`;
      return {
        data: { groupId: 'ref-arkitektur', proposalId, inputId, [inputId]: 'https://example.org/notat.pdf' },
      };
    },
  },
  {
    kind: 'action',
    id: 'material.attachFile',
    allowed: ['secretariat', 'member'],
    prepare: async (app) => ({
      data: {
        target: `ref-arkitektur/${await freshProposal(app, await freshMeeting(app))}`,
        name: 'Notat.pdf',
        uniqueId: 'u-1',
        fileType: 'pdf',
        contentUrl: 'https://example.org/Notat.pdf',
      },
    }),
  },
  // the meeting record: the secretariat (or the meeting's minute-taker) writes it, the body's
  // members comment on the draft, an action's owner closes it; anyone in the organisation reads it
  { kind: 'command', id: 'record.minutes', text: 'referat', allowed: EVERYONE },
  { kind: 'command', id: 'record.overdue', text: 'forsinkede handlinger', allowed: SECRETARIAT },
  {
    kind: 'action',
    id: 'record.overview',
    allowed: EVERYONE,
    prepare: async (app) => ({ data: await heldMeeting(app) }),
  },
  {
    kind: 'action',
    id: 'record.item',
    allowed: SECRETARIAT,
    prepare: async (app) => {
      const { groupId, meetingId, itemId } = await recordedMeeting(app);
      return { data: { groupId, meetingId, itemId } };
    },
  },
  {
    kind: 'action',
    id: 'record.item.save',
    allowed: SECRETARIAT,
    prepare: async (app) => {
      const { groupId, meetingId, itemId } = await recordedMeeting(app);
      return { data: { groupId, meetingId, itemId, revision: '1', decision: 'Godkendt med ændringer' } };
    },
  },
  {
    kind: 'action',
    id: 'record.draft',
    allowed: SECRETARIAT,
    prepare: async (app) => {
      const { groupId, meetingId } = await recordedMeeting(app);
      return { data: { groupId, meetingId } };
    },
  },
  {
    kind: 'action',
    id: 'record.minute-taker',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ data: { ...(await heldMeeting(app)), minuteTakerId: 'p-member' } }),
  },
  {
    kind: 'action',
    id: 'record.comment',
    allowed: GROUP_AND_SECRETARIAT,
    prepare: async (app) => {
      const { groupId, meetingId } = await recordedMeeting(app);
      return { data: { groupId, meetingId, comment: 'Punkt 1 mangler et bilag' } };
    },
  },
  {
    kind: 'action',
    id: 'record.approve',
    allowed: SECRETARIAT,
    prepare: async (app) => {
      const { groupId, meetingId } = await recordedMeeting(app);
      return { data: { groupId, meetingId } };
    },
  },
  {
    kind: 'action',
    id: 'record.correct',
    allowed: SECRETARIAT,
    prepare: async (app) => {
      const { groupId, meetingId, itemId } = await recordedMeeting(app);
      return { data: { groupId, meetingId, itemId, version: '1', slot: '0', decision_0: 'Rettet' } };
    },
  },
  {
    kind: 'action',
    id: 'record.action.close',
    // The action's owner is the member persona.
    allowed: ['secretariat', 'member'],
    prepare: async (app) => {
      const { groupId, actionId } = await recordedMeeting(app);
      return { data: { groupId, actionId, note: 'Sendt rundt' } };
    },
  },
  // the body's calendar feed: anyone in the body's channel sees its URL, only the secretariat
  // replaces it (the old URL then opens nothing)
  { kind: 'command', id: 'calendarFeed.show', text: 'kalender', allowed: EVERYONE },
  { kind: 'command', id: 'calendarFeed.rotate', text: 'kalender nyt link', allowed: SECRETARIAT },
  // each user's own language for personal chat: anyone sets their own (Danish here, so the other
  // rows' answers stay in the language they are read in)
  { kind: 'command', id: 'language', text: 'sprog da', allowed: EVERYONE },
  // requests for input: the steering group's members in its channel (and the secretariat, and FKI
  // management, who have no persona here) ask a reference group; only that group's members answer
  {
    kind: 'command',
    id: 'request.input',
    text: 'anmod om belysning',
    channel: 'steering',
    allowed: GROUP_AND_SECRETARIAT,
  },
  {
    kind: 'action',
    id: 'request.submit',
    channel: 'steering',
    allowed: GROUP_AND_SECRETARIAT,
    prepare: async () => ({ data: validRequestForm() }),
  },
  {
    kind: 'action',
    id: 'request.answer',
    allowed: GROUP_MEMBERS,
    prepare: async (app) => ({
      data: { ...(await freshRequest(app)), answer: 'Vi anbefaler fælles logning.', material: '' },
    }),
  },
  // endorsements: a reference group's members draft in its channel and vote on the group's card
  // (the secretariat and the organisations' representatives are no members: the group speaks)
  {
    kind: 'command',
    id: 'endorsement.draft',
    text: 'indstilling',
    channel: 'reference',
    allowed: GROUP_MEMBERS,
  },
  {
    kind: 'action',
    id: 'endorsement.submit',
    channel: 'reference',
    allowed: GROUP_MEMBERS,
    prepare: async () => ({ data: validEndorsementForm() }),
  },
  {
    kind: 'action',
    id: 'endorsement.vote',
    allowed: GROUP_MEMBERS,
    prepare: async (app) => ({ data: { ...(await freshEndorsement(app)), choice: 'for' } }),
  },
  // recruitment of members: KOMBIT's open process, run by the secretariat (governance.md); the
  // candidates' personal data and the appointment are the secretariat's alone
  { kind: 'command', id: 'recruitment', text: 'rekruttering steering', allowed: SECRETARIAT },
  {
    kind: 'action',
    id: 'recruitment.open',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ data: await openRecruitmentData(app) }),
  },
  {
    kind: 'action',
    id: 'recruitment.candidate',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ data: await validCandidateForm(app) }),
  },
  {
    kind: 'action',
    id: 'recruitment.appoint',
    allowed: SECRETARIAT,
    prepare: async (app) => ({ data: await freshCandidate(app) }),
  },
];

/** The fixed part of each refusal text the bot gives for "not your role" (Danish catalogue). */
const fixedPart = (message: string) => message.split('{')[0]!.trim();
const ROLE_REFUSALS = [
  da.core.roleRefused,
  da.core.buttonRoleRefused,
  da.hearings.notEligible,
  da.hearings.listRefused,
  da.hearings.listElsewhere,
  da.hearings.refreshRefused,
  da.core.notInChannel,
  da.core.noGroupBound,
  da.hearings.withdrawNotProposer,
  da.workingGroups.onlyMembers,
  da.workingGroups.notAllowed,
  da.portfolio.forbidden,
  da.record.notEditor,
  da.record['comment_not-member'],
  da.record['close_not-owner'],
  da.material.notAllowed,
  da.requests.refused,
  da.requests.notReferenceMember,
  da.endorsements.refused,
  da.endorsements.notMember,
  da.endorsements.notReferenceChannel,
].map(fixedPart);

function refusalIn(reply: Reply): string | undefined {
  return ROLE_REFUSALS.find((phrase) => reply.all.includes(JSON.stringify(phrase).slice(1, -1)));
}

let bot: SecureBot;
beforeAll(async () => {
  bot = await startSecureBot();
});
afterAll(async () => bot?.stop());

const channelId = (channel: Channel | undefined) =>
  channel === 'steering'
    ? STEERING_CHANNEL
    : channel === 'fresh'
      ? `19:fresh-${Math.random().toString(36).slice(2)}@thread.tacv2`
      : REFERENCE_CHANNEL;

async function run(
  row: Row,
  role: MatrixRole,
  elsewhere?: Elsewhere,
): Promise<{ reply: Reply; wrote: string[] }> {
  const prepared = (await row.prepare?.(bot.app)) ?? {};
  const who = PERSONAS[role];
  const options =
    elsewhere === 'personal'
      ? { personal: true }
      : { channelId: channelId(elsewhere === 'reference' ? 'reference' : row.channel) };
  const before = await snapshotStore(bot.app.store);
  const reply =
    row.kind === 'command'
      ? await bot.say(`${row.text}${prepared.args ? ` ${prepared.args}` : ''}`, who, options)
      : await bot.invoke(row.id, prepared.data ?? {}, who, options);
  const after = await snapshotStore(bot.app.store);
  return { reply, wrote: after.filter((line) => !before.includes(line)) };
}

describe('the matrix covers the bot', () => {
  // Built lazily: the registry exists once the app is composed.
  test('every registered command and card verb has a row (a new one must be added here)', () => {
    const registered = [
      ...bot.app.registry.commands.map((c) => `command:${c.id}`),
      ...bot.app.registry.features.flatMap((f) => (f.cardActions ?? []).map((a) => `action:${a.verb}`)),
    ];
    const rows = new Set(TABLE.map((row) => `${row.kind}:${row.id}`));
    expect(registered.filter((key) => !rows.has(key))).toEqual([]);
  });

  test('every row has its "other conversation" cell (support/elsewhere.ts)', () => {
    expect(TABLE.map((row) => `${row.kind}:${row.id}`).filter((key) => !ELSEWHERE[key])).toEqual([]);
  });
});

const cells = TABLE.flatMap((row) =>
  MATRIX_ROLES.map((role) => ({ row, role, name: `${row.kind} ${row.id} × ${role}` })),
);

describe.each(cells)('$name', ({ row, role }) => {
  const registered = () =>
    row.kind === 'command'
      ? bot.app.registry.commands.some((c) => c.id === row.id)
      : bot.app.registry.cardAction(row.id) !== undefined;
  const allowed = role !== 'other-tenant' && row.allowed.includes(role);
  const knownGap = row.gap?.roles.includes(role) ?? false;
  const cellTest = knownGap ? test.failing : test;

  cellTest(allowed ? 'accepted' : 'refused', async () => {
    if (!registered()) return; // the feature is not registered yet: nothing to authorise
    const { reply, wrote } = await run(row, role);
    expect(reply.status).toBeLessThan(300);
    if (role === 'other-tenant') {
      expect(reply.texts).toEqual([da.core.wrongTenant]);
      expect(reply.cards).toEqual([]);
    } else {
      expect(reply.texts.length + reply.cards.length).toBeGreaterThan(0);
      expect(reply.all).not.toContain(fixedPart(da.core.unknownError));
      if (allowed) expect(refusalIn(reply)).toBeUndefined();
      else expect(refusalIn(reply)).toBeDefined();
    }
    // A refused request stores nothing (the cell's fixture records were written before it).
    if (!allowed) expect(wrote).toEqual([]);
  });
});

/**
 * The "other conversation" cells: each row, by each role it allows in its own conversation, from the
 * other conversation of support/elsewhere.ts (the persons have written to the bot in personal chat
 * before, so remembering that chat writes nothing during a cell).
 */
const elsewhereCells = TABLE.flatMap((row) => {
  const expectation = ELSEWHERE[`${row.kind}:${row.id}`];
  if (!expectation) return [];
  const from: Elsewhere = expectation.from ?? (row.channel === 'steering' ? 'reference' : 'personal');
  return row.allowed.map((role) => ({
    row,
    role,
    from,
    allowed: expectation.allowed.includes(role),
    knownGap: expectation.gap?.roles.includes(role) ?? false,
    name: `${row.kind} ${row.id} × ${role} from another conversation (${from})`,
  }));
});

describe('from another conversation', () => {
  beforeAll(async () => {
    for (const role of MATRIX_ROLES.filter((r) => r !== 'other-tenant'))
      await bot.say('hjælp', PERSONAS[role], { personal: true });
  });

  describe.each(elsewhereCells)('$name', ({ row, role, from, allowed, knownGap }) => {
    const registered = () =>
      row.kind === 'command'
        ? bot.app.registry.commands.some((c) => c.id === row.id)
        : bot.app.registry.cardAction(row.id) !== undefined;
    const cellTest = knownGap ? test.failing : test;

    cellTest(allowed ? 'accepted' : 'refused', async () => {
      if (!registered()) return;
      const { reply, wrote } = await run(row, role, from);
      expect(reply.status).toBeLessThan(300);
      expect(reply.texts.length + reply.cards.length).toBeGreaterThan(0);
      expect(reply.all).not.toContain(fixedPart(da.core.unknownError));
      if (allowed) expect(refusalIn(reply)).toBeUndefined();
      else expect(refusalIn(reply)).toBeDefined();
      if (!allowed) expect(wrote).toEqual([]);
    });
  });
});
