/**
 * The growth table (issue 24.3): how the reminder scan, a vote and the bot's memory grow with the
 * years of history a body accumulates. One app per store; each step adds meetings and members to
 * the same store and measures again. The first step's meetings are the coming year (what the
 * reminders are about); later steps add history (held meetings of the past years, members whose
 * terms ended), which a scan that grows with the due work must not pay for.
 */
import { GroupRepository } from '../src/features/binding/groups-repository';
import { MeetingRepository } from '../src/features/meetings/meetings-repository';
import { reminderLeadMs } from '../src/features/meetings/meeting-due-index';
import { PeopleRepository } from '../src/features/members/people-repository';
import { createScheduler } from '../src/app/scheduler';
import { silentLogger } from '../src/platform/scheduler/types';
import type { ChannelMessenger, OutboundMessage } from '../src/domain/ports';
import type { Group } from '../src/domain/model';
import { percentile } from './stats';
import { runFloor, runVotes } from './scenarios';
import { REFERENCE_GROUP, type BenchApp, type StoreKind } from './setup';

const DAY = 24 * 60 * 60_000;
/** The coming year starts here; history lies before it. */
const BASE = Date.parse('2031-01-06T09:00:00.000Z');
/** Writes in flight while seeding (the seed is not measured). */
const SEED_PARALLEL = 32;

export interface GrowthStep {
  /** Meetings in the store after this step (the first step's are the coming year, the rest history). */
  meetings: number;
  /** People with a membership after this step. */
  members: number;
}

export interface GrowthOptions {
  steps: GrowthStep[];
  /**
   * Steps for the local Cosmos server, when they differ: the stand-in answers every query by
   * copying and filtering every document of the container (it has no index), so at 40,000 meetings
   * one vote's queries queue for over a minute. What the real service's index would read is in
   * the cost-model RU column.
   */
  cosmosSteps?: GrowthStep[];
  /** Working groups the meetings and members are spread over. */
  groups: number;
  /** Votes at 1 concurrent per step (their p50 is the figure). */
  votes: number;
}

export interface GrowthRow {
  store: StoreKind;
  meetings: number;
  members: number;
  scanMs: number;
  scanPerformed: number;
  voteP50Ms: number;
  floorP50Ms: number;
  rssBytes: number;
  /** Cosmos: the scan's and one vote's RU by the published cost model. */
  scanEstimatedRu?: number;
  voteEstimatedRu?: number;
}

class CountingMessenger implements ChannelMessenger {
  posts = 0;
  async postToGroup(_groupId: string, _message: OutboundMessage) {
    return { activityId: `growth-${++this.posts}` };
  }
  async updateInGroup() {}
}

async function inParallel(count: number, write: (index: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += SEED_PARALLEL) {
    const batch = Array.from({ length: Math.min(SEED_PARALLEL, count - start) }, (_, i) => write(start + i));
    await Promise.all(batch);
  }
}

function groupId(index: number): string {
  return `wg-growth-${index}`;
}

async function seedGroups(bench: BenchApp, count: number): Promise<void> {
  const groups = new GroupRepository(bench.opened.store);
  await inParallel(count, (g) => {
    const group: Group = {
      id: groupId(g),
      kind: 'working',
      name: { da: `Arbejdsgruppe ${g}`, en: `Working group ${g}` },
      parentGroupId: REFERENCE_GROUP,
      status: 'active',
      plannedEnd: '2040-12-31',
      createdAt: new Date(BASE - 4000 * DAY).toISOString(),
    };
    return groups.createGroup(group);
  });
}

/** Meetings `from`..`to`-1: the first `upcoming` are the coming year, the rest held in the past ten years. */
async function seedMeetings(bench: BenchApp, from: number, to: number, upcoming: number, groups: number) {
  const meetings = new MeetingRepository(bench.opened.store, {
    reminderLeadMs: reminderLeadMs(bench.app.services.governance),
  });
  const history = Math.max(1, to - upcoming);
  await inParallel(to - from, (offset) => {
    const m = from + offset;
    const future = m < upcoming;
    const startsAt = future
      ? BASE + Math.round((m * 360 * DAY) / upcoming / 60_000) * 60_000
      : BASE - DAY - Math.round(((m - upcoming) * 3650 * DAY) / history / 60_000) * 60_000;
    return meetings.create({
      id: `growth-m-${m}`,
      groupId: groupId(m % groups),
      startsAt: new Date(startsAt).toISOString(),
      durationMinutes: 120,
      status: future ? 'scheduled' : 'held',
      accessToken: `growth-access-token-${m}-xxxx`,
    });
  });
}

/** Members `from`..`to`-1, one working-group membership each; every second one's term has ended. */
async function seedMembers(bench: BenchApp, from: number, to: number, groups: number) {
  const people = new PeopleRepository(bench.opened.store);
  await inParallel(to - from, async (offset) => {
    const p = from + offset;
    const personId = `aad-growth-${p}`;
    await people.savePerson({
      id: personId,
      name: `Medlem ${p}`,
      organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
    });
    await people.saveMembership({
      personId,
      groupId: groupId(p % groups),
      role: 'member',
      termStart: p % 2 === 0 ? '2022-01-01' : '2026-01-01',
      ...(p % 2 === 0 ? { plannedEnd: '2025-12-31', endedOn: '2025-12-31' } : { plannedEnd: '2032-12-31' }),
    });
  });
}

async function measureScan(bench: BenchApp, step: number) {
  const messenger = new CountingMessenger();
  const scheduler = createScheduler({
    store: bench.opened.store,
    governance: bench.app.services.governance,
    messenger,
    groups: new GroupRepository(bench.opened.store),
    meetings: bench.app.meetingJobs.source,
    logger: silentLogger,
    instanceId: `growth-${step}`,
  });
  // Each step scans a fresh window of the coming year, so the ledger has sent none of its moments.
  const now = new Date(BASE + (60 + 90 * step) * DAY);
  const started = performance.now();
  const report = await scheduler.runScan(now, { ignoreLease: true });
  return { scanMs: performance.now() - started, performed: report.performed.length };
}

/** Runs every step on one store's app; `floorUrl` is the framework floor measured beside the votes. */
export async function runGrowth(
  bench: BenchApp,
  store: StoreKind,
  serviceUrl: string,
  floorUrl: string,
  options: GrowthOptions,
  progress: (line: string) => void,
): Promise<GrowthRow[]> {
  await seedGroups(bench, options.groups);
  const steps = store === 'cosmos' && options.cosmosSteps ? options.cosmosSteps : options.steps;
  if (steps.length === 0) return [];
  const upcoming = steps[0]?.meetings ?? 0;
  const rows: GrowthRow[] = [];
  let meetings = 0;
  let members = 0;
  for (const [index, step] of steps.entries()) {
    progress(`[${store}] growth: seeding to ${step.meetings} meetings and ${step.members} members`);
    await seedMeetings(bench, meetings, step.meetings, upcoming, options.groups);
    await seedMembers(bench, members, step.members, options.groups);
    meetings = step.meetings;
    members = step.members;
    const charges = bench.opened.charges;
    charges?.reset();
    const scan = await measureScan(bench, index);
    const scanEstimatedRu = charges?.total().estimatedCharge;
    await runVotes(bench, serviceUrl, 5, 1);
    const floor = await runFloor(floorUrl, serviceUrl, options.votes, 1);
    const votes = await runVotes(bench, serviceUrl, options.votes, 1);
    (globalThis as { gc?: () => void }).gc?.();
    rows.push({
      store,
      meetings,
      members,
      scanMs: scan.scanMs,
      scanPerformed: scan.performed,
      voteP50Ms: percentile(votes.load.latenciesMs, 50),
      floorP50Ms: percentile(floor.latenciesMs, 50),
      rssBytes: process.memoryUsage().rss,
      scanEstimatedRu,
      voteEstimatedRu:
        votes.estimatedCharge === undefined ? undefined : votes.estimatedCharge / options.votes,
    });
  }
  return rows;
}
