/**
 * A request for input through the Microsoft 365 Agents Playground (a real Teams-like client)
 * against the real app (composeApp: SQLite in a temporary DATA_DIR, development mode, a manual
 * clock):
 *
 * the steering channel and the team's General channel (bound to the reference group Architecture
 * and development) → Mads, a steering member, types `request input` in the steering channel and
 * sends the form (a bad due date first: refused, nothing stored) → the request card with the
 * answer form appears in the reference group's channel → Mads, no member of the reference group,
 * is refused there → Karen, its member, answers with a material link → a second answer is told it
 * was already answered → the steering group's `agenda` carries the item "Belysning fra
 * referencegruppen Arkitektur og udvikling: <emne>" right after "Rådgivning om indstillinger fra
 * FKI", with the question's and the answer's material.
 *
 * Messages carry locale en-US; whether a reply comes in English or in the body's Danish is the
 * language feature's business, so replies are matched in either. Proactive posts (the request card,
 * the agenda item's title) are in the bodies' language. Run once per governance file (issue 23.2):
 * the board, the committee (the file's first reference body) and texts from the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import { bodyAgenda } from '../../src/domain/governance';
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
/** A catalogue text as it appears inside a JSON answer (quotes escaped). */
const inJson = (text: string) => JSON.stringify(text).slice(1, -1);

const WAIT_MS = 20_000;
const TOPIC = 'Fælles identitetsløsning for Ærø';

interface CardActionJson {
  type?: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** The data of the card's Action.Execute with this verb (anywhere in the card, its show-cards too). */
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
  'a request for input, from the board to a committee and back onto the agenda ($label)',
  (spec) => {
    let profile: GovernanceProfile;
    /** The text in the bodies' language and in English. */
    const either = (key: Key, params?: Params) => [profile.t(key, params), en(key, params)];
    /** Does the answer (JSON) carry the text in either language? */
    const saysEither = (json: string, key: Key, params?: Params) =>
      either(key, params).some((text) => json.includes(inJson(text)));
    const config = readPlaygroundConfig();
    const steeringChannel = config.team.channels[0]!.id;
    const referenceChannel = config.team.id;
    const sofie = config.currentUser;
    const mads = config.users[0]!;
    const karen = config.users[1]!;
    const clock = new ManualClock('2026-12-15T09:00:00.000Z');
    let app: App | undefined;
    let playground: Playground | undefined;
    let dataDir: string;
    let meetingId: string;
    let requestCard: BotActivity;

    const pg = () => playground!;
    const post = (channel: string, ...texts: Array<string | string[]>) =>
      pg().nextBotActivity(
        (a) =>
          a.action === 'createMessage' &&
          a.channelOrChatId === channel &&
          texts.every((text) =>
            (Array.isArray(text) ? text : [text]).some((variant) => visibleText(a).includes(variant)),
          ),
        WAIT_MS,
      );
    const press = async (on: BotActivity, verb: string, data: Record<string, unknown>, asUser: string) =>
      JSON.stringify(await pg().invokeCardAction(on, { verb, data }, asUser));

    beforeAll(async () => {
      profile = loadProfile(spec);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-requests-'));
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
        [mads, profile.board.id, '751'],
        [karen, profile.committee.id, '461'],
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
        groupId: profile.board.id,
        date: '2027-02-17',
        time: '10:00',
        actorId: sofie.aadObjectId,
      });
      if (scheduled.kind !== 'scheduled') throw new Error(scheduled.kind);
      meetingId = scheduled.meeting.id;
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
      await post(referenceChannel, [
        profile.t('binding.bound', { group: profile.text(profile.committee) }),
        en('binding.bound', { group: localText(profile.committee.name, 'en') }),
      ]);
    });

    it('a board member files the request; the committee gets it in its channel', async () => {
      await pg().sendMessage(steeringChannel, 'request input', mads.id);
      const form = await post(steeringChannel, either('requests.formTitle'));
      const submit = actionData(cardOf(form), 'request.submit');
      const fields = {
        ...submit,
        referenceGroupId: profile.committee.id,
        topic: TOPIC,
        question: 'Hvilke arkitekturprincipper bør gælde?',
        background: 'KOMBIT overvejer en fælles løsning.',
        material: 'Baggrundsnotat | https://kombit.sharepoint.com/sites/fki/baggrund.pdf',
      };
      // A due date in the past: the form comes back with the reason, nothing is stored.
      const refused = await press(form, 'request.submit', { ...fields, dueDate: '2026-12-01' }, mads.id);
      expect(saysEither(refused, 'requests.err_not-in-future', { today: '2026-12-15' })).toBe(true);
      expect(
        await app!.services.requests.get(profile.board.id, String(submit.cardInstanceId)),
      ).toBeUndefined();

      const sent = await press(form, 'request.submit', { ...fields, dueDate: '2027-01-20' }, mads.id);
      expect(saysEither(sent, 'requests.receivedTitle')).toBe(true);
      requestCard = await post(referenceChannel, profile.t('requests.cardTitle', { topic: TOPIC }));
      const text = visibleText(requestCard);
      expect(text).toContain(`${profile.text(profile.board)} (Mads Medlem)`);
      expect(text).toContain('[Baggrundsnotat](https://kombit.sharepoint.com/sites/fki/baggrund.pdf)');
    });

    it('only the committee answers; its answer counts once', async () => {
      const answer = actionData(cardOf(requestCard), 'request.answer');
      const refused = await press(requestCard, 'request.answer', { ...answer, answer: 'Mit svar' }, mads.id);
      expect(
        [profile.text(profile.committee), localText(profile.committee.name, 'en')].some((group) =>
          saysEither(refused, 'requests.notReferenceMember', { group }),
        ),
      ).toBe(true);

      clock.set('2027-01-10T09:00:00.000Z');
      const answered = await press(
        requestCard,
        'request.answer',
        {
          ...answer,
          answer: 'Vi anbefaler OIDC og et fælles logformat.',
          material: 'Svarnotat | https://kombit.sharepoint.com/sites/fki/svar.docx',
        },
        karen.id,
      );
      expect(saysEither(answered, 'requests.answeredTitle', { topic: TOPIC })).toBe(true);
      expect(saysEither(answered, 'requests.answeredNoMeeting')).toBe(false);

      const again = await press(
        requestCard,
        'request.answer',
        { ...answer, answer: 'Endnu et svar' },
        karen.id,
      );
      // The first answer's author named (the time left open), in either language.
      const againText = JSON.parse(again) as unknown;
      expect(
        [profile.language, 'en'].some(
          (language) =>
            missingParts(
              { t: (key, params) => translate(language, key, params) },
              JSON.stringify(againText),
              'requests.alreadyAnswered',
              { name: karen.name },
            ).length === 0,
        ),
      ).toBe(true);
      const stored = await app!.services.requests.get(profile.board.id, String(answer.requestId));
      expect(stored?.answer).toMatchObject({ by: karen.aadObjectId, late: false, meetingId });
    });

    it("the answer is an item on the board's next agenda, after its proposals item, with its material", async () => {
      await pg().sendMessage(steeringChannel, 'agenda');
      // The agenda card (not the answer's notice in the same channel), with the item.
      const agenda = await post(steeringChannel, TOPIC, [
        profile.t('agenda.draftTitle', { group: profile.text(profile.board) }),
        en('agenda.draftTitle', { group: localText(profile.board.name, 'en') }),
      ]);
      const text = visibleText(agenda);
      // The item names the committee by its short name (left open here) and the topic.
      expect(missingParts(profile, text, 'requests.agendaItemTitle', { topic: TOPIC })).toEqual([]);
      const proposalsItem = bodyAgenda(profile.governance, profile.board.id).standardAgenda.find(
        (entry) => entry.role === 'proposals',
      )!;
      const proposalsAt = Math.max(
        text.indexOf(localText(proposalsItem.title, 'en')),
        text.indexOf(profile.text(proposalsItem.title)),
      );
      const item = text.indexOf(TOPIC);
      expect(proposalsAt).toBeGreaterThanOrEqual(0);
      expect(item).toBeGreaterThan(proposalsAt);
      expect(text).toContain('(https://kombit.sharepoint.com/sites/fki/svar.docx) (DOCX)');
      expect(text).toContain('(https://kombit.sharepoint.com/sites/fki/baggrund.pdf) (PDF)');
    });
  },
);
