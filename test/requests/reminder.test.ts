/**
 * The reference group's reminder before a request for input is due, through the app's scheduler
 * and the real ledger: at 09:00 Copenhagen three days before, once (not on later scans nor by a
 * second instance), to the reference group's members while it has no channel; none once answered,
 * none after the due date.
 */
import { createScheduler } from '../../src/app/scheduler';
import { personAddress } from '../../src/domain/person-address';
import { requestReminderMomentSource } from '../../src/features/requests';
import { assertValidCard } from '../../src/platform/cards/validate';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { fileRequest, governance, requestWorld, type RequestWorld } from './support';

let w: RequestWorld;

beforeEach(async () => {
  w = await requestWorld(SqliteStore.inMemory());
});
afterEach(async () => w.store.close());

function scheduler(instanceId: string) {
  return createScheduler({
    store: w.store,
    governance,
    messenger: w.messenger,
    groups: { listGroups: async () => [] },
    meetings: { listUpcoming: async () => [] },
    extraSources: [requestReminderMomentSource({ governance, jobs: w.service })],
    instanceId,
  });
}

it('reminds the reference group once, at 09:00 three days before the due date', async () => {
  await fileRequest(w); // due 10 February
  w.messenger.posts.length = 0;
  const one = scheduler('one');
  expect((await one.runScan(new Date('2027-02-07T07:59:00.000Z'))).performed).toEqual([]);
  const due = await one.runScan(new Date('2027-02-07T08:00:00.000Z'));
  expect(due.performed).toEqual(['request-reminder:ref-arkitektur:ci-1:2027-02-07T08:00:00.000Z']);
  expect(w.messenger.posts.map((post) => post.groupId).sort()).toEqual([
    personAddress('r1'),
    personAddress('r2'),
  ]);
  const card = w.messenger.posts[0]!.message.card as object;
  assertValidCard(card);
  expect(JSON.stringify(card)).toContain('Påmindelse: svarfrist 10. februar 2027');
  expect(JSON.stringify(card)).toContain('"verb":"request.answer"');

  await one.runScan(new Date('2027-02-07T08:05:00.000Z'));
  await scheduler('two').runScan(new Date('2027-02-08T08:00:00.000Z'));
  expect(w.messenger.posts).toHaveLength(2);
});

it('sends none for an answered request, and none after the due date', async () => {
  await fileRequest(w);
  await fileRequest(w, 'ci-2', { topic: 'Glemt til efter fristen' });
  const answered = await w.service.answer({
    steeringGroupId: 'steering',
    requestId: 'ci-1',
    text: 'Svar i tide',
    materialText: '',
    actor: { id: 'r1' },
  });
  expect(answered.kind).toBe('answered');
  w.messenger.posts.length = 0;
  // Down from before the reminder until after the due date: the catch-up skips the open one.
  const late = await scheduler('one').runScan(new Date('2027-02-11T08:00:00.000Z'));
  expect(late.performed).toEqual([]);
  expect(late.expired).toHaveLength(1);
  expect(w.messenger.posts).toEqual([]);
});
