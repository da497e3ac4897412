/**
 * The meeting record's loop through the Microsoft 365 Agents Playground (a real Teams-like client)
 * against the real app (composeApp: SQLite in a temporary DATA_DIR, development mode, a manual
 * clock so the comment period and the reminder's day can be reached):
 *
 * a board meeting with two proposed items, accepted by the administration → each item gets its
 * material (an https link) from the agenda card's "add material" form → the detailed agenda the
 * due-scan posts at the file's detailed-agenda moment lists both items' material → after the
 * meeting the administration opens the minutes command, records a decision and a follow-up action
 * on one item and a decision on the other through the record cards → posts the draft to the
 * channel → after the file's comment period approves the minutes from the draft card → the
 * due-scan sends the action's owner the reminder in their personal chat, once (a second scan sends
 * nothing) → the next meeting's detailed agenda (posted by the scan) and the agenda command carry
 * the open action under the follow-up heading → the owner closes it from the reminder card with a
 * note.
 *
 * The playground's currentUser (Sofie) is the administration through SECRETARIAT_AAD_IDS and also
 * a member of the board here, so she owns the action and her personal chat is the playground's
 * personal chat. Messages carry locale en-US: what the bot says in the channel is in the bodies'
 * language (issue 26.5), what it says in her personal chat in English; the proactive posts (the
 * detailed agenda, the draft, the reminder) are in the bodies' language.
 *
 * Runs once per governance file (issue 23.2): the board, its name, the language, the commands, the
 * zone, the detailed-agenda offset, the comment period and the reminder offset come from the file.
 */
import { DateTime } from 'luxon';
import { ManualClock } from '../../src/domain/clock';
import { translate } from '../../src/platform/i18n';
import { cardOf, visibleText, type BotActivity } from '../support/playground';
import { PROFILES, loadProfile, missingParts, type GovernanceProfile } from './support/governance-profiles';
import { Journey, actionData, inJson } from './support/journey';

jest.setTimeout(90_000);

/** The held meeting, the follow-up action's due date and the next meeting's date (local dates). */
const HELD = '2027-01-20';
const ACTION_DUE = '2027-02-10';
const ACTION_WHAT = 'Sende målene til kommunerne';
const FIRST_DECISION = 'Målene for 2027 er vedtaget – også for Ærø og Løgstør.';
const SECOND_DECISION = 'Budgettet for åbne data er godkendt.';
const CLOSE_NOTE = 'Sendt til alle kommuner.';

describe.each(PROFILES)(
  'the meeting record, from decision to follow-up, through the Agents Playground ($label)',
  (spec) => {
    let profile: GovernanceProfile;
    let journey: Journey;
    let board: string;
    let boardName: string;
    let channel: string;
    // Before the held meeting's proposal deadline (3–4 weeks before 20 January 2027 in both files).
    const clock = new ManualClock('2026-12-15T09:00:00.000Z');
    let held: string;
    let next: string;
    /** The held meeting's two proposed items (their agenda item ids are the proposal ids). */
    let items: Array<{ id: string; title: string; material: string; url: string }>;
    /** The answer card (or text) of the last card action. */
    let answer: unknown;
    let reminder: BotActivity;

    const app = () => journey.app;
    const sofie = () => journey.administrator;
    const local = (date: string, time: string) =>
      DateTime.fromISO(`${date}T${time}`, { zone: profile.timeZone });
    /** The detailed agenda of a meeting at 10:00 is due the file's offset before it, at 10:00. */
    const detailedAgendaMoment = (date: string) =>
      local(date, '10:00').minus({ days: profile.governance.deadlines.detailedAgendaDays });
    /** The action's reminder is due the file's offset before its due date, at 09:00 local time. */
    const reminderMoment = () =>
      local(ACTION_DUE, '09:00').minus({ days: profile.governance.record.actionReminderDays });
    /** Presses a button as the playground's user, keeping the answer (answers come back inline). */
    const press = async (on: BotActivity, verb: string, data: Record<string, unknown>) => {
      const json = await journey.press(on, verb, data);
      answer = JSON.parse(json) as unknown;
      return json;
    };
    const url = (file: string) => `https://samarbeid.sharepoint.com/sites/${board}/${file}`;

    beforeAll(async () => {
      profile = loadProfile(spec);
      board = profile.board.id;
      boardName = profile.text(profile.board);
      journey = await Journey.start(profile, { name: 'record', clock });
      channel = journey.channel;
      await journey.appoint(sofie(), board, { code: '461' });
      await journey.appoint(journey.config.users[0]!, board, { code: '751' });
      const schedule = async (date: string) => {
        const scheduled = await app().services.meetingCycle.meetings.schedule({
          groupId: board,
          date,
          time: '10:00',
          actorId: sofie().aadObjectId,
        });
        if (scheduled.kind !== 'scheduled') throw new Error(scheduled.kind);
        return scheduled.meeting.id;
      };
      held = await schedule(HELD);
      // The next meeting's detailed agenda falls due the day before the reminder's scan (which
      // catches it up) and after the held meeting's detailed agenda.
      next = await schedule(
        reminderMoment()
          .minus({ days: 1 })
          .plus({ days: profile.governance.deadlines.detailedAgendaDays })
          .toISODate()!,
      );
    });

    afterAll(async () => {
      await journey?.stop();
    });

    it('binds the board channel; Sofie has written to the bot in personal chat', async () => {
      await journey.install();
      await journey.bind(channel, board);
      // The bot remembers her personal chat when she writes there (the reminder goes there).
      await journey.playground.sendMessage(journey.config.personalChat.id, profile.command('help'));
      await journey.playground.nextBotMessage(journey.config.personalChat.id, 20_000);
    });

    /** Mads proposes the two items and the administration accepts them. */
    async function proposeItems(): Promise<void> {
      const proposals = app().services.meetingCycle.proposals;
      const mads = journey.config.users[0]!;
      items = [];
      for (const [n, title, material, file] of [
        [1, 'Fælles løsning for Ærø og Løgstør', 'Notat om løsningen | ', 'notat.pdf'],
        [2, 'Budget for åbne data', '', 'budget.xlsx'],
      ] as const) {
        const submitted = await proposals.submit({
          groupId: board,
          meetingId: held,
          cardInstanceId: `e2e-record-item-${n}`,
          fields: {
            title,
            description: 'Til beslutning.',
            kind: 'decision',
            requestedMinutes: '20',
            proposedDecision: `${boardName} godkender forslaget.`,
          },
          actor: { id: mads.aadObjectId, name: mads.name, isSecretariat: false },
        });
        if (submitted.kind !== 'accepted') throw new Error(`propose ${title}: ${submitted.kind}`);
        const triaged = await proposals.triage({
          groupId: board,
          proposalId: submitted.proposal.id,
          decision: 'accept',
          actorId: sofie().aadObjectId,
        });
        expect(triaged.kind).toBe('done');
        items.push({ id: submitted.proposal.id, title, material: `${material}${url(file)}`, url: url(file) });
      }
    }

    it('attaches material to each of the two items before the meeting; the detailed agenda lists both', async () => {
      await proposeItems();
      // The administration adds each item's material from the agenda card's form (one https link each).
      await journey.playground.sendMessage(channel, `${profile.command('agenda.show')} ${held}`);
      const agenda = await journey.post(channel, items[0]!.title, items[1]!.title);
      for (const item of items) {
        const form = actionData(cardOf(agenda), 'material.add', { proposalId: item.id });
        const added = await press(agenda, 'material.add', { ...form, [String(form.inputId)]: item.material });
        expect(added).toContain(inJson(profile.t('material.added', { title: item.title, count: 1 })));
      }
      const stored = await app().services.meetingCycle.proposals.forMeeting(board, held);
      expect(stored.map((p) => [p.title, p.material?.map((m) => m.url)])).toEqual([
        [items[0]!.title, [items[0]!.url]],
        [items[1]!.title, [items[1]!.url]],
      ]);

      // The detailed-agenda moment (the file's offset before 20 January 2027, 10:00 local): the scan posts it.
      const at = detailedAgendaMoment(HELD).plus({ minutes: 1 }).toJSDate();
      clock.set(at.toISOString());
      await app().scheduler.runScan(at, { ignoreLease: true });
      const detailed = await journey.post(channel, profile.t('agenda.detailedTitle', { group: boardName }));
      const text = visibleText(detailed);
      expect(text).toContain(`[Notat om løsningen](${items[0]!.url}) (PDF)`);
      expect(text).toContain(`(${items[1]!.url}) (XLSX)`);
      // Each link sits with its own item.
      const first = text.indexOf(items[0]!.title);
      const second = text.indexOf(items[1]!.title);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(text.indexOf('notat.pdf')).toBeGreaterThan(first);
      expect(text.indexOf('notat.pdf')).toBeLessThan(second);
      expect(text.indexOf('budget.xlsx')).toBeGreaterThan(second);
    });

    it('records a decision and an action on one item and a decision on the other, then posts the draft', async () => {
      clock.set(local(HELD, '13:00').toUTC().toISO()!);
      await journey.playground.sendMessage(channel, profile.command('record.minutes'));
      const overview = await journey.post(channel, profile.t('record.overviewTitle', { group: boardName }));
      const base = { groupId: board, meetingId: held };

      const [one, two] = items;
      const first = await press(overview, 'record.item', { ...base, itemId: one!.id });
      expect(first).toContain(one!.title);
      const save = actionData(answer, 'record.item.save', { itemId: one!.id, then: 'next' });
      const savedFirst = await press(overview, 'record.item.save', {
        ...save,
        decision: FIRST_DECISION,
        actionWhat: ACTION_WHAT,
        actionOwner: sofie().aadObjectId,
        actionDue: ACTION_DUE,
      });
      // "Save and next" opens the other item that had material.
      expect(savedFirst).toContain(two!.title);
      const saveSecond = actionData(answer, 'record.item.save', { itemId: two!.id });
      await press(overview, 'record.item.save', {
        ...saveSecond,
        then: 'overview',
        decision: SECOND_DECISION,
      });
      const [action] = await app().services.record.openActions(board);
      expect(action).toMatchObject({ ownerId: sofie().aadObjectId, dueDate: ACTION_DUE });

      await press(overview, 'record.draft', actionData(answer, 'record.draft'));
      const draft = await journey.post(channel, FIRST_DECISION);
      expect(visibleText(draft)).toContain(SECOND_DECISION);
      expect((await app().services.record.open(board, held)).kind).toBe('open');

      // After the comment period (the file's days from the meeting, the last day included) the
      // minutes are approved, the next morning.
      const afterComments = local(HELD, '10:00').plus({ days: profile.governance.record.commentDays + 1 });
      clock.set(afterComments.toUTC().toISO()!);
      const approved = await press(draft, 'record.approve', actionData(cardOf(draft), 'record.approve'));
      expect(approved).toContain(inJson(profile.t('record.approved', { version: 1 })));
      const opened = await app().services.record.open(board, held);
      expect(opened.kind === 'open' && opened.view.minutes.status).toBe('approved');
    });

    it("sends the action's owner the reminder in personal chat once; a second scan sends nothing", async () => {
      // The reminder is due the file's days before the due date at 09:00 local time.
      const at = reminderMoment().plus({ minutes: 1 }).toJSDate();
      clock.set(at.toISOString());
      const report = await app().scheduler.runScan(at, { ignoreLease: true });
      // (The reference groups have no channel here, so their own reminders fail; not this journey's.)
      expect(report.failed.filter((key) => key.startsWith('action-reminder:'))).toEqual([]);
      expect(report.performed.filter((key) => key.startsWith('action-reminder:'))).toHaveLength(1);
      reminder = await journey.post(
        journey.config.personalChat.id,
        profile.t('record.reminderTitle'),
        ACTION_WHAT,
      );
      // "… senest 10. februar 2027": the due date as the bodies' language writes it, in the reminder's text.
      expect(
        missingParts(profile, visibleText(reminder), 'record.reminderPersonal', {
          what: ACTION_WHAT,
          due: profile.date(ACTION_DUE),
        }),
      ).toEqual([]);

      const again = await app().scheduler.runScan(new Date(at.getTime() + 5 * 60_000), { ignoreLease: true });
      expect(again.performed.filter((key) => key.startsWith('action-reminder:'))).toEqual([]);
      await app().drain();
      const repeated = journey.playground.pending.filter(
        (a) => a.action === 'createMessage' && visibleText(a).includes(profile.t('record.reminderTitle')),
      );
      expect(repeated).toEqual([]);
    });

    it("carries the open action under the next meeting's follow-up heading; the owner closes it from the reminder", async () => {
      // The detailed agenda the scan posted (its moment, caught up) lists it under the follow-up heading.
      const detailed = await journey.post(
        channel,
        profile.t('agenda.detailedTitle', { group: boardName }),
        profile.t('agenda.followUpHeading'),
      );
      expect(visibleText(detailed)).toContain(ACTION_WHAT);
      // The reminder went to the owner personally, never to the body's channel.
      expect(
        journey.playground.pending.filter(
          (a) => a.channelOrChatId === channel && visibleText(a).includes(profile.t('record.reminderTitle')),
        ),
      ).toEqual([]);
      await journey.playground.sendMessage(channel, `${profile.command('agenda.show')} ${next}`);
      const agenda = await journey.post(channel, profile.t('agenda.followUpHeading'));
      expect(visibleText(agenda)).toContain(ACTION_WHAT);
      expect(visibleText(agenda)).toContain(sofie().name);

      const closed = await press(reminder, 'record.action.close', {
        ...actionData(cardOf(reminder), 'record.action.close'),
        note: CLOSE_NOTE,
      });
      expect(closed).toContain(CLOSE_NOTE);
      // The answer in her personal chat is in her Teams language.
      expect(closed).toContain(inJson(translate('en', 'record.closedTitle')));
      expect(await app().services.record.openActions(board)).toEqual([]);
    });
  },
);
