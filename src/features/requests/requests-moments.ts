/**
 * The reference group's reminder before a request's due date, as a scheduler moment: exactly once
 * through the same ledger as every other reminder (the key names the request and the instant, so
 * the same reminder never repeats). It goes where the request went: the reference group's channel,
 * or its members' chats when the group is bound to none. An answered request has no moment; after
 * the due date the moment has expired (a late answer is still taken, but nobody is nagged).
 */
import type { Governance } from '../../domain/governance';
import type { Locale } from '../../domain/model';
import type { OutboundMessage } from '../../domain/ports';
import type { MomentSource, ScheduledMoment } from '../../platform/scheduler/types';
import { momentKey } from '../../platform/scheduler/types';
import {
  REQUEST_REMINDER_DAYS,
  requestReminderDueAt,
  requestReminderExpiresAt,
  type InputRequest,
} from './domain/requests';

export const REQUEST_REMINDER_KIND = 'request-reminder';

/** What the reminders need from the requests (the RequestService fits). */
export interface RequestReminderJobs {
  listOpen(): Promise<InputRequest[]>;
  requestPost(
    request: InputRequest,
    reminder: { lateDueAt?: Date },
    locale?: Locale,
  ): Promise<OutboundMessage>;
  /** The message is written for each reader: the channel in its body's language, a member in theirs. */
  deliver(groupId: string, message: (locale: Locale) => Promise<OutboundMessage>): Promise<boolean>;
}

function reminderMoment(
  jobs: RequestReminderJobs,
  governance: Governance,
  request: InputRequest,
  dueAt: Date,
): ScheduledMoment {
  return {
    key: momentKey(REQUEST_REMINDER_KIND, request.referenceGroupId, request.id, dueAt),
    kind: REQUEST_REMINDER_KIND,
    groupId: request.referenceGroupId,
    dueAt,
    expiresAt: requestReminderExpiresAt(request, governance.timeZone),
    describe: `request for input ${request.id} to ${request.referenceGroupId} due ${request.dueDate}`,
    perform: async (context) => {
      const reminder = context.late ? { lateDueAt: context.dueAt } : {};
      const message = (locale: Locale) => jobs.requestPost(request, reminder, locale);
      // Nothing delivered: fail, so the scheduler tries again.
      if (!(await jobs.deliver(request.referenceGroupId, message)))
        throw new Error(
          `request reminder ${request.id} could not be delivered to ${request.referenceGroupId}`,
        );
    },
  };
}

export function requestReminderMomentSource(options: {
  governance: Governance;
  jobs: RequestReminderJobs;
  reminderDays?: number;
}): MomentSource {
  const days = options.reminderDays ?? REQUEST_REMINDER_DAYS;
  return {
    name: 'input-requests',
    async moments(window) {
      const due: ScheduledMoment[] = [];
      for (const request of await options.jobs.listOpen()) {
        if (request.status !== 'open') continue;
        const dueAt = requestReminderDueAt(request, days, options.governance.timeZone);
        if (dueAt < window.from || dueAt > window.to) continue;
        due.push(reminderMoment(options.jobs, options.governance, request, dueAt));
      }
      return due;
    },
  };
}
