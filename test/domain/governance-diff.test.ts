/**
 * The pure rules of a governance change (issue 23.3): what contradicts the stored state and what
 * merely changes. The sentences on the real files are in test/governance/governance-cli.test.ts.
 */
import { governanceContradictions, type GovernanceSnapshot } from '../../src/domain/governance-check';
import { diffGovernance, refusesStart } from '../../src/domain/governance-diff';
import type { Governance } from '../../src/domain/governance';
import { fki } from './governance-fixture';

const withoutDrift: Governance = { ...fki, bodies: fki.bodies.filter((body) => body.id !== 'ref-drift') };
const drift = { id: 'ref-drift', kind: 'reference' as const, name: { da: 'Drift', en: 'Operations' } };

function snapshot(overrides: Partial<GovernanceSnapshot> = {}): GovernanceSnapshot {
  return {
    today: '2027-01-11',
    groups: [{ ...drift, status: 'active' }],
    upcomingMeetings: [],
    memberships: [],
    ...overrides,
  };
}

describe('governance contradictions', () => {
  it('lets a body go that has no active members and no meetings to come', () => {
    const ended = {
      personId: 'p1',
      groupId: 'ref-drift',
      role: 'member' as const,
      termStart: '2024-01-01',
      endedOn: '2026-06-01',
    };
    const state = snapshot({ memberships: [ended] });
    expect(governanceContradictions(withoutDrift, state)).toEqual([]);
    expect(diffGovernance(fki, withoutDrift, state)).toEqual([
      { kind: 'body-removed', groupId: 'ref-drift', groupName: fki.bodies[3]!.name },
    ]);
  });

  it('refuses removing a body with a meeting to come, and orphaning an active working group only', () => {
    const state = snapshot({
      upcomingMeetings: [{ groupId: 'ref-drift', startsAt: '2027-03-01T09:00:00.000Z' }],
      groups: [
        { ...drift, status: 'active' },
        {
          id: 'wg-a',
          kind: 'working',
          name: { da: 'A', en: 'A' },
          status: 'active',
          parentGroupId: 'ref-drift',
        },
        {
          id: 'wg-b',
          kind: 'working',
          name: { da: 'B', en: 'B' },
          status: 'dissolved',
          parentGroupId: 'ref-drift',
        },
      ],
    });
    const changes = diffGovernance(fki, withoutDrift, state);
    expect(changes.filter(refusesStart)).toEqual([
      expect.objectContaining({ kind: 'body-removed-in-use', activeMembers: 0, upcomingMeetings: 1 }),
      expect.objectContaining({ kind: 'working-group-parent-removed', groupId: 'wg-a' }),
    ]);
    // Removed in use: listed as a contradiction, not again as a plain removal.
    expect(changes.some((change) => change.kind === 'body-removed')).toBe(false);
  });

  it('refuses an organisation that active members sit for, and not one only former members did', () => {
    const sitting = (personId: string, endedOn?: string) => ({
      personId,
      groupId: 'steering',
      role: 'member' as const,
      termStart: '2025-01-01',
      ...(endedOn ? { endedOn } : {}),
      organisation: { kind: 'NOT-LISTED', name: 'Ukendt' },
    });
    expect(governanceContradictions(fki, snapshot({ memberships: [sitting('p1'), sitting('p2')] }))).toEqual([
      { kind: 'organisation-removed', organisationId: 'NOT-LISTED', activeMembers: 2 },
    ]);
    expect(governanceContradictions(fki, snapshot({ memberships: [sitting('p1', '2026-01-01')] }))).toEqual(
      [],
    );
  });
});
