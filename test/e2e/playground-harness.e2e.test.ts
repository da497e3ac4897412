/**
 * Proves the Agents Playground harness end to end with a trivial echo bot (botbuilder CloudAdapter
 * on restify, no credentials), independent of the real bot: messages in a personal chat and a team
 * channel, a message from a non-current user, an install event, a card action and a card update.
 */
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import { Playground, cardOf, visibleText } from '../support/playground';

jest.setTimeout(90_000);

const card = (text: string) =>
  CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text }],
    actions: [{ type: 'Action.Execute', title: 'Tryk', verb: 'press', data: { n: 1 } }],
  });

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = TurnContext_removeMention(context);
      if (text === 'card') await context.sendActivity(MessageFactory.attachment(card('før')));
      else if (text === 'update') {
        const sent = await context.sendActivity('version 1');
        await context.updateActivity({ id: sent?.id, type: 'message', text: 'version 2' });
      } else await context.sendActivity(`echo: ${text} (from ${context.activity.from.aadObjectId})`);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await context.sendActivity(`installed in team ${context.activity.channelData?.team?.id}`);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext) {
    const verb = (context.activity.value as { action?: { verb?: string } }).action?.verb;
    return {
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: card(`efter ${verb}`).content,
      },
    };
  }
}

function TurnContext_removeMention(context: TurnContext): string {
  return (context.activity.text ?? '').replace(/<at>.*?<\/at>/g, '').trim();
}

describe('Agents Playground harness (echo bot)', () => {
  let server: restify.Server;
  let playground: Playground | undefined;

  beforeAll(async () => {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const bot = new EchoBot();
    server = restify.createServer();
    server.use(restify.plugins.bodyParser());
    server.post('/api/messages', async (req, res) => {
      await adapter.process(req, res, (context) => bot.run(context));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    playground = await Playground.start({ botEndpoint: `http://127.0.0.1:${port}/api/messages` });
  });

  afterAll(async () => {
    await playground?.stop();
    server?.close();
  });

  it('delivers a personal-chat message and shows the reply', async () => {
    const pg = playground!;
    await pg.sendMessage(pg.config.personalChat.id, 'hej');
    const reply = await pg.nextBotMessage(pg.config.personalChat.id);
    expect(reply.message?.text).toBe(`echo: hej (from ${pg.config.currentUser.aadObjectId})`);
  });

  it('delivers a channel message (bot mentioned) from another user of the tenant', async () => {
    const pg = playground!;
    const channel = pg.config.team.channels[0]!.id;
    const member = pg.config.users[0]!;
    await pg.sendMessage(channel, 'status', member.id);
    const reply = await pg.nextBotMessage(channel);
    expect(reply.message?.text).toBe(`echo: status (from ${member.aadObjectId})`);
  });

  it('sends an install event for the team', async () => {
    const pg = playground!;
    await pg.installInTeam();
    const greeting = await pg.nextBotMessage(pg.config.team.id);
    expect(greeting.message?.text).toBe(`installed in team ${pg.config.team.id}`);
  });

  it('presses a card button and gets the refreshed card', async () => {
    const pg = playground!;
    await pg.sendMessage(pg.config.personalChat.id, 'card');
    const posted = await pg.nextBotMessage(pg.config.personalChat.id);
    expect(visibleText(posted)).toContain('før');
    expect(cardOf(posted)).toMatchObject({ type: 'AdaptiveCard' });
    const response = await pg.invokeCardAction(posted, { verb: 'press' });
    expect(JSON.stringify(response)).toContain('efter press');
  });

  it('shows an update of a posted message', async () => {
    const pg = playground!;
    await pg.sendMessage(pg.config.personalChat.id, 'update');
    const first = await pg.nextBotMessage(pg.config.personalChat.id);
    const update = await pg.nextBotActivity((a) => a.action === 'updateMessage');
    expect(first.message?.text).toBe('version 1');
    expect(update.message?.messageId).toBe(first.message?.messageId);
    expect(update.message?.text).toBe('version 2');
  });
});
