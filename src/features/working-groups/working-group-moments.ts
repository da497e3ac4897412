/**
 * Working groups nearing their planned end: a warning `workingGroupEndWarningDays` before it, in
 * the working group's channel and its parent reference group's channel (one moment per channel,
 * so each post is exactly-once on its own).
 */
import { bodyLanguage, type Governance } from '../../domain/governance';
import type { Locale } from '../../domain/model';
import type { ChannelMessenger } from '../../domain/ports';
import { workingGroupEndingCard } from '../../platform/cards/reminders';
import type { MomentSource, ScheduledMoment } from '../../platform/scheduler/types';
import { momentKey } from '../../platform/scheduler/types';
import { endOfLocalDate, warningInstant } from '../../platform/scheduler/dates';
import type { GroupSource } from '../meetings';
import { localText } from '../../domain/localized-text';

export interface WorkingGroupMomentsOptions {
  governance: Governance;
  groups: GroupSource;
  messenger: ChannelMessenger;
  locale?: Locale;
}

export function workingGroupEndingMomentSource(options: WorkingGroupMomentsOptions): MomentSource {
  const { governance, messenger } = options;
  const days = governance.reminders.workingGroupEndWarningDays;
  return {
    name: 'working-groups',
    async moments(window) {
      const result: ScheduledMoment[] = [];
      for (const group of await options.groups.listGroups()) {
        if (group.kind !== 'working' || group.status !== 'active' || !group.plannedEnd) continue;
        const endDate = group.plannedEnd;
        const dueAt = warningInstant(endDate, days, governance.timeZone);
        if (dueAt < window.from || dueAt > window.to) continue;
        const targets = [group.id, ...(group.parentGroupId ? [group.parentGroupId] : [])];
        for (const target of targets) {
          result.push({
            key: momentKey('working-group-ending', target, group.id, dueAt),
            kind: 'working-group-ending',
            groupId: target,
            dueAt,
            expiresAt: endOfLocalDate(endDate, governance.timeZone),
            describe: `working group ${group.id} ends ${endDate} (to ${target})`,
            perform: async (context) => {
              // Each channel in its own body's language (issue 26.5), unless overridden.
              const locale = options.locale ?? bodyLanguage(governance, target);
              const message = workingGroupEndingCard({
                locale,
                timeZone: governance.timeZone,
                lateDueAt: context.late ? context.dueAt : undefined,
                groupName: localText(group.name, locale),
                endDate,
                days,
              });
              await messenger.postToGroup(target, message);
            },
          });
        }
      }
      return result;
    },
  };
}
