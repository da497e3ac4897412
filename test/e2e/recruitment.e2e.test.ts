/**
 * A recruitment (issue 22.4) through the Microsoft 365 Agents Playground (a real Teams-like client)
 * against the real app (composeApp: SQLite in a temporary DATA_DIR, development mode, a manual
 * clock). The secretariat (Sofie, the playground's currentUser) works in her personal chat:
 *
 * `recruitment steering` shows the steering group's wanted profile and its vacant seats (Ole's,
 * whose five years ended two weeks ago, among them) → she opens the recruitment for Ole's seat →
 * a registration with every field wrong names each field and stores nothing → two candidates are
 * registered: Ole himself (by his e-mail: the register's history counts) and Lars from a
 * municipality of another K98 group → the card shows the K98 spread and seniority today and "with
 * this candidate" for each → appointing Ole is refused (the pause after five years), nothing
 * stored → appointing Lars makes him a member (the steering channel's `members` lists him), closes
 * the recruitment and marks Ole not chosen with his erase date → after the retention period the
 * scheduler's scan erases Ole's candidacy, once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import { addDaysToDate } from '../../src/domain/time';
import { formatDate } from '../../src/platform/cards/reminders';
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
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);
const saysEither = (json: string, key: Key, params?: Params) =>
  [da(key, params), en(key, params)].some((text) => json.includes(inJson(text)));

const WAIT_MS = 20_000;
const TODAY = '2026-12-15';

interface CardNode {
  type?: string;
  id?: string;
  verb?: string;
  data?: Record<string, unknown>;
  choices?: Array<{ title: string; value: string }>;
}

function find(card: unknown, match: (node: CardNode) => boolean): CardNode[] {
  const found: CardNode[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (match(node as CardNode)) found.push(node as CardNode);
    Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

function actionData(card: unknown, verb: string, match: Record<string, unknown> = {}) {
  const [action] = find(
    card,
    (node) =>
      node.type === 'Action.Execute' &&
      node.verb === verb &&
      Object.entries(match).every(([key, value]) => node.data?.[key] === value),
  );
  if (!action) throw new Error(`no ${verb} action on the card: ${JSON.stringify(card).slice(0, 800)}`);
  return action.data ?? {};
}

describe('a recruitment, from the wanted profile to the appointment and the erasure of the others', () => {
  const config = readPlaygroundConfig();
  const personalChat = config.personalChat.id;
  const steeringChannel = config.team.channels[0]!.id;
  const sofie = config.currentUser;
  const [mads, karen, lars, , ole] = config.users as Array<(typeof config.users)[0]>;
  const clock = new ManualClock(`${TODAY}T09:00:00.000Z`);
  let app: App | undefined;
  let playground: Playground | undefined;
  let dataDir: string;
  let card: BotActivity;
  let recruitmentId: string;

  const pg = () => playground!;
  const reply = (conversation: string, ...texts: string[][]) =>
    pg().nextBotActivity(
      (a) =>
        a.channelOrChatId === conversation &&
        texts.every((variants) => variants.some((text) => visibleText(a).includes(text))),
      WAIT_MS,
    );
  const press = async (verb: string, data: Record<string, unknown>, asUser?: string) =>
    JSON.stringify(await pg().invokeCardAction(card, { verb, data }, asUser));
  const both = (key: Key, params?: Params) => [da(key, params), en(key, params)];
  const recruitment = async () => (await app!.services.recruitment.get('steering', recruitmentId))!;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-recruitment-'));
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
      'code,name,citizens,k98Group\n751,Aarhus,367095,Storby\n461,Odense,207000,Storby\n860,Hjørring,64000,Landkommune\n',
      { dryRun: false, actorId: sofie.aadObjectId },
    );
    expect(imported.ok).toBe(true);
    for (const [user, code, termStart, plannedEnd] of [
      [mads, '751', '2025-01-01', '2029-12-31'],
      [karen, '461', '2026-06-01', '2029-12-31'],
      // Ole served the steering group's five years in a row; they ended two weeks ago.
      [ole, '751', '2021-12-01', '2026-12-01'],
    ] as const) {
      const result = await services.memberService.appoint(
        {
          personId: user!.aadObjectId,
          name: user!.name,
          email: user!.email,
          groupId: 'steering',
          organisation: { kind: 'municipality', municipalityCode: code },
          role: 'member',
          termStart,
          plannedEnd,
        },
        sofie.aadObjectId,
      );
      if (!result.ok) throw new Error(`appoint ${user!.name}: ${JSON.stringify(result.refusal)}`);
    }
  });

  afterAll(async () => {
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens a recruitment for Ole’s seat with the steering group’s wanted profile', async () => {
    await pg().installInTeam();
    await pg().sendMessage(steeringChannel, 'bind steering');
    await reply(steeringChannel, both('binding.bound', { group: 'Kommunestyregruppen' }));

    await pg().sendMessage(personalChat, 'recruitment steering');
    const profile = app!.services.governance.bodies.find((b) => b.id === 'steering')!.recruitment!.profile;
    card = await reply(personalChat, [profile.da!, profile.en!]);
    const seatChoice = find(
      cardOf(card),
      (node) => node.type === 'Input.ChoiceSet' && node.id === 'seat',
    )[0]!;
    const olesSeat = seatChoice.choices!.find((choice) => choice.title.includes(ole!.name));
    expect(olesSeat).toBeDefined();
    const opened = await press('recruitment.open', {
      ...actionData(cardOf(card), 'recruitment.open'),
      seat: olesSeat!.value,
    });
    // A personal chat speaks the user's language (en-US here): the body's English name.
    expect(opened).toContain(inJson(en('recruitment.cardTitle', { group: 'Municipal steering group' })));
    expect(opened).toContain(inJson(profile.en!.slice(0, 40)));
    recruitmentId = String(actionData(JSON.parse(opened), 'recruitment.candidate').recruitmentId);
    expect((await recruitment()).seat).toMatchObject({ kind: 'vacant', leavingPersonId: ole!.aadObjectId });
  });

  it('names every bad field of a registration at once and stores nothing', async () => {
    const register = { groupId: 'steering', recruitmentId };
    const refused = await press('recruitment.candidate', {
      ...register,
      name: '',
      email: 'not-an-address',
      municipalityCode: '',
      competences: '',
      assessment: '',
    });
    for (const key of ['err_required', 'err_email'] as const)
      expect(saysEither(refused, `recruitment.${key}`)).toBe(true);
    for (const field of ['fieldName', 'fieldEmail', 'fieldMunicipality', 'fieldCompetences'] as const)
      expect(saysEither(refused, `recruitment.${field}`)).toBe(true);
    expect((await recruitment()).candidates).toEqual([]);
  });

  it('registers two candidates and shows the body today and with each of them', async () => {
    const register = { groupId: 'steering', recruitmentId };
    await press('recruitment.candidate', {
      ...register,
      name: ole!.name,
      email: ole!.email.toUpperCase(),
      municipalityCode: '751',
      competences: 'Digitaliseringschef, 5 år i kommunestyregruppen.',
      assessment: 'Stærk på porteføljen; har siddet de fem år.',
    });
    const view = await press('recruitment.candidate', {
      ...register,
      name: lars!.name,
      email: lars!.email,
      municipalityCode: '860',
      competences: 'It-chef i en landkommune, arkitektur og drift.',
      assessment: 'Matcher profilen; giver Landkommune en plads.',
    });
    const stored = await recruitment();
    expect(stored.candidates.map((c) => c.name)).toEqual([ole!.name, lars!.name]);
    // Ole's e-mail is the register's: he is the same person, with his five years.
    expect(stored.candidates[0]!.personId).toBe(ole!.aadObjectId);

    // Today: Mads (senior) and Karen, both from Storby municipalities.
    expect(saysEither(view, 'recruitment.spreadLine', { spread: 'Storby 2' })).toBe(true);
    expect(saysEither(view, 'recruitment.seniorityLine', { senior: 1, members: 2, required: 1 })).toBe(true);
    // With Lars: a K98 group the body lacks; with Ole: a third Storby member.
    const withLars = { spread: 'Landkommune 1, Storby 2', senior: 1, members: 3, required: 1 };
    expect(saysEither(view, 'recruitment.withCandidate', withLars)).toBe(true);
    const withOle = { spread: 'Storby 3', senior: 1, members: 3, required: 1 };
    expect(saysEither(view, 'recruitment.withCandidate', withOle)).toBe(true);
  });

  it('refuses to appoint Ole (the term rules), with the reason, and stores nothing', async () => {
    const ole1 = (await recruitment()).candidates[0]!;
    const refused = await press('recruitment.appoint', {
      groupId: 'steering',
      recruitmentId,
      candidateId: ole1.id,
    });
    const prefix = (locale: 'da' | 'en') =>
      translate(locale, 'recruitment.refused', { name: ole!.name, reason: '' }).trimEnd();
    expect([prefix('da'), prefix('en')].some((text) => refused.includes(inJson(text)))).toBe(true);
    // The pause: a year away after the term ended on 1 December 2026.
    expect(['da', 'en'].some((locale) => refused.includes(formatDate('2027-12-01', locale as 'da')))).toBe(
      true,
    );
    const oleTerms = (await app!.repositories.people.membersOf('steering')).filter(
      (m) => m.personId === ole!.aadObjectId,
    );
    expect(oleTerms).toHaveLength(1);
    expect((await recruitment()).status).toBe('open');
  });

  it('appoints Lars: a member from today, the recruitment closed, Ole not chosen with his erase date', async () => {
    const candidate = (await recruitment()).candidates[1]!;
    const done = await press('recruitment.appoint', {
      groupId: 'steering',
      recruitmentId,
      candidateId: candidate.id,
    });
    const eraseOn = addDaysToDate(TODAY, app!.services.governance.recruitment.retentionDays);
    const closed = await recruitment();
    expect(closed.status).toBe('closed');
    expect(closed.candidates.map((c) => [c.name, c.status, c.eraseOn])).toEqual([
      [ole!.name, 'not-chosen', eraseOn],
      [lars!.name, 'appointed', undefined],
    ]);
    const larsTerm = (await app!.repositories.people.membersOf('steering')).find(
      (m) => m.personId === candidate.personId,
    );
    expect(larsTerm).toMatchObject({ termStart: TODAY, role: 'member' });
    // The view after: Lars counts today; the card has no appoint buttons and no form left.
    expect(saysEither(done, 'recruitment.spreadLine', { spread: 'Landkommune 1, Storby 2' })).toBe(true);
    expect(saysEither(done, 'recruitment.seniorityLine', { senior: 1, members: 3, required: 1 })).toBe(true);
    expect(done).not.toContain('recruitment.appoint');
    expect(done).not.toContain('recruitment.candidate');

    await pg().sendMessage(steeringChannel, 'members');
    await reply(steeringChannel, [lars!.name], [mads!.name]);
  });

  it('erases Ole’s candidacy after the retention period, once', async () => {
    const eraseOn = addDaysToDate(TODAY, app!.services.governance.recruitment.retentionDays);
    clock.set(`${eraseOn}T08:00:00.000Z`);
    const report = await app!.scheduler.runScan(clock.now(), { ignoreLease: true });
    expect(report.failed).toEqual([]);
    const after = await recruitment();
    const [erased, appointed] = after.candidates;
    expect(erased).toEqual({
      id: erased!.id,
      status: 'not-chosen',
      registeredAt: erased!.registeredAt,
      eraseOn,
      erasedAt: clock.now().toISOString(),
    });
    expect(appointed!.name).toBe(lars!.name);
    expect(after.status).toBe('archived');
    const again = await app!.scheduler.runScan(clock.now(), { ignoreLease: true });
    expect(again.failed).toEqual([]);
    expect(await recruitment()).toEqual(after);
  });
});
