/**
 * The triage catch-up source: which owed triage cards become moments, when, and under which key.
 */
import { triageCatchUpMomentSource, type PendingTriageCard } from '../../src/features/agenda/triage-moments';

const MINUTE = 60_000;

function pending(proposalId: string, submittedAt: string): PendingTriageCard {
  return {
    groupId: 'steering',
    proposalId,
    ledgerKey: `triage:steering:${proposalId}`,
    submittedAt,
    title: `Forslag ${proposalId}`,
  };
}

describe('triageCatchUpMomentSource', () => {
  const now = new Date('2027-01-10T09:00:00.000Z');
  const posted: string[] = [];
  const source = triageCatchUpMomentSource({
    triage: {
      listAwaitingTriageCard: async () => [
        pending('fresh', new Date(now.getTime() - 30_000).toISOString()),
        pending('owed', new Date(now.getTime() - 5 * MINUTE).toISOString()),
        pending('ancient', '2026-01-01T00:00:00.000Z'),
      ],
      postTriageCard: async (_groupId, proposalId) => {
        posted.push(proposalId);
      },
    },
  });

  it('leaves fresh proposals to the request path and keeps very old owed cards in the window', async () => {
    const from = new Date(now.getTime() - 21 * 24 * 60 * MINUTE);
    const moments = await source.moments({ from, to: now });
    expect(moments.map((m) => m.key)).toEqual(['triage:steering:owed', 'triage:steering:ancient']);
    expect(moments[0]!.dueAt).toEqual(new Date(now.getTime() - 4 * MINUTE));
    // Older than the catch-up horizon: still owed, so due at the window's start, not dropped.
    expect(moments[1]!.dueAt).toEqual(from);
    expect(moments.every((m) => m.expiresAt === undefined)).toBe(true);

    await moments[0]!.perform({ now, dueAt: moments[0]!.dueAt, late: false, attempt: 1 });
    expect(posted).toEqual(['owed']);
  });
});
