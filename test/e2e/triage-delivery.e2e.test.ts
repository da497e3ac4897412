/**
 * The triage card of a submitted proposal is posted off the request path, and never lost:
 * - the invoke is answered while the proactive messenger is still blocked;
 * - a failed async post is delivered by the next due-scan, exactly once;
 * - after a "crash" (the app dropped with its post in flight, or before it started), a new app on the
 *   same DATA_DIR delivers the missing card once.
 * composeApp (development mode, ManualClock, SQLite in a temp dir) with a controllable messenger for
 * the proactive posts; replies to commands go to the Bot Connector stand-in.
 * Run once per governance file (issue 23.2): the board, the administration and a committee, their
 * names, the bind command, the language and the proposal deadline come from the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { DateTime } from 'luxon';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import type { ChannelMessenger, OutboundMessage } from '../../src/domain/ports';
import { triageLedgerKey } from '../../src/features/agenda/proposals-service';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { bodyAgenda, type GovernanceBody } from '../../src/domain/governance';
import { ConnectorStandIn } from '../support/connector-standin';
import {
  cardInvoke,
  channelMessage,
  postActivity,
  TEAM_ID,
  textsOf,
  TENANT,
  type From,
} from '../bot/support/activities';
import { PROFILES, loadProfile, type GovernanceProfile } from './support/governance-profiles';
import { inJson } from './support/journey';

const SECRETARIAT: From = { aadObjectId: 'aad-secretariat', name: 'Sekretær Sara' };
const BOARD_CHANNEL = '19:board@thread.tacv2';
const MINUTE = 60_000;
/** The meeting the proposals are for (local time in the file's zone). */
const MEETING = { date: '2027-04-01', time: '10:00' };
/** The locale Teams sends for a user speaking the bodies' language. */
const TEAMS_LOCALE: Record<string, string> = { da: 'da-DK', nb: 'nb-NO', en: 'en-US' };

/** A messenger whose posts are recorded and behave as `behaviour` says (block, fail or succeed). */
class ControlledMessenger implements ChannelMessenger {
  readonly posts: Array<{ groupId: string; message: OutboundMessage }> = [];
  private next = 0;
  private firstCall!: () => void;
  readonly called = new Promise<void>((resolve) => (this.firstCall = resolve));

  constructor(private readonly behaviour: (call: number) => Promise<void>) {}

  async postToGroup(groupId: string, message: OutboundMessage): Promise<{ activityId: string }> {
    const call = ++this.next;
    this.firstCall();
    await this.behaviour(call);
    this.posts.push({ groupId, message });
    return { activityId: `activity-${call}` };
  }

  async updateInGroup(): Promise<void> {}

  triageCards(): OutboundMessage[] {
    return this.posts.map((p) => p.message).filter((m) => JSON.stringify(m).includes('proposal.triage'));
  }
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe.each(PROFILES)('triage card delivery off the request path ($label)', (spec) => {
  let profile: GovernanceProfile;
  let board: string;
  let administration: string;
  let locale: string;
  let connector: ConnectorStandIn;
  let clock: ManualClock;
  const dirs: string[] = [];
  const apps: App[] = [];

  /** "The channel is now bound to <body>", in the bodies' language. */
  const boundTo = (body: GovernanceBody) => profile.t('binding.bound', { group: profile.text(body) });
  const bindCommand = (word: string) => `${profile.command('bind')} ${word}`;
  /** "<administration> has no channel yet …, until you write '<bind> <its name>' …", in the bodies' language. */
  const noAdministrationChannel = () => {
    const administration = profile.text(profile.administration);
    return profile.t('binding.secretariatWithoutChannel', {
      administration,
      command: `${profile.command('bind')} ${administration.toLocaleLowerCase(profile.language)}`,
    });
  };

  beforeAll(async () => {
    profile = loadProfile(spec);
    board = profile.board.id;
    administration = profile.administration.id;
    locale = TEAMS_LOCALE[profile.language] ?? profile.language;
    clock = new ManualClock('2027-01-10T09:00:00.000Z');
    // The proposals are submitted on time: the clock is before the meeting's proposal deadline.
    const days = bodyAgenda(profile.governance, board).deadlines.agendaProposalsDays;
    const deadline = DateTime.fromISO(`${MEETING.date}T${MEETING.time}`, { zone: profile.timeZone });
    expect(deadline.minus({ days }).toMillis()).toBeGreaterThan(clock.now().getTime());
    connector = await new ConnectorStandIn(clock, { unknownUpdates: 'accept' }).start();
  });

  afterAll(async () => {
    for (const app of apps) await app.stop().catch(() => undefined);
    await connector?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function startApp(dataDir: string, messenger: ChannelMessenger) {
    const app = await composeApp(
      {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        SECRETARIAT_AAD_IDS: SECRETARIAT.aadObjectId,
        LOG_LEVEL: 'silent',
        ...profile.env,
      },
      { clock, messenger },
    );
    const { url } = await app.start(0, '127.0.0.1');
    const post = (activity: Record<string, unknown>) => postActivity(url, activity);
    return { app, post };
  }

  /** A fresh data dir with the board's channel bound and one meeting; returns the running app. */
  async function setUp(messenger: ChannelMessenger) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fki-triage-delivery-'));
    dirs.push(dataDir);
    const started = await startApp(dataDir, messenger);
    const { app, post } = started;
    apps.push(app);
    await app.repositories.groups.recordInstallation(
      {
        teamId: TEAM_ID,
        teamName: 'FKI',
        tenantId: TENANT,
        installedAt: clock.now().toISOString(),
        serviceUrl: connector.url,
      },
      [
        {
          teamId: TEAM_ID,
          channelId: BOARD_CHANNEL,
          channelName: profile.text(profile.board),
          conversationReference: {
            channelId: 'msteams',
            serviceUrl: connector.url,
            conversation: {
              id: BOARD_CHANNEL,
              conversationType: 'channel',
              isGroup: true,
              tenantId: TENANT,
            },
            bot: { id: '28:bot-app-id', name: 'FKI' },
          },
        },
      ],
    );
    const bound = await post(
      channelMessage(connector.url, bindCommand(board), SECRETARIAT, {
        channelId: BOARD_CHANNEL,
        channelName: profile.text(profile.board),
        locale,
      }),
    );
    expect(bound.status).toBe(200);
    const scheduled = await app.services.meetingCycle!.meetings.schedule({
      groupId: board,
      ...MEETING,
      actorId: SECRETARIAT.aadObjectId,
    });
    if (scheduled.kind !== 'scheduled') throw new Error(`no meeting: ${scheduled.kind}`);
    const submit = (cardInstanceId: string, title: string) =>
      post(
        cardInvoke(
          connector.url,
          'proposal.submit',
          {
            groupId: board,
            meetingId: scheduled.meeting.id,
            cardInstanceId,
            title,
            description: 'Beskrivelse.',
            kind: 'discussion',
            requestedMinutes: '15',
          },
          SECRETARIAT,
          { channelId: BOARD_CHANNEL, locale },
        ),
      );
    return { ...started, dataDir, meetingId: scheduled.meeting.id, submit };
  }

  const ledgerOf = (app: App) => createStoreLedger(app.store.collection('schedule'));

  it('answers the invoke while the messenger is blocked, then posts the card once', async () => {
    const blocked = gate();
    const messenger = new ControlledMessenger(() => blocked.promise);
    const { app, submit } = await setUp(messenger);

    const answer = await submit('card-blocked', 'Forslag mens Teams hænger');
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body.value)).toContain(inJson(profile.t('proposals.receivedTitle')));
    await messenger.called;
    const stored = await app.services.meetingCycle!.proposals.get(board, 'card-blocked');
    expect(stored).toMatchObject({ status: 'proposed' });
    expect(stored!.triageActivityId).toBeUndefined();
    // The claim came with the proposal's create: no ledger write of its own.
    expect(stored!.triageClaim).toMatchObject({ holderId: expect.any(String) });
    expect(messenger.triageCards()).toHaveLength(0);

    blocked.open();
    await app.services.meetingCycle!.proposals.idle();
    expect(messenger.triageCards()).toHaveLength(1);
    const posted = await app.services.meetingCycle!.proposals.get(board, 'card-blocked');
    // The administration has no channel: its member gets the card in personal chat, the board's
    // channel gets nothing (issue 26.4).
    expect(posted).toMatchObject({
      triageActivityId: 'personal:[["aad-secretariat","activity-1"]]',
      triageGroupId: administration,
    });
    expect(messenger.posts.map((p) => p.groupId)).toEqual(['person:aad-secretariat']);
    expect(posted!.triagePostedAt).toBeDefined();
    expect(posted!.triageClaim).toBeUndefined();
    expect(await ledgerOf(app).get(triageLedgerKey(board, 'card-blocked'))).toBeUndefined();

    // The catch-up scan later finds nothing owed.
    await app.scheduler.runScan(new Date(clock.now().getTime() + 5 * MINUTE));
    expect(messenger.triageCards()).toHaveLength(1);
  });

  it('delivers a failed async post with the next scan, exactly once', async () => {
    const messenger = new ControlledMessenger(async (call) => {
      if (call === 1) throw new Error('Teams is down');
    });
    const { app, submit } = await setUp(messenger);

    expect((await submit('card-failing', 'Forslag under nedbrud')).status).toBe(200);
    await app.services.meetingCycle!.proposals.idle();
    expect(messenger.triageCards()).toHaveLength(0);
    // The failed post released its claim, so the next scan need not wait for the claim's grace.
    const failed = await app.services.meetingCycle!.proposals.get(board, 'card-failing');
    expect(failed!.triageClaim).toBeUndefined();
    expect(failed!.triageActivityId).toBeUndefined();

    const first = await app.scheduler.runScan(new Date(clock.now().getTime() + 2 * MINUTE));
    expect(first.performed).toContain(triageLedgerKey(board, 'card-failing'));
    expect(messenger.triageCards()).toHaveLength(1);
    expect(JSON.stringify(messenger.triageCards()[0])).toContain('Forslag under nedbrud');
    expect(await app.services.meetingCycle!.proposals.get(board, 'card-failing')).toMatchObject({
      triageActivityId: 'personal:[["aad-secretariat","activity-2"]]',
    });

    await app.scheduler.runScan(new Date(clock.now().getTime() + 30 * MINUTE));
    expect(messenger.triageCards()).toHaveLength(1);
  });

  it('after a restart on the same DATA_DIR, delivers each missing triage card once', async () => {
    // The first process dies with its post in flight: the messenger never answers.
    const never = new ControlledMessenger(() => new Promise<void>(() => undefined));
    const first = await setUp(never);
    expect((await first.submit('card-crash', 'Forslag før nedbrud')).status).toBe(200);
    await never.called; // claimed on the proposal, post in flight
    // A crash: no graceful stop (which would wait for the post); the server and the store just go.
    apps.splice(apps.indexOf(first.app), 1);
    await first.app.server.close();
    await first.app.store.close();

    // A proposal stored without a claim (by a version before the claim rode on the create).
    const messenger = new ControlledMessenger(async () => undefined);
    const { app } = await startApp(first.dataDir, messenger);
    apps.push(app);
    const stored = await new ProposalRepository(app.store).get(board, 'card-crash');
    expect(stored!.triageClaim).toBeDefined();
    await new ProposalRepository(app.store).createOnce({
      ...stored!,
      id: 'card-unclaimed',
      title: 'Forslag uden krav',
      triageClaim: undefined,
    });

    const soon = await app.scheduler.runScan(new Date(clock.now().getTime() + 2 * MINUTE));
    // The unclaimed one goes at once; the claimed one waits for the claim's grace period (its holder
    // might still be posting), so it is not posted twice.
    expect(soon.performed).toEqual([triageLedgerKey(board, 'card-unclaimed')]);
    expect(messenger.triageCards()).toHaveLength(1);

    // The claim's grace is the app clock's (the scans run at it): let it pass.
    clock.advance(15 * MINUTE);
    const later = await app.scheduler.runScan(clock.now());
    expect(later.performed).toEqual([triageLedgerKey(board, 'card-crash')]);
    await app.scheduler.runScan(new Date(clock.now().getTime() + 60 * MINUTE));
    const texts = messenger.triageCards().map((card) => JSON.stringify(card));
    expect(texts).toHaveLength(2);
    expect(texts.filter((text) => text.includes('Forslag før nedbrud'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Forslag uden krav'))).toHaveLength(1);
    expect(never.triageCards()).toHaveLength(0);
  });
  it('says at the first bind that the administration has no channel, and uses its channel once bound', async () => {
    const messenger = new ControlledMessenger(async () => undefined);
    const { app, post, submit } = await setUp(messenger);
    // setUp bound the board's channel while the administration had none: the confirmation says so.
    const boardReply = textsOf(connector.sent).filter((text) => text.includes(boundTo(profile.board)));
    expect(boardReply.at(-1)).toContain(noAdministrationChannel());

    const administrationChannel = {
      channelId: '19:administration@thread.tacv2',
      channelName: profile.text(profile.administration),
      locale,
    };
    connector.clear();
    const bindAdministration = bindCommand(profile.administrationWord);
    expect(
      (await post(channelMessage(connector.url, bindAdministration, SECRETARIAT, administrationChannel)))
        .status,
    ).toBe(200);
    const administrationReply = textsOf(connector.sent).join('\n');
    expect(administrationReply).toContain(boundTo(profile.administration));
    expect(administrationReply).not.toContain(noAdministrationChannel());

    expect((await submit('card-channel', 'Forslag til sekretariatets kanal')).status).toBe(200);
    await app.services.meetingCycle!.proposals.idle();
    expect(messenger.triageCards()).toHaveLength(1);
    expect(messenger.posts.map((p) => p.groupId)).toEqual([administration]);
    expect(await app.services.meetingCycle!.proposals.get(board, 'card-channel')).toMatchObject({
      triageActivityId: 'activity-1',
      triageGroupId: administration,
    });

    // Once the administration has its channel, binding another group (the file's last committee) adds no notice.
    const committee = profile.governance.bodies.filter((body) => body.kind === 'reference').at(-1)!;
    connector.clear();
    await post(
      channelMessage(connector.url, bindCommand(committee.id), SECRETARIAT, {
        channelId: '19:committee@thread.tacv2',
        locale,
      }),
    );
    const committeeReply = textsOf(connector.sent).join('\n');
    expect(committeeReply).toContain(boundTo(committee));
    expect(committeeReply).not.toContain(noAdministrationChannel());
  });
});
