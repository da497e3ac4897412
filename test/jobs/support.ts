/** Fixtures for the scheduler tests: the FKI config, its groups, meetings in memory, a recording messenger. */
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import type { Governance } from '../../src/domain/governance';
import type { Group, Meeting } from '../../src/domain/model';
import type { ChannelMessenger, OutboundMessage } from '../../src/domain/ports';
import type { DocumentStore } from '../../src/platform/storage/port';
import { createScheduler, type JobsDependencies } from '../../src/app/scheduler';
import type { Scheduler } from '../../src/platform/scheduler/scheduler';

export const governance: Governance = loadGovernance();

export function permanentGroups(): Group[] {
  return governance.bodies
    .filter((body) => body.kind === 'board' || body.kind === 'reference' || body.kind === 'administration')
    .map((body) => ({
      id: body.id,
      kind: body.kind,
      name: body.name,
      status: 'active',
      createdAt: '2026-01-01T00:00:00.000Z',
    }));
}

export const REFERENCE_GROUPS = ['ref-arkitektur', 'ref-drift', 'ref-forretning'];

export function meeting(
  id: string,
  groupId: string,
  startsAt: string,
  status: Meeting['status'] = 'scheduled',
): Meeting {
  return { id, groupId, startsAt, durationMinutes: 240, status };
}

/** A mutable meeting list shared by several scheduler instances (like one store). */
export class MeetingList {
  constructor(public meetings: Meeting[] = []) {}
  async listUpcoming(from: Date, to: Date): Promise<Meeting[]> {
    return this.meetings.filter(
      (m) => Date.parse(m.startsAt) >= from.getTime() && Date.parse(m.startsAt) <= to.getTime(),
    );
  }
  update(id: string, change: Partial<Meeting>): void {
    this.meetings = this.meetings.map((m) => (m.id === id ? { ...m, ...change } : m));
  }
}

export interface Post {
  groupId: string;
  message: OutboundMessage;
}

/**
 * Records successful posts. `failures` decides per call whether the post fails (and how):
 * return an Error to throw it instead of posting.
 */
export class RecordingMessenger implements ChannelMessenger {
  readonly posts: Post[] = [];
  calls = 0;
  constructor(
    private readonly failure: (call: number, groupId: string) => Error | undefined = () => undefined,
  ) {}
  async postToGroup(groupId: string, message: OutboundMessage): Promise<{ activityId: string }> {
    this.calls += 1;
    // Yield like real I/O so that racing scans interleave.
    await new Promise((resolve) => setImmediate(resolve));
    const error = this.failure(this.calls, groupId);
    if (error) throw error;
    this.posts.push({ groupId, message });
    return { activityId: `activity-${this.posts.length}` };
  }
  async updateInGroup(): Promise<void> {}
  text(post: Post): string {
    return JSON.stringify(post.message.card);
  }
}

export function http429(): Error {
  return Object.assign(new Error('Too Many Requests'), { statusCode: 429 });
}

/** What a dying process looks like to the scan: it must stop and write nothing more. */
export function processCrash(): Error {
  return Object.assign(new Error('process killed'), { fatal: true });
}

export function schedulerOn(
  store: DocumentStore,
  meetings: MeetingList,
  messenger: ChannelMessenger,
  instanceId: string,
  extra: Partial<JobsDependencies> = {},
): Scheduler {
  return createScheduler({
    store,
    governance,
    messenger,
    groups: { listGroups: async () => permanentGroups() },
    meetings,
    instanceId,
    ...extra,
  });
}

export const key = (kind: string, groupId: string, meetingId: string, instant: string) =>
  `${kind}:${groupId}:${meetingId}:${instant}`;
