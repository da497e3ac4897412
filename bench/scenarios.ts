/** The measured scenarios. Each returns plain figures; run.ts repeats them and builds the table. */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudAdapter, type TurnContext } from 'botbuilder';
import * as restify from 'restify';
import { createBotFrameworkAuthentication } from '../src/platform/teams/auth-config';
import { HEARING_VERBS } from '../src/features/hearings/hearing-cards';
import { PROPOSAL_VERBS } from '../src/features/agenda/proposal-cards';
import { composeApp } from '../src/app/compose';
import { dueMoments } from '../src/domain/timeline';
import type { Group } from '../src/domain/model';
import {
  actionRemindersFrom,
  buildMomentSources,
  createScheduler,
  type JobsDependencies,
} from '../src/app/scheduler';
import type { InMemoryRequestChargeRecorder } from '../src/platform/storage/request-charges';
import { silentLogger } from '../src/platform/scheduler/types';
import type { ChannelMessenger, OutboundMessage } from '../src/domain/ports';
import { HearingRepository, type Hearing } from '../src/features/hearings/hearings-repository';
import { GroupRepository } from '../src/features/binding/groups-repository';
import { MeetingRepository } from '../src/features/meetings/meetings-repository';
import { reminderLeadMs } from '../src/features/meetings/meeting-due-index';
import { PeopleRepository } from '../src/features/members/people-repository';
import { ProposalRepository } from '../src/features/agenda/proposals-repository';
import { runLoad, type LoadResult } from './load';
import type { CosmosProcess } from './processes';
import {
  benchEnv,
  cardInvoke,
  openStore,
  REFERENCE_CHANNEL,
  REFERENCE_GROUP,
  STEERING_CHANNEL,
  type BenchApp,
  type StoreKind,
} from './setup';

const DAY = 24 * 60 * 60_000;
let sequence = 0;

export interface ActionRun {
  load: LoadResult;
  sent: number;
  /** Sent minus stored (must be 0). */
  lost: number;
  /** Responses that were not the "recorded"/"received" card. */
  unconfirmed: number;
  /** Cosmos: total request charge and operations of the run. */
  requestCharge?: number;
  operations?: number;
  /** Cosmos: the same requests by Cosmos's published cost model (the local server's RU are not real). */
  estimatedCharge?: number;
}

function voter(index: number) {
  return { aadObjectId: `aad-bench-voter-${index}`, name: `Bench Voter ${index}` };
}

function isCardResponse(body: string | undefined): boolean {
  if (!body) return false;
  try {
    return (JSON.parse(body) as { type?: string }).type === 'application/vnd.microsoft.card.adaptive';
  } catch {
    return false;
  }
}

/**
 * `count` voters each cast one vote on one open hearing, `concurrency` at a time. The hearing has
 * one eligible voter more than vote, so it stays open (no full-turnout close in the middle).
 */
export async function runVotes(
  bench: BenchApp,
  serviceUrl: string,
  count: number,
  concurrency: number,
): Promise<ActionRun> {
  const hearings = new HearingRepository(bench.opened.store);
  const hearingId = `bench-${++sequence}`;
  const now = new Date();
  const eligibleVoterIds = Array.from({ length: count + 1 }, (_, i) => voter(i).aadObjectId);
  const hearing: Hearing = {
    id: hearingId,
    hearingGroupId: 'steering',
    proposingGroupId: REFERENCE_GROUP,
    proposerId: 'aad-bench-proposer',
    proposerName: 'Bench Proposer',
    proposal: {
      title: `Bench working group ${hearingId}`,
      problem: 'Measuring the vote path.',
      mandate: 'None.',
      parentGroupId: REFERENCE_GROUP,
      members: [{ name: 'Bench Member', organisation: 'KOMBIT' }],
      chair: 'Bench Chair',
      resources: [{ organisation: 'KOMBIT', hours: 10 }],
      costKr: 0,
      priority: 1,
      startDate: '2030-01-01',
      endDate: '2030-12-31',
    },
    openedAt: now.toISOString(),
    closesAt: new Date(now.getTime() + 14 * DAY).toISOString(),
    eligibleVoterIds,
    voterNames: Object.fromEntries(eligibleVoterIds.map((id, i) => [id, voter(i).name])),
    rule: { kind: 'majority-with-quorum', quorumShare: 0.5 },
    status: 'open',
    effectsDone: [],
  };
  await hearings.create(hearing);
  // The shared vote card exists in the channel, so each vote's card refresh is a real update.
  const { activityId } = await bench.messenger.postToGroup('steering', {
    text: `Bench hearing ${hearingId}`,
  });
  await hearings.update('steering', hearingId, (current) => ({ ...current, activityId }));

  const choices = ['approve', 'reject', 'abstain'] as const;
  const activities = Array.from({ length: count }, (_, i) =>
    cardInvoke(
      serviceUrl,
      HEARING_VERBS.vote,
      { hearingId, choice: choices[i % 3] },
      voter(i),
      STEERING_CHANNEL,
      ++sequence,
    ),
  );
  bench.opened.charges?.reset();
  const load = await runLoad(bench.url, activities, concurrency);
  const charges = bench.opened.charges?.total();
  const stored = new Set((await hearings.votesOf('steering', hearingId)).map((vote) => vote.voterId));
  const lost = activities.filter((_, i) => !stored.has(voter(i).aadObjectId)).length;
  return {
    load,
    sent: count,
    lost,
    unconfirmed: load.bodies.filter((body) => !isCardResponse(body)).length,
    requestCharge: charges?.requestCharge,
    operations: charges?.operations,
    estimatedCharge: charges?.estimatedCharge,
  };
}

/** Only members may propose: the bench's proposers are current members of the reference group. */
async function seedProposers(bench: BenchApp, count: number): Promise<void> {
  const people = new PeopleRepository(bench.opened.store);
  for (let i = 0; i < count; i++) {
    const { aadObjectId, name } = voter(i);
    if ((await people.getPerson(aadObjectId)) !== undefined) continue;
    await people.savePerson({
      id: aadObjectId,
      name,
      organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
    });
    await people.saveMembership({
      personId: aadObjectId,
      groupId: REFERENCE_GROUP,
      role: 'member',
      termStart: '2025-01-01',
    });
  }
}

/** `count` members each submit one agenda proposal for one meeting, `concurrency` at a time. */
export async function runProposals(
  bench: BenchApp,
  serviceUrl: string,
  count: number,
  concurrency: number,
): Promise<ActionRun> {
  const meetings = new MeetingRepository(bench.opened.store);
  const proposals = new ProposalRepository(bench.opened.store);
  const meetingId = `bench-${++sequence}`;
  await meetings.create({
    id: meetingId,
    groupId: REFERENCE_GROUP,
    // Far before the 4-week proposal deadline, so every proposal is taken.
    startsAt: new Date(Date.now() + 120 * DAY).toISOString(),
    durationMinutes: 120,
    status: 'scheduled',
    accessToken: `bench-access-token-${meetingId}`,
  });
  await seedProposers(bench, count);
  const activities = Array.from({ length: count }, (_, i) =>
    cardInvoke(
      serviceUrl,
      PROPOSAL_VERBS.submit,
      {
        groupId: REFERENCE_GROUP,
        meetingId,
        cardInstanceId: `${meetingId}-card-${i}`,
        title: `Bench agenda item ${i}`,
        description: 'A proposal submitted by the bench.',
        kind: 'discussion',
        requestedMinutes: '15',
      },
      voter(i),
      REFERENCE_CHANNEL,
      ++sequence,
    ),
  );
  bench.opened.charges?.reset();
  const load = await runLoad(bench.url, activities, concurrency);
  // The triage cards are posted off the request path: count their store work in the charges, and
  // a proposal whose card was not delivered (no triage post recorded) as lost.
  await bench.app.services.meetingCycle?.proposals.idle();
  const charges = bench.opened.charges?.total();
  const stored = (await proposals.forMeeting(REFERENCE_GROUP, meetingId)).filter(
    (proposal) => proposal.triageActivityId,
  ).length;
  return {
    load,
    sent: count,
    lost: count - stored,
    unconfirmed: load.bodies.filter((body) => !isCardResponse(body)).length,
    requestCharge: charges?.requestCharge,
    operations: charges?.operations,
    estimatedCharge: charges?.estimatedCharge,
  };
}

/**
 * The framework floor: a bare CloudAdapter on restify that only replies. `reply-and-invoke` (the
 * floor the ratios use) sends one reply message to the stand-in and answers an invoke with a card;
 * `invoke-only` only answers the invoke, the least any card-action handler on botbuilder does (a
 * vote posts no reply message either; its shared card is refreshed off the request path).
 */
export type FloorKind = 'reply-and-invoke' | 'invoke-only';

export async function startFloorServer(
  kind: FloorKind = 'reply-and-invoke',
): Promise<{ url: string; stop(): Promise<void> }> {
  const { auth } = createBotFrameworkAuthentication(benchEnv(''));
  const adapter = new CloudAdapter(auth);
  const server = restify.createServer({ name: 'bench-floor', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, async (context: TurnContext) => {
      if (kind === 'reply-and-invoke') await context.sendActivity('ok');
      if (context.activity.type === 'invoke') {
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: {
              statusCode: 200,
              type: 'application/vnd.microsoft.card.adaptive',
              value: { type: 'AdaptiveCard', version: '1.5', body: [] },
            },
          },
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function runFloor(
  floorUrl: string,
  serviceUrl: string,
  count: number,
  concurrency: number,
): Promise<LoadResult> {
  const activities = Array.from({ length: count }, (_, i) =>
    cardInvoke(
      serviceUrl,
      HEARING_VERBS.vote,
      { hearingId: 'floor', choice: 'approve' },
      voter(i),
      STEERING_CHANNEL,
      ++sequence,
    ),
  );
  return runLoad(floorUrl, activities, concurrency);
}

// ---- the reminder scan

/** Each moment source's read of the scan's window, timed alone (what the scan pays before the ledger). */
async function sourceBreakdown(deps: JobsDependencies, now: Date): Promise<string[]> {
  const window = { from: new Date(now.getTime() - 21 * DAY), to: now };
  const lines: string[] = [];
  const sources = buildMomentSources({ actionReminders: actionRemindersFrom(deps.store), ...deps });
  for (const source of sources) {
    const started = performance.now();
    // The index's read as the scan does it (not settled, so the scan after it sees the same).
    const moments = source.due ? (await source.due(window)).moments : await source.moments(window);
    lines.push(
      `source ${source.name}: ${(performance.now() - started).toFixed(0)} ms, ${moments.length} moments`,
    );
  }
  return lines;
}

function chargeLines(charges: InMemoryRequestChargeRecorder | undefined): string[] {
  if (!charges) return [];
  return Object.entries(charges.byOperationAndCollection())
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([key, totals]) => `runScan ${key}: ${totals.operations} ops, ${totals.estimatedCharge.toFixed(0)} RU`,
    );
}

/** Records what the scheduler would post. */
class RecordingMessenger implements ChannelMessenger {
  posts = 0;
  updates = 0;
  async postToGroup(_groupId: string, _message: OutboundMessage) {
    return { activityId: `rec-${++this.posts}` };
  }
  async updateInGroup() {
    this.updates++;
  }
}

export interface ScanSeed {
  groups: number;
  meetings: number;
}

export interface ScanRun {
  scanMs: number;
  performed: number;
  failed: number;
  posts: number;
  heapDeltaBytes: number;
  rssDeltaBytes: number;
  dueMomentsMs: number;
  dueMomentsCount: number;
  dueMomentsHeapDeltaBytes: number;
  /** With `breakdown`: each source's read time and the scan's store operations (bench/scan-cost.ts). */
  breakdown?: string[];
}

export interface ScanBench {
  run(repetition: number, options?: { breakdown?: boolean }): Promise<ScanRun>;
  seedMs: number;
  /** The due index's one-off build after the seed. */
  indexBuildMs: number;
  stop(): Promise<void>;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Seeds `groups` working groups with `meetings` meetings between them, spread evenly over 360
 * days from `base`, through the repositories. Repetition r scans at base + 60 + 90 r days, so each
 * repetition meets moments no earlier scan sent (the ledger would make a rescan nearly free).
 */
export async function prepareScan(
  kind: StoreKind,
  seed: ScanSeed,
  cosmos?: CosmosProcess,
): Promise<ScanBench> {
  const opened = await openStore(kind, cosmos);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fki-bench-scan-'));
  // Only for the governance, the group sync and the meeting source as the app wires them.
  const app = await composeApp(benchEnv(dataDir), {
    store: opened.store,
    messenger: new RecordingMessenger(),
  });
  const governance = app.services.governance;
  const groups = new GroupRepository(opened.store);
  const meetings = new MeetingRepository(opened.store, { reminderLeadMs: reminderLeadMs(governance) });
  const base = Date.parse('2031-01-06T09:00:00.000Z');
  const seedStarted = performance.now();
  const groupIds: string[] = [];
  for (let g = 0; g < seed.groups; g++) {
    const group: Group = {
      id: `wg-bench-${g}`,
      kind: 'working',
      name: { da: `Arbejdsgruppe ${g}`, en: `Working group ${g}` },
      parentGroupId: REFERENCE_GROUP,
      status: 'active',
      plannedEnd: '2040-12-31',
      createdAt: new Date(base - 400 * DAY).toISOString(),
    };
    await groups.createGroup(group);
    groupIds.push(group.id);
  }
  const spacingMs = (360 * DAY) / seed.meetings;
  for (let m = 0; m < seed.meetings; m++) {
    await meetings.create({
      id: `bench-m-${m}`,
      groupId: groupIds[m % groupIds.length]!,
      // Whole minutes keep the instants readable; the spread gives every day some meetings.
      startsAt: new Date(base + Math.round((m * spacingMs) / 60_000) * 60_000).toISOString(),
      durationMinutes: 120,
      status: 'scheduled',
      accessToken: `bench-access-token-${m}-xxxx`,
    });
  }
  const seedMs = performance.now() - seedStarted;
  // The due index's one-off build (what the first scan after an upgrade or a governance change
  // does): a scan long before any reminder, timed apart from the repetitions.
  const indexStarted = performance.now();
  await createScheduler({
    store: opened.store,
    governance,
    messenger: new RecordingMessenger(),
    groups,
    meetings: app.meetingJobs.source,
    logger: silentLogger,
  }).runScan(new Date(base - 365 * DAY), { ignoreLease: true });
  const indexBuildMs = performance.now() - indexStarted;

  return {
    seedMs,
    indexBuildMs,
    async run(repetition, runOptions = {}) {
      const now = new Date(base + (60 + 90 * repetition) * DAY);
      const messenger = new RecordingMessenger();
      const deps = {
        store: opened.store,
        governance,
        messenger,
        groups,
        meetings: app.meetingJobs.source,
        logger: silentLogger,
        instanceId: `bench-${repetition}`,
      };
      const scheduler = createScheduler(deps);
      const breakdown = runOptions.breakdown ? await sourceBreakdown(deps, now) : undefined;
      opened.charges?.reset();
      gc();
      const before = process.memoryUsage();
      const started = performance.now();
      const report = await scheduler.runScan(now, { ignoreLease: true });
      const scanMs = performance.now() - started;
      const after = process.memoryUsage();

      // The domain part alone: the same meetings and groups, already in memory.
      const window = { from: new Date(now.getTime() - 21 * DAY), to: now };
      const listed = await meetings.listScheduledBetween(window.from, new Date(now.getTime() + 60 * DAY));
      const groupList = await groups.listGroups();
      gc();
      const domainBefore = process.memoryUsage().heapUsed;
      const domainStarted = performance.now();
      const due = dueMoments({ meetings: listed, groups: groupList, window, governance });
      const dueMomentsMs = performance.now() - domainStarted;
      const dueMomentsHeapDeltaBytes = process.memoryUsage().heapUsed - domainBefore;
      return {
        scanMs,
        performed: report.performed.length,
        failed: report.failed.length,
        posts: messenger.posts,
        heapDeltaBytes: after.heapUsed - before.heapUsed,
        rssDeltaBytes: after.rss - before.rss,
        dueMomentsMs,
        dueMomentsCount: due.length,
        dueMomentsHeapDeltaBytes,
        breakdown: breakdown && [...breakdown, ...chargeLines(opened.charges)],
      };
    },
    async stop() {
      await app.stop();
      opened.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
