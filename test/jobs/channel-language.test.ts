/**
 * What the due-scan posts in a body's channel is in that body's language (issue 26.5): with an
 * English reference group (and secretariat) in the governance file, their reminders are English
 * while the steering group's and the other reference groups' stay Danish, the file's default.
 */
import type { Governance } from '../../src/domain/governance';
import type { Group, Membership, Person } from '../../src/domain/model';
import { createScheduler, membershipSourceFrom } from '../../src/app/scheduler';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { MeetingList, RecordingMessenger, governance, meeting, permanentGroups } from './support';

const ENGLISH = new Set(['ref-arkitektur', 'secretariat']);
const mixed: Governance = {
  ...governance,
  bodies: governance.bodies.map((body) => (ENGLISH.has(body.id) ? { ...body, language: 'en' } : body)),
};

let store: SqliteStore;
beforeEach(() => {
  store = SqliteStore.inMemory();
});
afterEach(async () => store.close());

function scheduler(messenger: RecordingMessenger, extra: { groups?: Group[]; meetings?: MeetingList } = {}) {
  const groups = extra.groups ?? permanentGroups();
  const people: Record<string, Person> = {
    p1: {
      id: 'p1',
      name: 'Anne Jensen',
      organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
    },
  };
  const memberships: Membership[] = [
    {
      personId: 'p1',
      groupId: 'steering',
      role: 'member',
      termStart: '2022-09-01',
      plannedEnd: '2027-08-31',
    },
  ];
  return createScheduler({
    store,
    governance: mixed,
    messenger,
    groups: { listGroups: async () => groups },
    meetings: extra.meetings ?? new MeetingList(),
    memberships: membershipSourceFrom(
      { listGroups: async () => groups },
      {
        membersOf: async (groupId) => memberships.filter((m) => m.groupId === groupId),
        getPerson: async (id) => people[id],
      },
    ),
    instanceId: 'one',
  });
}

const textOf = (messenger: RecordingMessenger, groupId: string) =>
  messenger.posts.filter((post) => post.groupId === groupId).map((post) => messenger.text(post));

it("posts a steering meeting's reminders in each channel's own language", async () => {
  const messenger = new RecordingMessenger();
  const meetings = new MeetingList([meeting('m-apr', 'steering', '2027-04-01T08:00:00.000Z')]);
  // The 4-week deadline (10:00 CET = 09:00Z): the steering card and each reference group's.
  await scheduler(messenger, { meetings }).runScan(new Date('2027-03-04T09:00:00.000Z'));
  const [english] = textOf(messenger, 'ref-arkitektur');
  const [danish] = textOf(messenger, 'ref-drift');
  expect(english).toContain('Thursday 1 April 2027');
  expect(english).not.toContain('april 2027 kl.');
  expect(danish).toContain('torsdag 1. april 2027');
  for (const steering of textOf(messenger, 'steering')) expect(steering).toContain('1. april 2027');
});

it("warns of a working group's end in the working group's language and in its English parent's", async () => {
  const messenger = new RecordingMessenger();
  const workingGroup: Group = {
    id: 'wg-cloud',
    kind: 'working',
    name: { da: 'Arbejdsgruppe Cloud', en: 'Working group Cloud' },
    parentGroupId: 'ref-arkitektur',
    status: 'active',
    plannedEnd: '2027-06-30',
    createdAt: '2027-01-01T00:00:00.000Z',
  };
  await scheduler(messenger, { groups: [...permanentGroups(), workingGroup] }).runScan(
    new Date('2027-05-31T07:00:00Z'),
  );
  expect(textOf(messenger, 'ref-arkitektur')[0]).toContain('Working group Cloud ends on 30 June 2027');
  expect(textOf(messenger, 'wg-cloud')[0]).toContain('Arbejdsgruppe Cloud');
  expect(textOf(messenger, 'wg-cloud')[0]).toContain('30. juni 2027');
});

it('warns the English secretariat of an ending term in English', async () => {
  const messenger = new RecordingMessenger();
  await scheduler(messenger).runScan(new Date('2027-06-02T07:00:00Z'));
  const [warning] = textOf(messenger, 'secretariat');
  expect(warning).toContain('31 August 2027');
  expect(warning).not.toContain('31. august 2027');
});
