/**
 * The meeting record's loop through the Microsoft 365 Agents Playground (a real Teams-like client)
 * against the real app (composeApp: SQLite in a temporary DATA_DIR, development mode, a manual
 * clock so the comment period and the reminder's day can be reached):
 *
 * a steering meeting with two proposed items, accepted by the secretariat → each item gets its
 * material (an https link) from the agenda card's "add material" form → the detailed agenda the
 * due-scan posts at the 2-week moment lists both items' material → after the meeting the
 * secretariat opens `referat`, records a decision and a follow-up action on one item and a decision
 * on the other through the record cards → posts the draft to the channel → after the comment period
 * approves the minutes from the draft card → the due-scan sends the action's owner the reminder in
 * their personal chat, once (a second scan sends nothing) → the next meeting's detailed agenda
 * (posted by the scan) and `dagsorden` carry the open action under "Opfølgning" → the owner closes
 * it from the reminder card with a note.
 *
 * The playground's currentUser (Sofie) is the secretariat through SECRETARIAT_AAD_IDS and also a
 * member of the steering group here, so she owns the action and her personal chat is the
 * playground's personal chat. Messages carry locale en-US: what the bot says in the channel is in
 * the body's language (Danish, issue 26.5), what it says in her personal chat in English; the
 * proactive posts (the detailed agenda, the draft, the reminder) are in Danish.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import { translate } from '../../src/platform/i18n';
import {
  Playground,
  cardOf,
  readPlaygroundConfig,
  visibleText,
  type BotActivity,
} from '../support/playground';

jest.setTimeout(90_000);

type Key = Parameters<typeof translate>[1];
type Params = Parameters<typeof translate>[2];
const en = (key: Key, params?: Params) => translate('en', key, params);
const da = (key: Key, params?: Params) => translate('da', key, params);

const WAIT_MS = 20_000;

interface CardActionJson {
  type?: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** The data of the card's Action.Execute with this verb (anywhere in the card or invoke response). */
function actionData(card: unknown, verb: string, match: Record<string, unknown> = {}) {
  let found: CardActionJson | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const action = node as CardActionJson;
    const matches = Object.entries(match).every(([key, value]) => action.data?.[key] === value);
    if (action.type === 'Action.Execute' && action.verb === verb && matches) found = action;
    else Object.values(node).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} action on the card: ${JSON.stringify(card).slice(0, 800)}`);
  return found.data ?? {};
}

describe('the meeting record, from decision to follow-up, through the Agents Playground', () => {
  const config = readPlaygroundConfig();
  const steeringChannel = config.team.channels[0]!.id;
  const sofie = config.currentUser;
  const mads = config.users[0]!;
  // Before the held meeting's proposal deadline (28 days before 20 January 2027).
  const clock = new ManualClock('2026-12-15T09:00:00.000Z');
  let app: App | undefined;
  let playground: Playground | undefined;
  let dataDir: string;
  let held: string;
  let next: string;
  /** The held meeting's two proposed items (their agenda item ids are the proposal ids). */
  let items: Array<{ id: string; title: string; material: string }>;
  /** The answer card (or text) of the last card action. */
  let answer: unknown;
  let reminder: BotActivity;

  const pg = () => playground!;
  const post = (channel: string, ...texts: string[]) =>
    pg().nextBotActivity(
      (a) =>
        a.action === 'createMessage' &&
        a.channelOrChatId === channel &&
        texts.every((text) => visibleText(a).includes(text)),
      WAIT_MS,
    );
  /** Presses a button of the card that answered the last action (answers come back inline). */
  const press = async (on: BotActivity, verb: string, data: Record<string, unknown>) => {
    answer = await pg().invokeCardAction(on, { verb, data });
    return JSON.stringify(answer);
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-record-'));
    app = await composeApp(
      {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        SECRETARIAT_AAD_IDS: sofie.aadObjectId,
        TEAMS_TENANT_ID: config.tenantId,
        LOG_LEVEL: 'silent',
      },
      { clock },
    );
    const { port } = await app.start(0, '127.0.0.1');
    playground = await Playground.start({ botEndpoint: `http://127.0.0.1:${port}/api/messages` });
    const services = app.services;
    const imported = await services.municipalities.importCsv(
      'code,name,citizens,k98Group\n751,Aarhus,367095,Storby\n461,Odense,207000,Storby\n',
      { dryRun: false, actorId: sofie.aadObjectId },
    );
    expect(imported.ok).toBe(true);
    for (const [user, code] of [
      [sofie, '461'],
      [mads, '751'],
    ] as const) {
      const result = await services.memberService.appoint(
        {
          personId: user.aadObjectId,
          name: user.name,
          email: user.email,
          groupId: 'steering',
          organisation: { kind: 'municipality', municipalityCode: code },
          role: 'member',
          termStart: '2026-01-01',
        },
        sofie.aadObjectId,
      );
      if (!result.ok) throw new Error(`appoint ${user.name}: ${JSON.stringify(result.refusal)}`);
    }
    const schedule = async (date: string) => {
      const scheduled = await services.meetingCycle.meetings.schedule({
        groupId: 'steering',
        date,
        time: '10:00',
        actorId: sofie.aadObjectId,
      });
      if (scheduled.kind !== 'scheduled') throw new Error(scheduled.kind);
      return scheduled.meeting.id;
    };
    held = await schedule('2027-01-20');
    next = await schedule('2027-02-17');
  });

  afterAll(async () => {
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('binds the steering channel; Sofie has written to the bot in personal chat', async () => {
    await pg().installInTeam();
    await post(config.team.id, da('welcome.title'));
    await pg().sendMessage(steeringChannel, 'bind steering');
    await post(steeringChannel, da('binding.bound', { group: 'Kommunestyregruppen' }));
    // The bot remembers her personal chat when she writes there (the reminder goes there).
    await pg().sendMessage(config.personalChat.id, 'hjælp');
    await pg().nextBotMessage(config.personalChat.id, WAIT_MS);
  });

  it('attaches material to each of the two items before the meeting; the detailed agenda lists both', async () => {
    const proposals = app!.services.meetingCycle.proposals;
    items = [];
    for (const [n, title, material] of [
      [
        1,
        'Fælles løsning for Ærø og Løgstør',
        'Notat om løsningen | https://kombit.sharepoint.com/sites/fki/notat.pdf',
      ],
      [2, 'Budget for åbne data', 'https://kombit.sharepoint.com/sites/fki/budget.xlsx'],
    ] as const) {
      const submitted = await proposals.submit({
        groupId: 'steering',
        meetingId: held,
        cardInstanceId: `e2e-record-item-${n}`,
        fields: {
          title,
          description: 'Til beslutning.',
          kind: 'decision',
          requestedMinutes: '20',
          proposedDecision: 'Kommunestyregruppen godkender forslaget.',
        },
        actor: { id: mads.aadObjectId, name: mads.name, isSecretariat: false },
      });
      if (submitted.kind !== 'accepted') throw new Error(`propose ${title}: ${submitted.kind}`);
      const triaged = await proposals.triage({
        groupId: 'steering',
        proposalId: submitted.proposal.id,
        decision: 'accept',
        actorId: sofie.aadObjectId,
      });
      expect(triaged.kind).toBe('done');
      items.push({ id: submitted.proposal.id, title, material });
    }

    // The secretariat adds each item's material from the agenda card's form (one https link each).
    await pg().sendMessage(steeringChannel, `agenda ${held}`);
    const agenda = await post(steeringChannel, items[0]!.title, items[1]!.title);
    for (const item of items) {
      const form = actionData(cardOf(agenda), 'material.add', { proposalId: item.id });
      const added = await press(agenda, 'material.add', {
        ...form,
        [String(form.inputId)]: item.material,
      });
      // (The answer is JSON: its quotes are escaped.)
      expect(added).toContain(
        JSON.stringify(da('material.added', { title: item.title, count: 1 })).slice(1, -1),
      );
    }
    const stored = await proposals.forMeeting('steering', held);
    expect(stored.map((p) => [p.title, p.material?.map((m) => m.url)])).toEqual([
      [items[0]!.title, ['https://kombit.sharepoint.com/sites/fki/notat.pdf']],
      [items[1]!.title, ['https://kombit.sharepoint.com/sites/fki/budget.xlsx']],
    ]);

    // The 2-week moment (6 January 2027, 10:00 Copenhagen): the scan posts the detailed agenda.
    const at = new Date('2027-01-06T09:01:00.000Z');
    clock.set(at.toISOString());
    await app!.scheduler.runScan(at, { ignoreLease: true });
    const detailed = await post(
      steeringChannel,
      da('agenda.detailedTitle', { group: 'Kommunestyregruppen' }),
    );
    const text = visibleText(detailed);
    expect(text).toContain('[Notat om løsningen](https://kombit.sharepoint.com/sites/fki/notat.pdf) (PDF)');
    expect(text).toContain('(https://kombit.sharepoint.com/sites/fki/budget.xlsx) (XLSX)');
    // Each link sits with its own item.
    const first = text.indexOf(items[0]!.title);
    const second = text.indexOf(items[1]!.title);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('notat.pdf')).toBeGreaterThan(first);
    expect(text.indexOf('notat.pdf')).toBeLessThan(second);
    expect(text.indexOf('budget.xlsx')).toBeGreaterThan(second);
  });

  it('records a decision and an action on one item and a decision on the other, then posts the draft', async () => {
    clock.set('2027-01-20T12:00:00.000Z');
    await pg().sendMessage(steeringChannel, 'minutes');
    const overview = await post(
      steeringChannel,
      da('record.overviewTitle', { group: 'Kommunestyregruppen' }),
    );
    const base = { groupId: 'steering', meetingId: held };

    const [one, two] = items;
    const first = await press(overview, 'record.item', { ...base, itemId: one!.id });
    expect(first).toContain(one!.title);
    const save = actionData(answer, 'record.item.save', { itemId: one!.id, then: 'next' });
    const savedFirst = await press(overview, 'record.item.save', {
      ...save,
      decision: 'Målene for 2027 er vedtaget – også for Ærø og Løgstør.',
      actionWhat: 'Sende målene til kommunerne',
      actionOwner: sofie.aadObjectId,
      actionDue: '2027-02-10',
    });
    // "Save and next" opens the other item that had material.
    expect(savedFirst).toContain(two!.title);
    const saveSecond = actionData(answer, 'record.item.save', { itemId: two!.id });
    await press(overview, 'record.item.save', {
      ...saveSecond,
      then: 'overview',
      decision: 'Budgettet for åbne data er godkendt.',
    });
    const [action] = await app!.services.record.openActions('steering');
    expect(action).toMatchObject({ ownerId: sofie.aadObjectId, dueDate: '2027-02-10' });

    await press(overview, 'record.draft', actionData(answer, 'record.draft'));
    const draft = await post(steeringChannel, 'Målene for 2027 er vedtaget – også for Ærø og Løgstør.');
    expect(visibleText(draft)).toContain('Budgettet for åbne data er godkendt.');
    expect((await app!.services.record.open('steering', held)).kind).toBe('open');

    // After the comment period (7 days from 20 January, the last day included) the minutes are approved.
    clock.set('2027-01-28T09:00:00.000Z');
    const approved = await press(draft, 'record.approve', actionData(cardOf(draft), 'record.approve'));
    expect(approved).toContain(da('record.approved', { version: 1 }));
    const opened = await app!.services.record.open('steering', held);
    expect(opened.kind === 'open' && opened.view.minutes.status).toBe('approved');
  });

  it("sends the action's owner the reminder in personal chat once; a second scan sends nothing", async () => {
    // Due 10 February: the reminder is due 3 days before at 09:00 Copenhagen time (08:00Z).
    const at = new Date('2027-02-07T08:01:00.000Z');
    clock.set(at.toISOString());
    const report = await app!.scheduler.runScan(at, { ignoreLease: true });
    // (The reference groups have no channel here, so their own reminders fail; not this journey's.)
    expect(report.failed.filter((key) => key.startsWith('action-reminder:'))).toEqual([]);
    expect(report.performed.filter((key) => key.startsWith('action-reminder:'))).toHaveLength(1);
    reminder = await post(config.personalChat.id, da('record.reminderTitle'), 'Sende målene til kommunerne');
    expect(visibleText(reminder)).toContain('senest 10. februar 2027');

    const again = await app!.scheduler.runScan(new Date('2027-02-07T08:06:00.000Z'), { ignoreLease: true });
    expect(again.performed.filter((key) => key.startsWith('action-reminder:'))).toEqual([]);
    await app!.drain();
    const repeated = pg().pending.filter(
      (a) => a.action === 'createMessage' && visibleText(a).includes(da('record.reminderTitle')),
    );
    expect(repeated).toEqual([]);
  });

  it('carries the open action on the next meeting\'s agenda under "Opfølgning"; the owner closes it from the reminder', async () => {
    // The detailed agenda the scan posted (its 2-week moment, caught up) lists it under "Opfølgning".
    const detailed = await post(
      steeringChannel,
      da('agenda.detailedTitle', { group: 'Kommunestyregruppen' }),
      da('agenda.followUpHeading'),
    );
    expect(visibleText(detailed)).toContain('Sende målene til kommunerne');
    // The reminder went to the owner personally, never to the body's channel.
    expect(
      pg().pending.filter(
        (a) => a.channelOrChatId === steeringChannel && visibleText(a).includes(da('record.reminderTitle')),
      ),
    ).toEqual([]);
    await pg().sendMessage(steeringChannel, `agenda ${next}`);
    const agenda = await post(steeringChannel, da('agenda.followUpHeading'));
    expect(visibleText(agenda)).toContain('Sende målene til kommunerne');
    expect(visibleText(agenda)).toContain(sofie.name);

    const closed = await press(reminder, 'record.action.close', {
      ...actionData(cardOf(reminder), 'record.action.close'),
      note: 'Sendt til alle kommuner.',
    });
    expect(closed).toContain('Sendt til alle kommuner.');
    // The answer in her personal chat is in her Teams language.
    expect(closed).toContain(en('record.closedTitle'));
    expect(await app!.services.record.openActions('steering')).toEqual([]);
  });
});
