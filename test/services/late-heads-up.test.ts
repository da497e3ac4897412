/**
 * Honest late reminders (issue 25.11): after downtime the week's heads-up for the proposal deadline
 * went out 3.5 hours before the deadline titled "Frist for dagsordenspunkter om 7 dage". Its title
 * now states the time really left when it is sent late (rounded down: never more than is left), and
 * keeps the planned days when it is sent on time. Driven through the meetings' moment source, as the
 * scheduler performs it.
 */
import { meetingMomentSource } from '../../src/features/meetings/meeting-moments';
import type { Group, Locale, Meeting } from '../../src/domain/model';
import type { OutboundMessage } from '../../src/domain/ports';
import type { ScheduledMoment } from '../../src/platform/scheduler/types';
import { baseGovernance } from './hearings-fixture';

const HOUR = 60 * 60_000;
// ref-forretning meets Wed 24 March 2027 13:00 CET; the proposal deadline is 24 Feb 13:00 CET (12:00Z),
// its heads-up a week before, 17 Feb 12:00Z.
const MEETING: Meeting = {
  id: 'm-mar',
  groupId: 'ref-forretning',
  startsAt: '2027-03-24T12:00:00.000Z',
  durationMinutes: 240,
  status: 'scheduled',
};
const DEADLINE = Date.parse('2027-02-24T12:00:00.000Z');
const GROUP: Group = {
  id: 'ref-forretning',
  kind: 'reference',
  name: { da: 'Referencegruppe Forretning', en: 'Reference group Business' },
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
};

async function headsUpSentAt(now: Date, locale: Locale = 'da'): Promise<{ title: string; text: string }> {
  const posts: OutboundMessage[] = [];
  const source = meetingMomentSource({
    governance: baseGovernance,
    meetings: { listUpcoming: async () => [MEETING] },
    groups: { listGroups: async () => [GROUP] },
    messenger: {
      postToGroup: async (_groupId, message) => {
        posts.push(message);
        return { activityId: `a-${posts.length}` };
      },
      updateInGroup: async () => undefined,
    },
    locale,
  });
  const window = { from: new Date('2027-02-01T00:00:00.000Z'), to: new Date('2027-03-01T00:00:00.000Z') };
  const moment = (await source.moments(window)).find((m: ScheduledMoment) => m.kind === 'heads-up')!;
  expect(moment.dueAt.toISOString()).toBe('2027-02-17T12:00:00.000Z');
  const late = now.getTime() - moment.dueAt.getTime() > 15 * 60_000;
  await moment.perform({ now, dueAt: moment.dueAt, late, attempt: 1 });
  const card = posts[0]!.card as { body: Array<{ text: string }> };
  return { title: card.body[0]!.text, text: JSON.stringify(card) };
}

describe('the heads-up before the proposal deadline', () => {
  it('on time: the planned week', async () => {
    const { title, text } = await headsUpSentAt(new Date('2027-02-17T12:00:30.000Z'));
    expect(title).toBe('Frist for dagsordenspunkter om 7 dage');
    expect(text).not.toContain('Sendt for sent');
  });

  it('3.5 hours before the deadline after downtime: "om 3 timer", with the late line', async () => {
    const { title, text } = await headsUpSentAt(new Date(DEADLINE - 3.5 * HOUR));
    expect(title).toBe('Frist for dagsordenspunkter om 3 timer');
    expect(text).toContain('Sendt for sent: skulle have været sendt onsdag 17. februar 2027 kl. 13.00.');
  });

  it.each([
    [25 * HOUR, 'om 1 dag'],
    [2 * 24 * HOUR + 23 * HOUR, 'om 2 dage'],
    [HOUR + 59 * 60_000, 'om 1 time'],
    [59 * 60_000, 'om under en time'],
  ])('%i ms before the deadline, sent late: "%s" (rounded down)', async (left, expected) => {
    const { title } = await headsUpSentAt(new Date(DEADLINE - left));
    expect(title).toBe(`Frist for dagsordenspunkter ${expected}`);
  });

  it('in English too', async () => {
    expect((await headsUpSentAt(new Date(DEADLINE - 3.5 * HOUR), 'en')).title).toBe(
      'Agenda proposals due in 3 hours',
    );
    expect((await headsUpSentAt(new Date('2027-02-17T12:00:00.000Z'), 'en')).title).toBe(
      'Agenda proposals due in 7 days',
    );
  });
});
