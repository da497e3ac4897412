/**
 * A written hearing's outcome reaches the steering group's next meeting record through the composed
 * app (src/app/services.ts wires the hearings' close outbox to the record, so the hearings never
 * import it): when the last voter votes the hearing closes, and the record of the steering group's
 * first meeting after the decision shows it as an orientation item with the tally and the date;
 * a repeated close records nothing more, and a later meeting does not show it again.
 */
import { startHarness, SECRETARIAT, type Harness } from '../bot/support/app-harness';
import { seedHearingChannels } from '../support/hearing-channels';
import { PROPOSAL } from '../services/hearings-fixture';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ LOG_LEVEL: 'silent' });
  await seedHearingChannels(h.app, { connectorUrl: h.connector.url, clock: h.clock, voters: ['v01', 'v02'] });
});
afterAll(async () => h.stop());

async function schedule(date: string): Promise<string> {
  const scheduled = await h.app.services.meetingCycle.meetings.schedule({
    groupId: 'steering',
    date,
    time: '10:00',
    actorId: SECRETARIAT.aadObjectId,
  });
  if (scheduled.kind !== 'scheduled') throw new Error(scheduled.kind);
  return scheduled.meeting.id;
}

test("a closed hearing is an orientation item of the steering group's next meeting record", async () => {
  const next = await schedule('2027-02-03');
  const later = await schedule('2027-03-03');
  const { hearings, record } = h.app.services;
  const hearing = await hearings.open({
    proposal: PROPOSAL,
    proposingGroupId: 'ref-arkitektur',
    proposer: { id: 'ref1', name: 'Rita Ref' },
  });
  // 12 January 10:00 Copenhagen: the second vote closes the hearing (full turnout).
  h.clock.set('2027-01-12T09:00:00.000Z');
  await hearings.vote(hearing.id, { id: 'v01' }, 'approve');
  await hearings.vote(hearing.id, { id: 'v02' }, 'reject');
  expect((await hearings.get(hearing.id))?.status).toBe('closed');
  expect(await hearings.close(hearing.id, 'deadline')).toBe(false);

  h.clock.set('2027-02-03T12:00:00.000Z');
  const opened = await record.open('steering', next);
  if (opened.kind !== 'open') throw new Error(opened.kind);
  expect(opened.view.hearings).toEqual([
    {
      groupId: 'steering',
      hearingId: hearing.id,
      title: 'Fælles log-format',
      outcome: 'rejected',
      approve: 1,
      reject: 1,
      abstain: 0,
      eligible: 2,
      decidedAt: '2027-01-12T09:00:00.000Z',
    },
  ]);
  const audit = await h.app.repositories.audit.export('2027-01', '2027-01');
  expect(audit.filter((entry) => entry.action === 'record.hearing-outcome')).toHaveLength(1);

  h.clock.set('2027-03-03T12:00:00.000Z');
  const afterwards = await record.open('steering', later);
  expect(afterwards.kind === 'open' && afterwards.view.hearings).toEqual([]);
});
