/**
 * The scan's meeting read (MeetingRepository.listScheduledBetween): one pass that checks the window
 * before parsing each document. Boundaries are inclusive, the order is by start, cancelled meetings
 * and meetings outside the window are left out, and a corrupt document in the window still fails.
 */
import { MeetingRepository } from '../../src/features/meetings/meetings-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

const token = 'access-token-0123456789';

describe('listScheduledBetween', () => {
  it('returns the scheduled meetings in [from, to] in start order, none outside', async () => {
    const store = SqliteStore.inMemory();
    try {
      const meetings = new MeetingRepository(store);
      const make = (
        id: string,
        groupId: string,
        startsAt: string,
        status: 'scheduled' | 'cancelled' = 'scheduled',
      ) => meetings.create({ id, groupId, startsAt, durationMinutes: 120, status, accessToken: token });
      await make('late', 'g1', '2027-03-10T09:00:00.000Z');
      await make('edge-from', 'g2', '2027-03-01T00:00:00.000Z');
      await make('edge-to', 'g1', '2027-03-31T00:00:00.000Z');
      await make('before', 'g2', '2027-02-28T23:59:59.999Z');
      await make('after', 'g1', '2027-03-31T00:00:00.001Z');
      await make('cancelled', 'g2', '2027-03-15T09:00:00.000Z', 'cancelled');
      await make('early', 'g3', '2027-03-02T09:00:00.000Z');

      const listed = await meetings.listScheduledBetween(
        new Date('2027-03-01T00:00:00.000Z'),
        new Date('2027-03-31T00:00:00.000Z'),
      );
      expect(listed.map((meeting) => meeting.id)).toEqual(['edge-from', 'early', 'late', 'edge-to']);
      expect(listed[0]).toEqual({
        id: 'edge-from',
        groupId: 'g2',
        startsAt: '2027-03-01T00:00:00.000Z',
        durationMinutes: 120,
        status: 'scheduled',
      });
    } finally {
      await store.close();
    }
  });

  it('finds a meeting stored with a UTC offset at the edge of the window, on the index range', async () => {
    const store = SqliteStore.inMemory();
    try {
      const meetings = new MeetingRepository(store);
      const make = (id: string, startsAt: string) =>
        meetings.create({
          id,
          groupId: 'g1',
          startsAt,
          durationMinutes: 120,
          status: 'scheduled',
          accessToken: token,
        });
      // 00:30 Copenhagen time on 1 March is 23:30 UTC the day before: outside; its text sorts inside.
      await make('offset-before', '2027-03-01T00:30:00+01:00');
      // 13:00 +14:00 on 1 April is 23:00 UTC on 31 March: inside, though its text sorts after the end.
      await make('offset-inside', '2027-04-01T13:00:00+14:00');
      await make('far', '2027-09-01T09:00:00.000Z');
      const listed = await meetings.listScheduledBetween(
        new Date('2027-03-01T00:00:00.000Z'),
        new Date('2027-03-31T23:59:59.999Z'),
      );
      expect(listed.map((meeting) => meeting.id)).toEqual(['offset-inside']);
    } finally {
      await store.close();
    }
  });

  it('still refuses a corrupt meeting document inside the window', async () => {
    const store = SqliteStore.inMemory();
    try {
      await store.collection('groups').create({
        id: 'meeting:bad',
        pk: 'g1',
        type: 'meeting',
        groupId: 'g1',
        startsAt: '2027-03-10T09:00:00.000Z',
        status: 'scheduled',
      });
      await expect(
        new MeetingRepository(store).listScheduledBetween(
          new Date('2027-03-01T00:00:00.000Z'),
          new Date('2027-03-31T00:00:00.000Z'),
        ),
      ).rejects.toThrow(/invalid document/);
    } finally {
      await store.close();
    }
  });
});
