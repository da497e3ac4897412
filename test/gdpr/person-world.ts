/**
 * A composed app (development mode, the Bot Connector stand-in) on a given store in which one
 * person, Åse Ærbæk-Nielsen, leaves a trace in every kind of record: she proposes an agenda item,
 * proposes a written hearing (and is named in its proposal as chair), votes in it with a comment,
 * submits a status report, is the named minute-taker, comments on the draft minutes, owns a
 * follow-up action and closes it with a note, and is named in a decision's text. Her memberships
 * end, so she may be erased. Everything goes through the real services.
 */
import type { DocumentStore } from '../../src/platform/storage/port';
import type { CollectionName } from '../../src/platform/storage/port';
import { startHarness, SECRETARIAT, type Harness } from '../bot/support/app-harness';
import { seedHearingChannels } from '../support/hearing-channels';
import { seedPerson } from '../support/people';
import { initiativeInput } from '../services/portfolio-support';

export const NAME = 'Åse Ærbæk-Nielsen';
export const EMAIL = 'aase@roskilde.dk';
/** How Teams showed her (the display name kept on votes, proposals and reports). */
export const TEAMS_NAME = 'Ærbæk-Nielsen, Åse (Roskilde)';
export const PERSON = 'aad-aase';
export const VOTE_COMMENT = 'Jeg stemmer for, men vil gerne høres om budgettet';
export const MINUTES_COMMENT = 'Mit indlæg om databeskyttelse mangler i referatet';
export const CLOSE_NOTE = 'Sendt til mine kolleger i Roskilde';
export const DECISION = `Godkendt som fremlagt af ${NAME}.`;
export const FREE_TEXTS = [VOTE_COMMENT, MINUTES_COMMENT, CLOSE_NOTE];

export interface PersonWorld {
  h: Harness;
  store: DocumentStore;
  meetingId: string;
  hearingId: string;
}

const organisation = { kind: 'municipality', municipalityCode: '265', name: 'Roskilde' } as const;

function expectKind(result: { kind: string }, kind: string, what: string): void {
  if (result.kind !== kind) throw new Error(`${what}: ${JSON.stringify(result)}`);
}

async function proposeAndVote(h: Harness, meetingId: string): Promise<string> {
  const { services } = h.app;
  const actor = { id: PERSON, name: TEAMS_NAME, isSecretariat: false };
  const fields = {
    title: 'Fælles datastrategi',
    description: 'Oplæg',
    kind: 'decision',
    requestedMinutes: 20,
    proposedDecision: 'Strategien godkendes',
  };
  expectKind(
    await services.meetingCycle.proposals.submit({
      groupId: 'steering',
      meetingId,
      cardInstanceId: 'card-aase-1',
      fields,
      actor,
    }),
    'accepted',
    'proposal',
  );
  const hearing = await services.hearings.open({
    proposingGroupId: 'ref-arkitektur',
    proposer: { id: PERSON, name: TEAMS_NAME },
    proposal: {
      title: 'Arbejdsgruppe for datadeling',
      problem: 'Data deles ikke',
      mandate: 'Foreslå en model',
      parentGroupId: 'ref-arkitektur',
      members: [{ name: NAME, organisation: 'Roskilde' }],
      chair: NAME,
      resources: [{ organisation: 'Roskilde', hours: 40 }],
      costKr: 0,
      priority: 1,
      startDate: '2027-02-01',
      endDate: '2027-06-30',
    },
  });
  await services.hearings.vote(hearing.id, { id: PERSON, name: TEAMS_NAME }, 'approve', VOTE_COMMENT);
  await services.hearings.vote(hearing.id, { id: 'v01', name: 'Voter v01' }, 'approve', 'Fint');
  await services.hearings.vote(hearing.id, { id: 'v02', name: 'Voter v02' }, 'reject');
  await services.hearings.close(hearing.id, 'deadline');
  await services.hearings.idle();
  return hearing.id;
}

async function reportStatus(h: Harness, meetingId: string): Promise<void> {
  const { portfolio, statusReports } = h.app.services.portfolio;
  const initiative = initiativeInput('ref-arkitektur', 'Datadeling', { responsible: NAME });
  expectKind(await portfolio.save({ id: PERSON }, 'i-data', initiative), 'saved', 'initiative');
  expectKind(
    await statusReports.submit(
      { id: PERSON, name: TEAMS_NAME },
      { meetingId, groupId: 'ref-arkitektur', initiativeId: 'i-data' },
      { status: 'green', progress: 'Godt i gang' },
    ),
    'saved',
    'status report',
  );
}

async function recordMinutes(h: Harness, meetingId: string): Promise<void> {
  const { record } = h.app.services;
  const secretariat = { actorId: SECRETARIAT.aadObjectId, isSecretariat: true };
  h.clock.set('2027-03-04T13:00:00.000Z');
  expectKind(await record.open('steering', meetingId), 'open', 'record');
  await record.nameMinuteTaker('steering', meetingId, PERSON, SECRETARIAT.aadObjectId);
  const opened = await record.open('steering', meetingId);
  if (opened.kind !== 'open') throw new Error(opened.kind);
  const item = opened.view.entries.find((entry) => entry.item.id !== 'approval-of-minutes')!.item;
  expectKind(
    await record.saveItem({
      groupId: 'steering',
      meetingId,
      itemId: item.id,
      expectedRevision: 0,
      submission: {
        decision: DECISION,
        actionWhat: 'Send strategien ud',
        actionOwner: PERSON,
        actionDue: '2027-03-25',
      },
      editor: { actorId: PERSON, isSecretariat: false },
    }),
    'saved',
    'item',
  );
  expectKind(await record.postDraft('steering', meetingId, secretariat), 'posted', 'draft');
  expectKind(
    await record.comment(
      'steering',
      meetingId,
      { actorId: PERSON, isSecretariat: false, isMember: true },
      MINUTES_COMMENT,
    ),
    'commented',
    'comment',
  );
  const [action] = await record.openActions('steering');
  expectKind(
    await record.closeAction('steering', action!.id, { actorId: PERSON, isSecretariat: false }, CLOSE_NOTE),
    'closed',
    'close',
  );
}

/** The world, filled; the caller erases and stops `h`. */
export async function personWorld(store: DocumentStore): Promise<PersonWorld> {
  const h = await startHarness({ LOG_LEVEL: 'silent' }, { store });
  await seedHearingChannels(h.app, { connectorUrl: h.connector.url, clock: h.clock, voters: ['v01', 'v02'] });
  await seedPerson(h.app.repositories.people, { id: PERSON, name: NAME, email: EMAIL, organisation }, [
    { groupId: 'steering', role: 'member', termStart: '2025-01-01' },
    { groupId: 'ref-arkitektur', role: 'member', termStart: '2025-01-01' },
  ]);
  const scheduled = await h.app.services.meetingCycle.meetings.schedule({
    groupId: 'steering',
    date: '2027-03-04',
    time: '10:00',
    actorId: SECRETARIAT.aadObjectId,
  });
  if (scheduled.kind !== 'scheduled') throw new Error('not scheduled');
  const meetingId = scheduled.meeting.id;
  const hearingId = await proposeAndVote(h, meetingId);
  await reportStatus(h, meetingId);
  await recordMinutes(h, meetingId);
  // Her own language for personal chat (`sprog en`): a personal datum the export shows and the erasure removes.
  await h.app.services.languages.set(PERSON, 'en', h.clock.now());
  return { h, store, meetingId, hearingId };
}

/** Her memberships end (the first day away is today), so the erasure is allowed. */
export async function endMemberships(h: Harness): Promise<void> {
  const today = h.app.services.memberService.today();
  for (const groupId of ['steering', 'ref-arkitektur'])
    await h.app.services.memberService.endMembership(groupId, PERSON, today, SECRETARIAT.aadObjectId);
}

/** Every stored document of every collection, as JSON. */
export async function everyDocument(store: DocumentStore): Promise<string[]> {
  const all: string[] = [];
  for (const name of ['groups', 'directory', 'schedule', 'audit'] as CollectionName[])
    for await (const doc of store.collection(name).scan({})) all.push(JSON.stringify(doc));
  return all;
}

/** The texts of hers that must be gone: her names, e-mail and free texts. */
export const ERASED_TEXTS = [NAME, 'Ærbæk', EMAIL, TEAMS_NAME, ...FREE_TEXTS];
