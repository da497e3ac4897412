/**
 * Terms ending: a warning to the secretariat's channel `termEndingWarningDays` (90) before a
 * municipal member's planned term end. Members of exempt organisations (KL, UDK, KOMBIT) have no
 * term limit and get no warning.
 */
import type { Governance } from '../../domain/governance';
import { isExemptOrganisation } from '../../domain/governance';
import type { Group, Locale, Membership, Person } from '../../domain/model';
import type { ChannelMessenger } from '../../domain/ports';
import { termEndingCard } from '../../platform/cards/reminders';
import type { MomentSource, ScheduledMoment } from '../../platform/scheduler/types';
import { momentKey } from '../../platform/scheduler/types';
import { endOfLocalDate, warningInstant } from '../../platform/scheduler/dates';
import type { GroupSource } from '../meetings';

/** Current memberships with a planned end, with the person (for the name and organisation). */
export interface MembershipSource {
  listEndingMemberships(): Promise<
    Array<{ membership: Membership; person: Pick<Person, 'name' | 'organisation'> }>
  >;
}

export interface TermMomentsOptions {
  governance: Governance;
  memberships: MembershipSource;
  groups: GroupSource;
  messenger: ChannelMessenger;
  /** The group whose channel gets the warnings. Default: the body of kind 'secretariat'. */
  secretariatGroupId?: string;
  locale?: Locale;
}

export function termEndingMomentSource(options: TermMomentsOptions): MomentSource {
  const { governance, messenger } = options;
  const locale = options.locale ?? 'da';
  const days = governance.reminders.termEndingWarningDays;
  const secretariat =
    options.secretariatGroupId ??
    governance.bodies.find((body) => body.kind === 'secretariat')?.id ??
    'secretariat';

  return {
    name: 'terms',
    async moments(window) {
      const [entries, groupList] = await Promise.all([
        options.memberships.listEndingMemberships(),
        options.groups.listGroups(),
      ]);
      const groups = new Map<string, Group>(groupList.map((group) => [group.id, group]));
      const result: ScheduledMoment[] = [];
      for (const { membership, person } of entries) {
        if (!membership.plannedEnd || membership.endedOn) continue;
        if (
          person.organisation.kind !== 'municipality' &&
          isExemptOrganisation(governance, person.organisation.kind)
        )
          continue;
        const dueAt = warningInstant(membership.plannedEnd, days, governance.timeZone);
        if (dueAt < window.from || dueAt > window.to) continue;
        const endDate = membership.plannedEnd;
        const name =
          groups.get(membership.groupId)?.name[locale] ??
          governance.bodies.find((body) => body.id === membership.groupId)?.name[locale] ??
          membership.groupId;
        result.push({
          // The person id is in the key: a changed end date is a new warning, the same one is not.
          key: momentKey('term-ending', secretariat, `${membership.groupId}.${membership.personId}`, dueAt),
          kind: 'term-ending',
          groupId: secretariat,
          dueAt,
          expiresAt: endOfLocalDate(endDate, governance.timeZone),
          describe: `term of ${membership.personId} in ${membership.groupId} ends ${endDate}`,
          perform: async (context) => {
            const message = termEndingCard({
              locale,
              timeZone: governance.timeZone,
              lateDueAt: context.late ? context.dueAt : undefined,
              personName: person.name,
              groupName: name,
              endDate,
              days,
            });
            await messenger.postToGroup(secretariat, message);
          },
        });
      }
      return result;
    },
  };
}
