/**
 * Every command family of the bot, driven through the Microsoft 365 Agents Playground (a real
 * Teams-like client) against the real app (composeApp: SQLite in a temporary DATA_DIR, development
 * mode, a free port, the system clock). One app and one playground serve a run; the tests run in
 * order and build on each other: install -> bind -> schedule -> propose -> triage -> agenda ->
 * portfolio/economy -> hearing vote -> members -> refusals.
 *
 * Run once per governance file (issue 23.2): the board, the committee, the organisation, the
 * deadlines, the term-warning period and the buffet price come from the file, the commands are typed
 * by their names in the bodies' language, and the board's channel answers in that language whoever
 * writes (issue 26.5). The playground's mock tenant is `.m365agentsplayground.yml`: its currentUser
 * (Sofie) is the administration through SECRETARIAT_AAD_IDS; Mads, Karen and Lars are seeded as
 * board members through the member service, Ole stays outside the register. The administration,
 * without a channel of its own, gets the triage card in its personal chat (issue 26.4), where
 * Sofie's Teams speaks English.
 *
 * Every wait names the exact message it expects (a predicate), never "the next message".
 */
import { DateTime } from 'luxon';
import { bodyAgenda } from '../../src/domain/governance';
import { formatMeetingTime } from '../../src/platform/cards/core-cards';
import { formatKroner } from '../../src/features/portfolio/portfolio-cards';
import { translate, type MessageKey, type MessageParams } from '../../src/platform/i18n';
import type { MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { cardOf, readPlaygroundConfig, visibleText } from '../support/playground';
import { PROFILES, loadProfile, type GovernanceProfile } from './support/governance-profiles';
import { Journey, WAIT_MS, actionData } from './support/journey';

jest.setTimeout(60_000);

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

describe.each(PROFILES)('every command through the Agents Playground ($label)', (spec) => {
  const config = readPlaygroundConfig();
  const [mads, karen, lars, pia, ole] = config.users as [
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
  ];
  let profile: GovernanceProfile;
  let journey: Journey | undefined;
  let board: string;
  let boardName: string;
  /** Today in the file's zone. */
  let today: DateTime;
  const isoDate = (date: DateTime) => date.toISODate()!;
  let karenEnds: string;
  /** Relative to today, so the term-end assertions hold whenever the test runs. */
  let madsEnds: string;
  /** A meeting about three months ahead: before its proposal deadline today. */
  let meetingDate: string;
  let meeting: MeetingRecord;
  const location = 'Rådhuset, mødesal 2';

  const j = () => journey!;
  /** A catalogue text in the bodies' language (the board's channel). */
  const t = (key: MessageKey, params?: MessageParams) => profile.t(key, params);
  /** The next bot post in the board's channel whose visible text contains every string. */
  const postContaining = (...texts: string[]) => j().post(j().channel, ...texts);
  const say = (text: string, asUser?: string) => j().playground.sendMessage(j().channel, text, asUser);

  beforeAll(async () => {
    profile = loadProfile(spec);
    board = profile.board.id;
    boardName = profile.text(profile.board);
    today = DateTime.now().setZone(profile.timeZone);
    karenEnds = isoDate(today.plus({ days: 45 }));
    madsEnds = isoDate(today.plus({ years: 3 }));
    meetingDate = isoDate(today.plus({ days: 91 }));
    journey = await Journey.start(profile, { name: 'commands' });

    // The register, as the administration would fill it: the board (two municipalities, an organisation).
    await j().appoint(mads, board, {
      code: '751',
      termStart: isoDate(today.minus({ years: 1 })),
      plannedEnd: madsEnds,
    });
    await j().appoint(karen, board, {
      code: '461',
      role: 'chair',
      termStart: isoDate(today.minus({ years: 2 })),
      plannedEnd: karenEnds,
    });
    await j().appoint(lars, board, { organisation: profile.organisation, termStart: '2023-05-01' });
    await seedPortfolio();
  });

  /** The portfolio: one buffet-financed initiative of the committee, with part of the frame committed. */
  async function seedPortfolio() {
    const services = j().app.services;
    const actor = { id: j().administrator.aadObjectId };
    const saved = await services.portfolio!.portfolio.save(actor, 'i-e2e-cloud', {
      groupId: profile.committee.id,
      title: 'Fælles cloudplatform',
      responsible: pia.name,
      status: 'yellow',
      statusReason: 'Leverandøren er forsinket.',
      phase: 'Udvikling',
      startDate: isoDate(today.minus({ years: 1 })),
      endDate: isoDate(today.plus({ years: 2 })),
      financing: 'buffet',
      budgetedKr: '1.500.000',
      spentKr: '250.000',
    });
    expect(saved.kind).toBe('saved');
    const committed = await services.budget.commit(actor, {
      requestId: 'e2e-commit-1',
      groupId: profile.committee.id,
      initiativeId: 'i-e2e-cloud',
      year: today.year,
      amountKr: '1000000',
    });
    expect(committed.kind).toBe('committed');
  }

  afterAll(async () => {
    await journey?.stop();
  });

  it('is installed in the team and binds the board channel for the administration', async () => {
    await j().install();
    await say(`${profile.command('bind')} ${board}`);
    await postContaining(t('binding.bound', { group: boardName }));
    expect(await j().app.repositories.groups.bindingOfChannel(j().channel)).toMatchObject({
      groupId: board,
    });
  });

  it('schedules a meeting, lists it and shows it in the status', async () => {
    await say(`${profile.command('meeting.schedule')} ${meetingDate} 10:00 ${location}`);
    // The meeting card names the meeting by its id, which starts with the date.
    const confirmation = await postContaining(
      t('meetings.meetingTitle', { group: boardName }),
      meetingDate.replace(/-/g, ''),
    );
    const cycle = j().app.services.meetingCycle!;
    const [scheduled] = await cycle.meetings.upcoming(board);
    expect(scheduled).toMatchObject({ status: 'scheduled', location });
    meeting = scheduled!;
    const when = profile.instant(meeting.startsAt);
    const deadlines = cycle.meetings.deadlines(meeting);
    expect(visibleText(confirmation)).toContain(t('meetings.scheduled', { meeting: when }));
    expect(cardOf(confirmation)).toBeDefined();
    expect(visibleText(confirmation)).toContain(profile.instant(deadlines.proposalDeadline));
    expect(DateTime.fromISO(meeting.startsAt).setZone(profile.timeZone).toFormat('yyyy-MM-dd HH:mm')).toBe(
      `${meetingDate} 10:00`,
    );

    await say(profile.command('meeting.list'), mads.id);
    const list = await postContaining(t('meetings.listTitle', { group: boardName }));
    expect(visibleText(list)).toContain(when);
    expect(visibleText(list)).toContain(meeting.id);

    await say(profile.command('status'), mads.id);
    const status = await postContaining(t('status.title', { group: boardName }));
    expect(visibleText(status)).toContain(
      formatMeetingTime(meeting.startsAt, profile.language, profile.timeZone),
    );
    expect(visibleText(status)).toContain(location);
  });

  it('takes a proposal by card (a bad field first), posts the triage card, and the administration accepts it', async () => {
    const pg = j().playground;
    const proposals = j().app.services.meetingCycle!.proposals;
    // Sofie has written to the bot in personal chat: that is where her personal messages go.
    await pg.sendMessage(config.personalChat.id, 'help');
    await j().post(config.personalChat.id, en('help.title'));
    await say(profile.command('proposal.open'), mads.id);
    const form = await postContaining(t('proposals.formTitle'));
    const submit = actionData(cardOf(form), 'proposal.submit');
    expect(submit).toMatchObject({ groupId: board, meetingId: meeting.id });
    const fields = {
      title: 'Fælles cloudstrategi',
      description: 'Drøftelse af en fælles strategi for cloud i kommunerne.',
      kind: 'decision',
      requestedMinutes: '25',
      materialUrl: 'https://example.org/cloud.pdf',
      proposedDecision: `${boardName} godkender strategien.`,
    };

    // A wrong field comes back on the same card with the reason, and what was typed is kept.
    const invalid = await j().press(
      form,
      'proposal.submit',
      { ...submit, ...fields, requestedMinutes: 'twenty' },
      mads.id,
    );
    expect(invalid).toContain(t('proposals.err_not-whole-minutes'));
    expect(invalid).toContain('twenty');
    expect(invalid).toContain('Fælles cloudstrategi');
    expect(await proposals.forMeeting(board, meeting.id)).toHaveLength(0);

    const accepted = await j().press(form, 'proposal.submit', { ...submit, ...fields }, mads.id);
    expect(accepted).toContain(t('proposals.receivedTitle'));
    const [proposal] = await proposals.forMeeting(board, meeting.id);
    expect(proposal).toMatchObject({ title: fields.title, proposerId: mads.aadObjectId, status: 'proposed' });

    // No administration channel is bound: the triage card goes to the administration's members in
    // personal chat (Sofie), never to the board's channel.
    const triage = await j().post(
      config.personalChat.id,
      t('proposals.triageTitle', { title: fields.title }),
    );
    const acceptData = actionData(cardOf(triage), 'proposal.triage', { decision: 'accept' });
    const decided = await j().press(triage, 'proposal.triage', acceptData);
    expect(decided).toContain(`${fields.title}: ${en('proposals.status_accepted')}`);
    await postContaining(
      t('proposals.outcomeTitle', { status: t('proposals.status_accepted') }),
      fields.title,
      mads.name,
    );
    expect(await proposals.get(board, proposal!.id)).toMatchObject({ status: 'accepted' });
  });

  it('shows the draft agenda with the standard items and the accepted proposal', async () => {
    await say(profile.command('agenda.show'), karen.id);
    const agenda = await postContaining(t('agenda.draftTitle', { group: boardName }));
    const text = visibleText(agenda);
    const { standardAgenda } = bodyAgenda(profile.governance, board);
    expect(standardAgenda.length).toBeGreaterThan(0);
    for (const item of standardAgenda) expect(text).toContain(profile.text(item.title));
    expect(text).toContain('Fælles cloudstrategi');
  });

  it('shows the portfolio overview and the economy report with the seeded data', async () => {
    await say(profile.command('portfolio'), lars.id);
    const overview = await postContaining(
      t('portfolio.liveTitle', { meeting: profile.instant(meeting.startsAt) }),
    );
    expect(cardOf(overview)).toBeDefined();
    const overviewText = visibleText(overview);
    expect(overviewText).toContain(profile.text(profile.committee));
    expect(overviewText).toContain('Fælles cloudplatform');
    // No status report was sent for the meeting yet: the one initiative is missing its report.
    expect(overviewText).toContain(
      t('portfolio.countsLine', { total: 1, onTime: 0, late: 0, missing: 1, changed: 0 }),
    );

    await say(profile.command('economy'), lars.id);
    const economy = await postContaining(t('budget.economyTitle', { year: today.year }));
    const text = visibleText(economy);
    expect(text).toContain('Fælles cloudplatform');
    // Frame: the file's buffet price per citizen of the two registered municipalities; 1,000,000 committed.
    const price = profile.governance.budget.buffetPricePerCitizenKr;
    expect(text).toContain(formatKroner(price * (367095 + 207000), profile.language));
    expect(text).toContain(formatKroner(1_000_000, profile.language));
  });

  it('lists an open hearing and takes a board member’s vote, updating the shared card', async () => {
    const hearings = j().app.services.hearings!;
    const title = 'Arbejdsgruppe for fælles login';
    const hearing = await hearings.open({
      proposal: {
        title,
        problem: 'Kommunerne bruger hver sin loginløsning.',
        mandate: 'Foreslå en fælles løsning inden for et år.',
        parentGroupId: profile.committee.id,
        members: [{ name: pia.name, organisation: profile.organisation }],
        chair: pia.name,
        resources: [{ organisation: profile.organisation, hours: 40 }],
        costKr: 0,
        priority: 1,
        startDate: isoDate(today.plus({ days: 30 })),
        endDate: isoDate(today.plus({ days: 395 })),
      },
      proposingGroupId: profile.committee.id,
      proposer: { id: pia.aadObjectId, name: pia.name },
    });
    expect([...hearing.eligibleVoterIds].sort()).toEqual(
      [mads.aadObjectId, karen.aadObjectId, lars.aadObjectId].sort(),
    );
    const cardTitle = t('hearings.cardTitle', { title });
    const shared = await postContaining(cardTitle);
    expect(shared.message?.messageId).toBe(hearing.activityId);

    await say(profile.command('hearings'), karen.id);
    const list = await postContaining(t('hearings.listTitle'), title);
    expect(visibleText(list)).toContain(hearing.id);

    const approve = actionData(cardOf(shared), 'hearing.vote', { choice: 'approve' });
    const own = await j().press(shared, 'hearing.vote', { ...approve, comment: 'Godt initiativ.' }, mads.id);
    expect(own).toContain(t('hearings.recorded', { choice: t('hearings.choice_approve') }));
    expect(own).toContain(t('hearings.yourVote', { choice: t('hearings.choice_approve') }));
    expect(await hearings.votes(hearing.id)).toEqual([
      expect.objectContaining({ voterId: mads.aadObjectId, choice: 'approve', comment: 'Godt initiativ.' }),
    ]);

    // The shared card in the channel is updated in place with the new tally.
    const tally = t('hearings.tally', { approve: 1, reject: 0, abstain: 0, cast: 1, eligible: 3 });
    const updated = await j().playground.nextBotActivity(
      (a) =>
        a.action === 'updateMessage' &&
        a.message?.messageId === hearing.activityId &&
        visibleText(a).includes(tally),
      WAIT_MS,
    );
    expect(visibleText(updated)).toContain(cardTitle);
  });

  it('lists the members with their term ends, and the expiring terms for the administration', async () => {
    await say(profile.command('members'), mads.id);
    const members = await postContaining(t('members.listTitle', { group: boardName }));
    const text = visibleText(members);
    for (const user of [mads, karen, lars]) expect(text).toContain(user.name);
    expect(text).toContain(t('members.termEnds', { date: profile.date(madsEnds) }));
    expect(text).toContain(t('members.termEnds', { date: profile.date(karenEnds) }));
    expect(text).not.toContain(ole.name);

    await say(profile.command('expiring'));
    const days = profile.governance.reminders.termEndingWarningDays;
    const expiring = await postContaining(t('members.expiringTitle', { days }));
    expect(visibleText(expiring)).toContain(karen.name);
    expect(visibleText(expiring)).toContain(profile.date(karenEnds));
    expect(visibleText(expiring)).not.toContain(mads.name);
  });

  it('refuses member-only and administration-only commands to those without the role, with the reason', async () => {
    const role = (id: string) => t(`core.role_${id}` as MessageKey);
    await say(profile.command('proposal.open'), ole.id);
    await postContaining(
      t('core.roleRefused', {
        command: profile.command('proposal.open'), // named as the user typed it
        roles: ['administer', 'chair', 'member'].map(role).join(', '),
      }),
    );

    await say(profile.command('expiring'), mads.id);
    await postContaining(
      t('core.roleRefused', { command: profile.command('expiring'), roles: role('administer') }),
    );

    const later = isoDate(today.plus({ days: 120 }));
    await say(`${profile.command('meeting.schedule')} ${later} 10:00`, karen.id);
    await postContaining(
      t('core.roleRefused', { command: profile.command('meeting.schedule'), roles: role('administer') }),
    );
    expect(await j().app.services.meetingCycle!.meetings.upcoming(board)).toHaveLength(1);
  });
});
