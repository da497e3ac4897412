/** A MembersService on an in-memory SQLite store with the FKI governance and a small municipality register. */
import { ManualClock } from '../../src/domain/clock';
import type { AppServices } from '../../src/app/app-services';
import { syncPermanentGroups } from '../../src/features/binding/group-sync';
import { MembersService, type AppointInput } from '../../src/features/members/members-service';
import { MunicipalityService } from '../../src/features/municipalities/municipalities-service';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { MunicipalityRepository } from '../../src/features/municipalities/municipalities-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { PeopleFinder } from '../../src/features/members/member-form-people';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import type { Governance } from '../../src/domain/governance';
import { fki } from '../domain/governance-fixture';

export const MUNICIPALITY_CSV = [
  'code,name,citizens,k98Group',
  '101,København,660000,Hovedstadskommuner',
  '147,Frederiksberg,104000,Hovedstadskommuner',
  '751,Aarhus,367000,Storbykommuner',
  '851,Aalborg,222000,Storbykommuner',
  '461,Odense,207000,Storbykommuner',
  '621,Kolding,95000,Provinsbykommuner',
  '630,Vejle,120000,Provinsbykommuner',
  '217,Helsingør,63000,Oplandskommuner',
  '183,Ishøj,23000,Oplandskommuner',
  '825,Læsø,1800,Landkommuner',
  '860,Hjørring,64000,Landkommuner',
  '400,Bornholm,39000,Landkommuner',
].join('\n');

/** `governance`: another governance than the FKI default (e.g. other organisations, issue 23.1). */
export async function membersHarness(now = '2026-01-15T09:00:00.000Z', governance: Governance = fki) {
  const store = SqliteStore.inMemory();
  const clock = new ManualClock(now);
  const groups = new GroupRepository(store);
  await syncPermanentGroups(governance, groups, clock);
  const people = new PeopleRepository(store);
  const audit = new AuditRepository(store);
  const municipalities = new MunicipalityService(new MunicipalityRepository(store), audit, clock);
  const imported = await municipalities.importCsv(MUNICIPALITY_CSV, { dryRun: false, actorId: 'setup' });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const service = new MembersService({ people, groups, audit, municipalities, governance, clock });
  return { store, clock, groups, people, audit, municipalities, service, close: () => store.close() };
}

export type MembersHarness = Awaited<ReturnType<typeof membersHarness>>;

/** The bot's services for the members feature, from the harness (plus any extra service a test needs). */
export function membersAppServices(
  h: MembersHarness,
  extra: Partial<Record<keyof AppServices, unknown>> = {},
) {
  return {
    clock: h.clock,
    governance: fki,
    groups: h.groups,
    members: h.people,
    audit: h.audit,
    memberService: h.service,
    peopleSearch: new PeopleFinder({ members: h.service, people: h.people }),
    municipalities: h.municipalities,
    ...extra,
  } as unknown as AppServices;
}

/**
 * A fresh harness for every test of the calling file: made before each test, closed after it. The
 * returned object stays the same for the whole file; its fields are the current test's.
 */
export function membersHarnessPerTest(): MembersHarness {
  const current = {} as MembersHarness;
  beforeEach(async () => {
    Object.assign(current, await membersHarness());
  });
  afterEach(async () => {
    await current.close();
  });
  return current;
}

let counter = 0;
/** A municipal member appointment with sensible defaults. */
export function municipal(overrides: Partial<AppointInput> = {}, code = '101'): AppointInput {
  counter += 1;
  return {
    personId: `p${counter}`,
    name: `Person ${counter}`,
    organisation: { kind: 'municipality', municipalityCode: code },
    groupId: 'steering',
    role: 'member',
    termStart: '2026-01-01',
    ...overrides,
  };
}
