/**
 * Builds the scheduler from its parts; the composition root (src/app) and the operator CLI call
 * this. Features add their moments through `extraSources` without touching the scan loop.
 */
import type { Governance } from '../domain/governance';
import type { Locale, Membership, Person } from '../domain/model';
import type { ChannelMessenger } from '../domain/ports';
import type { DocumentStore } from '../platform/storage/port';
import type { SchedulerLedger } from '../platform/scheduler/ledger';
import { Scheduler, type SchedulerOptions } from '../platform/scheduler/scheduler';
import { createStoreLedger } from '../platform/scheduler/ledger-repository';
import type { JobsLogger, MomentSource } from '../platform/scheduler/types';
import { hearingMomentSource, type HearingJobs } from '../features/hearings/hearing-moments';
import {
  meetingMomentSource,
  type GroupSource,
  type MeetingHooks,
  type MeetingSource,
} from '../features/meetings/meeting-moments';
import { termEndingMomentSource, type MembershipSource } from '../features/members/membership-moments';
import { workingGroupEndingMomentSource } from '../features/working-groups/working-group-moments';
import { actionReminderMomentSource, type ActionReminderJobs } from '../features/record/action-moments';
import { RecordRepository } from '../features/record/record-repository';
import { PeopleRepository } from '../features/members/people-repository';
import { MeetingRepository } from '../features/meetings/meetings-repository';

export interface JobsDependencies {
  store: DocumentStore;
  governance: Governance;
  messenger: ChannelMessenger;
  groups: GroupSource;
  meetings: MeetingSource;
  memberships?: MembershipSource;
  hearings?: HearingJobs;
  /** The follow-up actions' owner reminders; createScheduler reads them from `store` by default. */
  actionReminders?: ActionReminderJobs;
  meetingHooks?: MeetingHooks;
  extraSources?: MomentSource[];
  /** Default: the store ledger on the `schedule` collection. */
  ledger?: SchedulerLedger;
  locale?: Locale;
  /** The users' own languages: a reminder to a person is in theirs (issue 26.5). */
  languages?: { preferenceOf(personId: string): Promise<Locale | undefined> };
  logger?: JobsLogger;
  instanceId?: string;
  /** Overrides of the scheduler's timings (tests, operations). */
  timings?: Partial<Omit<SchedulerOptions, 'ledger' | 'sources' | 'logger' | 'instanceId'>>;
}

export function buildMomentSources(deps: Omit<JobsDependencies, 'store' | 'ledger'>): MomentSource[] {
  const { governance, messenger, groups, languages } = deps;
  // Each source writes in its audience's language (issue 26.5): a channel's body's from the
  // governance file, a person's own (their choice, else the default); `locale` overrides the bodies'.
  const locale = deps.locale;
  const sources: MomentSource[] = [
    meetingMomentSource({
      governance,
      messenger,
      groups,
      meetings: deps.meetings,
      hooks: deps.meetingHooks,
      locale,
    }),
    workingGroupEndingMomentSource({ governance, messenger, groups, locale }),
  ];
  if (deps.memberships)
    sources.push(
      termEndingMomentSource({ governance, messenger, groups, memberships: deps.memberships, locale }),
    );
  if (deps.hearings) sources.push(hearingMomentSource({ hearings: deps.hearings }));
  if (deps.actionReminders)
    sources.push(
      actionReminderMomentSource({
        ...{ governance, messenger, groups, jobs: deps.actionReminders, locale },
        languageOf: languages && ((personId) => languages.preferenceOf(personId)),
      }),
    );
  return [...sources, ...(deps.extraSources ?? [])];
}

export function createScheduler(deps: JobsDependencies): Scheduler {
  return new Scheduler({
    cron: deps.governance.scheduler.scanCron,
    timeZone: deps.governance.timeZone,
    ...deps.timings,
    ledger: deps.ledger ?? createStoreLedger(deps.store.collection('schedule')),
    sources: buildMomentSources({ actionReminders: actionRemindersFrom(deps.store), ...deps }),
    logger: deps.logger,
    instanceId: deps.instanceId,
  });
}

/** The open follow-up actions, their owners and meetings, from the store. */
export function actionRemindersFrom(store: DocumentStore): ActionReminderJobs {
  const record = new RecordRepository(store);
  const people = new PeopleRepository(store);
  const meetings = new MeetingRepository(store);
  return {
    listOpenActions: () => record.listOpenActions(),
    getPersons: (ids) => people.getPersons(ids),
    meetingStartsAt: async (groupId, meetingId) => (await meetings.get(groupId, meetingId))?.startsAt,
  };
}

/**
 * Memberships with a planned end, from any register that lists groups' members and persons
 * (the PeopleRepository fits).
 */
export function membershipSourceFrom(
  groups: GroupSource,
  people: {
    membersOf(groupId: string): Promise<Membership[]>;
    getPerson(personId: string): Promise<Person | undefined>;
  },
): MembershipSource {
  return {
    async listEndingMemberships() {
      const result: Array<{ membership: Membership; person: Person }> = [];
      for (const group of await groups.listGroups()) {
        for (const membership of await people.membersOf(group.id)) {
          if (!membership.plannedEnd || membership.endedOn) continue;
          const person = await people.getPerson(membership.personId);
          if (person) result.push({ membership, person });
        }
      }
      return result;
    },
  };
}
