/**
 * Terms ending: a warning to the secretariat's channel `termEndingWarningDays` (90) before a
 * municipal member's planned term end. Members of exempt organisations (exemptFromTerms in the governance file) have no
 * term limit and get no warning.
 */
import type { Governance } from '../../domain/governance';
import { administeringBodyId, bodyLanguage, isExemptOrganisation } from '../../domain/governance';
import type { Group, Locale, Membership, Person } from '../../domain/model';
import type { ChannelMessenger } from '../../domain/ports';
import { termEndingCard } from '../../platform/cards/reminders';
import type { MomentSource, ScheduledMoment } from '../../platform/scheduler/types';
import { momentKey } from '../../platform/scheduler/types';
import { endOfLocalDate, warningInstant } from '../../platform/scheduler/dates';
import type { GroupSource } from '../meetings';
import { reappointButton } from './member-reappoint';
import { localText } from '../../domain/localized-text';

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
  /** The group whose channel gets the warnings. Default: the administering body (roles.administer). */
  secretariatGroupId?: string;
  locale?: Locale;
}

/** What every term-ending moment shares: the rules, the sender, the channel and its language. */
interface TermMomentContext {
  options: TermMomentsOptions;
  locale: Locale;
  days: number;
  secretariat: string;
  groups: Map<string, Group>;
}

/** The warning for one ending term, when it is due in the window (exempt organisations get none). */
function termEndingMoment(
  entry: { membership: Membership; person: Pick<Person, 'name' | 'organisation'> },
  window: { from: Date; to: Date },
  context: TermMomentContext,
): ScheduledMoment | undefined {
  const { membership, person } = entry;
  const { governance, messenger } = context.options;
  const { locale, days, secretariat } = context;
  if (!membership.plannedEnd || membership.endedOn) return undefined;
  if (
    person.organisation.kind !== 'municipality' &&
    isExemptOrganisation(governance, person.organisation.kind)
  )
    return undefined;
  const dueAt = warningInstant(membership.plannedEnd, days, governance.timeZone);
  if (dueAt < window.from || dueAt > window.to) return undefined;
  const endDate = membership.plannedEnd;
  const name =
    localText(context.groups.get(membership.groupId)?.name, locale) ||
    localText(governance.bodies.find((body) => body.id === membership.groupId)?.name, locale) ||
    membership.groupId;
  return {
    // The person id is in the key: a changed end date is a new warning, the same one is not.
    key: momentKey('term-ending', secretariat, `${membership.groupId}.${membership.personId}`, dueAt),
    kind: 'term-ending',
    groupId: secretariat,
    dueAt,
    expiresAt: endOfLocalDate(endDate, governance.timeZone),
    describe: `term of ${membership.personId} in ${membership.groupId} ends ${endDate}`,
    perform: async (moment) => {
      const message = termEndingCard({
        locale,
        timeZone: governance.timeZone,
        lateDueAt: moment.late ? moment.dueAt : undefined,
        personName: person.name,
        groupName: name,
        endDate,
        days,
      });
      // The secretariat can re-appoint the member for a further term from the card itself.
      const actions = [...(message.card.actions ?? []), reappointButton(locale, membership)];
      await messenger.postToGroup(secretariat, { ...message, card: { ...message.card, actions } });
    },
  };
}

export function termEndingMomentSource(options: TermMomentsOptions): MomentSource {
  const { governance } = options;
  const secretariat = options.secretariatGroupId ?? administeringBodyId(governance);
  const base = {
    options,
    // The secretariat's channel: its body's language (issue 26.5), unless overridden.
    locale: options.locale ?? bodyLanguage(governance, secretariat),
    days: governance.reminders.termEndingWarningDays,
    secretariat,
  };
  return {
    name: 'terms',
    async moments(window) {
      const [entries, groupList] = await Promise.all([
        options.memberships.listEndingMemberships(),
        options.groups.listGroups(),
      ]);
      const context = {
        ...base,
        groups: new Map<string, Group>(groupList.map((group) => [group.id, group])),
      };
      return entries.flatMap((entry) => termEndingMoment(entry, window, context) ?? []);
    },
  };
}
