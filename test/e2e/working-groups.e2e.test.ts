/**
 * A working group from approval to result (issue 22.3) through the Microsoft 365 Agents Playground
 * (a real Teams-like client) against the real app (composeApp: SQLite in a temporary DATA_DIR,
 * development mode, a manual clock):
 *
 * the General channel is the reference group Architecture and development's (Karen, Lars, Pia),
 * the other channel the steering group's (Mads) → Karen proposes the working group "Fælles
 * logformat" naming its members: Pia (in the register, by her e-mail) and Ole (an e-mail the
 * register does not know: a manual id) → Mads approves the hearing: both memberships exist with the
 * group's end date under the parent → the secretariat (Sofie) binds the working group's channel and
 * the welcome card is posted there → Karen asks for an extension; the parent votes (Mads, no
 * member, is refused; 2 For, 1 Imod) → after the 5 days the scheduler's scan closes the vote and
 * the steering group's channel is told the new end date → Pia hands in the result with material →
 * it is on the reference group's next agenda and the reference channel is told → the group is
 * dissolved: memberships ended, the result on record.
 *
 * The Playground has two channels, so the second channel is re-bound between the steering group
 * and the working group (the secretariat's `unbind` / `bind`). Messages carry locale en-US; the
 * channels speak their bodies' language (Danish), so replies are matched in either language.
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

jest.setTimeout(120_000);

type Key = Parameters<typeof translate>[1];
type Params = Parameters<typeof translate>[2];
const en = (key: Key, params?: Params) => translate('en', key, params);
const da = (key: Key, params?: Params) => translate('da', key, params);
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);
const either = (key: Key, params?: Params) => [da(key, params), en(key, params)];
const saysEither = (json: string, key: Key, params?: Params) =>
  either(key, params).some((text) => json.includes(inJson(text)));

const WAIT_MS = 20_000;
const TITLE = 'Fælles logformat';
const GROUP = 'wg-faelles-logformat';
const MATERIAL = 'https://kombit.sharepoint.com/sites/fki/logformat-anbefaling.pdf';

interface CardActionJson {
  type?: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** The data of the card's Action.Execute with this verb. */
function actionData(card: unknown, verb: string) {
  let found: CardActionJson | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const action = node as CardActionJson;
    if (action.type === 'Action.Execute' && action.verb === verb) found = action;
    else Object.values(node).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} action on the card: ${JSON.stringify(card).slice(0, 800)}`);
  return found.data ?? {};
}

describe('a working group, from approval to its result on the parent’s agenda', () => {
  const config = readPlaygroundConfig();
  const secondChannel = config.team.channels[0]!.id;
  const referenceChannel = config.team.id;
  const sofie = config.currentUser;
  const [mads, karen, lars, pia, ole] = config.users as Array<(typeof config.users)[0]>;
  const clock = new ManualClock('2026-12-15T09:00:00.000Z');
  let app: App | undefined;
  let playground: Playground | undefined;
  let dataDir: string;
  let voteCard: BotActivity;
  let voteData: Record<string, unknown>;

  const pg = () => playground!;
  const post = (channel: string, ...texts: Array<string | string[]>) =>
    pg().nextBotActivity(
      (a) =>
        a.channelOrChatId === channel &&
        texts.every((text) =>
          (Array.isArray(text) ? text : [text]).some((variant) => visibleText(a).includes(variant)),
        ),
      WAIT_MS,
    );
  const press = async (on: BotActivity, verb: string, data: Record<string, unknown>, asUser: string) =>
    JSON.stringify(await pg().invokeCardAction(on, { verb, data }, asUser));
  const membersOfGroup = async () =>
    (await app!.repositories.people.membersOf(GROUP)).sort((a, b) => a.role.localeCompare(b.role));

  /** The secretariat binds the second channel to `group` (unbinding what it was bound to). */
  async function rebind(reference: string, names: string[]) {
    await pg().sendMessage(secondChannel, 'unbind');
    await post(secondChannel, ['tilknytning til', 'binding to']);
    await pg().sendMessage(secondChannel, `bind ${reference}`);
    await post(
      secondChannel,
      names.flatMap((group) => either('binding.bound', { group })),
    );
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-working-groups-'));
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
    for (const [user, groupId, code] of [
      [mads, 'steering', '751'],
      [karen, 'ref-arkitektur', '461'],
      [lars, 'ref-arkitektur', '751'],
      [pia, 'ref-arkitektur', '461'],
    ] as const) {
      const result = await services.memberService.appoint(
        {
          personId: user!.aadObjectId,
          name: user!.name,
          email: user!.email,
          groupId,
          organisation: { kind: 'municipality', municipalityCode: code },
          role: 'member',
          termStart: '2026-01-01',
        },
        sofie.aadObjectId,
      );
      if (!result.ok) throw new Error(`appoint ${user!.name}: ${JSON.stringify(result.refusal)}`);
    }
    const scheduled = await services.meetingCycle.meetings.schedule({
      groupId: 'ref-arkitektur',
      date: '2027-01-20',
      time: '10:00',
      actorId: sofie.aadObjectId,
    });
    if (scheduled.kind !== 'scheduled') throw new Error(scheduled.kind);
  });

  afterAll(async () => {
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('binds the steering channel and the reference group to the General channel', async () => {
    await pg().installInTeam();
    await post(config.team.id, da('welcome.title'));
    // Sofie has written to the bot in personal chat: the secretariat's cards reach her there.
    await pg().sendMessage(config.personalChat.id, 'help');
    await post(config.personalChat.id, either('help.title'));
    await pg().sendMessage(secondChannel, 'bind steering');
    await post(secondChannel, either('binding.bound', { group: 'Kommunestyregruppen' }));
    await pg().sendMessage(referenceChannel, 'bind ref-arkitektur');
    await post(
      referenceChannel,
      either('binding.bound', { group: 'Referencegruppe Arkitektur og udvikling' }),
    );
  });

  it("a proposal naming its members, approved: the members' memberships exist with the group's end date", async () => {
    await pg().sendMessage(referenceChannel, 'working group', karen!.id);
    const form = await post(referenceChannel, either('workingGroups.formTitle'));
    const submitted = await press(
      form,
      'workingGroup.propose',
      {
        ...actionData(cardOf(form), 'workingGroup.propose'),
        title: TITLE,
        problem: 'Kommunerne logger forskelligt, så fejl er svære at spore på tværs.',
        mandate: 'Anbefal ét fælles logformat og en plan for indførelsen.',
        parentGroupId: 'ref-arkitektur',
        members: `${pia!.name}; KOMBIT; ${pia!.email}\n${ole!.name}; UDK; ${ole!.email}`,
        chair: pia!.name,
        resources: '',
        costKr: '0',
        priority: '1',
        startDate: '2026-12-15',
        endDate: '2027-06-30',
      },
      karen!.id,
    );
    expect(saysEither(submitted, 'workingGroups.submittedTitle', { title: TITLE })).toBe(true);

    const hearingCard = await post(secondChannel, TITLE);
    const { hearingId } = actionData(cardOf(hearingCard), 'hearing.vote');
    await press(hearingCard, 'hearing.vote', { hearingId, choice: 'approve', comment: '' }, mads!.id);
    // The secretariat is asked to bind the new group's channel (in Sofie's personal chat).
    await post(config.personalChat.id, either('workingGroups.bindRequestTitle', { group: TITLE }));

    const group = await app!.services.workingGroups.group(GROUP);
    expect(group).toMatchObject({
      kind: 'working',
      parentGroupId: 'ref-arkitektur',
      plannedEnd: '2027-06-30',
    });
    const memberships = await membersOfGroup();
    expect(memberships.map((m) => [m.role, m.plannedEnd, m.termStart])).toEqual([
      ['chair', '2027-06-30', '2026-12-15'],
      ['member', '2027-06-30', '2026-12-15'],
    ]);
    // Pia by her register e-mail; Ole, unknown to the register, by an id of his own (not his e-mail).
    expect(memberships[0]!.personId).toBe(pia!.aadObjectId);
    expect(memberships[1]!.personId).toMatch(/^manual-/);
    expect((await app!.repositories.people.getPerson(memberships[1]!.personId))?.email).toBe(ole!.email);
  });

  it("the secretariat binds the working group's channel; the welcome card is posted there", async () => {
    await rebind(GROUP, [TITLE]);
    const welcome = await post(secondChannel, either('workingGroups.welcomeTitle', { group: TITLE }));
    const text = visibleText(welcome);
    expect(text).toContain(`${pia!.name} (KOMBIT)`);
    expect(text).toContain(`${ole!.name} (UDK)`);
    expect(text).toContain('Anbefal ét fælles logformat');
    expect(either('workingGroups.welcomeResult').some((line) => text.includes(line))).toBe(true);
  });

  it('an extension is voted by the parent reference group: only its members, one vote each', async () => {
    await pg().sendMessage(
      referenceChannel,
      `extend working group ${GROUP} 2027-09-30 Analysen af kommunernes logs kræver mere tid`,
      karen!.id,
    );
    voteCard = await post(referenceChannel, either('workingGroups.extensionCardTitle', { group: TITLE }));
    voteData = actionData(cardOf(voteCard), 'workingGroup.extensionVote');
    expect(voteData).toMatchObject({ parentGroupId: 'ref-arkitektur', choice: 'for' });

    const refused = await press(voteCard, 'workingGroup.extensionVote', voteData, mads!.id);
    expect(
      ['Referencegruppe Arkitektur og udvikling', 'Reference group Architecture and development'].some(
        (group) => saysEither(refused, 'workingGroups.extensionNotMember', { group }),
      ),
    ).toBe(true);
    await press(voteCard, 'workingGroup.extensionVote', { ...voteData, choice: 'against' }, karen!.id);
    await press(voteCard, 'workingGroup.extensionVote', voteData, karen!.id);
    await press(voteCard, 'workingGroup.extensionVote', voteData, lars!.id);
    const third = await press(
      voteCard,
      'workingGroup.extensionVote',
      { ...voteData, choice: 'against' },
      pia!.id,
    );
    expect(saysEither(third, 'workingGroups.extensionTally', { for: 2, against: 1 })).toBe(true);
    const votes = await app!.services.workingGroupExtensions.tally(
      (await app!.services.workingGroupExtensions.get('ref-arkitektur', String(voteData.requestId)))!,
    );
    expect(votes).toEqual({ for: 2, against: 1 });
  });

  it("the vote closes after its period; the steering group's channel hears the new end date", async () => {
    await rebind('steering', ['Kommunestyregruppen', 'Municipal steering group']);
    clock.set('2026-12-21T09:00:00.000Z');
    const report = await app!.scheduler.runScan(clock.now());
    expect(report.failed).toEqual([]);
    const request = await app!.services.workingGroupExtensions.get(
      'ref-arkitektur',
      String(voteData.requestId),
    );
    expect(request?.status).toBe('approved');
    const announcement = await post(secondChannel, TITLE, '2027-09-30');
    expect(visibleText(announcement)).toContain(
      da('workingGroups.extensionApproved', {
        group: TITLE,
        from: '2027-06-30',
        to: '2027-09-30',
        tally: 'For: 2 · Imod: 1',
      }),
    );
    expect((await app!.services.workingGroups.group(GROUP))!.plannedEnd).toBe('2027-09-30');
    // A late vote is refused and stores nothing.
    const late = await press(voteCard, 'workingGroup.extensionVote', voteData, karen!.id);
    expect(saysEither(late, 'workingGroups.extensionClosed')).toBe(true);
  });

  it("the working group hands in its result: on the parent's next agenda, then dissolved", async () => {
    await rebind(GROUP, [TITLE]);
    await post(secondChannel, either('workingGroups.welcomeTitle', { group: TITLE }));
    await pg().sendMessage(secondChannel, 'hand in result', pia!.id);
    const form = await post(secondChannel, either('workingGroups.resultFormTitle', { group: TITLE }));
    const resultTitle = 'Anbefaling: ét logformat';
    const fields = {
      ...actionData(cardOf(form), 'workingGroup.result'),
      kind: 'decision-proposal',
      title: resultTitle,
      summary: 'Vi anbefaler ECS-formatet, indført i tre trin over 2027.',
      material: `Anbefaling | ${MATERIAL}`,
    };
    const done = await press(form, 'workingGroup.result', fields, pia!.id);
    const handedIn = { group: TITLE, title: resultTitle, date: '2027-01-20' };
    expect(saysEither(done, 'workingGroups.resultHandedIn', handedIn)).toBe(true);
    await post(referenceChannel, da('workingGroups.resultHandedIn', handedIn));

    await pg().sendMessage(referenceChannel, 'agenda', karen!.id);
    const agenda = await post(
      referenceChannel,
      da('workingGroups.resultItemTitle', { group: TITLE, title: resultTitle }),
    );
    expect(visibleText(agenda)).toContain(MATERIAL);

    const group = await app!.services.workingGroups.group(GROUP);
    expect(group!.status).toBe('dissolved');
    expect((await membersOfGroup()).map((m) => m.endedOn)).toEqual(['2026-12-21', '2026-12-21']);
    const charter = await app!.services.workingGroups.charter(GROUP);
    expect(charter?.result).toMatchObject({
      title: resultTitle,
      kind: 'decision-proposal',
      handedInBy: pia!.aadObjectId,
    });
    expect(charter?.extensions).toEqual([expect.objectContaining({ from: '2027-06-30', to: '2027-09-30' })]);

    // A second hand-in is refused: the group is dissolved and read-only; nothing more is stored.
    const again = await press(form, 'workingGroup.result', { ...fields, title: 'Igen' }, pia!.id);
    expect(saysEither(again, 'workingGroups.readOnly', { group: TITLE })).toBe(true);
    expect((await app!.services.workingGroupResults.resultOf(group!))?.title).toBe(resultTitle);
  });
});
