/**
 * Re-appointment from the term-ending reminder: the card the secretariat gets carries a button for a
 * further term from the day the current one ends; pressing it appoints within the rules (the new end
 * is the rule's latest) or says why not and from when; and from its end day the old term no longer
 * counts.
 */
import type { CardActionContext, CardActionResult } from '../../src/platform/teams/feature';
import { membersFeature } from '../../src/features/members';
import { MEMBER_VERBS } from '../../src/features/members/member-cards';
import { termEndingMomentSource } from '../../src/features/members/membership-moments';
import { translatorFor } from '../../src/platform/i18n';
import { fki } from '../domain/governance-fixture';
import { CapturingMessenger } from './hearings-fixture';
import { membersAppServices, membersHarnessPerTest } from './members-support';

const h = membersHarnessPerTest();

async function appoint(personId: string, termStart: string, plannedEnd: string): Promise<void> {
  const result = await h.service.appoint(
    {
      personId,
      name: `Person ${personId}`,
      organisation: { kind: 'municipality', municipalityCode: '101' },
      groupId: 'steering',
      role: 'member',
      termStart,
      plannedEnd,
    },
    'sec',
  );
  if (!result.ok) throw new Error(JSON.stringify(result.refusal));
}

/** The reminder card the due-scan posts to the secretariat for the member's ending term. */
async function reminderCard(): Promise<{ actions?: Array<{ verb: string; data: Record<string, unknown> }> }> {
  const messenger = new CapturingMessenger();
  const source = termEndingMomentSource({
    governance: fki,
    memberships: h.service,
    groups: h.groups,
    messenger,
  });
  const moments = await source.moments({
    from: new Date('2025-01-01T00:00:00Z'),
    to: new Date('2027-01-01T00:00:00Z'),
  });
  expect(moments).toHaveLength(1);
  await moments[0]!.perform({ now: moments[0]!.dueAt, dueAt: moments[0]!.dueAt, late: false, attempt: 1 });
  return messenger.posts[0]!.message.card as never;
}

async function press(data: Record<string, unknown>): Promise<CardActionResult> {
  const spec = membersFeature.cardActions!.find((action) => action.verb === MEMBER_VERBS.reappoint)!;
  return spec.handle({
    locale: 'da',
    t: translatorFor('da'),
    actor: { aadObjectId: 'sec-1', channelAccountId: '29:sec', roles: ['administer'] },
    conversation: { kind: 'channel', conversationId: 'c', channelId: 'ch-sec', teamId: 't' },
    services: membersAppServices(h),
    commands: [],
    features: [],
    reply: async () => undefined,
    verb: MEMBER_VERBS.reappoint,
    data,
  } as CardActionContext);
}

describe('re-appointment from the term-ending reminder', () => {
  it('the reminder carries the button for a further term from the end day', async () => {
    await appoint('p-2', '2024-03-01', '2026-03-01');
    const card = await reminderCard();
    expect(card.actions).toEqual([
      expect.objectContaining({
        verb: MEMBER_VERBS.reappoint,
        data: {
          verb: MEMBER_VERBS.reappoint,
          groupId: 'steering',
          personId: 'p-2',
          role: 'member',
          termStart: '2026-03-01',
        },
      }),
    ]);
  });

  it("appoints a further term within the rule, ending at the rule's latest end", async () => {
    await appoint('p-2', '2024-03-01', '2026-03-01');
    const card = await reminderCard();
    const result = await press(card.actions![0]!.data);
    expect(result.kind).toBe('card');
    const terms = (await h.people.membershipsOf('p-2')).map((m) => [m.termStart, m.plannedEnd]);
    // Five years in a row from 2024-03-01: the further term may run until 2029-03-01.
    expect(terms).toEqual([
      ['2024-03-01', '2026-03-01'],
      ['2026-03-01', '2029-03-01'],
    ]);
  });

  it('refuses a further term past five years in a row, saying from when it is possible', async () => {
    await appoint('p-5', '2021-03-01', '2026-03-01');
    const card = await reminderCard();
    const result = await press(card.actions![0]!.data);
    expect(JSON.stringify(result)).toContain('1. marts 2027');
    expect(await h.people.membershipsOf('p-5')).toHaveLength(1);
  });
});
