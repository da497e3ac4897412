/**
 * What changing the governance file would do (issue 23.3), measured against the stored state: the
 * deadlines of upcoming meetings, members' terms and seats, removed bodies, the hearing rule, the
 * standard agenda and the languages. Pure: `npm run governance -- diff old.yaml new.yaml`
 * (scripts/governance-cli.ts) reads the files and the store and renders the list in words.
 */
import {
  activeMembersOf,
  governanceContradictions,
  upcomingMeetingsOf,
  type GovernanceContradiction,
  type GovernanceSnapshot,
} from './governance-check';
import {
  bodyAgenda,
  bodyLanguage,
  isExemptOrganisation,
  MUNICIPALITY,
  organisationById,
  type Governance,
  type HearingRuleKind,
  type LocalizedText,
} from './governance';
import type { BodyKind, Locale, OrganisationKind } from './model';
import { memberProfileReport } from './terms';
import { addYearsToDate } from './time';

export type DeadlineName = 'agendaProposals' | 'statusReports' | 'detailedAgenda';

/** One consequence of the change; the contradictions are those that would refuse the start. */
export type GovernanceChange =
  | GovernanceContradiction
  | {
      kind: 'deadline-moved';
      groupId: string;
      groupName: LocalizedText;
      deadline: DeadlineName;
      meetings: number;
      /** Positive: the deadline comes this many days earlier; negative: later. */
      daysEarlier: number;
    }
  | { kind: 'terms-end-earlier'; groupId: string; groupName: LocalizedText; members: number }
  | { kind: 'body-removed'; groupId: string; groupName: LocalizedText }
  | { kind: 'body-added'; groupId: string; groupName: LocalizedText }
  | {
      kind: 'seats-below-members';
      groupId: string;
      groupName: LocalizedText;
      organisation: OrganisationKind;
      /** The file's name of the organisation; absent for the municipalities (the catalogues name them). */
      organisationName?: LocalizedText;
      seats: number;
      members: number;
    }
  | { kind: 'hearing-rule-changed'; from: HearingRuleKind; to: HearingRuleKind }
  | { kind: 'hearing-closing-days-changed'; from: number; to: number }
  | { kind: 'hearing-quorum-changed'; from: number; to: number }
  | {
      kind: 'standard-agenda-changed';
      /** Absent: the working groups' agenda (they are not listed in the file). */
      groupName?: LocalizedText;
      added: LocalizedText[];
      removed: LocalizedText[];
    }
  | { kind: 'language-changed'; groupName?: LocalizedText; from: Locale; to: Locale };

export type GovernanceChangeKind = GovernanceChange['kind'];

const CONTRADICTION_KINDS: ReadonlySet<GovernanceChangeKind> = new Set([
  'body-removed-in-use',
  'organisation-removed',
  'working-group-parent-removed',
]);

/** Whether the change would make the start refuse the file. */
export function refusesStart(change: GovernanceChange): change is GovernanceContradiction {
  return CONTRADICTION_KINDS.has(change.kind);
}

/** Every consequence of replacing `before` by `after`, given the stored state. */
export function diffGovernance(
  before: Governance,
  after: Governance,
  snapshot: GovernanceSnapshot,
): GovernanceChange[] {
  const contradictions = governanceContradictions(after, snapshot);
  const inUse = new Set(
    contradictions.flatMap((change) => (change.kind === 'body-removed-in-use' ? [change.groupId] : [])),
  );
  return [
    ...contradictions,
    ...bodyChanges(before, after, inUse),
    ...deadlineChanges(before, after, snapshot),
    ...termChanges(before, after, snapshot),
    ...seatChanges(after, snapshot),
    ...hearingChanges(before, after),
    ...agendaChanges(before, after),
    ...languageChanges(before, after),
  ];
}

function bodyChanges(before: Governance, after: Governance, inUse: ReadonlySet<string>): GovernanceChange[] {
  const beforeIds = new Set(before.bodies.map((body) => body.id));
  const afterIds = new Set(after.bodies.map((body) => body.id));
  // A removed body in use is a contradiction (listed first); here only the unused ones.
  const removed = before.bodies
    .filter((body) => !afterIds.has(body.id) && !inUse.has(body.id))
    .map((body) => ({ kind: 'body-removed' as const, groupId: body.id, groupName: body.name }));
  const added = after.bodies
    .filter((body) => !beforeIds.has(body.id))
    .map((body) => ({ kind: 'body-added' as const, groupId: body.id, groupName: body.name }));
  return [...removed, ...added];
}

const DEADLINE_FIELDS: ReadonlyArray<
  [DeadlineName, 'agendaProposalsDays' | 'statusReportsDays' | 'detailedAgendaDays']
> = [
  ['agendaProposals', 'agendaProposalsDays'],
  ['statusReports', 'statusReportsDays'],
  ['detailedAgenda', 'detailedAgendaDays'],
];

/** The groups of the store still served after the change (removed bodies are reported apart). */
function servedGroups(after: Governance, snapshot: GovernanceSnapshot) {
  const bodyIds = new Set(after.bodies.map((body) => body.id));
  return snapshot.groups.filter(
    (group) => group.status === 'active' && (group.kind === 'working' || bodyIds.has(group.id)),
  );
}

function deadlineChanges(
  before: Governance,
  after: Governance,
  snapshot: GovernanceSnapshot,
): GovernanceChange[] {
  const changes: GovernanceChange[] = [];
  for (const group of servedGroups(after, snapshot)) {
    const meetings = upcomingMeetingsOf(snapshot, group.id);
    if (meetings === 0) continue;
    const old = bodyAgenda(before, group.id, group.kind).deadlines;
    const next = bodyAgenda(after, group.id, group.kind).deadlines;
    for (const [deadline, field] of DEADLINE_FIELDS) {
      const daysEarlier = next[field] - old[field];
      if (daysEarlier !== 0) {
        changes.push({
          kind: 'deadline-moved',
          groupId: group.id,
          groupName: group.name,
          deadline,
          meetings,
          daysEarlier,
        });
      }
    }
  }
  return changes;
}

/**
 * Terms that end earlier: a shorter (or new) maximum term cuts the active municipal members whose
 * planned end (none: open-ended) lies after their start plus the new maximum.
 */
function termChanges(
  before: Governance,
  after: Governance,
  snapshot: GovernanceSnapshot,
): GovernanceChange[] {
  const changes: GovernanceChange[] = [];
  for (const body of after.bodies) {
    const newMax = body.term?.maxYears;
    const oldMax = before.bodies.find((old) => old.id === body.id)?.term?.maxYears;
    if (newMax === undefined || (oldMax !== undefined && newMax >= oldMax)) continue;
    const members = activeMembersOf(snapshot, body.id).filter((membership) => {
      const organisation = membership.organisation?.kind ?? MUNICIPALITY;
      // Exempt organisations appoint their own; a removed one is a contradiction of its own.
      if (
        organisation !== MUNICIPALITY &&
        (isExemptOrganisation(after, organisation) || !organisationById(after, organisation))
      )
        return false;
      const latestEnd = addYearsToDate(membership.termStart, newMax);
      return membership.plannedEnd === undefined || membership.plannedEnd > latestEnd;
    }).length;
    if (members > 0) {
      changes.push({ kind: 'terms-end-earlier', groupId: body.id, groupName: body.name, members });
    }
  }
  return changes;
}

/** Seats fewer than the members who hold them now, per body and organisation. */
function seatChanges(after: Governance, snapshot: GovernanceSnapshot): GovernanceChange[] {
  const changes: GovernanceChange[] = [];
  for (const body of after.bodies) {
    const members = activeMembersOf(snapshot, body.id).map((membership) => ({
      organisation: membership.organisation ?? { kind: 'municipality' as const, name: '' },
    }));
    const report = memberProfileReport(members, body.id, after);
    for (const row of report?.rows ?? []) {
      if (row.status !== 'too-many') continue;
      changes.push({
        kind: 'seats-below-members',
        groupId: body.id,
        groupName: body.name,
        organisation: row.organisationKind,
        ...organisationNameOf(after, row.organisationKind),
        seats: row.expected,
        members: row.actual,
      });
    }
  }
  return changes;
}

function organisationNameOf(governance: Governance, id: string): { organisationName?: LocalizedText } {
  const organisation = id === MUNICIPALITY ? undefined : organisationById(governance, id);
  return organisation ? { organisationName: organisation.name } : {};
}

function hearingChanges(before: Governance, after: Governance): GovernanceChange[] {
  const changes: GovernanceChange[] = [];
  const [old, next] = [before.hearing, after.hearing];
  if (old.rule !== next.rule) changes.push({ kind: 'hearing-rule-changed', from: old.rule, to: next.rule });
  if (old.closingDays !== next.closingDays) {
    changes.push({ kind: 'hearing-closing-days-changed', from: old.closingDays, to: next.closingDays });
  }
  if (old.quorumShare !== next.quorumShare) {
    changes.push({ kind: 'hearing-quorum-changed', from: old.quorumShare, to: next.quorumShare });
  }
  return changes;
}

const MEETING_KINDS: ReadonlySet<BodyKind> = new Set(['board', 'reference']);

/** The standard agenda of every body in both files, and the working groups' (by item id). */
function agendaChanges(before: Governance, after: Governance): GovernanceChange[] {
  const scopes: Array<{ groupId?: string; kind: BodyKind; groupName?: LocalizedText }> = [
    ...after.bodies
      // The bodies with member seats and meetings (the secretariat and the management are staff).
      .filter((body) => MEETING_KINDS.has(body.kind) && before.bodies.some((old) => old.id === body.id))
      .map((body) => ({ groupId: body.id, kind: body.kind, groupName: body.name })),
    { kind: 'working' },
  ];
  const changes: GovernanceChange[] = [];
  for (const scope of scopes) {
    const old = bodyAgenda(before, scope.groupId, scope.kind).standardAgenda;
    const next = bodyAgenda(after, scope.groupId, scope.kind).standardAgenda;
    const added = next.filter((item) => !old.some((o) => o.id === item.id)).map((item) => item.title);
    const removed = old.filter((item) => !next.some((n) => n.id === item.id)).map((item) => item.title);
    if (added.length === 0 && removed.length === 0) continue;
    changes.push({
      kind: 'standard-agenda-changed',
      ...(scope.groupName ? { groupName: scope.groupName } : {}),
      added,
      removed,
    });
  }
  return changes;
}

/** The default language, then each body whose channel language changes. */
function languageChanges(before: Governance, after: Governance): GovernanceChange[] {
  const changes: GovernanceChange[] = [];
  if (before.language !== after.language) {
    changes.push({ kind: 'language-changed', from: before.language, to: after.language });
  }
  for (const body of after.bodies) {
    if (!before.bodies.some((old) => old.id === body.id)) continue;
    const [from, to] = [bodyLanguage(before, body.id), bodyLanguage(after, body.id)];
    if (from !== to) changes.push({ kind: 'language-changed', groupName: body.name, from, to });
  }
  return changes;
}
