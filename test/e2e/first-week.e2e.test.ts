/**
 * The administration's first week (issue 26, "Must show"), through the Microsoft 365 Agents
 * Playground against the real app on a fresh install: an empty DATA_DIR, composed as `npm start`
 * composes it (development mode, the real clock, the municipalities register loaded on first start).
 * Run once per governance file (issue 23.2): the bodies, their names, the commands of the bodies'
 * language, the year's meetings and the deadlines come from the file.
 *
 * 1. the administration binds its channels by natural names: "<bind> <administration's word>" (the
 *    team's General channel), "<bind> <board's word>" (the board's channel) and the committee by
 *    its word; the playground's tenant has one team with one extra channel, so the committee's
 *    channel is a second team, served by a second playground (same user, same bot);
 * 2. appoints Karen to the board, picked by name in the person picker (the `application/search`
 *    invoke answered from the team's roster), for Odense: no object id is typed;
 * 3. schedules next year's meetings with the year card (the file's cadence);
 * 4. previews the reminders with the operator command (`scheduler upcoming --days 120`, spawned as
 *    its own process on the same DATA_DIR and governance file while the bot runs): the first
 *    meeting's proposal-deadline and detailed-agenda moments are listed;
 * 5. cancels that meeting after a confirmation card naming the consequences: Keep first (nothing
 *    changes), then Confirm (cancelled, its reminders gone from the preview).
 *
 * Messages carry locale en-US and a channel's replies may come in the bodies' language, so each
 * step accepts the text in either language.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { composeApp, type App } from '../../src/app/compose';
import { bodyCadence, type GovernanceBody } from '../../src/domain/governance';
import { localText } from '../../src/domain/localized-text';
import { MunicipalityRepository } from '../../src/features/municipalities/municipalities-repository';
import { translate, type MessageKey, type MessageParams } from '../../src/platform/i18n';
import { formatInstant } from '../../src/platform/cards/reminders';
import { assertValidCard } from '../../src/platform/cards/validate';
import {
  Playground,
  cardOf,
  readPlaygroundConfig,
  visibleText,
  type BotActivity,
} from '../support/playground';
import { PROFILES, loadProfile, missingParts, type GovernanceProfile } from './support/governance-profiles';
import { WAIT_MS, actionData, either, saysEither } from './support/journey';

jest.setTimeout(180_000);

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const ENGLISH = { t: en };

const ROOT = path.resolve(__dirname, '..', '..');
const DAY_MS = 24 * 60 * 60 * 1000;

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

/** The card's Action.Execute with this verb, as the playground presses it. */
function actionOf(card: unknown, verb: string): { verb: string; data: Record<string, unknown> } {
  return { verb, data: actionData(card, verb) };
}

/** The committee's team and channel ids in the second playground. */
const COMMITTEE_TEAM = 'team-committee-id';
const COMMITTEE_CHANNEL = 'channel-committee-id';

/** A playground config for the committee's team: the same tenant and users, another team. */
function committeeTeamConfig(dir: string, name: string): string {
  const config = readPlaygroundConfig() as unknown as Record<string, unknown>;
  const file = path.join(dir, 'committee-team.yml');
  fs.writeFileSync(
    file,
    toYaml({
      ...config,
      team: {
        id: COMMITTEE_TEAM,
        name,
        aadGroupId: '00000000-0000-0000-0000-0000000000c2',
        channels: [{ id: COMMITTEE_CHANNEL, name }],
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

function runCli(cli: string, env: Record<string, string>, ...argv: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...argv], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        ...env,
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

describe.each(PROFILES)("the administration's first week, through the Agents Playground ($label)", (spec) => {
  const config = readPlaygroundConfig();
  const general = config.team.id;
  const boardChannel = config.team.channels[0]!.id;
  const administrator = config.currentUser;
  const karen = config.users.find((user) => user.name === 'Karen Kommune')!;
  let profile: GovernanceProfile;
  let board: string;
  let app: App | undefined;
  let playground: Playground | undefined;
  let committeeTeam: Playground | undefined;
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

  /** A text naming a body: in the bodies' language with its name there, or in English with its English name. */
  const naming = (key: MessageKey, body: GovernanceBody, param: string, params: MessageParams = {}) => [
    profile.t(key, { ...params, [param]: profile.text(body) }),
    en(key, { ...params, [param]: localText(body.name, 'en') }),
  ];
  /** Does the answer (JSON) carry every literal part of the text, in the bodies' language or in English? */
  const saysParts = (json: string, key: MessageKey, params?: MessageParams) =>
    missingParts(profile, json, key, params).length === 0 ||
    missingParts(ENGLISH, json, key, params).length === 0;
  const bindCommand = (word: string) => `${profile.command('bind')} ${word}`;

  /** What Teams sends as the administration types in the person picker (see people.e2e.test.ts). */
  async function typeahead(queryText: string): Promise<SearchResponse> {
    const template = await playground!.activityTemplate(boardChannel);
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
    profile = loadProfile(spec);
    board = profile.board.id;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-first-week-'));
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-first-week-work-'));
    cli = buildCli(workDir);
    // As `npm start` composes it: development mode (BOT_DEV_MODE), the real clock, no seeding.
    app = await composeApp({
      NODE_ENV: 'development',
      BOT_DEV_MODE: 'true',
      DATA_DIR: dataDir,
      SECRETARIAT_AAD_IDS: administrator.aadObjectId,
      TEAMS_TENANT_ID: config.tenantId,
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      ...profile.env,
    });
    const { port } = await app.start(0, '127.0.0.1');
    botUrl = `http://127.0.0.1:${port}/api/messages`;
    playground = await Playground.start({ botEndpoint: botUrl });
    committeeTeam = await Playground.start({
      botEndpoint: botUrl,
      configPath: committeeTeamConfig(workDir, profile.text(profile.committee)),
    });
  });

  afterAll(async () => {
    await committeeTeam?.stop();
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** 1. Bind the three channels by their natural names; each reply confirms the body. */
  async function bindChannels(): Promise<void> {
    const pg = playground!;
    await pg.installInTeam();
    await post(pg, general, either(profile, 'welcome.title'));
    await pg.sendMessage(general, bindCommand(profile.administrationWord));
    const administrationBound = await post(
      pg,
      general,
      naming('binding.bound', profile.administration, 'group'),
    );
    // No "<administration> has no channel yet" note on the administration's own binding (its fixed
    // words, in either language: the parameters are the administration's name and command).
    for (const language of [profile.language, 'en'] as const)
      for (const part of translate(language, 'binding.secretariatWithoutChannel').split(/\{\w+\}/))
        if (part.trim().length > 3) expect(visibleText(administrationBound)).not.toContain(part.trim());
    await pg.sendMessage(boardChannel, bindCommand(profile.boardWord));
    await post(pg, boardChannel, naming('binding.bound', profile.board, 'group'));
    const committee = committeeTeam!;
    await committee.installInTeam();
    await post(committee, COMMITTEE_TEAM, either(profile, 'welcome.title'));
    await committee.sendMessage(COMMITTEE_CHANNEL, bindCommand(profile.committeeWord));
    await post(committee, COMMITTEE_CHANNEL, naming('binding.bound', profile.committee, 'group'));
    const groups = app!.repositories.groups;
    expect((await groups.bindingOfGroup(profile.administration.id))?.channelId).toBe(general);
    expect((await groups.bindingOfGroup(board))?.channelId).toBe(boardChannel);
    expect((await groups.bindingOfGroup(profile.committee.id))?.channelId).toBe(COMMITTEE_CHANNEL);
  }

  /** 2. Appoint Karen, picked by name: the typeahead answers from the board team's roster. */
  async function appointKaren(): Promise<void> {
    const pg = playground!;
    await pg.sendMessage(boardChannel, profile.command('appoint'));
    const form = await post(pg, boardChannel, either(profile, 'members.fieldPerson'));
    assertValidCard(cardOf(form)!);
    const found = await typeahead('karen');
    expect(found.value.results).toEqual([
      { title: `${karen.name} (${karen.email})`, value: karen.aadObjectId },
    ]);
    const picked = found.value.results[0]!.value;
    const details = JSON.stringify(
      await pg.invokeCardAction(form, {
        verb: 'members.pickPerson',
        data: { groupId: board, personId: picked },
      }),
    );
    expect(details).toContain(`"value":"${karen.email}"`);
    const appointed = JSON.stringify(
      await pg.invokeCardAction(form, {
        verb: 'members.appoint',
        data: {
          groupId: board,
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
    expect(
      missingParts(profile, appointed, 'members.appointed', {
        person: karen.name,
        group: profile.text(profile.board),
      }).length === 0 ||
        missingParts(ENGLISH, appointed, 'members.appointed', {
          person: karen.name,
          group: localText(profile.board.name, 'en'),
        }).length === 0,
    ).toBe(true);
    expect(await app!.repositories.people.getPerson(karen.aadObjectId)).toMatchObject({
      id: karen.aadObjectId,
      name: karen.name,
      organisation: { kind: 'municipality', municipalityCode: '461' },
    });
    expect(await app!.repositories.people.membershipsOf(karen.aadObjectId)).toEqual([
      expect.objectContaining({ groupId: board, role: 'member' }),
    ]);
  }

  /** 3. Schedule next year's meetings with the year card, its proposed dates as they stand. */
  async function scheduleYear() {
    const pg = playground!;
    const year = new Date().getUTCFullYear() + 1;
    await pg.sendMessage(boardChannel, `${profile.command('meeting.scheduleYear')} ${year}`);
    const yearCard = await post(pg, boardChannel, either(profile, 'meetings.scheduleYearButton'));
    assertValidCard(cardOf(yearCard)!);
    const yearAction = actionOf(cardOf(yearCard), 'meeting.scheduleYear');
    const scheduledYear = JSON.stringify(
      await pg.invokeCardAction(yearCard, {
        verb: 'meeting.scheduleYear',
        data: { ...inputValuesOf(cardOf(yearCard)), ...yearAction.data },
      }),
    );
    expect(saysEither(profile, scheduledYear, 'meetings.yearResultTitle', { year })).toBe(true);
    const meetings = await app!.services.meetingCycle!.meetings.upcoming(board);
    const { months } = bodyCadence(profile.governance, board);
    expect(meetings).toHaveLength(months.length);
    const first = meetings[0]!;
    expect(first.startsAt.slice(0, 7)).toBe(`${year}-${String(Math.min(...months)).padStart(2, '0')}`);
    return first;
  }

  it('binds, appoints, schedules the year, previews the reminders and cancels a meeting', async () => {
    const pg = playground!;
    // A fresh install: the register of municipalities is there from the first start.
    expect(await app!.repositories.people.membersOf(board)).toEqual([]);
    expect((await new MunicipalityRepository(app!.store).get('461'))?.name).toBe('Odense');

    await bindChannels();
    await appointKaren();
    const first = await scheduleYear();

    // 4. The operator's preview on the same DATA_DIR lists the first meeting's proposal deadline and
    // detailed agenda (the file's offsets).
    const cycle = app!.services.meetingCycle!;
    const deadlines = cycle.meetings.deadlines(first);
    const moment = (at: string) => formatInstant(at, 'en', cycle.timeZone);
    const ofFirst = (lines: string[]) => lines.filter((line) => line.includes(`meeting ${first.id} `));
    // `upcoming --days 120` from now; should the proposal deadline not fall in the next 120 days
    // (the journey runs early or late in a year), the window starts a week before the deadline.
    const deadlineAt = Date.parse(deadlines.proposalDeadline);
    const fromNow = Date.now() < deadlineAt && deadlineAt < Date.now() + 120 * DAY_MS;
    const from = fromNow ? [] : ['--from', new Date(deadlineAt - 7 * DAY_MS).toISOString()];
    const cliEnv = { DATA_DIR: dataDir, ...profile.env };
    const preview = async () => runCli(cli, cliEnv, 'upcoming', '--days', '120', ...from);
    const before = ofFirst(await preview());
    expect(before).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^${moment(deadlines.proposalDeadline)}  proposal-deadline  ${board}  \\[pending\\]`),
        ),
        expect.stringMatching(
          new RegExp(`^${moment(deadlines.detailedAgenda)}  detailed-agenda  ${board}  \\[pending\\]`),
        ),
      ]),
    );

    // 5. Cancel it: the confirmation card names the consequences; Keep changes nothing, Confirm cancels.
    await pg.sendMessage(boardChannel, `${profile.command('meeting.cancel')} ${first.id}`);
    const confirm = await post(pg, boardChannel, either(profile, 'meetings.confirmIntro'));
    const confirmCard = cardOf(confirm)!;
    assertValidCard(confirmCard);
    expect(saysParts(visibleText(confirm), 'meetings.consequenceRemindersStop')).toBe(true);
    const kept = JSON.stringify(await pg.invokeCardAction(confirm, actionOf(confirmCard, 'meeting.keep')));
    expect(saysParts(kept, 'meetings.kept')).toBe(true);
    expect((await cycle.meetings.get(board, first.id))!.status).toBe('scheduled');
    expect(ofFirst(await preview())).toEqual(before);

    const done = JSON.stringify(
      await pg.invokeCardAction(confirm, actionOf(confirmCard, 'meeting.cancel.confirm')),
    );
    expect(saysParts(done, 'meetings.cancelled')).toBe(true);
    expect((await cycle.meetings.get(board, first.id))!.status).toBe('cancelled');
    expect(ofFirst(await preview())).toEqual([]);
  });
});
