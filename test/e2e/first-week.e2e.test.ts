/**
 * The secretariat's first week (issue 26, "Must show"), through the Microsoft 365 Agents Playground
 * against the real app on a fresh install: an empty DATA_DIR, composed as `npm start` composes it
 * (development mode, the real clock, the municipalities register loaded on first start).
 *
 * 1. the secretariat binds its channels by natural names: "tilknyt sekretariatet" (the team's
 *    General channel), "tilknyt styregruppen" (the steering channel) and a reference group by its
 *    Danish name; the playground's tenant has one team with one extra channel, so the reference
 *    group's channel is a second team, served by a second playground (same user, same bot);
 * 2. appoints Karen, picked by name in the person picker (the `application/search` invoke answered
 *    from the team's roster), for Odense: no object id is typed;
 * 3. schedules next year's four meetings with the year card ("planlæg år");
 * 4. previews the reminders with the operator command (`scheduler upcoming --days 120`, spawned as
 *    its own process on the same DATA_DIR while the bot runs): the first meeting's 4- and 2-week
 *    moments are listed;
 * 5. cancels that meeting after a confirmation card naming the consequences: Keep first (nothing
 *    changes), then Confirm (cancelled, its reminders gone from the preview).
 *
 * Messages carry locale en-US and a channel's replies may come in the body's language (Danish),
 * so each step accepts the text in either language.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { composeApp, type App } from '../../src/app/compose';
import { MunicipalityRepository } from '../../src/features/municipalities/municipalities-repository';
import { translate } from '../../src/platform/i18n';
import { formatInstant } from '../../src/platform/cards/reminders';
import { assertValidCard } from '../../src/platform/cards/validate';
import {
  Playground,
  cardOf,
  readPlaygroundConfig,
  visibleText,
  type BotActivity,
} from '../support/playground';

jest.setTimeout(180_000);

type Key = Parameters<typeof translate>[1];
type Params = Parameters<typeof translate>[2];
const en = (key: Key, params?: Params) => translate('en', key, params);
const da = (key: Key, params?: Params) => translate('da', key, params);
const both = (key: Key, params?: Params) => [en(key, params), da(key, params)];

const ROOT = path.resolve(__dirname, '..', '..');
const WAIT_MS = 20_000;
const DAY_MS = 24 * 60 * 60 * 1000;

interface CardAction {
  verb?: string;
  data?: Record<string, unknown>;
}

/** Every Action.Execute of a card (actions at any depth), and every input's current value. */
function actionsOf(card: unknown): CardAction[] {
  const found: CardAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute') found.push(record as CardAction);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

function inputValuesOf(card: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Input.') && record.id)
        values[record.id as string] = record.value ?? '';
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return values;
}

function actionOf(card: unknown, verb: string): { verb: string; data?: Record<string, unknown> } {
  const action = actionsOf(card).find((a) => a.verb === verb);
  if (!action) throw new Error(`no ${verb} action on the card: ${JSON.stringify(card).slice(0, 500)}`);
  return { verb, data: action.data };
}

/** A playground config for the reference group's team: the same tenant and users, another team. */
function referenceTeamConfig(dir: string): string {
  const config = readPlaygroundConfig() as unknown as Record<string, unknown>;
  const file = path.join(dir, 'reference-team.yml');
  fs.writeFileSync(
    file,
    toYaml({
      ...config,
      team: {
        id: 'team-drift-id',
        name: 'FKI Drift',
        aadGroupId: '00000000-0000-0000-0000-0000000000c2',
        channels: [{ id: 'channel-drift-id', name: 'Referencegruppe Drift og forvaltning' }],
      },
    }),
  );
  return file;
}

/** The operator command, built from scripts/scheduler-cli.ts and run as its own process. */
function buildCli(dir: string): string {
  const outfile = path.join(dir, 'scheduler-cli.js');
  execFileSync(
    path.join(ROOT, 'node_modules', '.bin', 'esbuild'),
    [
      path.join(ROOT, 'scripts', 'scheduler-cli.ts'),
      '--bundle',
      '--platform=node',
      '--packages=external',
      '--log-level=warning',
      `--outfile=${outfile}`,
    ],
    { cwd: ROOT },
  );
  return outfile;
}

function runCli(cli: string, dataDir: string, ...argv: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...argv], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(stdout.split('\n').filter((line) => line.length > 0));
      else reject(new Error(`scheduler ${argv.join(' ')} exited ${code}: ${stderr}${stdout}`));
    });
  });
}

interface SearchResponse {
  type: string;
  value: { results: Array<{ title: string; value: string }> };
}

describe("the secretariat's first week, through the Agents Playground", () => {
  const config = readPlaygroundConfig();
  const general = config.team.id;
  const steeringChannel = config.team.channels[0]!.id;
  const driftChannel = 'channel-drift-id';
  const secretariat = config.currentUser;
  const karen = config.users.find((user) => user.name === 'Karen Kommune')!;
  let app: App | undefined;
  let playground: Playground | undefined;
  let referenceTeam: Playground | undefined;
  let dataDir: string;
  let workDir: string;
  let botUrl: string;
  let cli: string;

  /** The bot's next post in that playground's channel that says one of the texts. */
  const post = (pg: Playground, channel: string, texts: string[]): Promise<BotActivity> =>
    pg.nextBotActivity(
      (a) =>
        a.action === 'createMessage' &&
        a.channelOrChatId === channel &&
        texts.some((text) => visibleText(a).includes(text)),
      WAIT_MS,
    );

  /** What Teams sends as the secretariat types in the person picker (see people.e2e.test.ts). */
  async function typeahead(queryText: string): Promise<SearchResponse> {
    const template = await playground!.activityTemplate(steeringChannel);
    const response = await fetch(botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...template,
        type: 'invoke',
        name: 'application/search',
        text: undefined,
        value: { queryText, dataset: 'people', queryOptions: { skip: 0, top: 15 } },
      }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as SearchResponse;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-first-week-'));
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-first-week-work-'));
    cli = buildCli(workDir);
    // As `npm start` composes it: development mode (BOT_DEV_MODE), the real clock, no seeding.
    app = await composeApp({
      NODE_ENV: 'development',
      BOT_DEV_MODE: 'true',
      DATA_DIR: dataDir,
      SECRETARIAT_AAD_IDS: secretariat.aadObjectId,
      TEAMS_TENANT_ID: config.tenantId,
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'silent',
    });
    const { port } = await app.start(0, '127.0.0.1');
    botUrl = `http://127.0.0.1:${port}/api/messages`;
    playground = await Playground.start({ botEndpoint: botUrl });
    referenceTeam = await Playground.start({
      botEndpoint: botUrl,
      configPath: referenceTeamConfig(workDir),
    });
  });

  afterAll(async () => {
    await referenceTeam?.stop();
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('binds, appoints, schedules the year, previews the reminders and cancels a meeting', async () => {
    const pg = playground!;
    // A fresh install: the register of municipalities is there from the first start.
    expect(await app!.repositories.people.membersOf('steering')).toEqual([]);
    expect((await new MunicipalityRepository(app!.store).get('461'))?.name).toBe('Odense');

    // 1. Bind the three channels by their natural names; each reply confirms the group.
    await pg.installInTeam();
    await post(pg, general, both('welcome.title'));
    await pg.sendMessage(general, 'tilknyt sekretariatet');
    const secretariatBound = await post(
      pg,
      general,
      both('binding.bound', { group: 'FKI secretariat' }).concat(
        da('binding.bound', { group: 'Sekretariat FKI' }),
      ),
    );
    expect(visibleText(secretariatBound)).not.toContain(da('binding.secretariatWithoutChannel'));
    await pg.sendMessage(steeringChannel, 'tilknyt styregruppen');
    await post(pg, steeringChannel, [
      en('binding.bound', { group: 'Municipal steering group' }),
      da('binding.bound', { group: 'Kommunestyregruppen' }),
    ]);
    const drift = referenceTeam!;
    await drift.installInTeam();
    await post(drift, 'team-drift-id', both('welcome.title'));
    await drift.sendMessage(driftChannel, 'tilknyt Referencegruppe Drift og forvaltning');
    await post(drift, driftChannel, [
      en('binding.bound', { group: 'Reference group Operations and management' }),
      da('binding.bound', { group: 'Referencegruppe Drift og forvaltning' }),
    ]);
    const groups = app!.repositories.groups;
    expect((await groups.bindingOfGroup('secretariat'))?.channelId).toBe(general);
    expect((await groups.bindingOfGroup('steering'))?.channelId).toBe(steeringChannel);
    expect((await groups.bindingOfGroup('ref-drift'))?.channelId).toBe(driftChannel);

    // 2. Appoint Karen, picked by name: the typeahead answers from the steering team's roster.
    await pg.sendMessage(steeringChannel, 'udpeg');
    const form = await post(pg, steeringChannel, both('members.fieldPerson'));
    assertValidCard(cardOf(form)!);
    const found = await typeahead('karen');
    expect(found.value.results).toEqual([
      { title: `${karen.name} (${karen.email})`, value: karen.aadObjectId },
    ]);
    const picked = found.value.results[0]!.value;
    const details = JSON.stringify(
      await pg.invokeCardAction(form, {
        verb: 'members.pickPerson',
        data: { groupId: 'steering', personId: picked },
      }),
    );
    expect(details).toContain(`"value":"${karen.email}"`);
    const appointed = JSON.stringify(
      await pg.invokeCardAction(form, {
        verb: 'members.appoint',
        data: {
          groupId: 'steering',
          personId: picked,
          name: karen.name,
          email: karen.email,
          organisation: 'municipality',
          municipalityCode: '461',
          role: 'member',
          termStart: app!.services.memberService.today(),
        },
      }),
    );
    expect(appointed).toMatch(
      new RegExp(
        `${karen.name} (is appointed to Municipal steering group|er udpeget til Kommunestyregruppen)`,
      ),
    );
    expect(await app!.repositories.people.getPerson(karen.aadObjectId)).toMatchObject({
      id: karen.aadObjectId,
      name: karen.name,
      organisation: { kind: 'municipality', municipalityCode: '461' },
    });
    expect(await app!.repositories.people.membershipsOf(karen.aadObjectId)).toEqual([
      expect.objectContaining({ groupId: 'steering', role: 'member' }),
    ]);

    // 3. Schedule next year's meetings with the year card, its proposed dates as they stand.
    const year = new Date().getUTCFullYear() + 1;
    await pg.sendMessage(steeringChannel, `planlæg år ${year}`);
    const yearCard = await post(pg, steeringChannel, [
      en('meetings.scheduleYearButton'),
      da('meetings.scheduleYearButton'),
    ]);
    assertValidCard(cardOf(yearCard)!);
    const yearAction = actionOf(cardOf(yearCard), 'meeting.scheduleYear');
    const scheduledYear = JSON.stringify(
      await pg.invokeCardAction(yearCard, {
        verb: 'meeting.scheduleYear',
        data: { ...inputValuesOf(cardOf(yearCard)), ...yearAction.data },
      }),
    );
    expect(scheduledYear).toMatch(
      new RegExp(`${en('meetings.yearResultTitle', { year })}|${da('meetings.yearResultTitle', { year })}`),
    );
    const cycle = app!.services.meetingCycle!;
    const meetings = await cycle.meetings.upcoming('steering');
    expect(meetings).toHaveLength(4);
    const first = meetings[0]!;
    expect(first.startsAt.slice(0, 7)).toBe(`${year}-03`);

    // 4. The operator's preview on the same DATA_DIR lists the first meeting's 4- and 2-week moments.
    const moment = (weeks: number) =>
      formatInstant(new Date(Date.parse(first.startsAt) - weeks * 7 * DAY_MS), 'en', cycle.timeZone);
    const ofFirst = (lines: string[]) => lines.filter((line) => line.includes(`meeting ${first.id} `));
    // `upcoming --days 120` from now; should the journey run early in a year (next March more than
    // 120 days off), the window starts five weeks before the meeting instead.
    const fromNow = Date.parse(first.startsAt) - 4 * 7 * DAY_MS < Date.now() + 120 * DAY_MS;
    const from = fromNow ? [] : ['--from', new Date(Date.parse(first.startsAt) - 35 * DAY_MS).toISOString()];
    const preview = async () => runCli(cli, dataDir, 'upcoming', '--days', '120', ...from);
    const before = ofFirst(await preview());
    expect(before).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${moment(4)}  proposal-deadline  steering  \\[pending\\]`)),
        expect.stringMatching(new RegExp(`^${moment(2)}  detailed-agenda  steering  \\[pending\\]`)),
      ]),
    );

    // 5. Cancel it: the confirmation card names the consequences; Keep changes nothing, Confirm cancels.
    await pg.sendMessage(steeringChannel, `aflys møde ${first.id}`);
    const confirm = await post(pg, steeringChannel, [
      en('meetings.confirmIntro'),
      da('meetings.confirmIntro'),
    ]);
    const confirmCard = cardOf(confirm)!;
    assertValidCard(confirmCard);
    expect(visibleText(confirm)).toMatch(
      /Reminders that will not be sent|Påmindelser, der ikke bliver sendt/,
    );
    const kept = JSON.stringify(await pg.invokeCardAction(confirm, actionOf(confirmCard, 'meeting.keep')));
    expect(kept).toMatch(/is unchanged|er ikke ændret/);
    expect((await cycle.meetings.get('steering', first.id))!.status).toBe('scheduled');
    expect(ofFirst(await preview())).toEqual(before);

    const done = JSON.stringify(
      await pg.invokeCardAction(confirm, actionOf(confirmCard, 'meeting.cancel.confirm')),
    );
    expect(done).toMatch(/is cancelled|er aflyst/);
    expect((await cycle.meetings.get('steering', first.id))!.status).toBe('cancelled');
    expect(ofFirst(await preview())).toEqual([]);
  });
});
