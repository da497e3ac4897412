/**
 * The meeting cycle through the real bot: composeApp (development mode, ManualClock, embedded
 * SQLite store in a temp dir), activities POSTed to /api/messages, replies and proactive posts
 * captured by the local Bot Connector stand-in (test/support/connector-standin.ts).
 *
 * schedule -> propose before the deadline (accepted), after it (refused with the deadline), as the
 * secretariat after it (accepted, late) -> triage (accept, reject with reason) -> the 2-week scan
 * posts the detailed agenda with the accepted items, the quarter's wheel items and the presenter.
 * Run once per governance file (issue 23.2): ids, names, language, zone and deadlines from the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { DateTime } from 'luxon';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { assertValidCard } from '../../src/platform/cards/validate';
import { ManualClock } from '../../src/domain/clock';
import { createScheduler } from '../../src/app/scheduler';
import { bodyAgenda } from '../../src/domain/governance';
import { ConnectorStandIn } from '../support/connector-standin';
import {
  cardInvoke,
  channelMessage,
  postActivity,
  TEAM_ID,
  TENANT,
  type From,
} from '../bot/support/activities';
import {
  PROFILES,
  loadProfile,
  missingParts,
  textOf,
  type GovernanceProfile,
} from './support/governance-profiles';

const SECRETARIAT: From = { aadObjectId: 'aad-secretariat', name: 'Sekretær Sara' };
const ANNE: From = { aadObjectId: 'aad-anne', name: 'Anne Aalborg' };
const BO: From = { aadObjectId: 'aad-bo', name: 'Bo Brønderslev' };
const STEERING_CHANNEL = '19:steering@thread.tacv2';
const SECRETARIAT_CHANNEL = '19:secretariat@thread.tacv2';

type CardJson = {
  body: unknown[];
  actions?: Array<{ verb?: string; data?: Record<string, unknown>; url?: string }>;
};

function cardsIn(body: Record<string, unknown>): CardJson[] {
  const attachments = (body.attachments ?? []) as Array<{ content?: CardJson }>;
  return attachments.map((a) => a.content).filter((c): c is CardJson => !!c);
}

describe.each(PROFILES)('meeting cycle end to end ($label)', (spec) => {
  let profile: GovernanceProfile;
  let board: string;
  /** The April meeting (local 2027-04-01 10:00) and its deadlines by the file's offsets. */
  let meetingAt: DateTime;
  let proposalDeadline: DateTime;
  let detailedAgendaAt: DateTime;
  let app: App;
  let connector: ConnectorStandIn;
  let clock: ManualClock;
  let url: string;
  let dataDir: string;

  function post(activity: Record<string, unknown>) {
    clock.advance(5_000);
    return postActivity(url, activity);
  }

  const say = (text: string, from: From, channelId = STEERING_CHANNEL) =>
    post(
      channelMessage(connector.url, text, from, {
        channelId,
        channelName: channelId === STEERING_CHANNEL ? 'Styregruppe' : 'Sekretariat',
      }),
    );
  const invoke = (verb: string, data: Record<string, unknown>, from: From, channelId = STEERING_CHANNEL) =>
    post(cardInvoke(connector.url, verb, data, from, { channelId }));

  /** Cards delivered to a channel since `from` (index into connector.delivered). */
  function deliveredCards(channelId: string, from = 0): CardJson[] {
    return delivered()
      .slice(from)
      .filter((call) => call.path.startsWith(`/v3/conversations/${channelId}`))
      .flatMap((call) => cardsIn(call.body));
  }
  const delivered = () =>
    connector.calls.filter((call) => call.method === 'POST' && call.path.includes('/activities'));

  /** What `text` lacks of the catalogue text (in the bodies' language); [] = it says it. */
  const lacks = (
    text: string,
    key: Parameters<GovernanceProfile['t']>[0],
    params?: Record<string, string | number>,
  ) => missingParts(profile, text, key, params);

  beforeAll(async () => {
    profile = loadProfile(spec);
    board = profile.board.id;
    const deadlines = bodyAgenda(profile.governance, board).deadlines;
    meetingAt = DateTime.fromISO('2027-04-01T10:00', { zone: profile.timeZone });
    proposalDeadline = meetingAt.minus({ days: deadlines.agendaProposalsDays });
    detailedAgendaAt = meetingAt.minus({ days: deadlines.detailedAgendaDays });
    dataDir = mkdtempSync(path.join(tmpdir(), 'fki-meetings-e2e-'));
    clock = new ManualClock('2027-01-10T09:00:00.000Z');
    connector = await new ConnectorStandIn(clock, { unknownUpdates: 'accept' }).start();
    app = await composeApp(
      {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        SECRETARIAT_AAD_IDS: SECRETARIAT.aadObjectId,
        PUBLIC_BASE_URL: 'https://fki.example.org',
        LOG_LEVEL: 'silent',
        ...profile.env,
      },
      { clock },
    );
    ({ url } = await app.start(0, '127.0.0.1'));

    // The member register: two municipal steering-group members (Anne has served longest).
    const people = app.repositories.people;
    await people.savePerson({
      id: ANNE.aadObjectId,
      name: ANNE.name,
      organisation: { kind: 'municipality', municipalityCode: '851', name: 'Aalborg' },
    });
    await people.savePerson({
      id: BO.aadObjectId,
      name: BO.name,
      organisation: { kind: 'municipality', municipalityCode: '810', name: 'Brønderslev' },
    });
    await people.saveMembership({
      personId: ANNE.aadObjectId,
      groupId: board,
      role: 'member',
      termStart: '2024-01-01',
    });
    await people.saveMembership({
      personId: BO.aadObjectId,
      groupId: board,
      role: 'member',
      termStart: '2025-01-01',
    });

    // Installed in the team (the install handler's record, with the stand-in as the service URL),
    // then both channels bound to their groups by command.
    await app.repositories.groups.recordInstallation(
      {
        teamId: TEAM_ID,
        teamName: 'FKI',
        tenantId: TENANT,
        installedAt: clock.now().toISOString(),
        serviceUrl: connector.url,
      },
      [STEERING_CHANNEL, SECRETARIAT_CHANNEL].map((channelId) => ({
        teamId: TEAM_ID,
        channelId,
        channelName: channelId,
        conversationReference: {
          channelId: 'msteams',
          serviceUrl: connector.url,
          conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
          bot: { id: '28:bot-app-id', name: 'FKI' },
        },
      })),
    );
    const bind = profile.command('bind');
    expect((await say(`${bind} ${board}`, SECRETARIAT)).status).toBe(200);
    const administration = profile.administration.id;
    expect((await say(`${bind} ${administration}`, SECRETARIAT, SECRETARIAT_CHANNEL)).status).toBe(200);
    expect(await app.repositories.groups.bindingOfGroup(administration)).toBeDefined();
  });

  afterAll(async () => {
    await app?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs schedule -> proposals -> triage -> detailed agenda at the 2-week moment', async () => {
    const cycle = app.services.meetingCycle!;

    // 1. Schedule (secretariat, command). The reply is the meeting card with its timeline.
    let mark = delivered().length;
    await say(`${profile.command('meeting.schedule')} 2027-04-01 10:00 KOMBIT, Weidekampsgade`, SECRETARIAT);
    const [meetingReply] = deliveredCards(STEERING_CHANNEL, mark);
    assertValidCard(meetingReply);
    const deadlineText = profile.instant(proposalDeadline.toJSDate());
    expect(textOf(meetingReply)).toContain(deadlineText); // the proposal deadline, the file's offset
    const [meeting] = await cycle.meetings.upcoming(board);
    expect(meeting).toMatchObject({
      startsAt: meetingAt.toUTC().toISO(),
      status: 'scheduled',
      location: 'KOMBIT, Weidekampsgade',
    });

    // 2. Anne proposes before the deadline: the command opens the form, the submit is accepted.
    mark = delivered().length;
    const propose = profile.command('proposal.open');
    await say(propose, ANNE);
    const [form] = deliveredCards(STEERING_CHANNEL, mark);
    assertValidCard(form);
    const submitData = form!.actions!.find((a) => a.verb === 'proposal.submit')!.data!;
    const anneFields = {
      title: 'Fælles cloudstrategi',
      description: 'Drøftelse af en fælles strategi for cloud.',
      kind: 'decision',
      requestedMinutes: '25',
      materialUrl: 'https://example.org/cloud.pdf',
      proposedDecision: 'Kommunestyregruppen godkender strategien.',
    };
    // A wrong field comes back on the same card, next to the field, with the input kept.
    const invalid = await invoke(
      'proposal.submit',
      { ...submitData, ...anneFields, requestedMinutes: 'tyve' },
      ANNE,
    );
    expect(invalid.body.statusCode).toBe(200);
    const invalidCard = textOf(invalid.body.value);
    expect(invalidCard).toContain(profile.t('proposals.err_not-whole-minutes'));
    expect(invalidCard).toContain('Fælles cloudstrategi');
    expect(await cycle.proposals.forMeeting(board, meeting!.id)).toHaveLength(0);

    mark = delivered().length;
    const accepted = await invoke('proposal.submit', { ...submitData, ...anneFields }, ANNE);
    assertValidCard(accepted.body.value);
    expect(textOf(accepted.body.value)).toContain(profile.t('proposals.receivedTitle'));
    // Re-sent (same card instance): still one proposal, one triage card.
    const again = await invoke('proposal.submit', { ...submitData, ...anneFields }, ANNE);
    expect(textOf(again.body.value)).toContain(profile.t('proposals.receivedTitle'));

    // Bo proposes too (on time); this one will be rejected.
    await say(propose, BO);
    const boForm = deliveredCards(STEERING_CHANNEL, mark).find((c) =>
      c.actions?.some((a) => a.verb === 'proposal.submit'),
    )!;
    const boData = boForm.actions!.find((a) => a.verb === 'proposal.submit')!.data!;
    await invoke(
      'proposal.submit',
      { ...boData, title: 'Ny logo-konkurrence', kind: 'orientation', requestedMinutes: '10' },
      BO,
    );

    expect(await cycle.proposals.forMeeting(board, meeting!.id)).toHaveLength(2);
    // The triage cards are posted off the request path, right after each invoke is answered.
    await cycle.proposals.idle();
    const triageCards = deliveredCards(SECRETARIAT_CHANNEL, mark).filter((c) =>
      c.actions?.some((a) => a.verb === 'proposal.triage'),
    );
    expect(triageCards).toHaveLength(2);
    triageCards.forEach((card) => assertValidCard(card));

    // 3. A day after the deadline: a member is refused with the deadline shown ...
    clock.set(proposalDeadline.plus({ days: 1 }).toJSDate());
    mark = delivered().length;
    await say(propose, BO);
    expect(textOf(deliveredCards(STEERING_CHANNEL, mark))).toContain(deadlineText);
    const refused = await invoke(
      'proposal.submit',
      {
        ...boData,
        cardInstanceId: 'late-bo-1',
        title: 'For sent',
        kind: 'orientation',
        requestedMinutes: '10',
      },
      BO,
    );
    expect(
      lacks(textOf(refused.body.value), 'proposals.refused_deadline-passed', { deadline: deadlineText }),
    ).toEqual([]);

    // ... while the secretariat may still add an item, marked late.
    mark = delivered().length;
    await say(propose, SECRETARIAT);
    const lateForm = deliveredCards(STEERING_CHANNEL, mark)[0]!;
    const lateData = lateForm.actions!.find((a) => a.verb === 'proposal.submit')!.data!;
    const late = await invoke(
      'proposal.submit',
      { ...lateData, title: 'Økonomi i NemLog-in', kind: 'discussion', requestedMinutes: '20' },
      SECRETARIAT,
    );
    expect(lacks(textOf(late.body.value), 'proposals.receivedLate', { deadline: deadlineText })).toEqual([]);
    const proposals = await cycle.proposals.forMeeting(board, meeting!.id);
    expect(proposals.map((p) => [p.title, p.late])).toEqual([
      ['Fælles cloudstrategi', false],
      ['Ny logo-konkurrence', false],
      ['Økonomi i NemLog-in', true],
    ]);

    // 4. Triage in the secretariat's channel: accept Anne's and the late one, reject Bo's with a reason.
    const byTitle = (title: string) => proposals.find((p) => p.title === title)!;
    const triage = (title: string, decision: string, reason = '') =>
      invoke(
        'proposal.triage',
        { groupId: board, proposalId: byTitle(title).id, decision, reason },
        SECRETARIAT,
        SECRETARIAT_CHANNEL,
      );
    const noReason = await triage('Ny logo-konkurrence', 'reject');
    expect(textOf(noReason.body.value)).toContain(profile.t('proposals.reasonRequired'));
    // Members cannot triage.
    const byMember = await invoke(
      'proposal.triage',
      { groupId: board, proposalId: byTitle('Fælles cloudstrategi').id, decision: 'accept' },
      ANNE,
      SECRETARIAT_CHANNEL,
    );
    expect(textOf(byMember.body.value)).toContain(profile.t('core.role_triage'));

    mark = delivered().length;
    const acceptedAnne = await triage('Fælles cloudstrategi', 'accept');
    assertValidCard(acceptedAnne.body.value);
    const acceptedWord = profile.t('proposals.status_accepted');
    expect(textOf(acceptedAnne.body.value)).toContain(acceptedWord);
    await triage('Ny logo-konkurrence', 'reject', 'Hører ikke under FKI.');
    await triage('Økonomi i NemLog-in', 'accept');
    const outcomes = textOf(deliveredCards(STEERING_CHANNEL, mark));
    expect(
      lacks(outcomes, 'proposals.outcomeBody', {
        name: ANNE.name,
        title: 'Fælles cloudstrategi',
        status: acceptedWord,
      }),
    ).toEqual([]);
    expect(outcomes).toContain(profile.t('proposals.outcomeReason', { reason: 'Hører ikke under FKI.' }));

    // The draft agenda is available at any time.
    mark = delivered().length;
    await say(profile.command('agenda.show'), ANNE);
    const draft = textOf(deliveredCards(STEERING_CHANNEL, mark));
    expect(draft).toContain(profile.t('agenda.draftTitle', { group: profile.text(profile.board) }));
    expect(draft).toContain('Fælles cloudstrategi');

    // 5. The detailed-agenda moment (the file's offset before the meeting, same local time): the
    // scheduler's scan posts the detailed agenda.
    clock.set(detailedAgendaAt.plus({ minutes: 1 }).toJSDate());
    const scheduler = createScheduler({
      store: app.store,
      governance: app.services.governance,
      messenger: app.services.messenger,
      groups: app.repositories.groups,
      meetings: app.meetingJobs.source,
      meetingHooks: app.meetingJobs.hooks,
    });
    mark = delivered().length;
    const report = await scheduler.runScan(clock.now(), { ignoreLease: true });
    expect(report.performed.some((key) => key.startsWith(`detailed-agenda:${board}:${meeting!.id}:`))).toBe(
      true,
    );
    const detailedTitle = profile.t('agenda.detailedTitle', { group: profile.text(profile.board) });
    const agenda = deliveredCards(STEERING_CHANNEL, mark).find((c) => textOf(c).includes(detailedTitle));
    expect(agenda).toBeDefined();
    assertValidCard(agenda);
    const agendaText = textOf(agenda);
    expect(agendaText).toContain('Fælles cloudstrategi');
    expect(agendaText).toContain('Økonomi i NemLog-in');
    expect(agendaText).toContain(profile.t('agenda.late'));
    expect(agendaText).not.toContain('Ny logo-konkurrence');
    const [aprilWheelItem] = bodyAgenda(profile.governance, board).annualWheel.Q2;
    expect(agendaText).toContain(profile.text(aprilWheelItem!.title)); // Q2 wheel item (April)
    // Never presented, longest serving.
    expect(agendaText).toContain(`${profile.t('agenda.presenter')}: Anne Aalborg`);
    expect(JSON.stringify(agenda)).toContain(
      `https://fki.example.org/api/meetings/${board}/${meeting!.id}.ics?token=`,
    );
    // The presenter is recorded, so the rotation moves on to Bo next time.
    expect(await app.repositories.people.getPerson(ANNE.aadObjectId)).toBeDefined();
    expect((await cycle.agenda.draft(meeting!)).presenter).toMatchObject({
      personId: ANNE.aadObjectId,
      recorded: true,
    });

    // The calendar invitation and the printable agenda are served with the link's signed token only.
    const linkToken = encodeURIComponent(new URL(cycle.links(meeting!).ics).searchParams.get('token') ?? '');
    const ics = await fetch(`${url}/api/meetings/${board}/${meeting!.id}.ics?token=${linkToken}`);
    expect(ics.status).toBe(200);
    const icsText = (await ics.text()).replace(/\r\n[ \t]/g, ''); // unfold 75-octet lines
    expect(icsText).toContain(`DTSTART;TZID=${profile.timeZone}:20270401T100000`);
    expect(icsText).toContain(`TZID:${profile.timeZone}`);
    expect(icsText).toContain('Fælles cloudstrategi');
    expect((await fetch(`${url}/api/meetings/${board}/${meeting!.id}.ics?token=wrong`)).status).toBe(404);
    const print = await fetch(`${url}/agenda/${board}/${meeting!.id}?token=${linkToken}`);
    expect(print.status).toBe(200);
    expect(await print.text()).toContain('@media print');
  });

  it('cancels a meeting only after a confirmation that names the consequences (issue 26.6/26.7)', async () => {
    const cycle = app.services.meetingCycle!;
    // Danish input: "kl. 10" is the time, never part of the location.
    await say(`${profile.command('meeting.schedule')} 10.06.2027 kl. 10 KOMBIT`, SECRETARIAT);
    const june = (await cycle.meetings.upcoming(board)).find((m) => m.startsAt.startsWith('2027-06-10'));
    const juneAt = DateTime.fromISO('2027-06-10T10:00', { zone: profile.timeZone }).toUTC().toISO();
    expect(june).toMatchObject({ startsAt: juneAt, location: 'KOMBIT' });

    // The April meeting has two accepted items (Anne's and the secretariat's late one).
    const [april] = await cycle.meetings.upcoming(board);
    const aprilText = profile.instant(april!.startsAt);
    let mark = delivered().length;
    await say(`${profile.command('meeting.cancel')} 2027-04-01`, SECRETARIAT);
    const [confirmCard] = deliveredCards(STEERING_CHANNEL, mark);
    assertValidCard(confirmCard);
    const confirmText = textOf(confirmCard);
    expect(confirmText).toContain(profile.t('meetings.confirmCancelTitle', { meeting: aprilText }));
    expect(lacks(confirmText, 'meetings.consequenceAccepted', { count: 2 })).toEqual([]);
    expect(confirmText).toContain('Fælles cloudstrategi');
    expect(confirmText).toContain(profile.t('meetings.consequenceNotify', { count: 2 }));
    expect((await cycle.meetings.get(board, april!.id))!.status).toBe('scheduled');

    // Keep changes nothing.
    const keepData = confirmCard!.actions!.find((a) => a.verb === 'meeting.keep')!.data!;
    const kept = await invoke('meeting.keep', keepData, SECRETARIAT);
    expect(textOf(kept.body.value)).toContain(profile.t('meetings.kept', { meeting: aprilText }));
    expect((await cycle.meetings.get(board, april!.id))!.status).toBe('scheduled');

    // Confirm cancels and tells the group's channel; a second Confirm says it is already done.
    const confirmData = confirmCard!.actions!.find((a) => a.verb === 'meeting.cancel.confirm')!.data!;
    mark = delivered().length;
    const done = await invoke('meeting.cancel.confirm', confirmData, SECRETARIAT);
    expect(textOf(done.body.value)).toContain(profile.t('meetings.cancelled', { meeting: aprilText }));
    expect(textOf(done.body.value)).toContain(profile.t('meetings.notifiedCount', { count: 2 }));
    expect((await cycle.meetings.get(board, april!.id))!.status).toBe('cancelled');
    const notices = delivered()
      .slice(mark)
      .filter((call) => call.path.startsWith(`/v3/conversations/${STEERING_CHANNEL}`));
    expect(
      lacks(textOf(notices.map((call) => call.body)), 'meetings.channelCancelled', {
        meeting: aprilText,
        group: profile.text(profile.board),
      }),
    ).toEqual([]);
    const again = await invoke('meeting.cancel.confirm', confirmData, SECRETARIAT);
    expect(textOf(again.body.value)).toContain(
      profile.t('meetings.alreadyCancelled', { meeting: aprilText }),
    );
  });
});
