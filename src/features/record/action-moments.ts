/**
 * The owner's reminder before a follow-up action's due date, as a scheduler moment: exactly once
 * through the same ledger as every other reminder (the key names the action and the instant, so a
 * changed due date is a new reminder and the same one never repeats). The reminder goes to the
 * owner personally (their 1:1 chat with the bot, `person:<id>`, resolved by the Teams adapter),
 * not to the body's channel: it is that person's task, and the close form on the card is theirs.
 * A closed action has no moment; after the due date the moment has expired (the overdue list
 * takes over).
 */
import type { Governance } from '../../domain/governance';
import type { Locale, Person } from '../../domain/model';
import type { ChannelMessenger } from '../../domain/ports';
import { personAddress } from '../../domain/person-address';
import { translatorFor } from '../../platform/i18n';
import type { MomentSource, ScheduledMoment } from '../../platform/scheduler/types';
import { momentKey } from '../../platform/scheduler/types';
import { displayName } from '../gdpr';
import type { GroupSource } from '../meetings';
import { reminderDueAt, reminderExpiresAt } from './domain/actions';
import type { FollowUpAction } from './domain/minutes';
import { actionReminderMessage } from './follow-up-cards';
import { localText } from '../../domain/localized-text';

export const ACTION_REMINDER_KIND = 'action-reminder';

/** What the reminder needs: the open actions, the people (for the mention) and the meetings. */
export interface ActionReminderJobs {
  listOpenActions(): Promise<FollowUpAction[]>;
  getPersons(personIds: Iterable<string>): Promise<Map<string, Person>>;
  /** When the meeting that decided the action began (for the card), if it is still there. */
  meetingStartsAt?(groupId: string, meetingId: string): Promise<string | undefined>;
}

export interface ActionReminderOptions {
  governance: Governance;
  messenger: ChannelMessenger;
  jobs: ActionReminderJobs;
  /** The bodies (the reminder names the body that decided the action). */
  groups?: GroupSource;
  /** The language for an owner who chose none. Default: the governance file's. */
  locale?: Locale;
  /** The owner's own language (`sprog en`): a personal message is in it (issue 26.5). */
  languageOf?(personId: string): Promise<Locale | undefined>;
}

/** The body's name in the reminder: the group register's, else the governance file's, else its id. */
async function groupNameOf(options: ActionReminderOptions, groupId: string, locale: Locale): Promise<string> {
  const group = (await options.groups?.listGroups())?.find((candidate) => candidate.id === groupId);
  const body = options.governance.bodies.find((candidate) => candidate.id === groupId);
  return localText(group?.name, locale) || localText(body?.name, locale) || groupId;
}

function reminderMoment(
  options: ActionReminderOptions,
  action: FollowUpAction,
  dueAt: Date,
): ScheduledMoment {
  const { governance, messenger, jobs } = options;
  return {
    // The key names the body and the action (as before the reminder went personal), so a reminder
    // already sent is never sent again; the target is the owner's personal chat.
    key: momentKey(ACTION_REMINDER_KIND, action.groupId, action.id, dueAt),
    kind: ACTION_REMINDER_KIND,
    groupId: personAddress(action.ownerId),
    dueAt,
    expiresAt: reminderExpiresAt(action, governance.timeZone),
    describe: `follow-up action ${action.id} of ${action.groupId} meeting ${action.meetingId} due ${action.dueDate}`,
    perform: async (context) => {
      const locale =
        (await options.languageOf?.(action.ownerId)) ?? options.locale ?? options.governance.language;
      // The name is looked up now, never stored with the action (an erased owner is the pseudonym).
      const persons = await jobs.getPersons([action.ownerId]);
      const message = actionReminderMessage(translatorFor(locale), {
        locale,
        timeZone: governance.timeZone,
        action,
        ownerName: displayName(persons.get(action.ownerId), locale, action.ownerId),
        groupName: await groupNameOf(options, action.groupId, locale),
        meetingStartsAt: await jobs.meetingStartsAt?.(action.groupId, action.meetingId),
        lateDueAt: context.late ? context.dueAt : undefined,
      });
      await messenger.postToGroup(personAddress(action.ownerId), message);
    },
  };
}

export function actionReminderMomentSource(options: ActionReminderOptions): MomentSource {
  const days = options.governance.record.actionReminderDays;
  return {
    name: 'follow-up-actions',
    async moments(window) {
      const actions = await options.jobs.listOpenActions();
      const due: ScheduledMoment[] = [];
      for (const action of actions) {
        const dueAt = reminderDueAt(action, days, options.governance.timeZone);
        if (dueAt < window.from || dueAt > window.to) continue;
        due.push(reminderMoment(options, action, dueAt));
      }
      return due;
    },
  };
}
