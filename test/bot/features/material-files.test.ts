/**
 * Files sent to the bot in personal chat become material (bilag), through the real bot over HTTP:
 * a Teams file attachment gets the card asking which of the sender's open proposals it belongs
 * to; the choice stores the file's reference (not its bytes, nor the short-lived download link); a
 * file type the governance file does not allow is refused with the reason and nothing is stored.
 */
import { validateCard } from '../../../src/platform/cards/validate';
import { seedHearingChannels, TENANT } from '../../support/hearing-channels';
import { startHarness, type Harness } from '../support/app-harness';
import { cardsOf, textsOf } from '../support/activities';

let h: Harness;
let proposalId: string;

beforeAll(async () => {
  h = await startHarness({ LOG_LEVEL: 'silent' });
  await seedHearingChannels(h.app, { connectorUrl: h.connector.url, clock: h.clock, voters: ['v01', 'v02'] });
  const cycle = h.app.services.meetingCycle;
  const scheduled = await cycle.meetings.schedule({
    groupId: 'steering',
    date: '2027-04-01',
    time: '10:00',
    actorId: 'sec',
  });
  if (scheduled.kind !== 'scheduled') throw new Error(scheduled.kind);
  const submitted = await cycle.proposals.submit({
    groupId: 'steering',
    meetingId: scheduled.meeting.id,
    cardInstanceId: 'card-1',
    fields: { title: 'Fælles logning', description: '', kind: 'discussion', requestedMinutes: '20' },
    actor: { id: 'v01', name: 'Voter v01', isSecretariat: false },
  });
  if (submitted.kind !== 'accepted') throw new Error(submitted.kind);
  await cycle.proposals.idle();
  proposalId = submitted.proposal.id;
});
afterAll(async () => h?.stop());

let counter = 0;
const personal = (from: string) => ({
  channelId: 'msteams',
  serviceUrl: h.connector.url,
  locale: 'da-DK',
  from: { id: `29:${from}`, name: from, aadObjectId: from },
  recipient: { id: '28:bot', name: 'FKI' },
  conversation: { id: `a:chat-with-${from}`, conversationType: 'personal', tenantId: TENANT },
  channelData: { tenant: { id: TENANT } },
});

function fileMessage(from: string, name: string, fileType: string) {
  counter += 1;
  return {
    ...personal(from),
    type: 'message',
    id: `file-${counter}`,
    text: '',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://kombit-my.sharepoint.com/personal/${from}/Documents/${name}`,
        name,
        content: { downloadUrl: 'https://download.example/secret-token', uniqueId: `u-${counter}`, fileType },
      },
    ],
  };
}

async function send(activity: Record<string, unknown>) {
  const before = h.connector.sent.length;
  const response = await h.post(activity);
  expect(response.status).toBe(200);
  const replies = h.connector.sent.slice(before);
  return { cards: cardsOf(replies), texts: textsOf(replies) };
}

const stored = () => h.app.services.meetingCycle.proposals.get('steering', proposalId);

it('asks which proposal a file belongs to, then stores its reference', async () => {
  const { cards } = await send(fileMessage('v01', 'Notat.pdf', 'pdf'));
  expect(cards).toHaveLength(1);
  expect(validateCard(cards[0]).problems).toEqual([]);
  const card = JSON.stringify(cards[0]);
  expect(card).toContain('Hvilket punkt hører \\"Notat.pdf\\" til?');
  expect(card).toContain(`"value":"steering/${proposalId}"`);
  expect(card).not.toContain('secret-token');

  const [action] = (cards[0] as { actions: { data: Record<string, unknown> }[] }).actions;
  const data = action!.data;
  const response = await h.post({
    ...personal('v01'),
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: 'attach-1',
    value: {
      action: {
        type: 'Action.Execute',
        verb: 'material.attachFile',
        data: { ...data, target: `steering/${proposalId}` },
      },
    },
  });
  expect(response.status).toBe(200);
  expect(JSON.stringify(response.body)).toContain('er tilføjet som bilag til \\"Fælles logning\\"');
  const material = (await stored())?.material;
  expect(material).toEqual([
    expect.objectContaining({
      title: 'Notat.pdf',
      kind: 'pdf',
      source: 'teams-file',
      url: 'https://kombit-my.sharepoint.com/personal/v01/Documents/Notat.pdf',
      addedBy: 'v01',
      file: expect.objectContaining({ uniqueId: expect.stringMatching(/^u-/), fileType: 'pdf' }),
    }),
  ]);
  expect(JSON.stringify(material)).not.toContain('secret-token');
});

it('refuses a file type the governance file does not allow, storing nothing', async () => {
  const before = JSON.stringify(await stored());
  const { texts, cards } = await send(fileMessage('v01', 'installer.exe', 'exe'));
  expect(cards).toEqual([]);
  expect(texts.join(' ')).toContain(
    'Filtypen af "installer.exe" er ikke tilladt som bilag. Tilladte filtyper: pdf, docx',
  );
  expect(JSON.stringify(await stored())).toBe(before);
});

it('tells a sender without open proposals so, and refuses another member adding to the proposal', async () => {
  const { texts } = await send(fileMessage('v02', 'Notat.docx', 'docx'));
  expect(texts.join(' ')).toContain('Du har ingen åbne forslag');
  const response = await h.post({
    ...personal('v02'),
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: 'attach-2',
    value: {
      action: {
        type: 'Action.Execute',
        verb: 'material.attachFile',
        data: {
          target: `steering/${proposalId}`,
          name: 'x.pdf',
          uniqueId: 'u',
          fileType: 'pdf',
          contentUrl: 'https://a.dk/x.pdf',
        },
      },
    },
  });
  expect(JSON.stringify(response.body)).toContain('Kun forslagsstilleren og sekretariatet');
  expect((await stored())?.material).toHaveLength(1);
});
