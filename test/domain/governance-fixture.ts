import { loadGovernance } from '../../src/platform/governance/governance-loader';
import type { Governance } from '../../src/domain/governance';
import type { Meeting } from '../../src/domain/model';

/** The bundled FKI default, parsed once per test file. */
export const fki: Governance = loadGovernance();

export function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm1',
    groupId: 'steering',
    startsAt: '2027-04-01T08:00:00.000Z', // 10:00 Copenhagen (CEST)
    durationMinutes: 240,
    status: 'scheduled',
    ...overrides,
  };
}
