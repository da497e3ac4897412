/**
 * Who does what comes from the governance file (issue 23.1): the `roles` map, else the kinds'
 * defaults; the person roles follow the memberships of the body holding them; values written by
 * the first version (steering, secretariat) read as today's names.
 */
import path from 'node:path';
import { ManualClock } from '../../src/domain/clock';
import { decidingBody, governanceRoles } from '../../src/domain/governance';
import type { Membership, Person } from '../../src/domain/model';
import type { MemberRegister } from '../../src/domain/ports';
import { RoleResolver } from '../../src/domain/roles';
import { loadGovernance, parseGovernance } from '../../src/platform/governance/governance-loader';
import { groupSchema, membershipSchema } from '../../src/platform/storage/schemas';

const ROOT = path.resolve(__dirname, '..', '..');
const ikt = loadGovernance(path.join(ROOT, 'config', 'ikt-samarbeid-governance.yaml'));
const fki = loadGovernance(path.join(ROOT, 'config', 'fki-governance.yaml'));

function register(memberships: Membership[]): MemberRegister {
  const person = (id: string): Person => ({
    id,
    name: id,
    organisation: { kind: 'municipality', name: 'X' },
  });
  return {
    personWithMemberships: async (id: string) => ({
      person: person(id),
      memberships: memberships.filter((m) => m.personId === id),
    }),
  } as unknown as MemberRegister;
}

const since = (personId: string, groupId: string, role: Membership['role'] = 'member'): Membership => ({
  personId,
  groupId,
  role,
  termStart: '2026-01-01',
});

describe('the roles of a governance file', () => {
  it('the Norwegian file: the board decides, the secretariat holds every person role, the manager is management', () => {
    expect(governanceRoles(ikt)).toEqual({
      decide: 'styret',
      administer: 'sekretariatet',
      triage: 'sekretariatet',
      hearings: 'sekretariatet',
      workingGroups: 'sekretariatet',
      management: 'daglig-leder',
    });
    expect(decidingBody(ikt).id).toBe('styret');
  });

  it('the FKI file names the same roles by its kinds alone', () => {
    expect(governanceRoles(fki)).toMatchObject({ decide: 'steering', administer: 'secretariat' });
    expect(governanceRoles(fki).management).toBe('management');
  });

  it('a role given to another body moves its rights there, and only those', async () => {
    const split = parseGovernance(
      {
        ...structuredClone(ikt),
        roles: { decide: 'styret', administer: 'sekretariatet', triage: 'fagutvalg-drift' },
      },
      'split.yaml',
    );
    const resolver = new RoleResolver(
      register([since('drift-1', 'fagutvalg-drift'), since('sek-1', 'sekretariatet', 'staff')]),
      new ManualClock('2027-03-01T10:00:00Z'),
      [],
      split.timeZone,
      governanceRoles(split),
    );
    expect(await resolver.rolesOf('drift-1', 'fagutvalg-drift')).toEqual(['triage', 'member']);
    expect(await resolver.rolesOf('sek-1', 'styret')).toEqual(['administer', 'hearings', 'workingGroups']);
  });

  it('refuses a role naming a body the file does not have, and a file without a deciding body', () => {
    const refused = (input: object) => {
      try {
        parseGovernance(input, 'x.yaml');
      } catch (error) {
        return (error as { problems: string[] }).problems;
      }
      throw new Error('parsed');
    };
    expect(refused({ ...structuredClone(ikt), roles: { triage: 'styre' } })).toEqual([
      expect.stringMatching(
        /^x\.yaml: roles\.triage: expected a body id \(one of styret, .*\), got "styre"$/,
      ),
    ]);
    const noBoard = structuredClone(ikt) as { bodies: Array<{ kind: string }>; roles?: unknown };
    delete noBoard.roles;
    noBoard.bodies[0]!.kind = 'reference';
    expect(refused(noBoard)).toEqual([
      expect.stringMatching(/^x\.yaml: roles\.decide: expected the deciding body/),
    ]);
  });
});

describe('names written by the first version', () => {
  it('a governance file saying steering and secretariat reads as board and administration', () => {
    const old = structuredClone(fki) as unknown as { bodies: Array<{ id: string; kind: string }> };
    for (const body of old.bodies) {
      if (body.kind === 'board') body.kind = 'steering';
      if (body.kind === 'administration') body.kind = 'secretariat';
    }
    const parsed = parseGovernance(old, 'old.yaml');
    expect(parsed.bodies.map((body) => body.kind)).toEqual(fki.bodies.map((body) => body.kind));
    expect(governanceRoles(parsed)).toEqual(governanceRoles(fki));
  });

  it('stored groups and memberships read with the new kind and role', () => {
    const group = { id: 'steering', name: { da: 'K' }, status: 'active', createdAt: '2026-01-01T00:00:00Z' };
    expect(groupSchema.parse({ ...group, kind: 'steering' }).kind).toBe('board');
    expect(groupSchema.parse({ ...group, kind: 'secretariat' }).kind).toBe('administration');
    expect(groupSchema.safeParse({ ...group, kind: 'council' }).success).toBe(false);
    const membership = { personId: 'p', groupId: 'secretariat', termStart: '2026-01-01' };
    expect(membershipSchema.parse({ ...membership, role: 'secretariat' }).role).toBe('staff');
    expect(membershipSchema.parse({ ...membership, role: 'chair' }).role).toBe('chair');
  });
});
