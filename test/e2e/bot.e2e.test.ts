/**
 * The real app (composeApp: SQLite in a temporary DATA_DIR, development mode, a free port) against
 * the Microsoft 365 Agents Playground, a real Teams-like client, driven over its HTTP/WebSocket API.
 * The playground's mock tenant is `.m365agentsplayground.yml`: its currentUser is made the
 * secretariat through SECRETARIAT_AAD_IDS, its other users are ordinary members.
 * The playground sends locale en-US with messages: the bot answers in personal chat from the
 * English catalogue, and in a channel in the body's language (the governance file's, issue 26.5);
 * the install conversationUpdate carries no locale (as in Teams): the file's language.
 * Run once per governance file (issue 23.2, test/e2e/support/governance-profiles.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { translate } from '../../src/platform/i18n';
import { Playground, cardOf, readPlaygroundConfig, visibleText } from '../support/playground';
import { PROFILES, loadProfile, type GovernanceProfile } from './support/governance-profiles';

jest.setTimeout(120_000);

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

describe.each(PROFILES)('the bot in the Agents Playground ($label)', (spec) => {
  const config = readPlaygroundConfig();
  const boardChannel = config.team.channels[0]!.id;
  const secretariat = config.currentUser;
  const member = config.users[0]!;
  let dataDir: string;
  let app: App | undefined;
  let playground: Playground | undefined;
  let profile: GovernanceProfile;

  beforeAll(async () => {
    profile = loadProfile(spec);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-'));
    app = await composeApp({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      SECRETARIAT_AAD_IDS: secretariat.aadObjectId,
      TEAMS_TENANT_ID: config.tenantId,
      ...profile.env,
    });
    const { port } = await app.start(0, '127.0.0.1');
    playground = await Playground.start({ botEndpoint: `http://127.0.0.1:${port}/api/messages` });
  });

  afterAll(async () => {
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('greets with the welcome card when installed in the team', async () => {
    const pg = playground!;
    await pg.installInTeam();
    const greeting = await pg.nextBotMessage(config.team.id);
    expect(cardOf(greeting)).toBeDefined();
    expect(visibleText(greeting)).toContain(profile.t('welcome.title'));
    // Teams sends installationUpdate and conversationUpdate for one install: greeted once.
    await expect(pg.nextBotMessage(config.team.id, 1_500)).rejects.toThrow(/no matching bot activity/);
  });

  it('answers "hjælp" with the help card', async () => {
    const pg = playground!;
    await pg.sendMessage(config.personalChat.id, 'hjælp');
    const help = await pg.nextBotMessage(config.personalChat.id);
    expect(cardOf(help)).toBeDefined();
    expect(visibleText(help)).toContain(en('help.title'));
    // A personal chat shows what can be done there: binding a channel is for a channel.
    expect(visibleText(help)).toContain(en('help.command_help'));
    expect(visibleText(help)).not.toContain(en('help.command_bind'));
  });

  it('answers an unknown command with the help card naming the word', async () => {
    const pg = playground!;
    await pg.sendMessage(config.personalChat.id, 'flyvefisk');
    const help = await pg.nextBotMessage(config.personalChat.id);
    expect(visibleText(help)).toContain(en('help.unknownNoMatch', { command: 'flyvefisk' }));
  });

  it('refuses binding a channel for a member who is not the secretariat', async () => {
    const pg = playground!;
    const bind = profile.command('bind');
    await pg.sendMessage(boardChannel, `${bind} ${profile.boardWord}`, member.id);
    const refusal = await pg.nextBotMessage(boardChannel);
    expect(visibleText(refusal)).toContain(
      profile.t('core.roleRefused', { command: bind, roles: profile.t('core.role_administer') }),
    );
    expect(await app!.repositories.groups.bindingOfChannel(boardChannel)).toBeUndefined();
  });

  it('binds the channel to the board when the secretariat names it in its own words', async () => {
    const pg = playground!;
    await pg.sendMessage(boardChannel, `${profile.command('bind')} ${profile.boardWord}`);
    const confirmation = await pg.nextBotMessage(boardChannel);
    const board = await app!.repositories.groups.getGroup(profile.board.id);
    expect(profile.text(board!.name)).toBe(profile.text(profile.board));
    expect(visibleText(confirmation)).toContain(
      profile.t('binding.bound', { group: profile.text(profile.board) }),
    );
    expect(await app!.repositories.groups.bindingOfChannel(boardChannel)).toMatchObject({
      groupId: profile.board.id,
    });
  });

  it('shows the channel status', async () => {
    const pg = playground!;
    await pg.sendMessage(boardChannel, profile.command('status'), member.id);
    const status = await pg.nextBotMessage(boardChannel);
    expect(visibleText(status)).toContain(profile.text(profile.board));
  });

  it('posts and updates proactively in the bound channel through the proactive sender', async () => {
    const pg = playground!;
    const { activityId } = await app!.services.messenger.postToGroup(profile.board.id, {
      text: 'Påmindelse: frist om 4 uger',
    });
    const posted = await pg.nextBotMessage(boardChannel);
    expect(posted.message?.text).toBe('Påmindelse: frist om 4 uger');
    expect(posted.message?.messageId).toBe(activityId);

    await app!.services.messenger.updateInGroup(profile.board.id, activityId, {
      text: 'Påmindelse (opdateret)',
    });
    const updated = await pg.nextBotActivity(
      (a) => a.action === 'updateMessage' && a.message?.messageId === activityId,
    );
    expect(updated.message?.text).toBe('Påmindelse (opdateret)');
  });
});
