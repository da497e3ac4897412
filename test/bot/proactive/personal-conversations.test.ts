/**
 * Personal messages through the real app and the Bot Connector stand-in: a `person:<id>` address
 * reaches the person's personal chat with the bot, opened by createConversation (the person's
 * object id and the tenant, on the installed team's service URL) when the person never wrote to
 * the bot, or the chat the person wrote in; once opened or seen, a chat is reused.
 */
import { personAddress } from '../../../src/platform/teams/proactive/personal-conversations';
import { ProactiveDeliveryError } from '../../../src/platform/teams/proactive';
import { startHarness, type Harness } from '../support/app-harness';
import { BOT_ID, TEAM_ID, TENANT, postActivity } from '../support/activities';

const note = { text: 'Husk mødet på torsdag.' };

describe('personal messages', () => {
  let harness: Harness;
  const creates = () =>
    harness.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
  const postsTo = (conversationId: string) =>
    harness.connector.requests.filter((r) => r.method === 'POST' && r.conversationId === conversationId);

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  const install = () =>
    harness.app.repositories.groups.recordInstallation(
      {
        teamId: TEAM_ID,
        teamName: 'FKI',
        tenantId: TENANT,
        installedAt: harness.clock.now().toISOString(),
        serviceUrl: harness.connector.url,
      },
      [],
    );

  it('opens the 1:1 chat of a person who never wrote to the bot, once, and posts there', async () => {
    await install();
    const messenger = harness.app.services.messenger;
    await messenger.postToGroup(personAddress('aad-anne'), note);
    await messenger.postToGroup(personAddress('aad-anne'), { text: 'Og husk materialet.' });

    expect(creates()).toHaveLength(1);
    expect(creates()[0]!.body).toMatchObject({
      isGroup: false,
      members: [{ id: 'aad-anne' }],
      tenantId: TENANT,
      channelData: { tenant: { id: TENANT } },
    });
    const posts = postsTo('a:personal-aad-anne');
    expect(posts.map((p) => p.body.text)).toEqual(['Husk mødet på torsdag.', 'Og husk materialet.']);
  });

  it('uses the chat a person wrote in, without creating one', async () => {
    await install();
    const response = await postActivity(harness.url, {
      type: 'message',
      id: 'incoming-personal-1',
      channelId: 'msteams',
      serviceUrl: harness.connector.url,
      locale: 'da-DK',
      text: 'hjælp',
      from: { id: '29:aad-bo', name: 'Bo', aadObjectId: 'aad-bo' },
      recipient: { id: BOT_ID, name: 'FKI' },
      conversation: { id: 'a:chat-with-bo', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    });
    expect(response.status).toBe(200);
    harness.connector.clear();

    await harness.app.services.messenger.postToGroup(personAddress('aad-bo'), note);
    expect(creates()).toHaveLength(0);
    expect(postsTo('a:chat-with-bo').map((p) => p.body.text)).toEqual(['Husk mødet på torsdag.']);
  });

  it('refuses, with the failure recorded, before the bot is installed anywhere', async () => {
    const sent = harness.app.services.messenger.postToGroup(personAddress('aad-carl'), note);
    await expect(sent).rejects.toBeInstanceOf(ProactiveDeliveryError);
    await expect(sent).rejects.toMatchObject({ reason: 'not-bound', groupId: 'person:aad-carl' });
    expect(creates()).toHaveLength(0);
  });

  it('addresses a group id as a group, never as a person', async () => {
    await install();
    const sent = harness.app.services.messenger.postToGroup('steering', note);
    // No channel bound to the steering group: a group id is never taken for a person.
    await expect(sent).rejects.toMatchObject({ reason: 'not-bound', groupId: 'steering' });
    expect(creates()).toHaveLength(0);
  });
});
