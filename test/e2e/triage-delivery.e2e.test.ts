/**
 * The triage card of a submitted proposal is posted off the request path, and never lost:
 * - the invoke is answered while the proactive messenger is still blocked;
 * - a failed async post is delivered by the next due-scan, exactly once;
 * - after a "crash" (the app dropped with its post in flight, or before it started), a new app on the
 *   same DATA_DIR delivers the missing card once.
 * composeApp (development mode, ManualClock, SQLite in a temp dir) with a controllable messenger for
 * the proactive posts; replies to commands go to the Bot Connector stand-in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import type { ChannelMessenger, OutboundMessage } from '../../src/domain/ports';
import { triageLedgerKey } from '../../src/features/agenda/proposals-service';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
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

const SECRETARIAT: From = { aadObjectId: 'aad-secretariat', name: 'Sekretær Sara' };
const STEERING_CHANNEL = '19:steering@thread.tacv2';
const MINUTE = 60_000;

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

describe('triage card delivery off the request path', () => {
  let connector: ConnectorStandIn;
  let clock: ManualClock;
  const dirs: string[] = [];
  const apps: App[] = [];

  beforeAll(async () => {
    clock = new ManualClock('2027-01-10T09:00:00.000Z');
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
      },
      { clock, messenger },
    );
    const { url } = await app.start(0, '127.0.0.1');
    const post = (activity: Record<string, unknown>) => postActivity(url, activity);
    return { app, post };
  }

  /** A fresh data dir with the steering channel bound and one meeting; returns the running app. */
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
          channelId: STEERING_CHANNEL,
          channelName: 'Styregruppe',
          conversationReference: {
            channelId: 'msteams',
            serviceUrl: connector.url,
            conversation: {
              id: STEERING_CHANNEL,
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
      channelMessage(connector.url, 'tilknyt steering', SECRETARIAT, {
        channelId: STEERING_CHANNEL,
        channelName: 'Styregruppe',
      }),
    );
    expect(bound.status).toBe(200);
    const scheduled = await app.services.meetingCycle!.meetings.schedule({
      groupId: 'steering',
      date: '2027-04-01',
      time: '10:00',
      actorId: SECRETARIAT.aadObjectId,
    });
    if (scheduled.kind !== 'scheduled') throw new Error(`no meeting: ${scheduled.kind}`);
    const submit = (cardInstanceId: string, title: string) =>
      post(
        cardInvoke(
          connector.url,
          'proposal.submit',
          {
            groupId: 'steering',
            meetingId: scheduled.meeting.id,
            cardInstanceId,
            title,
            description: 'Beskrivelse.',
            kind: 'discussion',
            requestedMinutes: '15',
          },
          SECRETARIAT,
          { channelId: STEERING_CHANNEL },
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
    expect(JSON.stringify(answer.body.value)).toContain('Tak, dit forslag er modtaget');
    await messenger.called;
    const stored = await app.services.meetingCycle!.proposals.get('steering', 'card-blocked');
    expect(stored).toMatchObject({ status: 'proposed' });
    expect(stored!.triageActivityId).toBeUndefined();
    // The claim came with the proposal's create: no ledger write of its own.
    expect(stored!.triageClaim).toMatchObject({ holderId: expect.any(String) });
    expect(messenger.triageCards()).toHaveLength(0);

    blocked.open();
    await app.services.meetingCycle!.proposals.idle();
    expect(messenger.triageCards()).toHaveLength(1);
    const posted = await app.services.meetingCycle!.proposals.get('steering', 'card-blocked');
    // The secretariat has no channel: its member gets the card in personal chat, the steering
    // group's channel gets nothing (issue 26.4).
    expect(posted).toMatchObject({
      triageActivityId: 'personal:[["aad-secretariat","activity-1"]]',
      triageGroupId: 'secretariat',
    });
    expect(messenger.posts.map((p) => p.groupId)).toEqual(['person:aad-secretariat']);
    expect(posted!.triagePostedAt).toBeDefined();
    expect(posted!.triageClaim).toBeUndefined();
    expect(await ledgerOf(app).get(triageLedgerKey('steering', 'card-blocked'))).toBeUndefined();

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
    const failed = await app.services.meetingCycle!.proposals.get('steering', 'card-failing');
    expect(failed!.triageClaim).toBeUndefined();
    expect(failed!.triageActivityId).toBeUndefined();

    const first = await app.scheduler.runScan(new Date(clock.now().getTime() + 2 * MINUTE));
    expect(first.performed).toContain(triageLedgerKey('steering', 'card-failing'));
    expect(messenger.triageCards()).toHaveLength(1);
    expect(JSON.stringify(messenger.triageCards()[0])).toContain('Forslag under nedbrud');
    expect(await app.services.meetingCycle!.proposals.get('steering', 'card-failing')).toMatchObject({
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
    const stored = await new ProposalRepository(app.store).get('steering', 'card-crash');
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
    expect(soon.performed).toEqual([triageLedgerKey('steering', 'card-unclaimed')]);
    expect(messenger.triageCards()).toHaveLength(1);

    // The claim's grace is the app clock's (the scans run at it): let it pass.
    clock.advance(15 * MINUTE);
    const later = await app.scheduler.runScan(clock.now());
    expect(later.performed).toEqual([triageLedgerKey('steering', 'card-crash')]);
    await app.scheduler.runScan(new Date(clock.now().getTime() + 60 * MINUTE));
    const texts = messenger.triageCards().map((card) => JSON.stringify(card));
    expect(texts).toHaveLength(2);
    expect(texts.filter((text) => text.includes('Forslag før nedbrud'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Forslag uden krav'))).toHaveLength(1);
    expect(never.triageCards()).toHaveLength(0);
  });
  it('says at the first bind that the secretariat has no channel, and uses its channel once bound', async () => {
    const messenger = new ControlledMessenger(async () => undefined);
    const { app, post, submit } = await setUp(messenger);
    // setUp bound the steering channel while the secretariat had none: the confirmation says so.
    const steeringReply = textsOf(connector.sent).filter((text) =>
      text.includes('tilknyttet Kommunestyregruppen'),
    );
    expect(steeringReply.at(-1)).toContain(
      "Sekretariatet har endnu ingen kanal: sekretariatets kort sendes til sekretariatets medlemmer i personlig chat, indtil I skriver 'tilknyt sekretariatet' i sekretariatets kanal.",
    );

    const secretariatChannel = { channelId: '19:secretariat@thread.tacv2', channelName: 'Sekretariat' };
    connector.clear();
    expect(
      (await post(channelMessage(connector.url, 'tilknyt sekretariatet', SECRETARIAT, secretariatChannel)))
        .status,
    ).toBe(200);
    const secretariatReply = textsOf(connector.sent).join('\n');
    expect(secretariatReply).toContain('tilknyttet Sekretariat FKI');
    expect(secretariatReply).not.toContain('Sekretariatet har endnu ingen kanal');

    expect((await submit('card-channel', 'Forslag til sekretariatets kanal')).status).toBe(200);
    await app.services.meetingCycle!.proposals.idle();
    expect(messenger.triageCards()).toHaveLength(1);
    expect(messenger.posts.map((p) => p.groupId)).toEqual(['secretariat']);
    expect(await app.services.meetingCycle!.proposals.get('steering', 'card-channel')).toMatchObject({
      triageActivityId: 'activity-1',
      triageGroupId: 'secretariat',
    });

    // Once the secretariat has its channel, binding another group adds no notice.
    connector.clear();
    await post(
      channelMessage(connector.url, 'tilknyt ref-drift', SECRETARIAT, { channelId: '19:drift@thread.tacv2' }),
    );
    const driftReply = textsOf(connector.sent).join('\n');
    expect(driftReply).toContain('tilknyttet Referencegruppe Drift');
    expect(driftReply).not.toContain('Sekretariatet har endnu ingen kanal');
  });
});
