/**
 * The member history over time: a term whose planned end has passed says "udløbet" (term ended),
 * one ended by the secretariat "fratrådt" (left), one not begun "ikke startet endnu"; the day
 * before, of and after the end, on today's Copenhagen date.
 */
import type { Locale } from '../../src/domain/model';
import { membershipStatus } from '../../src/features/members/domain/membership-status';
import { membersFeature } from '../../src/features/members/members-feature';
import { assertValidCard } from '../../src/platform/cards/validate';
import { translatorFor } from '../../src/platform/i18n';
import type { CommandContext, Reply } from '../../src/platform/teams/feature';
import { membersAppServices, membersHarnessPerTest, municipal } from './members-support';

describe('membershipStatus at the end of a term (the end day is not served)', () => {
  const term = { termStart: '2024-03-01', plannedEnd: '2027-03-01' };

  it('the day before the planned end: ongoing, with its planned end', () => {
    expect(membershipStatus(term, '2027-02-28')).toEqual({
      kind: 'ongoing',
      end: '2027-03-01',
      endedByLeaving: false,
    });
  });

  it('the planned end day and after: the term ended on it', () => {
    expect(membershipStatus(term, '2027-03-01')).toEqual({ kind: 'expired', on: '2027-03-01' });
    expect(membershipStatus(term, '2027-03-02')).toEqual({ kind: 'expired', on: '2027-03-01' });
  });

  it('ended by the secretariat: leaving until the day, left from it (before the planned end)', () => {
    const ended = { ...term, endedOn: '2026-06-01' };
    expect(membershipStatus(ended, '2026-05-31')).toEqual({
      kind: 'ongoing',
      end: '2026-06-01',
      endedByLeaving: true,
    });
    expect(membershipStatus(ended, '2026-06-01')).toEqual({ kind: 'left', on: '2026-06-01' });
  });

  it('not started before its first day, ongoing on it; no planned end runs on', () => {
    expect(membershipStatus(term, '2024-02-29')).toEqual({ kind: 'upcoming', end: '2027-03-01' });
    expect(membershipStatus(term, '2024-03-01').kind).toBe('ongoing');
    expect(membershipStatus({ termStart: '2024-03-01' }, '2099-01-01')).toEqual({
      kind: 'ongoing',
      endedByLeaving: false,
    });
  });
});

describe('the medlemshistorik card', () => {
  const h = membersHarnessPerTest(); // 2026-01-15 09:00Z

  async function history(locale: Locale): Promise<string> {
    const spec = membersFeature.commands!.find((c) => c.id === 'member-history')!;
    const group = (await h.groups.getGroup('steering'))!;
    const replies: Reply[] = [];
    await spec.handle({
      locale,
      t: translatorFor(locale),
      actor: { aadObjectId: 'm', channelAccountId: '29:m', roles: ['member'] },
      conversation: { kind: 'channel', conversationId: 'c', channelId: 'ch', teamId: 't' },
      boundGroup: {
        group,
        binding: { groupId: 'steering', teamId: 't', channelId: 'ch', boundBy: 'x', boundAt: '' },
      },
      services: membersAppServices(h),
      commands: [],
      features: [],
      reply: async (message: Reply) => {
        replies.push(message);
      },
      commandName: 'medlemshistorik',
      args: '',
    } as unknown as CommandContext);
    const reply = replies[0]!;
    if (typeof reply === 'string' || !reply.card) throw new Error('no card');
    assertValidCard(reply.card);
    return JSON.stringify(reply.card);
  }

  async function seed() {
    const ends = municipal({ name: 'Erik', termStart: '2025-01-01', plannedEnd: '2026-03-01' });
    const leaves = municipal({ name: 'Lise', termStart: '2025-01-01' });
    const later = municipal({ name: 'Nina', termStart: '2026-02-01', plannedEnd: '2031-02-01' });
    for (const input of [ends, leaves, later]) expect((await h.service.appoint(input, 'sec')).ok).toBe(true);
    expect((await h.service.endMembership('steering', leaves.personId, '2026-02-10', 'sec')).ok).toBe(true);
  }

  it('the day before the end (Copenhagen date): ongoing with the planned end, leaving, not started', async () => {
    await seed();
    // 22:30Z on 28 February is 23:30 in Copenhagen: still the day before.
    h.clock.set('2026-02-28T22:30:00.000Z');
    const card = await history('da');
    expect(card).toContain('medlem fra 1. januar 2025: i gang, perioden slutter 1. marts 2026');
    expect(card).toContain('medlem fra 1. januar 2025: fratrådt 10. februar 2026');
    expect(card).toContain('medlem fra 1. februar 2026: i gang, perioden slutter 1. februar 2031');
    expect(card).not.toContain('udløbet');
  });

  it('the end day (Copenhagen) and after: the term ended, never "ongoing"', async () => {
    await seed();
    h.clock.set('2026-02-28T23:30:00.000Z'); // 00:30 on 1 March in Copenhagen
    const onTheDay = await history('da');
    expect(onTheDay).toContain('medlem fra 1. januar 2025: udløbet 1. marts 2026');
    expect(onTheDay).not.toContain('perioden slutter 1. marts 2026');
    h.clock.set('2026-03-02T12:00:00.000Z');
    const english = await history('en');
    expect(english).toContain('member from 1 January 2025: term ended 1 March 2026');
    expect(english).toContain('member from 1 January 2025: left 10 February 2026');
  });

  it('before the start: not started yet, and the one leaving says so', async () => {
    await seed(); // today 2026-01-15
    const card = await history('da');
    expect(card).toContain(
      'medlem fra 1. februar 2026: ikke startet endnu, perioden slutter 1. februar 2031',
    );
    expect(card).toContain('medlem fra 1. januar 2025: i gang, fratræder 10. februar 2026');
  });
});
