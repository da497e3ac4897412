/**
 * The open follow-up actions on the next meeting's agenda under "Opfølgning", through the composed
 * app (src/app/services.ts passes the record's open actions to the agenda as a port): `dagsorden`
 * in the steering channel lists what, the owner's name, the due date and an overdue flag (overdue
 * by the meeting day); the printable agenda lists them too, escaped; a closed action and an action
 * decided at the meeting itself are not follow-up of that meeting.
 */
import { validateCard } from '../../src/platform/cards/validate';
import { agendaHtml } from '../../src/features/agenda/calendar';
import { cardsOf, channelMessage } from '../bot/support/activities';
import { startHarness, SECRETARIAT, type Harness } from '../bot/support/app-harness';
import { seedHearingChannels, STEERING_CHANNEL } from '../support/hearing-channels';

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

async function recordAction(meetingId: string, itemId: string, what: string, owner: string, due: string) {
  const saved = await h.app.services.record.saveItem({
    groupId: 'steering',
    meetingId,
    itemId,
    expectedRevision: 0,
    submission: { decision: 'Besluttet.', actionWhat: what, actionOwner: owner, actionDue: due },
    editor: { actorId: SECRETARIAT.aadObjectId, isSecretariat: true },
  });
  if (saved.kind !== 'saved' || !saved.newAction) throw new Error(saved.kind);
  return saved.newAction;
}

test('the next meeting\'s agenda lists the open actions under "Opfølgning", overdue ones flagged', async () => {
  const first = await schedule('2027-01-20');
  const next = await schedule('2027-02-17');
  h.clock.set('2027-01-20T12:00:00.000Z');
  await recordAction(first, 'q1-goals', 'Sende målene til Ærø <b>', 'v01', '2027-02-10');
  await recordAction(first, 'q1-economy', 'Budgetnotat efter mødet', 'v02', '2027-03-01');
  const closed = await recordAction(first, 'orientation-kl-kombit', 'Lukket i tide', 'v01', '2027-02-01');
  const { record } = h.app.services;
  await record.closeAction('steering', closed.id, { actorId: 'v01', isSecretariat: false }, 'Gjort');

  h.connector.clear();
  const response = await h.post(
    channelMessage(h.connector.url, `dagsorden ${next}`, SECRETARIAT, { channelId: STEERING_CHANNEL }),
  );
  expect(response.status).toBeLessThan(300);
  const [card] = cardsOf(h.connector.sent);
  expect(validateCard(card).problems).toEqual([]);
  const json = JSON.stringify(card);
  expect(json).toContain('Opfølgning: åbne handlinger fra tidligere møder');
  // The user's text is markdown-escaped on the card.
  expect(json).toContain('Sende målene til Ærø \\\\<b\\\\> – ansvarlig: Voter v01, senest 10. februar 2027');
  expect(json).toContain('Budgetnotat efter mødet – ansvarlig: Voter v02, senest 1. marts 2027');
  expect(json).not.toContain('Lukket i tide');
  // Due 10 February, the meeting is 17 February: overdue by the meeting day; 1 March is not.
  expect(json).toMatch(/senest 10\. februar 2027 \*\*\(overskredet\)\*\*/);
  expect(json).not.toMatch(/senest 1\. marts 2027 \*\*\(overskredet\)/);

  const meeting = (await h.app.services.meetingCycle.meetings.get('steering', next))!;
  const view = await h.app.services.meetingCycle.agenda.draft(meeting);
  const html = agendaHtml({
    view,
    groupName: 'Kommunestyregruppen',
    meetingTime: '',
    locale: 'da',
    timeZone: 'Europe/Copenhagen',
  });
  expect(html).toContain('<h2>Opfølgning: åbne handlinger fra tidligere møder</h2>');
  expect(html).toContain('Sende målene til Ærø &lt;b&gt; – ansvarlig: Voter v01, senest 10. februar 2027');
  expect(html).not.toContain('<b>');
});

test("an action decided at the meeting is not on that meeting's own agenda", async () => {
  const meeting = await schedule('2027-04-14');
  h.clock.set('2027-04-14T12:00:00.000Z');
  await recordAction(meeting, 'q2-strategic-theme', 'Ny handling fra april', 'v02', '2027-05-01');
  const stored = (await h.app.services.meetingCycle.meetings.get('steering', meeting))!;
  const own = await h.app.services.meetingCycle.agenda.draft(stored);
  expect(own.followUp?.map((line) => line.what)).not.toContain('Ny handling fra april');
  const later = await schedule('2027-05-19');
  const laterMeeting = (await h.app.services.meetingCycle.meetings.get('steering', later))!;
  const next = await h.app.services.meetingCycle.agenda.draft(laterMeeting);
  expect(next.followUp?.map((line) => line.what)).toContain('Ny handling fra april');
});
