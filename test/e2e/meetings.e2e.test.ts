/**
 * The meeting cycle through the real bot: composeApp (development mode, ManualClock, embedded
 * SQLite store in a temp dir), activities POSTed to /api/messages, replies and proactive posts
 * captured by the local Bot Connector stand-in (test/support/connector-standin.ts).
 *
 * schedule -> propose before the deadline (accepted), after it (refused with the deadline), as the
 * secretariat after it (accepted, late) -> triage (accept, reject with reason) -> the 2-week scan
 * posts the detailed agenda with the accepted items, the quarter's wheel items and the presenter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { assertValidCard } from '../../src/platform/cards/validate';
import { ManualClock } from '../../src/domain/clock';
import { createScheduler } from '../../src/app/scheduler';
import { ConnectorStandIn } from '../support/connector-standin';
import {
  cardInvoke,
  channelMessage,
  postActivity,
  TEAM_ID,
  TENANT,
  type From,
} from '../bot/support/activities';

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

describe('meeting cycle end to end', () => {
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

  beforeAll(async () => {
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
      groupId: 'steering',
      role: 'member',
      termStart: '2024-01-01',
    });
    await people.saveMembership({
      personId: BO.aadObjectId,
      groupId: 'steering',
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
    expect((await say('tilknyt steering', SECRETARIAT)).status).toBe(200);
    expect((await say('tilknyt secretariat', SECRETARIAT, SECRETARIAT_CHANNEL)).status).toBe(200);
    expect(await app.repositories.groups.bindingOfGroup('secretariat')).toBeDefined();
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
    await say('planlæg møde 2027-04-01 10:00 KOMBIT, Weidekampsgade', SECRETARIAT);
    const [meetingReply] = deliveredCards(STEERING_CHANNEL, mark);
    assertValidCard(meetingReply);
    expect(JSON.stringify(meetingReply)).toContain('torsdag 4. marts 2027 kl. 10.00'); // the 4-week deadline
    const [meeting] = await cycle.meetings.upcoming('steering');
    expect(meeting).toMatchObject({
      startsAt: '2027-04-01T08:00:00.000Z',
      status: 'scheduled',
      location: 'KOMBIT, Weidekampsgade',
    });

    // 2. Anne proposes before the deadline: the command opens the form, the submit is accepted.
    mark = delivered().length;
    await say('foreslå', ANNE);
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
    const invalidCard = JSON.stringify(invalid.body.value);
    expect(invalidCard).toContain('Skriv et helt antal minutter.');
    expect(invalidCard).toContain('Fælles cloudstrategi');
    expect(await cycle.proposals.forMeeting('steering', meeting!.id)).toHaveLength(0);

    mark = delivered().length;
    const accepted = await invoke('proposal.submit', { ...submitData, ...anneFields }, ANNE);
    assertValidCard(accepted.body.value);
    expect(JSON.stringify(accepted.body.value)).toContain('Tak, dit forslag er modtaget');
    // Re-sent (same card instance): still one proposal, one triage card.
    const again = await invoke('proposal.submit', { ...submitData, ...anneFields }, ANNE);
    expect(JSON.stringify(again.body.value)).toContain('Tak, dit forslag er modtaget');

    // Bo proposes too (on time); this one will be rejected.
    await say('foreslå', BO);
    const boForm = deliveredCards(STEERING_CHANNEL, mark).find((c) =>
      c.actions?.some((a) => a.verb === 'proposal.submit'),
    )!;
    const boData = boForm.actions!.find((a) => a.verb === 'proposal.submit')!.data!;
    await invoke(
      'proposal.submit',
      { ...boData, title: 'Ny logo-konkurrence', kind: 'orientation', requestedMinutes: '10' },
      BO,
    );

    expect(await cycle.proposals.forMeeting('steering', meeting!.id)).toHaveLength(2);
    // The triage cards are posted off the request path, right after each invoke is answered.
    await cycle.proposals.idle();
    const triageCards = deliveredCards(SECRETARIAT_CHANNEL, mark).filter((c) =>
      c.actions?.some((a) => a.verb === 'proposal.triage'),
    );
    expect(triageCards).toHaveLength(2);
    triageCards.forEach((card) => assertValidCard(card));

    // 3. After the deadline (4 March 10:00): a member is refused with the deadline shown ...
    clock.set('2027-03-05T09:00:00.000Z');
    mark = delivered().length;
    await say('foreslå', BO);
    expect(JSON.stringify(deliveredCards(STEERING_CHANNEL, mark))).toContain(
      'torsdag 4. marts 2027 kl. 10.00',
    );
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
    expect(JSON.stringify(refused.body.value)).toMatch(
      /Fristen for forslag til mødet .* var torsdag 4\. marts 2027 kl\. 10\.00/,
    );

    // ... while the secretariat may still add an item, marked late.
    mark = delivered().length;
    await say('foreslå', SECRETARIAT);
    const lateForm = deliveredCards(STEERING_CHANNEL, mark)[0]!;
    const lateData = lateForm.actions!.find((a) => a.verb === 'proposal.submit')!.data!;
    const late = await invoke(
      'proposal.submit',
      { ...lateData, title: 'Økonomi i NemLog-in', kind: 'discussion', requestedMinutes: '20' },
      SECRETARIAT,
    );
    expect(JSON.stringify(late.body.value)).toContain('markeret som for sent');
    const proposals = await cycle.proposals.forMeeting('steering', meeting!.id);
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
        { groupId: 'steering', proposalId: byTitle(title).id, decision, reason },
        SECRETARIAT,
        SECRETARIAT_CHANNEL,
      );
    const noReason = await triage('Ny logo-konkurrence', 'reject');
    expect(JSON.stringify(noReason.body.value)).toContain('Skriv en begrundelse');
    // Members cannot triage.
    const byMember = await invoke(
      'proposal.triage',
      { groupId: 'steering', proposalId: byTitle('Fælles cloudstrategi').id, decision: 'accept' },
      ANNE,
      SECRETARIAT_CHANNEL,
    );
    expect(JSON.stringify(byMember.body.value)).toContain('sekretariat');

    mark = delivered().length;
    const acceptedAnne = await triage('Fælles cloudstrategi', 'accept');
    assertValidCard(acceptedAnne.body.value);
    expect(JSON.stringify(acceptedAnne.body.value)).toContain('accepteret');
    await triage('Ny logo-konkurrence', 'reject', 'Hører ikke under FKI.');
    await triage('Økonomi i NemLog-in', 'accept');
    const outcomes = JSON.stringify(deliveredCards(STEERING_CHANNEL, mark));
    expect(outcomes).toContain('**Anne Aalborg**: dit forslag \\"Fælles cloudstrategi\\"');
    expect(outcomes).toContain('Begrundelse: Hører ikke under FKI.');

    // The draft agenda is available at any time.
    mark = delivered().length;
    await say('dagsorden', ANNE);
    const draft = JSON.stringify(deliveredCards(STEERING_CHANNEL, mark));
    expect(draft).toContain('Udkast til dagsorden');
    expect(draft).toContain('Fælles cloudstrategi');

    // 5. The 2-week moment (18 March 10:00 local = 09:00Z): the scheduler's scan posts the detailed agenda.
    clock.set('2027-03-18T09:01:00.000Z');
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
    expect(report.performed.some((key) => key.startsWith(`detailed-agenda:steering:${meeting!.id}:`))).toBe(
      true,
    );
    const agenda = deliveredCards(STEERING_CHANNEL, mark).find((c) =>
      JSON.stringify(c).includes('Detaljeret dagsorden'),
    );
    expect(agenda).toBeDefined();
    assertValidCard(agenda);
    const agendaText = JSON.stringify(agenda);
    expect(agendaText).toContain('Fælles cloudstrategi');
    expect(agendaText).toContain('Økonomi i NemLog-in');
    expect(agendaText).toContain('Tilføjet efter fristen');
    expect(agendaText).not.toContain('Ny logo-konkurrence');
    expect(agendaText).toContain('Strategisk temadrøftelse'); // Q2 wheel item (April)
    expect(agendaText).toContain('Oplægsholder: Anne Aalborg'); // never presented, longest serving
    expect(agendaText).toContain(`https://fki.example.org/api/meetings/steering/${meeting!.id}.ics?token=`);
    // The presenter is recorded, so the rotation moves on to Bo next time.
    expect(await app.repositories.people.getPerson(ANNE.aadObjectId)).toBeDefined();
    expect((await cycle.agenda.draft(meeting!)).presenter).toMatchObject({
      personId: ANNE.aadObjectId,
      recorded: true,
    });

    // The calendar invitation and the printable agenda are served with the link's signed token only.
    const linkToken = encodeURIComponent(new URL(cycle.links(meeting!).ics).searchParams.get('token') ?? '');
    const ics = await fetch(`${url}/api/meetings/steering/${meeting!.id}.ics?token=${linkToken}`);
    expect(ics.status).toBe(200);
    const icsText = (await ics.text()).replace(/\r\n[ \t]/g, ''); // unfold 75-octet lines
    expect(icsText).toContain('DTSTART;TZID=Europe/Copenhagen:20270401T100000');
    expect(icsText).toContain('TZID:Europe/Copenhagen');
    expect(icsText).toContain('Fælles cloudstrategi');
    expect((await fetch(`${url}/api/meetings/steering/${meeting!.id}.ics?token=wrong`)).status).toBe(404);
    const print = await fetch(`${url}/agenda/steering/${meeting!.id}?token=${linkToken}`);
    expect(print.status).toBe(200);
    expect(await print.text()).toContain('@media print');
  });

  it('cancels a meeting only after a confirmation that names the consequences (issue 26.6/26.7)', async () => {
    const cycle = app.services.meetingCycle!;
    // Danish input: "kl. 10" is the time, never part of the location.
    await say('planlæg møde 10.06.2027 kl. 10 KOMBIT', SECRETARIAT);
    const june = (await cycle.meetings.upcoming('steering')).find((m) => m.startsAt.startsWith('2027-06-10'));
    expect(june).toMatchObject({ startsAt: '2027-06-10T08:00:00.000Z', location: 'KOMBIT' });

    // The April meeting has two accepted items (Anne's and the secretariat's late one).
    const [april] = await cycle.meetings.upcoming('steering');
    let mark = delivered().length;
    await say('aflys møde 2027-04-01', SECRETARIAT);
    const [confirmCard] = deliveredCards(STEERING_CHANNEL, mark);
    assertValidCard(confirmCard);
    const confirmText = JSON.stringify(confirmCard);
    expect(confirmText).toContain('Aflys mødet torsdag 1. april 2027 kl. 10.00?');
    expect(confirmText).toContain('Accepterede punkter (2)');
    expect(confirmText).toContain('Fælles cloudstrategi');
    expect(confirmText).toContain('Forslagsstillerne (2) får en personlig besked');
    expect((await cycle.meetings.get('steering', april!.id))!.status).toBe('scheduled');

    // Keep changes nothing.
    const keepData = confirmCard!.actions!.find((a) => a.verb === 'meeting.keep')!.data!;
    const kept = await invoke('meeting.keep', keepData, SECRETARIAT);
    expect(JSON.stringify(kept.body.value)).toContain('er ikke ændret');
    expect((await cycle.meetings.get('steering', april!.id))!.status).toBe('scheduled');

    // Confirm cancels and tells the group's channel; a second Confirm says it is already done.
    const confirmData = confirmCard!.actions!.find((a) => a.verb === 'meeting.cancel.confirm')!.data!;
    mark = delivered().length;
    const done = await invoke('meeting.cancel.confirm', confirmData, SECRETARIAT);
    expect(JSON.stringify(done.body.value)).toContain('er aflyst');
    expect(JSON.stringify(done.body.value)).toContain('Besked er sendt til 2 forslagsstillere');
    expect((await cycle.meetings.get('steering', april!.id))!.status).toBe('cancelled');
    const notices = delivered()
      .slice(mark)
      .filter((call) => call.path.startsWith(`/v3/conversations/${STEERING_CHANNEL}`));
    expect(JSON.stringify(notices.map((call) => call.body))).toContain('Sekretariatet har aflyst mødet');
    const again = await invoke('meeting.cancel.confirm', confirmData, SECRETARIAT);
    expect(JSON.stringify(again.body.value)).toContain('er allerede aflyst');
  });
});
