import { governanceRoles } from '../../src/domain/governance';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { ManualClock } from '../../src/domain/clock';
import { BindingService } from '../../src/features/binding/binding-service';
import { syncPermanentGroups } from '../../src/features/binding/group-sync';
import { normaliseForMatch } from '../../src/domain/normalise';
import { RoleResolver, parseIdList } from '../../src/domain/roles';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

/** The person roles the FKI file's secretariat holds (body-roles.ts: all but management). */
const ADMINISTRATION = ['administer', 'triage', 'hearings', 'workingGroups'] as const;
import { seedPerson } from '../support/people';

const channelA = { teamId: 'team', channelId: '19:a', channelName: 'Kanal A' };
const channelB = { teamId: 'team', channelId: '19:b', channelName: 'Kanal B' };

async function setup() {
  const store = SqliteStore.inMemory();
  const clock = new ManualClock('2027-02-01T10:00:00Z');
  const groups = new GroupRepository(store);
  const audit = new AuditRepository(store);
  const people = new PeopleRepository(store);
  await syncPermanentGroups(loadGovernance(), groups, clock);
  return { store, clock, groups, audit, people, service: new BindingService(groups, audit, clock) };
}

describe('normaliseForMatch', () => {
  test('folds case, Danish letters and accents', () => {
    expect(normaliseForMatch('HJÆLP')).toBe('hjaelp');
    expect(normaliseForMatch('Næste  Møde')).toBe('naeste moede');
    expect(normaliseForMatch('Århus Café')).toBe('aarhus cafe');
  });
});

describe('BindingService', () => {
  test('finds groups by id and by accent/case-tolerant Danish or English name', async () => {
    const { service, store } = await setup();
    expect((await service.findGroup('STEERING')).group?.id).toBe('steering');
    expect((await service.findGroup('kommunestyregruppen')).group?.id).toBe('steering');
    expect((await service.findGroup('Reference group Business')).group?.id).toBe('ref-forretning');
    expect((await service.findGroup('drift')).group?.id).toBe('ref-drift'); // unique partial match
    expect((await service.findGroup('referencegruppe')).group).toBeUndefined(); // ambiguous
    await store.close();
  });

  test('binds, audits, and refuses a second channel for the same group naming the current one', async () => {
    const { service, audit, store } = await setup();
    const first = await service.bind('sec-1', 'steering', channelA);
    expect(first).toMatchObject({ kind: 'bound', group: { id: 'steering' } });
    const second = await service.bind('sec-1', 'steering', channelB);
    expect(second).toMatchObject({ kind: 'group-bound-elsewhere', existing: { channelName: 'Kanal A' } });
    expect(await audit.export('2027-02', '2027-02')).toEqual([
      expect.objectContaining({ action: 'channel.bind', subject: 'group:steering', actorId: 'sec-1' }),
    ]);
    await store.close();
  });

  test('a channel serves one group; binding again to the same group is a no-op', async () => {
    const { service, audit, store } = await setup();
    await service.bind('sec-1', 'steering', channelA);
    expect(await service.bind('sec-1', 'ref-drift', channelA)).toMatchObject({
      kind: 'channel-bound-to-other',
      current: { id: 'steering' },
    });
    expect(await service.bind('sec-1', 'steering', channelA)).toMatchObject({ kind: 'already-bound-here' });
    expect(await audit.export('2027-02', '2027-02')).toHaveLength(1);
    await store.close();
  });

  test('unknown and dissolved groups are refused', async () => {
    const { service, groups, store } = await setup();
    const unknown = await service.bind('sec-1', 'no such group', channelA);
    expect(unknown.kind).toBe('unknown-group');
    if (unknown.kind === 'unknown-group') expect(unknown.candidates.map((g) => g.id)).toContain('steering');
    await groups.saveGroup({
      id: 'wg-old',
      kind: 'working',
      name: { da: 'Gammel arbejdsgruppe', en: 'Old working group' },
      status: 'dissolved',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(await service.bind('sec-1', 'wg-old', channelA)).toMatchObject({ kind: 'dissolved' });
    await store.close();
  });

  test('two racing binds of one group to two channels: exactly one wins', async () => {
    const { service, groups, store } = await setup();
    const results = await Promise.all([
      service.bind('sec-1', 'steering', channelA),
      service.bind('sec-2', 'steering', channelB),
    ]);
    expect(results.filter((r) => r.kind === 'bound')).toHaveLength(1);
    const winner = await groups.bindingOfGroup('steering');
    expect([channelA.channelId, channelB.channelId]).toContain(winner?.channelId);
    await store.close();
  });

  test('status: the binding and no meeting when there is no schedule', async () => {
    const { service, store } = await setup();
    expect(await service.status('19:a')).toBeUndefined();
    await service.bind('sec-1', 'steering', channelA);
    expect(await service.status('19:a')).toMatchObject({ group: { id: 'steering' }, nextMeeting: undefined });
    await store.close();
  });

  test('status asks the meeting schedule for the next meeting after now', async () => {
    const { groups, audit, clock, store } = await setup();
    const asked: Array<[string, string]> = [];
    const meeting = {
      id: 'm',
      groupId: 'steering',
      startsAt: '2027-03-01T09:00:00.000Z',
      durationMinutes: 240,
      status: 'scheduled' as const,
    };
    const service = new BindingService(groups, audit, clock, {
      nextMeeting: async (groupId, after) => {
        asked.push([groupId, after.toISOString()]);
        return meeting;
      },
    });
    await service.bind('sec-1', 'steering', channelA);
    expect((await service.status('19:a'))?.nextMeeting).toEqual(meeting);
    expect(asked).toEqual([['steering', '2027-02-01T10:00:00.000Z']]);
    // Without the governance rules there is no timeline to show.
    expect((await service.status('19:a'))?.timeline).toEqual([]);
    await store.close();
  });

  test('status: the next meeting’s timeline from the governance rules, marking what has passed', async () => {
    const { groups, audit, clock, store } = await setup();
    // 10:00 CEST on 1 April; now is 4 March 10:00 CET, the moment of the 4-week deadlines.
    clock.set('2027-03-04T09:00:00.000Z');
    const meetingOf = (groupId: string) => ({
      id: 'm',
      groupId,
      startsAt: '2027-04-01T08:00:00.000Z',
      durationMinutes: 240,
      status: 'scheduled' as const,
    });
    const service = new BindingService(
      groups,
      audit,
      clock,
      { nextMeeting: async (groupId) => meetingOf(groupId) },
      undefined,
      loadGovernance(),
    );
    await service.bind('sec-1', 'steering', channelA);
    await service.bind('sec-1', 'ref-drift', channelB);
    // Deadlines keep the meeting's wall-clock time (10:00) across the DST change: 09:00Z in March.
    expect((await service.status('19:a'))?.timeline).toEqual([
      { kind: 'heads-up', at: '2027-02-25T09:00:00.000Z', passed: true },
      { kind: 'proposal-deadline', at: '2027-03-04T09:00:00.000Z', passed: true },
      { kind: 'status-report-deadline', at: '2027-03-04T09:00:00.000Z', passed: true },
      { kind: 'detailed-agenda', at: '2027-03-18T09:00:00.000Z', passed: false },
    ]);
    // A reference group gathers no status reports for its own meetings.
    clock.set('2027-03-04T08:59:59.999Z');
    expect((await service.status('19:b'))?.timeline).toEqual([
      { kind: 'heads-up', at: '2027-02-25T09:00:00.000Z', passed: true },
      { kind: 'proposal-deadline', at: '2027-03-04T09:00:00.000Z', passed: false },
      { kind: 'detailed-agenda', at: '2027-03-18T09:00:00.000Z', passed: false },
    ]);
    await store.close();
  });
});

describe('RoleResolver', () => {
  test('bootstrap ids, secretariat membership, chair/member per group, organisation roles, ended terms', async () => {
    const { people, clock, store } = await setup();
    await seedPerson(
      people,
      {
        id: 'p-chair',
        name: 'C',
        organisation: { kind: 'municipality', name: 'Aarhus', municipalityCode: '751' },
      },
      [
        { groupId: 'steering', role: 'chair', termStart: '2026-01-01' },
        { groupId: 'ref-drift', role: 'member', termStart: '2020-01-01', endedOn: '2026-12-31' },
      ],
    );
    await seedPerson(people, { id: 'p-kl', name: 'K', organisation: { kind: 'KL', name: 'KL' } }, [
      { groupId: 'ref-drift', role: 'member', termStart: '2026-01-01' },
    ]);
    await seedPerson(people, { id: 'p-sec', name: 'S', organisation: { kind: 'KOMBIT', name: 'KOMBIT' } }, [
      { groupId: 'secretariat', role: 'member', termStart: '2026-01-01' },
    ]);

    const roles = new RoleResolver(
      people,
      clock,
      parseIdList(' Boot-1 , ,boot-2'),
      'Europe/Copenhagen',
      governanceRoles(loadGovernance()),
    );
    expect(await roles.rolesOf('p-chair', 'steering')).toEqual(['chair', 'member']);
    expect(await roles.rolesOf('p-chair', 'ref-drift')).toEqual([]); // term ended
    expect(await roles.rolesOf('p-kl', 'ref-drift')).toEqual(['member', 'representative']);
    expect(await roles.rolesOf('p-kl', 'steering')).toEqual(['representative']);
    expect(await roles.rolesOf('p-sec')).toEqual([...ADMINISTRATION, 'representative']);
    expect(await roles.rolesOf('boot-1')).toEqual(ADMINISTRATION);
    expect(await roles.rolesOf('unknown')).toEqual([]);
    expect(await roles.rolesOf(undefined)).toEqual([]);
    await store.close();
  });
});

describe('syncPermanentGroups', () => {
  test('creates every configured body once, renames on change, keeps the rest', async () => {
    const { groups, clock, store } = await setup(); // already synced once
    const governance = loadGovernance();
    expect((await groups.listGroups()).map((g) => g.id).sort()).toEqual(
      governance.bodies.map((b) => b.id).sort(),
    );
    expect(await syncPermanentGroups(governance, groups, clock)).toBe(0);
    const renamed = {
      ...governance,
      bodies: governance.bodies.map((b) =>
        b.id === 'steering' ? { ...b, name: { da: 'Styregruppen', en: 'Steering' } } : b,
      ),
    };
    clock.advance(1000);
    expect(await syncPermanentGroups(renamed, groups, clock)).toBe(1);
    expect(await groups.getGroup('steering')).toMatchObject({
      name: { da: 'Styregruppen' },
      createdAt: '2027-02-01T10:00:00.000Z',
    });
    await store.close();
  });
});
