/**
 * The whole app for tab tests: composeApp on a free port, the embedded SQLite store in a temporary
 * DATA_DIR, the tab client built into a temporary folder, a local Entra stand-in, and seed data
 * written through the real services and repositories.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../../src/app/compose';
import { ManualClock } from '../../../src/domain/clock';
import type { Membership, Person } from '../../../src/domain/model';
import type { OutboundMessage } from '../../../src/domain/ports';
import { InitiativeRepository } from '../../../src/features/portfolio/initiatives-repository';
import { StatusReportRepository } from '../../../src/features/portfolio/status-reports-repository';
import { BOT_DOMAIN, TAB_APP_ID, TENANT_ID, createLocalEntra, serveJwks, type LocalEntra } from './entra';

export const PEOPLE = {
  secretariat: {
    id: 'aad-secretariat',
    name: 'Sekretær Sara',
    organisation: { kind: 'KOMBIT', name: 'KOMBIT' },
  },
  chair: {
    id: 'aad-chair',
    name: 'Formand Frida',
    organisation: { kind: 'municipality', municipalityCode: '101', name: 'Københavns Kommune' },
  },
  anna: {
    id: 'aad-anna',
    name: 'Anna Andersen',
    organisation: { kind: 'municipality', municipalityCode: '751', name: 'Aarhus Kommune' },
  },
  bo: { id: 'aad-bo', name: 'Bo Bertelsen', organisation: { kind: 'KL', name: 'KL' } },
  refMember: {
    id: 'aad-ref',
    name: 'Rikke Reference',
    organisation: { kind: 'municipality', municipalityCode: '461', name: 'Odense Kommune' },
  },
  outsider: {
    id: 'aad-outsider',
    name: 'Menig Mads',
    organisation: { kind: 'municipality', municipalityCode: '851', name: 'Aalborg Kommune' },
  },
} satisfies Record<string, Person>;

/** "Now" in the tests: the first deadline of the seeded meeting (heads-up) has passed, the others not. */
export const NOW = '2027-01-30T09:00:00Z';
export const MEETING_DATE = '2027-03-04';

export interface TabApp {
  app: App;
  url: string;
  entra: LocalEntra;
  clock: ManualClock;
  meetingId: string;
  proposalIds: string[];
  posted: Array<{ groupId: string; message: OutboundMessage }>;
  stop(): Promise<void>;
}

let built: string | undefined;

/** Builds the browser client once per test file (esbuild, well under a second). */
export function buildClient(): string {
  if (built) return built;
  const outdir = mkdtempSync(path.join(tmpdir(), 'fki-tab-client-'));
  execFileSync(
    process.execPath,
    [path.join(__dirname, '..', '..', '..', 'scripts', 'build-tab.mjs'), '--outdir', outdir],
    { stdio: 'pipe' },
  );
  built = outdir;
  return outdir;
}

export async function startTabApp(options: { devSignIn?: boolean; seed?: boolean } = {}): Promise<TabApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fki-tab-data-'));
  const entra = await createLocalEntra();
  const jwks = await serveJwks(entra.jwks);
  const clock = new ManualClock(NOW);
  const posted: TabApp['posted'] = [];
  let activity = 0;
  const app = await composeApp(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      SECRETARIAT_AAD_IDS: PEOPLE.secretariat.id,
      TEAMS_TENANT_ID: TENANT_ID,
      TAB_APP_ID,
      BOT_DOMAIN,
      ENTRA_JWKS_URI: jwks.url,
      TAB_PUBLIC_DIR: buildClient(),
      TAB_DEV_SIGNIN: options.devSignIn ? '1' : '0',
    },
    {
      clock,
      messenger: {
        postToGroup: async (groupId, message) => {
          posted.push({ groupId, message });
          return { activityId: `activity-${++activity}` };
        },
        updateInGroup: async () => {},
      },
    },
  );
  const { url } = await app.start(0, '127.0.0.1');
  const seeded = options.seed === false ? { meetingId: '', proposalIds: [] } : await seed(app, clock);
  return {
    app,
    url,
    entra,
    clock,
    ...seeded,
    posted,
    async stop() {
      await app.stop();
      await jwks.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function membership(
  person: Person,
  groupId: string,
  role: Membership['role'],
  termStart: string,
  plannedEnd?: string,
): Membership {
  return { personId: person.id, groupId, role, termStart, ...(plannedEnd ? { plannedEnd } : {}) };
}

/** Groups come from the governance file; members, a meeting with proposals, a hearing and initiatives are written here. */
async function seed(app: App, clock: ManualClock): Promise<{ meetingId: string; proposalIds: string[] }> {
  const { people } = app.repositories;
  for (const person of Object.values(PEOPLE)) await people.savePerson(person);
  await people.saveMembership(membership(PEOPLE.secretariat, 'secretariat', 'staff', '2025-01-01'));
  await people.saveMembership(membership(PEOPLE.chair, 'steering', 'chair', '2024-01-01', '2028-12-31'));
  await people.saveMembership(membership(PEOPLE.anna, 'steering', 'member', '2023-01-01', '2027-03-31'));
  await people.saveMembership(membership(PEOPLE.bo, 'steering', 'member', '2025-06-01'));
  await people.saveMembership(
    membership(PEOPLE.refMember, 'ref-forretning', 'member', '2025-01-01', '2027-12-31'),
  );

  const cycle = app.services.meetingCycle!;
  const scheduled = await cycle.meetings.schedule({
    groupId: 'steering',
    date: MEETING_DATE,
    time: '10:00',
    location: 'KOMBIT, Halfdansgade 8',
    actorId: PEOPLE.secretariat.id,
  });
  if (scheduled.kind !== 'scheduled') throw new Error(`seed: meeting not scheduled (${scheduled.kind})`);
  const meetingId = scheduled.meeting.id;
  await cycle.meetings.schedule({
    groupId: 'steering',
    date: '2027-06-03',
    time: '10:00',
    actorId: PEOPLE.secretariat.id,
  });

  const proposalIds: string[] = [];
  const proposals = [
    {
      card: 'card-decision',
      actor: PEOPLE.anna,
      fields: {
        title: 'Fælles tilgang til logning',
        description: 'Forslag om fælles logning.',
        kind: 'decision',
        requestedMinutes: 30,
        proposedDecision: 'Styregruppen godkender den fælles tilgang.',
      },
    },
    {
      card: 'card-discussion',
      actor: PEOPLE.bo,
      fields: {
        title: 'Drøftelse af driftsaftaler',
        description: 'Erfaringer med driftsaftaler.',
        kind: 'discussion',
        requestedMinutes: 20,
      },
    },
  ];
  for (const proposal of proposals) {
    const result = await cycle.proposals.submit({
      groupId: 'steering',
      meetingId,
      cardInstanceId: proposal.card,
      fields: proposal.fields,
      actor: { id: proposal.actor.id, name: proposal.actor.name, isSecretariat: false },
    });
    if (result.kind !== 'accepted') throw new Error(`seed: proposal not taken (${result.kind})`);
    proposalIds.push(result.proposal.id);
  }
  // The first is accepted (it appears on the agenda); the second waits for triage.
  const triaged = await cycle.proposals.triage({
    groupId: 'steering',
    proposalId: proposalIds[0]!,
    decision: 'accept',
    actorId: PEOPLE.secretariat.id,
  });
  if (triaged.kind !== 'done') throw new Error(`seed: triage failed (${triaged.kind})`);

  const hearing = await app.services.hearings!.open({
    proposal: {
      title: 'Arbejdsgruppe om fælles brugerstyring',
      problem: 'Kommunerne mangler en fælles model for brugerstyring.',
      mandate: 'Udarbejde en anbefaling.',
      parentGroupId: 'ref-forretning',
      members: [{ name: 'Rikke Reference', organisation: 'Odense Kommune' }],
      chair: 'Rikke Reference',
      resources: [{ organisation: 'Odense Kommune', hours: 40 }],
      costKr: 0,
      priority: 1,
      startDate: '2027-03-01',
      endDate: '2027-09-30',
    },
    proposingGroupId: 'ref-forretning',
    proposer: { id: PEOPLE.refMember.id, name: PEOPLE.refMember.name },
  });
  await app.services.hearings!.vote(hearing.id, { id: PEOPLE.chair.id, name: PEOPLE.chair.name }, 'approve');
  await app.services.hearings!.vote(hearing.id, { id: PEOPLE.anna.id, name: PEOPLE.anna.name }, 'reject');

  const initiatives = new InitiativeRepository(app.store);
  const at = clock.now().toISOString();
  await initiatives.create({
    id: 'init-login',
    title: 'Fælleskommunal login-løsning',
    groupId: 'ref-forretning',
    responsible: 'Rikke Reference',
    status: 'yellow',
    statusReason: 'Leverandøren er forsinket.',
    phase: 'Udvikling',
    startDate: '2026-01-01',
    endDate: '2027-12-31',
    financing: 'buffet',
    budgetedKr: 1_200_000,
    spentKr: 450_000,
    createdBy: PEOPLE.secretariat.id,
    createdAt: at,
    updatedBy: PEOPLE.secretariat.id,
    updatedAt: at,
  });
  await new StatusReportRepository(app.store).save({
    meetingId,
    meetingGroupId: 'steering',
    meetingStartsAt: scheduled.meeting.startsAt,
    groupId: 'ref-forretning',
    initiativeId: 'init-login',
    status: 'yellow',
    reason: 'Leverandøren er forsinket.',
    progress: 'Pilot i tre kommuner er i gang.',
    submittedBy: PEOPLE.refMember.id,
    submittedByName: PEOPLE.refMember.name,
    submittedAt: at,
    late: false,
  });
  return { meetingId, proposalIds };
}
