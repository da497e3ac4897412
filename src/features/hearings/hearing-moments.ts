/**
 * Written hearings: a closing reminder to those who have not voted yet, and the close itself.
 * The hearing feature owns both actions (it knows the voters and the outcome rule); this source
 * only makes each happen once, at its time, also after downtime.
 */
import type { MomentContext, MomentSource, ScheduledMoment } from '../../platform/scheduler/types';
import { momentKey } from '../../platform/scheduler/types';

export interface OpenHearing {
  id: string;
  /** The group holding the hearing (the steering group): its channel gets the messages. */
  groupId: string;
  /** ISO instant. */
  closesAt: string;
  /** Short label for logs and the operator listing. */
  title?: string;
}

/** Implemented by the hearings feature; every method must be idempotent (retries after failures). */
export interface HearingJobs {
  /** Hearings not closed yet, including those whose closing time has passed. */
  listOpen(): Promise<OpenHearing[]>;
  /** Remind eligible voters who have not voted (mentions or a card in the channel). */
  remindNonVoters(hearingId: string, context: MomentContext): Promise<void>;
  /** Close the hearing: count, record the outcome, announce it. */
  close(hearingId: string, context: MomentContext): Promise<void>;
}

export interface HearingMomentsOptions {
  hearings: HearingJobs;
  /** How long before closing the reminder goes out. Default 2 days. */
  reminderLeadMs?: number;
}

export function hearingMomentSource(options: HearingMomentsOptions): MomentSource {
  const lead = options.reminderLeadMs ?? 2 * 24 * 60 * 60_000;
  return {
    name: 'hearings',
    async moments(window) {
      const result: ScheduledMoment[] = [];
      for (const hearing of await options.hearings.listOpen()) {
        const closesAt = new Date(hearing.closesAt);
        const remindAt = new Date(closesAt.getTime() - lead);
        const label = hearing.title ? `"${hearing.title}"` : hearing.id;
        if (remindAt >= window.from && remindAt <= window.to) {
          result.push({
            key: momentKey('hearing-reminder', hearing.groupId, hearing.id, remindAt),
            kind: 'hearing-reminder',
            groupId: hearing.groupId,
            dueAt: remindAt,
            // A reminder to vote after the hearing closed is pointless.
            expiresAt: closesAt,
            describe: `closing reminder for hearing ${label}`,
            perform: (context) => options.hearings.remindNonVoters(hearing.id, context),
          });
        }
        // The close has no expiry: however late, an open hearing past its closing time must close.
        if (closesAt >= window.from && closesAt <= window.to) {
          result.push({
            key: momentKey('hearing-close', hearing.groupId, hearing.id, closesAt),
            kind: 'hearing-close',
            groupId: hearing.groupId,
            dueAt: closesAt,
            describe: `close hearing ${label}`,
            perform: (context) => options.hearings.close(hearing.id, context),
          });
        }
      }
      return result;
    },
  };
}
