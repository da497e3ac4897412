/**
 * The governance file at start (issue 23.3): refused when it contradicts the stored state (a body
 * with members or meetings removed, an organisation members sit for, a working group's parent),
 * with every reason listed; otherwise recorded as the version in force, whose id every audit entry
 * and sent reminder then carries. `npm run governance -- check|diff` uses the same snapshot.
 */
import type { Clock } from '../domain/clock';
import { governanceContradictions, type GovernanceContradiction } from '../domain/governance-check';
import type { GovernanceSnapshot } from '../domain/governance-check';
import { localText, type Governance, type LocalizedText } from '../domain/governance';
import { localToday } from '../domain/time';
import type { Locale } from '../domain/model';
import { translate } from '../platform/i18n';
import {
  GovernanceVersionRepository,
  type GovernanceVersion,
} from '../platform/governance/governance-versions';
import type { DocumentStore } from '../platform/storage/port';
import type { AuditRepository } from '../platform/audit/audit-repository';
import { createStoreLedger } from '../platform/scheduler/ledger-repository';
import type { SchedulerLedger } from '../platform/scheduler/ledger';
import { GroupRepository } from '../features/binding/groups-repository';
import { PeopleRepository } from '../features/members/people-repository';
import { MeetingRepository } from '../features/meetings/meetings-repository';

/** The groups, their members and their meetings still to come, as the rules compare them. */
export async function readGovernanceSnapshot(
  store: DocumentStore,
  clock: Clock,
  timeZone: string,
): Promise<GovernanceSnapshot> {
  const groups = await new GroupRepository(store).listGroups();
  const people = new PeopleRepository(store);
  const meetings = new MeetingRepository(store);
  const now = clock.now();
  const snapshot: GovernanceSnapshot = {
    today: localToday(clock, timeZone),
    groups: groups.map(({ id, kind, name, status, parentGroupId }) => ({
      ...{ id, kind, name, status },
      ...(parentGroupId === undefined ? {} : { parentGroupId }),
    })),
    upcomingMeetings: [],
    memberships: [],
  };
  for (const group of groups) {
    snapshot.memberships.push(...(await people.membersOf(group.id)));
    for (const meeting of await meetings.upcoming(group.id, now)) {
      snapshot.upcomingMeetings.push({ groupId: meeting.groupId, startsAt: meeting.startsAt });
    }
  }
  return snapshot;
}

/** A body's name in the text's language (else the file's language, which every text has). */
export function nameIn(name: LocalizedText, locale: Locale): string {
  return localText(name, locale);
}

/** One line per contradiction, in the given language (the catalogues' `governance` section). */
export function describeContradiction(contradiction: GovernanceContradiction, locale: Locale): string {
  switch (contradiction.kind) {
    case 'body-removed-in-use':
      return translate(locale, 'governance.refusedBodyInUse', {
        group: nameIn(contradiction.groupName, locale),
        id: contradiction.groupId,
        members: contradiction.activeMembers,
        meetings: contradiction.upcomingMeetings,
      });
    case 'organisation-removed':
      return translate(locale, 'governance.refusedOrganisation', {
        organisation: contradiction.organisationId,
        members: contradiction.activeMembers,
      });
    case 'working-group-parent-removed':
      return translate(locale, 'governance.refusedParent', {
        group: nameIn(contradiction.groupName, locale),
        id: contradiction.groupId,
        parent: contradiction.parentGroupId,
      });
  }
}

/** Thrown at start for a governance file the stored state contradicts; the message lists every reason. */
export class GovernanceConflictError extends Error {
  constructor(
    readonly sourceName: string,
    readonly contradictions: GovernanceContradiction[],
  ) {
    // The operator reads it in the start log: English, like the loader's messages.
    super(
      `${sourceName}: the governance file contradicts the stored data (${contradictions.length} ` +
        `${contradictions.length === 1 ? 'reason' : 'reasons'}):\n  ` +
        contradictions.map((c) => describeContradiction(c, 'en')).join('\n  '),
    );
    this.name = 'GovernanceConflictError';
  }
}

/**
 * Checks the file against the store, then records it as the version in force (nothing new when it
 * is the latest already). Throws GovernanceConflictError before anything is written.
 */
export async function startGovernance(parts: {
  store: DocumentStore;
  governance: Governance;
  clock: Clock;
  sourceName: string;
}): Promise<GovernanceVersion> {
  const { store, governance, clock } = parts;
  const snapshot = await readGovernanceSnapshot(store, clock, governance.timeZone);
  const contradictions = governanceContradictions(governance, snapshot);
  if (contradictions.length > 0) throw new GovernanceConflictError(parts.sourceName, contradictions);
  return (await new GovernanceVersionRepository(store).record(governance, clock)).version;
}

/** The exactly-once ledger, its sent entries stamped with the governance version the audit log stamps. */
export function jobsLedgerOf(parts: {
  store: DocumentStore;
  repositories: { audit: AuditRepository };
}): SchedulerLedger {
  return createStoreLedger(parts.store.collection('schedule'), {
    governanceVersion: parts.repositories.audit.governanceVersion,
  });
}
