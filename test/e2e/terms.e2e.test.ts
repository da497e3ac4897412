/**
 * Governance over time through the Microsoft 365 Agents Playground (a real Teams-like client)
 * against the real app (composeApp: SQLite in a temporary DATA_DIR, development mode, the system
 * clock): memberships are time-bounded facts.
 *
 * - Ole's steering-group term ended yesterday: he tries to vote in a written hearing from the
 *   shared card and is refused, with the date his term ended; no vote is recorded.
 * - Karen's term ends in exactly the warning period: the term-ending reminder reaches the
 *   secretariat's channel (the team's General channel) with a re-appointment button; a member
 *   pressing it is refused, the secretariat pressing it re-appoints Karen for a further term that
 *   starts the day the current one ends.
 *
 * The playground's currentUser (Sofie) is the secretariat through SECRETARIAT_AAD_IDS. Messages
 * carry locale en-US, but a channel speaks its body's language (issue 26.5): Danish, like the
 * proactive posts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { composeApp, type App } from '../../src/app/compose';
import { formatDate } from '../../src/platform/cards/reminders';
import { warningInstant } from '../../src/platform/scheduler/dates';
import { translate } from '../../src/platform/i18n';
import {
  Playground,
  cardOf,
  readPlaygroundConfig,
  visibleText,
  type BotActivity,
} from '../support/playground';

jest.setTimeout(60_000);

type Key = Parameters<typeof translate>[1];
type Params = Parameters<typeof translate>[2];
const da = (key: Key, params?: Params) => translate('da', key, params);

const WAIT_MS = 20_000;
const ZONE = 'Europe/Copenhagen';

interface CardActionJson {
  type?: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** The data of the card's Action.Execute with this verb (anywhere in the card). */
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
  if (!found) throw new Error(`no ${verb} action on the card: ${JSON.stringify(card).slice(0, 500)}`);
  return found.data ?? {};
}

describe('terms that end, through the Agents Playground', () => {
  const config = readPlaygroundConfig();
  const steeringChannel = config.team.channels[0]!.id;
  /** The team's General channel (its id is the team id): bound to the secretariat. */
  const secretariatChannel = config.team.id;
  const secretariat = config.currentUser;
  const [mads, karen, , pia, ole] = config.users as [
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
  ];
  const today = DateTime.now().setZone(ZONE);
  const yesterday = today.minus({ days: 1 }).toISODate()!;
  let app: App | undefined;
  let playground: Playground | undefined;
  let dataDir: string;
  let warningDays: number;
  let karenEnds: string;

  const pg = () => playground!;
  const post = (channel: string, ...texts: string[]) =>
    pg().nextBotActivity(
      (a) =>
        a.action === 'createMessage' &&
        a.channelOrChatId === channel &&
        texts.every((text) => visibleText(a).includes(text)),
      WAIT_MS,
    );

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-terms-'));
    app = await composeApp({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      SECRETARIAT_AAD_IDS: secretariat.aadObjectId,
      TEAMS_TENANT_ID: config.tenantId,
      LOG_LEVEL: 'silent',
    });
    const { port } = await app.start(0, '127.0.0.1');
    playground = await Playground.start({ botEndpoint: `http://127.0.0.1:${port}/api/messages` });

    const services = app.services;
    warningDays = services.governance.reminders.termEndingWarningDays;
    // Karen's warning falls due today: her term ends exactly the warning period from today.
    karenEnds = today.plus({ days: warningDays }).toISODate()!;
    const imported = await services.municipalities.importCsv(
      'code,name,citizens,k98Group\n751,Aarhus,367095,Storby\n461,Odense,207000,Storby\n',
      { dryRun: false, actorId: secretariat.aadObjectId },
    );
    expect(imported.ok).toBe(true);
    const appoint = async (
      user: (typeof config.users)[0],
      code: string,
      termStart: string,
      plannedEnd: string,
    ) => {
      const result = await services.memberService.appoint(
        {
          personId: user.aadObjectId,
          name: user.name,
          email: user.email,
          groupId: 'steering',
          organisation: { kind: 'municipality', municipalityCode: code },
          role: 'member',
          termStart,
          plannedEnd,
        },
        secretariat.aadObjectId,
      );
      if (!result.ok) throw new Error(`appoint ${user.name}: ${JSON.stringify(result.refusal)}`);
    };
    await appoint(mads, '751', today.minus({ years: 1 }).toISODate()!, today.plus({ years: 3 }).toISODate()!);
    await appoint(karen, '461', today.minus({ years: 2 }).toISODate()!, karenEnds);
    // Ole served a full five-year term that ended yesterday (its planned end; nobody ended it).
    await appoint(ole, '751', today.minus({ years: 5 }).minus({ days: 1 }).toISODate()!, yesterday);
  });

  afterAll(async () => {
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('binds the steering channel and the secretariat channel', async () => {
    await pg().installInTeam();
    await post(config.team.id, da('welcome.title'));
    await pg().sendMessage(steeringChannel, 'bind steering');
    await post(steeringChannel, da('binding.bound', { group: 'Kommunestyregruppen' }));
    await pg().sendMessage(secretariatChannel, 'bind secretariat');
    const secretariatGroup = await app!.repositories.groups.getGroup('secretariat');
    await post(secretariatChannel, da('binding.bound', { group: secretariatGroup!.name.da! }));
  });

  it('refuses the vote of a member whose term ended yesterday, naming the date', async () => {
    const hearing = await app!.services.hearings.open({
      proposal: {
        title: 'Arbejdsgruppe for fælles dokumentboks',
        problem: 'Borgerne får post fra kommunen i flere systemer.',
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
    // Only the members serving today are the electorate: Ole's term is over.
    expect([...hearing.eligibleVoterIds].sort()).toEqual([mads.aadObjectId, karen.aadObjectId].sort());
    const shared = await post(
      steeringChannel,
      da('hearings.cardTitle', { title: 'Arbejdsgruppe for fælles dokumentboks' }),
    );

    const approve = actionData(cardOf(shared), 'hearing.vote', { choice: 'approve' });
    const refusal = JSON.stringify(
      await pg().invokeCardAction(shared, { verb: 'hearing.vote', data: approve }, ole.id),
    );
    expect(refusal).toContain(
      da('hearings.termEnded', { group: 'Kommunestyregruppen', date: formatDate(yesterday, 'da') }),
    );
    expect(await app!.services.hearings.votes(hearing.id)).toEqual([]);

    // A serving member's vote on the same card counts.
    const recorded = JSON.stringify(
      await pg().invokeCardAction(shared, { verb: 'hearing.vote', data: approve }, mads.id),
    );
    expect(recorded).toContain(da('hearings.recorded', { choice: da('hearings.choice_approve') }));
    expect(await app!.services.hearings.votes(hearing.id)).toEqual([
      expect.objectContaining({ voterId: mads.aadObjectId, choice: 'approve' }),
    ]);
  });

  it('re-appoints a member from the term-ending reminder card, for the secretariat only', async () => {
    const dueAt = warningInstant(karenEnds, warningDays, ZONE);
    const report = await app!.scheduler.runScan(new Date(dueAt.getTime() + 60_000), { ignoreLease: true });
    expect(report.failed).toEqual([]);
    const reminder: BotActivity = await post(
      secretariatChannel,
      da('scheduler.termEndingTitle', { days: warningDays }),
      karen.name,
    );
    expect(visibleText(reminder)).toContain(formatDate(karenEnds, 'da'));
    const reappoint = actionData(cardOf(reminder), 'members.reappoint', { personId: karen.aadObjectId });

    const refused = JSON.stringify(
      await pg().invokeCardAction(reminder, { verb: 'members.reappoint', data: reappoint }, mads.id),
    );
    expect(refused).toContain(da('core.buttonRoleRefused', { roles: da('core.role_administer') }));
    const before = await app!.repositories.people.membersOf('steering');
    expect(before.filter((m) => m.personId === karen.aadObjectId)).toHaveLength(1);

    const done = JSON.stringify(
      await pg().invokeCardAction(reminder, { verb: 'members.reappoint', data: reappoint }),
    );
    expect(done).toContain(karen.name);
    const karensTerms = (await app!.repositories.people.membersOf('steering'))
      .filter((m) => m.personId === karen.aadObjectId)
      .sort((a, b) => a.termStart.localeCompare(b.termStart));
    expect(karensTerms).toHaveLength(2);
    expect(karensTerms[1]).toMatchObject({ termStart: karenEnds, role: 'member' });
    expect(karensTerms[1]!.plannedEnd! > karenEnds).toBe(true);

    // Pressed again (Teams retries card actions): still two terms, and the card says it is done.
    const again = JSON.stringify(
      await pg().invokeCardAction(reminder, { verb: 'members.reappoint', data: reappoint }),
    );
    expect(again).toContain(da('members.alreadyDone'));
    expect(
      (await app!.repositories.people.membersOf('steering')).filter((m) => m.personId === karen.aadObjectId),
    ).toHaveLength(2);
  });
});
