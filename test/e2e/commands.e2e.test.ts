/**
 * Every command family of the bot, driven through the Microsoft 365 Agents Playground (a real
 * Teams-like client) against the real app (composeApp: SQLite in a temporary DATA_DIR, development
 * mode, a free port, the system clock). One app and one playground serve the whole file; the tests
 * run in order and build on each other: install -> bind -> schedule -> propose -> triage -> agenda
 * -> portfolio/economy -> hearing vote -> members -> refusals.
 *
 * The playground's mock tenant is `.m365agentsplayground.yml`: its currentUser (Sofie) is the
 * secretariat through SECRETARIAT_AAD_IDS; Mads, Karen and Lars are seeded as steering-group members
 * through the member service, Ole stays outside the register. The governance file here speaks
 * English (`language: en`), so the steering channel's replies and posts (outcome, the hearing's
 * vote card) are English whoever writes (issue 26.5); the secretariat, without a channel of its
 * own, gets the triage card in its personal chat (issue 26.4), where Sofie's Teams speaks English.
 *
 * Every wait names the exact message it expects (a predicate), never "the next message".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { composeApp, type App } from '../../src/app/compose';
import { formatMeetingTime } from '../../src/platform/cards/core-cards';
import { formatDate } from '../../src/platform/cards/reminders';
import { formatKroner } from '../../src/features/portfolio/portfolio-cards';
import { formatInstant } from '../../src/platform/cards/reminders';
import { translate } from '../../src/platform/i18n';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import type { MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { Playground, cardOf, readPlaygroundConfig, visibleText } from '../support/playground';

jest.setTimeout(60_000);

type Key = Parameters<typeof translate>[1];
type Params = Parameters<typeof translate>[2];
const en = (key: Key, params?: Params) => translate('en', key, params);

const WAIT_MS = 20_000;
const ZONE = 'Europe/Copenhagen';

interface CardActionJson {
  type?: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** Every Action.Execute of a card (body and actions, nested), for pressing its buttons. */
function executeActions(card: unknown): CardActionJson[] {
  const found: CardActionJson[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const action = node as CardActionJson;
      if (action.type === 'Action.Execute' && typeof action.verb === 'string') found.push(action);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

function actionData(card: unknown, verb: string, match: Record<string, unknown> = {}) {
  const action = executeActions(card).find(
    (a) => a.verb === verb && Object.entries(match).every(([k, v]) => a.data?.[k] === v),
  );
  if (!action) throw new Error(`no ${verb} action on the card: ${JSON.stringify(card).slice(0, 500)}`);
  return action.data ?? {};
}

/** The card (or text) of an invoke response, as text for assertions. */
function invokeText(response: unknown): string {
  return JSON.stringify(response);
}

describe('every command through the Agents Playground', () => {
  const config = readPlaygroundConfig();
  const steeringChannel = config.team.channels[0]!.id;
  const secretariat = config.currentUser;
  const [mads, karen, lars, pia, ole] = config.users as [
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
  ];
  let dataDir: string;
  let app: App | undefined;
  let playground: Playground | undefined;
  const today = DateTime.now().setZone(ZONE);
  const karenEnds = today.plus({ days: 45 }).toISODate()!;
  /** Relative to today, so the term-end assertions hold whenever the test runs. */
  const madsEnds = today.plus({ years: 3 }).toISODate()!;
  /** A meeting about three months ahead: before its 4-week proposal deadline today. */
  const meetingDate = today.plus({ days: 91 }).toISODate()!;
  let meeting: MeetingRecord;

  const pg = () => playground!;
  /** The next bot post in the steering channel whose visible text contains every string. */
  const postContaining = (...texts: string[]) =>
    pg().nextBotActivity(
      (a) =>
        a.action === 'createMessage' &&
        a.channelOrChatId === steeringChannel &&
        texts.every((text) => visibleText(a).includes(text)),
      WAIT_MS,
    );
  const say = (text: string, asUser?: string) => pg().sendMessage(steeringChannel, text, asUser);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-commands-'));
    app = await composeApp(
      {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        SECRETARIAT_AAD_IDS: secretariat.aadObjectId,
        TEAMS_TENANT_ID: config.tenantId,
        LOG_LEVEL: 'silent',
      },
      { governance: { ...loadGovernance(), language: 'en' } },
    );
    const { port } = await app.start(0, '127.0.0.1');
    playground = await Playground.start({ botEndpoint: `http://127.0.0.1:${port}/api/messages` });

    // The registers, as the secretariat would fill them: two municipalities, then the steering group.
    const services = app.services;
    const imported = await services.municipalities!.importCsv(
      'code,name,citizens,k98Group\n751,Aarhus,367095,Storby\n461,Odense,207000,Storby\n',
      { dryRun: false, actorId: secretariat.aadObjectId },
    );
    expect(imported.ok).toBe(true);
    /** Appoints a playground user to the steering group (id, name and e-mail from the user). */
    const appointToSteering = async (
      user: (typeof config.users)[0],
      term: Omit<
        Parameters<NonNullable<typeof services.memberService>['appoint']>[0],
        'personId' | 'name' | 'email' | 'groupId'
      >,
    ) => {
      const input = {
        personId: user.aadObjectId,
        name: user.name,
        email: user.email,
        groupId: 'steering',
        ...term,
      };
      const result = await services.memberService!.appoint(input, secretariat.aadObjectId);
      if (!result.ok) throw new Error(`appoint ${input.personId}: ${JSON.stringify(result.refusal)}`);
    };
    await appointToSteering(mads, {
      organisation: { kind: 'municipality', municipalityCode: '751' },
      role: 'member',
      termStart: today.minus({ years: 1 }).toISODate()!,
      plannedEnd: madsEnds,
    });
    await appointToSteering(karen, {
      organisation: { kind: 'municipality', municipalityCode: '461' },
      role: 'chair',
      termStart: today.minus({ years: 2 }).toISODate()!,
      plannedEnd: karenEnds,
    });
    await appointToSteering(lars, { organisation: { kind: 'KL' }, role: 'member', termStart: '2023-05-01' });

    // The portfolio: one buffet-financed initiative of a reference group, with part of the frame committed.
    const portfolio = services.portfolio!;
    const saved = await portfolio.portfolio.save({ id: secretariat.aadObjectId }, 'i-e2e-cloud', {
      groupId: 'ref-forretning',
      title: 'Fælles cloudplatform',
      responsible: pia.name,
      status: 'yellow',
      statusReason: 'Leverandøren er forsinket.',
      phase: 'Udvikling',
      startDate: today.minus({ years: 1 }).toISODate()!,
      endDate: today.plus({ years: 2 }).toISODate()!,
      financing: 'buffet',
      budgetedKr: '1.500.000',
      spentKr: '250.000',
    });
    expect(saved.kind).toBe('saved');
    const committed = await services.budget.commit(
      { id: secretariat.aadObjectId },
      {
        requestId: 'e2e-commit-1',
        groupId: 'ref-forretning',
        initiativeId: 'i-e2e-cloud',
        year: today.year,
        amountKr: '1000000',
      },
    );
    expect(committed.kind).toBe('committed');
  });

  afterAll(async () => {
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is installed in the team and binds the steering channel for the secretariat', async () => {
    await pg().installInTeam();
    await pg().nextBotActivity(
      (a) => a.channelOrChatId === config.team.id && visibleText(a).includes(en('welcome.title')),
      WAIT_MS,
    );
    await say('bind steering');
    const steering = await app!.repositories.groups.getGroup('steering');
    await postContaining(en('binding.bound', { group: steering!.name.en! }));
    expect(await app!.repositories.groups.bindingOfChannel(steeringChannel)).toMatchObject({
      groupId: 'steering',
    });
  });

  it('schedules a meeting, lists it and shows it in the status', async () => {
    await say(`schedule meeting ${meetingDate} 10:00 KOMBIT Weidekampsgade`);
    // The meeting card names the meeting by its id, which starts with the date.
    const confirmation = await postContaining(
      en('meetings.meetingTitle', { group: 'Municipal steering group' }),
      meetingDate.replace(/-/g, ''),
    );
    const [scheduled] = await app!.services.meetingCycle!.meetings.upcoming('steering');
    expect(scheduled).toMatchObject({ status: 'scheduled', location: 'KOMBIT Weidekampsgade' });
    meeting = scheduled!;
    const when = formatInstant(meeting.startsAt, 'en', ZONE);
    const deadlines = app!.services.meetingCycle!.meetings.deadlines(meeting);
    expect(visibleText(confirmation)).toContain(en('meetings.scheduled', { meeting: when }));
    expect(cardOf(confirmation)).toBeDefined();
    expect(visibleText(confirmation)).toContain(formatInstant(deadlines.proposalDeadline, 'en', ZONE));
    expect(DateTime.fromISO(meeting.startsAt).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm')).toBe(
      `${meetingDate} 10:00`,
    );

    await say('meetings', mads.id);
    const list = await postContaining(en('meetings.listTitle', { group: 'Municipal steering group' }));
    expect(visibleText(list)).toContain(when);
    expect(visibleText(list)).toContain(meeting.id);

    await say('status', mads.id);
    const status = await postContaining(en('status.title', { group: 'Municipal steering group' }));
    expect(visibleText(status)).toContain(formatMeetingTime(meeting.startsAt, 'en'));
    expect(visibleText(status)).toContain('KOMBIT Weidekampsgade');
  });

  it('takes a proposal by card (a bad field first), posts the triage card, and the secretariat accepts it', async () => {
    // Sofie has written to the bot in personal chat: that is where her personal messages go.
    await pg().sendMessage(config.personalChat.id, 'help');
    await pg().nextBotActivity(
      (a) => a.channelOrChatId === config.personalChat.id && visibleText(a).includes(en('help.title')),
      WAIT_MS,
    );
    await say('propose', mads.id);
    const form = await postContaining(en('proposals.formTitle'));
    const submit = actionData(cardOf(form), 'proposal.submit');
    expect(submit).toMatchObject({ groupId: 'steering', meetingId: meeting.id });
    const fields = {
      title: 'Fælles cloudstrategi',
      description: 'Drøftelse af en fælles strategi for cloud i kommunerne.',
      kind: 'decision',
      requestedMinutes: '25',
      materialUrl: 'https://example.org/cloud.pdf',
      proposedDecision: 'Kommunestyregruppen godkender strategien.',
    };

    // A wrong field comes back on the same card with the reason, and what was typed is kept.
    const invalid = invokeText(
      await pg().invokeCardAction(
        form,
        { verb: 'proposal.submit', data: { ...submit, ...fields, requestedMinutes: 'twenty' } },
        mads.id,
      ),
    );
    expect(invalid).toContain(en('proposals.err_not-whole-minutes'));
    expect(invalid).toContain('twenty');
    expect(invalid).toContain('Fælles cloudstrategi');
    expect(await app!.services.meetingCycle!.proposals.forMeeting('steering', meeting.id)).toHaveLength(0);

    const accepted = invokeText(
      await pg().invokeCardAction(form, { verb: 'proposal.submit', data: { ...submit, ...fields } }, mads.id),
    );
    expect(accepted).toContain(en('proposals.receivedTitle'));
    const [proposal] = await app!.services.meetingCycle!.proposals.forMeeting('steering', meeting.id);
    expect(proposal).toMatchObject({ title: fields.title, proposerId: mads.aadObjectId, status: 'proposed' });

    // No secretariat channel is bound: the triage card goes to the secretariat's members in personal
    // chat (Sofie), never to the steering channel.
    const triage = await pg().nextBotActivity(
      (a) =>
        a.action === 'createMessage' &&
        a.channelOrChatId === config.personalChat.id &&
        visibleText(a).includes(en('proposals.triageTitle', { title: fields.title })),
      WAIT_MS,
    );
    const acceptData = actionData(cardOf(triage), 'proposal.triage', { decision: 'accept' });
    const decided = invokeText(
      await pg().invokeCardAction(triage, { verb: 'proposal.triage', data: acceptData }),
    );
    expect(decided).toContain(`${fields.title}: ${en('proposals.status_accepted')}`);
    await postContaining(
      en('proposals.outcomeTitle', { status: en('proposals.status_accepted') }),
      fields.title,
      mads.name,
    );
    expect(await app!.services.meetingCycle!.proposals.get('steering', proposal!.id)).toMatchObject({
      status: 'accepted',
    });
  });

  it('shows the draft agenda with the standard items and the accepted proposal', async () => {
    await say('agenda', karen.id);
    const agenda = await postContaining(en('agenda.draftTitle', { group: 'Municipal steering group' }));
    const text = visibleText(agenda);
    for (const item of app!.services.governance.standardAgenda) expect(text).toContain(item.title.en);
    expect(text).toContain('Fælles cloudstrategi');
  });

  it('shows the portfolio overview and the economy report with the seeded data', async () => {
    await say('portfolio', lars.id);
    const overview = await postContaining(
      en('portfolio.liveTitle', { meeting: formatInstant(meeting.startsAt, 'en', ZONE) }),
    );
    expect(cardOf(overview)).toBeDefined();
    const overviewText = visibleText(overview);
    expect(overviewText).toContain('Reference group Business');
    expect(overviewText).toContain('Fælles cloudplatform');
    // No status report was sent for the meeting yet: the one initiative is missing its report.
    expect(overviewText).toContain(
      en('portfolio.countsLine', { total: 1, onTime: 0, late: 0, missing: 1, changed: 0 }),
    );

    await say('economy', lars.id);
    const economy = await postContaining(en('budget.economyTitle', { year: today.year }));
    const text = visibleText(economy);
    expect(text).toContain('Fælles cloudplatform');
    // Frame: kr. 5 per citizen of the two registered municipalities; 1,000,000 committed.
    expect(text).toContain(formatKroner(5 * (367095 + 207000), 'en'));
    expect(text).toContain(formatKroner(1_000_000, 'en'));
  });

  it('lists an open hearing and takes a steering member’s vote, updating the shared card', async () => {
    const hearing = await app!.services.hearings!.open({
      proposal: {
        title: 'Arbejdsgruppe for fælles login',
        problem: 'Kommunerne bruger hver sin loginløsning.',
        mandate: 'Foreslå en fælles løsning inden for et år.',
        parentGroupId: 'ref-forretning',
        members: [{ name: pia.name, organisation: 'KOMBIT' }],
        chair: pia.name,
        resources: [{ organisation: 'KOMBIT', hours: 40 }],
        costKr: 0,
        priority: 1,
        startDate: today.plus({ days: 30 }).toISODate()!,
        endDate: today.plus({ days: 395 }).toISODate()!,
      },
      proposingGroupId: 'ref-forretning',
      proposer: { id: pia.aadObjectId, name: pia.name },
    });
    expect([...hearing.eligibleVoterIds].sort()).toEqual(
      [mads.aadObjectId, karen.aadObjectId, lars.aadObjectId].sort(),
    );
    const cardTitle = en('hearings.cardTitle', { title: 'Arbejdsgruppe for fælles login' });
    const shared = await postContaining(cardTitle);
    expect(shared.message?.messageId).toBe(hearing.activityId);

    await say('hearings', karen.id);
    const list = await postContaining(en('hearings.listTitle'), 'Arbejdsgruppe for fælles login');
    expect(visibleText(list)).toContain(hearing.id);

    const approve = actionData(cardOf(shared), 'hearing.vote', { choice: 'approve' });
    const own = invokeText(
      await pg().invokeCardAction(
        shared,
        { verb: 'hearing.vote', data: { ...approve, comment: 'Godt initiativ.' } },
        mads.id,
      ),
    );
    expect(own).toContain(en('hearings.recorded', { choice: en('hearings.choice_approve') }));
    expect(own).toContain(en('hearings.yourVote', { choice: en('hearings.choice_approve') }));
    expect(await app!.services.hearings!.votes(hearing.id)).toEqual([
      expect.objectContaining({ voterId: mads.aadObjectId, choice: 'approve', comment: 'Godt initiativ.' }),
    ]);

    // The shared card in the channel is updated in place with the new tally.
    const tally = en('hearings.tally', { approve: 1, reject: 0, abstain: 0, cast: 1, eligible: 3 });
    const updated = await pg().nextBotActivity(
      (a) =>
        a.action === 'updateMessage' &&
        a.message?.messageId === hearing.activityId &&
        visibleText(a).includes(tally),
      WAIT_MS,
    );
    expect(visibleText(updated)).toContain(cardTitle);
  });

  it('lists the members with their term ends, and the expiring terms for the secretariat', async () => {
    await say('members', mads.id);
    const members = await postContaining(en('members.listTitle', { group: 'Municipal steering group' }));
    const text = visibleText(members);
    for (const user of [mads, karen, lars]) expect(text).toContain(user.name);
    expect(text).toContain(en('members.termEnds', { date: formatDate(madsEnds, 'en') }));
    expect(text).toContain(en('members.termEnds', { date: formatDate(karenEnds, 'en') }));
    expect(text).not.toContain(ole.name);

    await say('expiring');
    const expiring = await postContaining(en('members.expiringTitle', { days: 90 }));
    expect(visibleText(expiring)).toContain(karen.name);
    expect(visibleText(expiring)).toContain(formatDate(karenEnds, 'en'));
    expect(visibleText(expiring)).not.toContain(mads.name);
  });

  it('refuses member-only and secretariat-only commands to those without the role, with the reason', async () => {
    await say('propose', ole.id);
    await postContaining(
      en('core.roleRefused', {
        command: 'propose', // named as the user typed it (the English alias)
        roles: ['administer', 'chair', 'member'].map((r) => en(`core.role_${r}` as Key)).join(', '),
      }),
    );

    await say('expiring', mads.id);
    await postContaining(en('core.roleRefused', { command: 'expiring', roles: en('core.role_administer') }));

    await say(`schedule meeting ${today.plus({ days: 120 }).toISODate()} 10:00`, karen.id);
    await postContaining(
      en('core.roleRefused', { command: 'schedule meeting', roles: en('core.role_administer') }),
    );
    expect(await app!.services.meetingCycle!.meetings.upcoming('steering')).toHaveLength(1);
  });
});
