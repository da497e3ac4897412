/**
 * A store filled for the governance checks (issue 23.3): members, meetings and a working group
 * that config/fki-governance.yaml serves and test/fixtures/governance/fki-governance-changed.yaml
 * partly removes (Referencegruppe Drift og forvaltning, the organisation UDK).
 */
import path from 'node:path';
import { ManualClock } from '../../src/domain/clock';
import type { Membership, Organisation } from '../../src/domain/model';
import { syncPermanentGroups } from '../../src/features/binding/group-sync';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { MeetingRepository } from '../../src/features/meetings/meetings-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import type { DocumentStore } from '../../src/platform/storage/port';

export const FKI_FILE = path.join(__dirname, '../../config/fki-governance.yaml');
export const CHANGED_FILE = path.join(__dirname, '../fixtures/governance/fki-governance-changed.yaml');
export const NOW = '2027-01-11T09:00:00.000Z';

const municipality = (code: string): Organisation => ({
  kind: 'municipality',
  municipalityCode: code,
  name: code,
});

async function member(
  people: PeopleRepository,
  id: string,
  organisation: Organisation,
  membership: Omit<Membership, 'personId' | 'role' | 'organisation'>,
): Promise<void> {
  await people.savePerson({ id, name: `Medlem ${id}`, organisation });
  await people.saveMembership({ personId: id, role: 'member', organisation, ...membership });
}

async function meeting(meetings: MeetingRepository, groupId: string, id: string, startsAt: string) {
  await meetings.create({
    id,
    groupId,
    startsAt,
    durationMinutes: 240,
    status: 'scheduled',
    accessToken: `access-token-${groupId}-${id}`,
  });
}

/**
 * Kommunestyregruppen: 3 municipal members on 5-year terms, one for KL and one for UDK, 3 meetings
 * to come and one held; Referencegruppe Forretning: 3 municipal members and 1 meeting to come;
 * Referencegruppe Drift og forvaltning: 1 member, 1 meeting and the working group "Fælles logning".
 */
export async function fillStore(store: DocumentStore): Promise<ManualClock> {
  const clock = new ManualClock(NOW);
  const groups = new GroupRepository(store);
  await syncPermanentGroups(loadGovernance(FKI_FILE), groups, clock);
  await groups.saveGroup({
    id: 'wg-logning',
    kind: 'working',
    name: { da: 'Fælles logning', en: 'Common logging' },
    parentGroupId: 'ref-drift',
    status: 'active',
    createdAt: NOW,
  });
  const people = new PeopleRepository(store);
  const fiveYears = { termStart: '2025-01-01', plannedEnd: '2030-01-01' };
  for (const code of ['101', '147', '751'])
    await member(people, `s${code}`, municipality(code), { groupId: 'steering', ...fiveYears });
  await member(people, 'kl1', { kind: 'KL', name: 'KL' }, { groupId: 'steering', termStart: '2025-01-01' });
  await member(
    people,
    'udk1',
    { kind: 'UDK', name: 'UDK' },
    { groupId: 'steering', termStart: '2025-01-01' },
  );
  const threeYears = { termStart: '2026-01-01', plannedEnd: '2029-01-01' };
  for (const code of ['851', '461', '621'])
    await member(people, `f${code}`, municipality(code), { groupId: 'ref-forretning', ...threeYears });
  await member(people, 'd630', municipality('630'), { groupId: 'ref-drift', ...threeYears });
  const meetings = new MeetingRepository(store);
  await meeting(meetings, 'steering', 'held', '2026-12-01T09:00:00.000Z');
  for (const [id, startsAt] of [
    ['feb', '2027-02-15T09:00:00.000Z'],
    ['apr', '2027-04-12T08:00:00.000Z'],
    ['jun', '2027-06-14T08:00:00.000Z'],
  ] as const)
    await meeting(meetings, 'steering', id, startsAt);
  await meeting(meetings, 'ref-forretning', 'mar', '2027-03-01T09:00:00.000Z');
  await meeting(meetings, 'ref-drift', 'mar', '2027-03-02T09:00:00.000Z');
  return clock;
}
