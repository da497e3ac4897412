/**
 * A recruitment (issue 22.4) through the Microsoft 365 Agents Playground (a real Teams-like client)
 * against the real app (composeApp: SQLite in a temporary DATA_DIR, development mode, a manual
 * clock). The administration (Sofie, the playground's currentUser) works in her personal chat:
 *
 * the recruitment command for the board shows its wanted profile and its vacant seats (Ole's,
 * whose term rule's full years ended two weeks ago, among them) → she opens the recruitment for
 * Ole's seat → a registration with every field wrong names each field and stores nothing → two
 * candidates are registered: Ole himself (by his e-mail: the register's history counts) and Lars
 * from a municipality of another K98 group → the card shows the K98 spread and seniority today and
 * "with this candidate" for each → appointing Ole is refused (the pause after the full years),
 * nothing stored → appointing Lars makes him a member (the board channel's members command lists
 * him), closes the recruitment and marks Ole not chosen with his erase date → after the retention
 * period the scheduler's scan erases Ole's candidacy, once.
 *
 * Runs once per governance file (issue 23.2): the board, its names and wanted profile, the term
 * rule, the language, the commands and the retention period come from the file.
 */
import { ManualClock } from '../../src/domain/clock';
import { localText } from '../../src/domain/localized-text';
import { addDaysToDate, addYearsToDate } from '../../src/domain/time';
import { formatDate } from '../../src/platform/cards/reminders';
import { translate } from '../../src/platform/i18n';
import { cardOf, type BotActivity } from '../support/playground';
import { PROFILES, loadProfile, type GovernanceProfile } from './support/governance-profiles';
import { Journey, MUNICIPALITIES_CSV, actionData, either, inJson, saysEither } from './support/journey';

jest.setTimeout(90_000);

const TODAY = '2026-12-15';
/** Ole's last term ended two weeks ago. */
const OLE_END = '2026-12-01';

interface CardNode {
  type?: string;
  id?: string;
  choices?: Array<{ title: string; value: string }>;
}

/** The card's input with this id (anywhere in the card). */
function input(card: unknown, id: string): CardNode | undefined {
  let found: CardNode | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const candidate = node as CardNode;
    if (candidate.type?.startsWith('Input.') && candidate.id === id) found = candidate;
    else Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

describe.each(PROFILES)(
  'a recruitment, from the wanted profile to the appointment and the erasure of the others ($label)',
  (spec) => {
    let profile: GovernanceProfile;
    let journey: Journey;
    let board: string;
    let personalChat: string;
    let card: BotActivity;
    let recruitmentId: string;
    const clock = new ManualClock(`${TODAY}T09:00:00.000Z`);

    const app = () => journey.app;
    const users = () => {
      const [mads, karen, lars, , ole] = journey.config.users;
      return { mads: mads!, karen: karen!, lars: lars!, ole: ole! };
    };
    const reply = (conversation: string, ...texts: string[][]) => journey.activity(conversation, ...texts);
    const press = (verb: string, data: Record<string, unknown>) => journey.press(card, verb, data);
    const recruitment = async () => (await app().services.recruitment.get(board, recruitmentId))!;
    /** The board's wanted profile, in the bodies' language and in English (the file's or its fallback). */
    const wanted = () => profile.board.recruitment!.profile;

    beforeAll(async () => {
      profile = loadProfile(spec);
      board = profile.board.id;
      journey = await Journey.start(profile, { name: 'recruitment', clock });
      personalChat = journey.config.personalChat.id;
      const imported = await app().services.municipalities.importCsv(
        `${MUNICIPALITIES_CSV}860,Hjørring,64000,Landkommune\n`,
        { dryRun: false, actorId: journey.administrator.aadObjectId },
      );
      expect(imported.ok).toBe(true);
      const { mads, karen, ole } = users();
      // Mads (senior) and Karen serve within the term rule's years.
      const plannedEnd = addDaysToDate(addYearsToDate('2025-01-01', profile.term.maxYears), -1);
      await journey.appoint(mads, board, { code: '751', termStart: '2025-01-01', plannedEnd });
      await journey.appoint(karen, board, { code: '461', termStart: '2026-06-01', plannedEnd });
      // Ole served the board's full years in a row; they ended two weeks ago.
      await journey.appoint(ole, board, {
        code: '751',
        termStart: addYearsToDate(OLE_END, -profile.term.maxYears),
        plannedEnd: OLE_END,
      });
    });

    afterAll(async () => {
      await journey?.stop();
    });

    it('opens a recruitment for Ole’s seat with the board’s wanted profile', async () => {
      const { ole } = users();
      await journey.install();
      await journey.bind(journey.channel, board);

      await journey.playground.sendMessage(personalChat, `${profile.command('recruitment')} ${board}`);
      card = await reply(personalChat, [profile.text(wanted()), localText(wanted(), 'en')]);
      const seatChoice = input(cardOf(card), 'seat')!;
      expect(seatChoice.type).toBe('Input.ChoiceSet');
      const olesSeat = seatChoice.choices!.find((choice) => choice.title.includes(ole.name));
      expect(olesSeat).toBeDefined();
      const opened = await press('recruitment.open', {
        ...actionData(cardOf(card), 'recruitment.open'),
        seat: olesSeat!.value,
      });
      // A personal chat speaks the user's language (en-US here): the body's English name.
      const englishName = localText(profile.board.name, 'en');
      expect(opened).toContain(inJson(translate('en', 'recruitment.cardTitle', { group: englishName })));
      expect(opened).toContain(inJson(localText(wanted(), 'en').slice(0, 40)));
      recruitmentId = String(actionData(JSON.parse(opened), 'recruitment.candidate').recruitmentId);
      expect((await recruitment()).seat).toMatchObject({ kind: 'vacant', leavingPersonId: ole.aadObjectId });
    });

    it('names every bad field of a registration at once and stores nothing', async () => {
      const register = { groupId: board, recruitmentId };
      const refused = await press('recruitment.candidate', {
        ...register,
        name: '',
        email: 'not-an-address',
        municipalityCode: '',
        competences: '',
        assessment: '',
      });
      for (const key of ['err_required', 'err_email'] as const)
        expect(saysEither(profile, refused, `recruitment.${key}`)).toBe(true);
      for (const field of ['fieldName', 'fieldEmail', 'fieldMunicipality', 'fieldCompetences'] as const)
        expect(saysEither(profile, refused, `recruitment.${field}`)).toBe(true);
      expect((await recruitment()).candidates).toEqual([]);
    });

    it('registers two candidates and shows the body today and with each of them', async () => {
      const { ole, lars } = users();
      const register = { groupId: board, recruitmentId };
      await press('recruitment.candidate', {
        ...register,
        name: ole.name,
        email: ole.email.toUpperCase(),
        municipalityCode: '751',
        competences: `Digitaliseringschef, ${profile.term.maxYears} år i ${profile.text(profile.board)}.`,
        assessment: 'Stærk på porteføljen; har siddet hele perioden.',
      });
      const view = await press('recruitment.candidate', {
        ...register,
        name: lars.name,
        email: lars.email,
        municipalityCode: '860',
        competences: 'It-chef i en landkommune, arkitektur og drift.',
        assessment: 'Matcher profilen; giver Landkommune en plads.',
      });
      const stored = await recruitment();
      expect(stored.candidates.map((c) => c.name)).toEqual([ole.name, lars.name]);
      // Ole's e-mail is the register's: he is the same person, with his full years.
      expect(stored.candidates[0]!.personId).toBe(ole.aadObjectId);

      // Today: Mads (senior) and Karen, both from Storby municipalities.
      expect(saysEither(profile, view, 'recruitment.spreadLine', { spread: 'Storby 2' })).toBe(true);
      const today = { senior: 1, members: 2, required: 1 };
      expect(saysEither(profile, view, 'recruitment.seniorityLine', today)).toBe(true);
      // With Lars: a K98 group the body lacks; with Ole: a third Storby member.
      const withLars = { spread: 'Landkommune 1, Storby 2', senior: 1, members: 3, required: 1 };
      expect(saysEither(profile, view, 'recruitment.withCandidate', withLars)).toBe(true);
      const withOle = { spread: 'Storby 3', senior: 1, members: 3, required: 1 };
      expect(saysEither(profile, view, 'recruitment.withCandidate', withOle)).toBe(true);
    });

    it('refuses to appoint Ole (the term rules), with the reason, and stores nothing', async () => {
      const { ole } = users();
      const ole1 = (await recruitment()).candidates[0]!;
      const refused = await press('recruitment.appoint', {
        groupId: board,
        recruitmentId,
        candidateId: ole1.id,
      });
      const prefixes = either(profile, 'recruitment.refused', { name: ole.name, reason: '' }).map((text) =>
        text.trimEnd(),
      );
      expect(prefixes.some((text) => refused.includes(inJson(text)))).toBe(true);
      // The pause: the term rule's years away after the term ended on 1 December 2026.
      const back = addYearsToDate(OLE_END, profile.term.pauseYears);
      expect(
        [profile.language, 'en' as const].some((locale) => refused.includes(formatDate(back, locale))),
      ).toBe(true);
      const oleTerms = (await app().repositories.people.membersOf(board)).filter(
        (m) => m.personId === ole.aadObjectId,
      );
      expect(oleTerms).toHaveLength(1);
      expect((await recruitment()).status).toBe('open');
    });

    it('appoints Lars: a member from today, the recruitment closed, Ole not chosen with his erase date', async () => {
      const { ole, lars, mads } = users();
      const candidate = (await recruitment()).candidates[1]!;
      const done = await press('recruitment.appoint', {
        groupId: board,
        recruitmentId,
        candidateId: candidate.id,
      });
      const eraseOn = addDaysToDate(TODAY, profile.governance.recruitment.retentionDays);
      const closed = await recruitment();
      expect(closed.status).toBe('closed');
      expect(closed.candidates.map((c) => [c.name, c.status, c.eraseOn])).toEqual([
        [ole.name, 'not-chosen', eraseOn],
        [lars.name, 'appointed', undefined],
      ]);
      const larsTerm = (await app().repositories.people.membersOf(board)).find(
        (m) => m.personId === candidate.personId,
      );
      expect(larsTerm).toMatchObject({ termStart: TODAY, role: 'member' });
      // The view after: Lars counts today; the card has no appoint buttons and no form left.
      expect(saysEither(profile, done, 'recruitment.spreadLine', { spread: 'Landkommune 1, Storby 2' })).toBe(
        true,
      );
      const after = { senior: 1, members: 3, required: 1 };
      expect(saysEither(profile, done, 'recruitment.seniorityLine', after)).toBe(true);
      expect(done).not.toContain('recruitment.appoint');
      expect(done).not.toContain('recruitment.candidate');

      await journey.playground.sendMessage(journey.channel, profile.command('members'));
      await reply(journey.channel, [lars.name], [mads.name]);
    });

    it('erases Ole’s candidacy after the retention period, once', async () => {
      const { lars } = users();
      const eraseOn = addDaysToDate(TODAY, profile.governance.recruitment.retentionDays);
      clock.set(`${eraseOn}T08:00:00.000Z`);
      const report = await app().scheduler.runScan(clock.now(), { ignoreLease: true });
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
      expect(appointed!.name).toBe(lars.name);
      expect(after.status).toBe('archived');
      const again = await app().scheduler.runScan(clock.now(), { ignoreLease: true });
      expect(again.failed).toEqual([]);
      expect(await recruitment()).toEqual(after);
    });
  },
);
