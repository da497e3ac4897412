/**
 * reuseTurnClients: incoming turns share one connector client and one user-token client per
 * (app id, service URL, audience), instead of botbuilder building both for every request; proactive
 * turns (continueConversationAsync) still get a fresh connector client, because the ProactiveSender
 * strips the retry policy from it.
 */
import { ActivityTypes, CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import {
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ConnectorClient,
  type ConnectorFactory,
} from 'botframework-connector';
import { createBotFrameworkAuthentication, reuseTurnClients } from '../../src/platform/teams/auth-config';

/** Exposes the adapter's protected processActivity, the entry `process(req, res)` ends in. */
class TurnAdapter extends CloudAdapter {
  turn(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity('', activity as Activity, logic);
  }
}

function message(serviceUrl: string, id: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id,
    text: 'hej',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user', name: 'User' },
    recipient: { id: '28:bot', name: 'Bot' },
    conversation: { id: '19:channel@thread.tacv2', isGroup: true, conversationType: 'channel', name: '' },
  };
}

async function clientsOf(adapter: TurnAdapter, activity: Partial<Activity>) {
  let connector: unknown;
  let userToken: unknown;
  await adapter.turn(activity, async (context) => {
    connector = context.turnState.get(adapter.ConnectorClientKey);
    userToken = context.turnState.get(adapter.UserTokenClientKey);
  });
  return { connector, userToken };
}

describe('reuseTurnClients', () => {
  const serviceUrl = 'https://smba.trafficmanager.net/emea/';
  const { auth } = createBotFrameworkAuthentication({ NODE_ENV: 'test' });

  it('gives every incoming turn on one service URL the same connector and user-token client', async () => {
    const adapter = new TurnAdapter(reuseTurnClients(auth));
    const first = await clientsOf(adapter, message(serviceUrl, 'a1'));
    const second = await clientsOf(adapter, message(serviceUrl, 'a2'));
    expect(first.connector).toBeDefined();
    expect(first.userToken).toBeDefined();
    expect(second.connector).toBe(first.connector);
    expect(second.userToken).toBe(first.userToken);
    // Another service URL (another region) has its own client, pointing at that URL.
    const other = await clientsOf(adapter, message('https://smba.trafficmanager.net/amer/', 'a3'));
    expect(other.connector).not.toBe(first.connector);
    expect((other.connector as unknown as { baseUri?: string }).baseUri).toBe(
      'https://smba.trafficmanager.net/amer/',
    );
  });

  it('leaves botbuilder as it was without the wrapper (a new client per turn)', async () => {
    const adapter = new TurnAdapter(auth);
    const first = await clientsOf(adapter, message(serviceUrl, 'b1'));
    const second = await clientsOf(adapter, message(serviceUrl, 'b2'));
    expect(second.connector).not.toBe(first.connector);
  });

  it('does not reuse clients for proactive turns, so stripping their retry policy touches no reply', async () => {
    const adapter = new TurnAdapter(reuseTurnClients(auth));
    const incoming = await clientsOf(adapter, message(serviceUrl, 'c1'));
    const proactive: unknown[] = [];
    const reference = {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: '19:channel@thread.tacv2', isGroup: true, conversationType: 'channel', name: '' },
      bot: { id: '28:bot', name: 'Bot' },
    };
    for (let i = 0; i < 2; i++) {
      await adapter.continueConversationAsync('', reference, async (context) => {
        proactive.push(context.turnState.get(adapter.ConnectorClientKey));
      });
    }
    expect(proactive[0]).toBeDefined();
    expect(proactive[0]).not.toBe(proactive[1]);
    expect(proactive).not.toContain(incoming.connector);
  });

  it('keys the clients by the app id of the turn, and does not keep a failed creation', async () => {
    // A stand-in for the authentication, to control the app id and make one creation fail.
    let created = 0;
    let failNext = false;
    const factoryFor = (appId: string): ConnectorFactory =>
      Object.assign(
        {
          async create(url: string) {
            if (failNext) {
              failNext = false;
              throw new Error('credentials not available');
            }
            created++;
            return { appId, url, serial: created } as unknown as ConnectorClient;
          },
        },
        { appId },
      );
    let appId = 'app-a';
    const inner = {
      async authenticateRequest(): Promise<AuthenticateRequestResult> {
        return {
          audience: 'https://api.botframework.com',
          callerId: '',
          claimsIdentity: new ClaimsIdentity([{ type: 'aud', value: appId }], true),
          connectorFactory: factoryFor(appId),
        };
      },
    } as unknown as BotFrameworkAuthentication;
    const reusing = reuseTurnClients(inner);
    const clientFor = async () =>
      (await reusing.authenticateRequest({} as Activity, '')).connectorFactory!.create(serviceUrl);

    const a1 = await clientFor();
    expect(await clientFor()).toBe(a1);
    appId = 'app-b';
    const b1 = await clientFor();
    expect(b1).not.toBe(a1);
    expect(b1).toMatchObject({ appId: 'app-b' });

    appId = 'app-c';
    failNext = true;
    await expect(clientFor()).rejects.toThrow('credentials not available');
    const c1 = await clientFor();
    expect(c1).toMatchObject({ appId: 'app-c' });
    expect(created).toBe(3);
  });
});
