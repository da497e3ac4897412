/**
 * The owner's reminder before a follow-up action's due date, through the app's scheduler (the
 * source registered in src/app/scheduler.ts, reading the store) and the real ledger: due at 09:00
 * Copenhagen time `actionReminderDays` before, sent once to the owner personally (`person:<id>`,
 * their 1:1 chat with the bot, never the body's channel), with the close form on the card; never
 * again on later scans or by a second instance; a closed action gets none.
 */
import { createScheduler } from '../../src/app/scheduler';
import { assertValidCard } from '../../src/platform/cards/validate';
import { personAddress } from '../../src/domain/person-address';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { governance, recordWorld, SECRETARIAT, type RecordWorld } from './support';

let w: RecordWorld;

beforeEach(async () => {
  w = await recordWorld(SqliteStore.inMemory());
});
afterEach(async () => w.store.close());

function scheduler(instanceId: string) {
  return createScheduler({
    store: w.store,
    governance,
    messenger: w.messenger,
    groups: { listGroups: async () => [] },
    meetings: { listUpcoming: async () => [] },
    instanceId,
  });
}

async function recordAction(itemId: string, what: string, actionDue: string) {
  const saved = await w.service.saveItem({
    groupId: 'steering',
    meetingId: 'm-2027-03',
    itemId,
    expectedRevision: 0,
    submission: { decision: 'Besluttet.', actionWhat: what, actionOwner: 'p1', actionDue },
    editor: SECRETARIAT,
  });
  if (saved.kind !== 'saved' || !saved.newAction) throw new Error(saved.kind);
  return saved.newAction;
}

it('reminds the owner personally once, at 09:00 Copenhagen time three days before the due date', async () => {
  await recordAction('p-arkitektur', 'Send notatet om æøå', '2027-03-20');
  const one = scheduler('one');
  // 20 March - 3 days = 17 March, 09:00 CET = 08:00Z.
  expect((await one.runScan(new Date('2027-03-17T07:59:00.000Z'))).performed).toEqual([]);
  const due = await one.runScan(new Date('2027-03-17T08:00:00.000Z'));
  expect(due.performed).toHaveLength(1);
  expect(due.performed[0]).toMatch(/^action-reminder:steering:a-[0-9a-f]+:2027-03-17T08:00:00\.000Z$/);
  expect(w.messenger.posts).toHaveLength(1);
  const [post] = w.messenger.posts;
  // To the owner's personal chat, not to the body's channel.
  expect(post!.groupId).toBe(personAddress('p1'));
  expect(w.messenger.postsTo('steering')).toEqual([]);
  const card = post!.message.card as { actions: unknown[] };
  assertValidCard(card);
  const text = JSON.stringify(card);
  expect(text).toContain('Hej Pia Ærø. Du er ansvarlig for opfølgningshandlingen \\"Send notatet om æøå\\"');
  expect(text).toContain('fra Kommunestyregruppen');
  expect(text).toContain('skal være udført senest 20. marts 2027');
  // The close form is on the card: the owner closes the action from the reminder with a note.
  expect(text).toContain('"verb":"record.action.close"');
  expect(text).toContain(`"actionId":"${due.performed[0]!.split(':')[2]}"`);

  await one.runScan(new Date('2027-03-17T08:05:00.000Z'));
  await scheduler('two').runScan(new Date('2027-03-18T08:00:00.000Z'));
  expect(w.messenger.posts).toHaveLength(1);
});

it('sends no reminder for a closed action, and none after the due date', async () => {
  const closed = await recordAction('p-arkitektur', 'Lukkes i tide', '2027-03-20');
  await recordAction('approval-of-minutes', 'Glemt til efter fristen', '2027-03-22');
  await w.service.closeAction('steering', closed.id, { actorId: 'p1', isSecretariat: false }, 'Gjort');
  // The closed action's reminder moment (17 March, 08:00Z) comes and nothing is sent.
  expect((await scheduler('one').runScan(new Date('2027-03-17T08:00:00.000Z'))).performed).toEqual([]);
  // Down from before the other's reminder (19 March) until after its due date: the catch-up skips it.
  const late = await scheduler('one').runScan(new Date('2027-03-23T08:00:00.000Z'));
  expect(late.performed).toEqual([]);
  expect(late.expired).toHaveLength(1);
  expect(w.messenger.posts).toEqual([]);
});
