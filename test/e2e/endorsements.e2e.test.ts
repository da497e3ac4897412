/**
 * An endorsement ("indstilling") through the Microsoft 365 Agents Playground (a real Teams-like
 * client) against the real app (composeApp: SQLite in a temporary DATA_DIR, development mode, a
 * manual clock):
 *
 * the steering channel and the team's General channel (bound to the reference group Architecture
 * and development, whose members are Karen, Lars, Pia and Sofie) → Karen types `endorsement` in
 * the reference channel and sends the form (a too-short title first: refused, nothing stored) →
 * the form becomes the vote card → Mads, no member, is refused; Karen changes her vote and the card
 * shows the tally with one vote of hers → after the 5 days the scheduler's scan closes it (2 For, 1
 * Imod): the steering group's `agenda` carries "Indstilling fra referencegruppen Arkitektur og
 * udvikling: <titel>" with its material, a late vote is refused → Sofie's own endorsement, voted
 * down, comes back to her personal chat with the tally.
 *
 * Messages carry locale en-US; replies are matched in either language. Proactive posts (the agenda
 * item's title, the outcome messages) are in the bodies' language. Run once per governance file
 * (issue 23.2): the board, the committee (the file's first reference body) and texts from the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import { localText } from '../../src/domain/localized-text';
import { translate } from '../../src/platform/i18n';
import {
  Playground,
  cardOf,
  readPlaygroundConfig,
  visibleText,
  type BotActivity,
} from '../support/playground';
import { PROFILES, loadProfile, missingParts, type GovernanceProfile } from './support/governance-profiles';

jest.setTimeout(90_000);

type Key = Parameters<typeof translate>[1];
type Params = Parameters<typeof translate>[2];
const en = (key: Key, params?: Params) => translate('en', key, params);
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);

const WAIT_MS = 20_000;
const TITLE = 'Fælles logformat for Ærø';

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

describe.each(PROFILES)(
  'an endorsement, from the committee’s vote onto the board’s agenda or back to its author ($label)',
  (spec) => {
    let profile: GovernanceProfile;
    /** The bodies' language's text and the English one (a reply follows the en-US locale or the channel's). */
    const either = (key: Key, params?: Params) => [profile.t(key, params), en(key, params)];
    const saysEither = (json: string, key: Key, params?: Params) =>
      either(key, params).some((text) => json.includes(inJson(text)));
    /** The committee's name in the bodies' language and in English. */
    const committeeNames = () => [profile.text(profile.committee), localText(profile.committee.name, 'en')];
    const config = readPlaygroundConfig();
    const steeringChannel = config.team.channels[0]!.id;
    const referenceChannel = config.team.id;
    const sofie = config.currentUser;
    const [mads, karen, lars, pia] = config.users as [
      (typeof config.users)[0],
      (typeof config.users)[0],
      (typeof config.users)[0],
      (typeof config.users)[0],
    ];
    const clock = new ManualClock('2026-12-15T09:00:00.000Z');
    let app: App | undefined;
    let playground: Playground | undefined;
    let dataDir: string;
    let form: BotActivity;
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

    /** Drafts an endorsement as `asUser` in the reference channel; the vote card's data. */
    async function drafted(asUser: string, title: string, material = '') {
      await pg().sendMessage(referenceChannel, 'endorsement', asUser);
      form = await post(referenceChannel, either('endorsements.formTitle'));
      const submit = actionData(cardOf(form), 'endorsement.submit');
      const fields = {
        ...submit,
        title,
        text: 'Vi indstiller et fælles logformat for kommunerne.',
        material,
      };
      const sent = await press(form, 'endorsement.submit', fields, asUser);
      expect(saysEither(sent, 'endorsements.cardTitle', { title })).toBe(true);
      return actionData(JSON.parse(sent), 'endorsement.vote');
    }

    beforeAll(async () => {
      profile = loadProfile(spec);
      const board = profile.board.id;
      const committee = profile.committee.id;
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-endorsements-'));
      app = await composeApp(
        {
          NODE_ENV: 'test',
          DATA_DIR: dataDir,
          SECRETARIAT_AAD_IDS: sofie.aadObjectId,
          TEAMS_TENANT_ID: config.tenantId,
          LOG_LEVEL: 'silent',
          ...profile.env,
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
        [mads, board, '751'],
        [karen, committee, '461'],
        [lars, committee, '751'],
        [pia, committee, '461'],
        [sofie, committee, '751'],
      ] as const) {
        const result = await services.memberService.appoint(
          {
            personId: user.aadObjectId,
            name: user.name,
            email: user.email,
            groupId,
            organisation: { kind: 'municipality', municipalityCode: code },
            role: 'member',
            termStart: '2026-01-01',
          },
          sofie.aadObjectId,
        );
        if (!result.ok) throw new Error(`appoint ${user.name}: ${JSON.stringify(result.refusal)}`);
      }
      const scheduled = await services.meetingCycle.meetings.schedule({
        groupId: board,
        date: '2027-02-17',
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

    it('binds the board channel and the committee to the General channel', async () => {
      await pg().installInTeam();
      await post(config.team.id, profile.t('welcome.title'));
      await pg().sendMessage(steeringChannel, `bind ${profile.board.id}`);
      await post(steeringChannel, [
        profile.t('binding.bound', { group: profile.text(profile.board) }),
        en('binding.bound', { group: localText(profile.board.name, 'en') }),
      ]);
      await pg().sendMessage(referenceChannel, `bind ${profile.committee.id}`);
      await post(
        referenceChannel,
        committeeNames().flatMap((group) => either('binding.bound', { group })),
      );
    });

    it('a member drafts the endorsement (a bad title first); the form becomes the vote card', async () => {
      await pg().sendMessage(referenceChannel, 'endorsement', karen.id);
      const first = await post(referenceChannel, either('endorsements.formTitle'));
      const submit = actionData(cardOf(first), 'endorsement.submit');
      const refused = await press(
        first,
        'endorsement.submit',
        { ...submit, title: 'ab', text: 'x', material: '' },
        karen.id,
      );
      expect(saysEither(refused, 'endorsements.err_too-short', { min: 3, actual: 2 })).toBe(true);
      expect(
        await app!.services.endorsements.get(profile.board.id, String(submit.cardInstanceId)),
      ).toBeUndefined();

      voteData = await drafted(
        karen.id,
        TITLE,
        'Notat | https://kombit.sharepoint.com/sites/fki/logformat.pdf',
      );
      expect(voteData).toMatchObject({ steeringGroupId: profile.board.id, choice: 'for' });
    });

    it('only members vote; a changed vote replaces the earlier; the card shows the tally', async () => {
      const refused = await press(form, 'endorsement.vote', voteData, mads.id);
      expect(committeeNames().some((group) => saysEither(refused, 'endorsements.notMember', { group }))).toBe(
        true,
      );

      await press(form, 'endorsement.vote', { ...voteData, choice: 'against' }, karen.id);
      const changed = await press(form, 'endorsement.vote', { ...voteData, choice: 'for' }, karen.id);
      expect(saysEither(changed, 'endorsements.tally', { for: 1, against: 0, abstain: 0 })).toBe(true);
      await press(form, 'endorsement.vote', { ...voteData, choice: 'for' }, lars.id);
      const third = await press(form, 'endorsement.vote', { ...voteData, choice: 'against' }, pia.id);
      expect(saysEither(third, 'endorsements.tally', { for: 2, against: 1, abstain: 0 })).toBe(true);
    });

    it("after the period the close puts it on the board's agenda; a late vote is refused", async () => {
      clock.set('2026-12-20T09:00:00.000Z');
      await app!.scheduler.runScan(clock.now());
      const stored = await app!.services.endorsements.get(profile.board.id, String(voteData.endorsementId));
      expect(stored?.status).toBe('endorsed');

      const late = await press(form, 'endorsement.vote', voteData, sofie.id);
      expect(saysEither(late, 'endorsements.closed')).toBe(true);

      await pg().sendMessage(steeringChannel, 'agenda');
      // The item names the committee by its short name (the group left open here) and the title.
      // The agenda card (not the answer's notice in the same channel), with the item.
      const agenda = await post(steeringChannel, TITLE, [
        profile.t('agenda.draftTitle', { group: profile.text(profile.board) }),
        en('agenda.draftTitle', { group: localText(profile.board.name, 'en') }),
      ]);
      expect(
        missingParts(profile, visibleText(agenda), 'endorsements.agendaItemTitle', { title: TITLE }),
      ).toEqual([]);
      expect(visibleText(agenda)).toContain('(https://kombit.sharepoint.com/sites/fki/logformat.pdf) (PDF)');
    });

    it('a rejected endorsement goes back to its author with the tally', async () => {
      // Sofie has written to the bot in personal chat: that is where her personal messages go.
      await pg().sendMessage(config.personalChat.id, 'help');
      await post(config.personalChat.id, either('help.title'));
      const rejectedTitle = 'Fælles mødetider';
      const data = await drafted(sofie.id, rejectedTitle);
      await press(form, 'endorsement.vote', { ...data, choice: 'against' }, karen.id);
      await press(form, 'endorsement.vote', { ...data, choice: 'for' }, sofie.id);
      await press(form, 'endorsement.vote', { ...data, choice: 'abstain' }, lars.id);

      clock.set('2026-12-26T09:00:00.000Z');
      await app!.scheduler.runScan(clock.now());
      const tally = profile.t('endorsements.tally', { for: 1, against: 1, abstain: 1 });
      const back = await post(config.personalChat.id, rejectedTitle, tally);
      expect(visibleText(back)).toContain(
        profile.t('endorsements.rejectedAuthor', {
          title: rejectedTitle,
          group: profile.text(profile.committee),
          tally,
        }),
      );
    });
  },
);
