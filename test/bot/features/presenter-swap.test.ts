/**
 * The inspiration-talk swap through the real bot over HTTP (composeApp, activities POSTed to
 * /api/messages, the Bot Connector stand-in capturing replies and proactive posts): `byt oplæg` in
 * the steering channel and the agenda card's button open the presenter's form, the request reaches
 * the asked member's personal chat, only they can answer, and the channel's draft agenda then
 * shows the new presenter. A Teams retry of the accept sends nothing again.
 */
import { validateCard } from '../../../src/platform/cards/validate';
import {
  seedHearingChannels,
  steeringInvoke,
  STEERING_CHANNEL,
  TENANT,
} from '../../support/hearing-channels';
import { startHarness, type Harness } from '../support/app-harness';
import { cardsOf, channelMessage } from '../support/activities';

let h: Harness;
let meetingId: string;

beforeAll(async () => {
  h = await startHarness({ LOG_LEVEL: 'silent' });
  // v01, v02, v03: municipal steering members since the same day, so the rotation goes by name.
  await seedHearingChannels(h.app, {
    connectorUrl: h.connector.url,
    clock: h.clock,
    voters: ['v01', 'v02', 'v03'],
  });
  // The tenant's installation: where the bot opens the members' personal chats.
  await h.app.repositories.groups.recordInstallation(
    {
      teamId: 'team-1',
      tenantId: TENANT,
      installedAt: h.clock.now().toISOString(),
      serviceUrl: h.connector.url,
    },
    [],
  );
  const scheduled = await h.app.services.meetingCycle.meetings.schedule({
    groupId: 'steering',
    date: '2027-04-01',
    time: '10:00',
    actorId: 'sec',
  });
  if (scheduled.kind !== 'scheduled') throw new Error(scheduled.kind);
  meetingId = scheduled.meeting.id;
});
afterAll(async () => h?.stop());

/** Says `text` in the steering channel and returns the card the bot replied with. */
async function say(text: string, from: string): Promise<Record<string, unknown>> {
  const before = h.connector.sent.length;
  const response = await h.post(
    channelMessage(h.connector.url, text, { aadObjectId: from, name: from }, { channelId: STEERING_CHANNEL }),
  );
  expect(response.status).toBe(200);
  const [card] = cardsOf(h.connector.sent.slice(before));
  expect(card).toBeDefined();
  expect(validateCard(card).problems).toEqual([]);
  return card!;
}

/**
 * A card action (Action.Execute) and the invoke's answer; with a locale, from the user's personal
 * chat (where the swap request lands), whose language is theirs (a channel's is its body's).
 */
async function click(verb: string, data: Record<string, unknown>, from: string, locale?: string) {
  const inChannel = steeringInvoke(h.connector.url, verb, data, from);
  const personal = {
    locale,
    conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
  const response = await h.post(locale ? { ...inChannel, ...personal } : inChannel);
  expect(response.status).toBe(200);
  return response.body as { type: string; value: unknown };
}

const personalPosts = (personId: string) =>
  h.connector.delivered.filter((request) => request.conversationId === `a:personal-${personId}`);

it('swaps the talk by card when both agree, and the draft agenda shows the new presenter', async () => {
  // The command in the channel answers the presenter with the form of the other candidates.
  const form = JSON.stringify(await say('byt oplæg', 'v01'));
  expect(form).toContain('Byt inspirationsoplæg: ');
  expect(form).toContain('"value":"v02"');
  expect(form).toContain('"value":"v03"');
  expect(form).not.toContain('"value":"v01"');

  // The draft agenda carries the button beside the presenter; only the presenter's click opens the form.
  const agenda = JSON.stringify(await say('dagsorden', 'v02'));
  expect(agenda).toContain('Oplægsholder: Voter v01');
  expect(agenda).toContain('"verb":"rotation.swap.open"');
  const refused = await click('rotation.swap.open', { groupId: 'steering', meetingId }, 'v02');
  expect(JSON.stringify(refused.value)).toContain('Det er Voter v01, der holder inspirationsoplægget');

  const opened = await click('rotation.swap.open', { groupId: 'steering', meetingId }, 'v01');
  expect(validateCard(opened.value).problems).toEqual([]);
  const requestId = /"requestId":"([^"]+)"/.exec(JSON.stringify(opened.value))![1]!;

  const sent = await click(
    'rotation.swap.ask',
    { groupId: 'steering', meetingId, requestId, toPersonId: 'v02' },
    'v01',
  );
  expect(JSON.stringify(sent.value)).toContain('Forespørgslen er sendt');
  const [request] = personalPosts('v02');
  const requestCard = cardsOf([request!.body])[0]!;
  expect(validateCard(requestCard).problems).toEqual([]);
  expect(JSON.stringify(requestCard)).toContain('Voter v01 spørger, om du vil overtage inspirationsoplægget');

  // Anybody else is refused in their own language, and nothing changes.
  const answer = { groupId: 'steering', requestId, answer: 'accept' };
  const other = await click('rotation.swap.answer', answer, 'v03', 'en-US');
  expect(other.value).toBe('The request was sent to Voter v02, and only Voter v02 can answer it.');
  expect(
    await h.app.services.meetingCycle.agenda.meetings.inspirationTalk('steering', meetingId),
  ).toBeUndefined();

  const accepted = await click('rotation.swap.answer', answer, 'v02');
  expect(JSON.stringify(accepted.value)).toContain('Tak. Du holder inspirationsoplægget');
  expect(h.connector.updates.some((update) => update.path.includes('a:personal-v02'))).toBe(true);
  expect(JSON.stringify(personalPosts('v01').map((p) => p.body))).toContain('Voter v02 har sagt ja');
  const channelNotice = h.connector.delivered.filter((r) => r.conversationId === STEERING_CHANNEL);
  expect(JSON.stringify(channelNotice.map((r) => r.body))).toContain(
    'holdes af Voter v02 i stedet for Voter v01',
  );

  // Teams retries the accept: nothing is sent again.
  const sentBefore = h.connector.delivered.length;
  const retried = await click('rotation.swap.answer', answer, 'v02');
  expect(JSON.stringify(retried.value)).toContain('allerede besvaret');
  expect(h.connector.delivered.length).toBe(sentBefore);

  expect(JSON.stringify(await say('dagsorden', 'v03'))).toContain('Oplægsholder: Voter v02');
});

it('answers `swap talk` in personal chat, in English, for the talk the member now holds', async () => {
  const before = h.connector.sent.length;
  const response = await h.post({
    type: 'message',
    id: 'personal-swap-1',
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    locale: 'en-US',
    text: 'swap talk',
    from: { id: '29:v02', name: 'v02', aadObjectId: 'v02' },
    recipient: { id: '28:bot', name: 'FKI' },
    conversation: { id: 'a:chat-with-v02', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  });
  expect(response.status).toBe(200);
  const form = JSON.stringify(cardsOf(h.connector.sent.slice(before)));
  expect(form).toContain('Swap the inspiration talk: Municipal steering group');
  expect(form).toContain('"value":"v01"');
  expect(form).not.toContain('"value":"v02"');
});

it('answers card data that no form of the bot sent in the user’s language', async () => {
  const bad = await click(
    'rotation.swap.answer',
    { groupId: 'steering', requestId: 'x', answer: 'maybe' },
    'v02',
    'en-US',
  );
  expect(bad.value).toBe('The request does not exist. Ask the presenter to send a new one.');
});
