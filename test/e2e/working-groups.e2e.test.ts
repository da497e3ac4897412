/**
 * A working group from approval to result (issue 22.3) through the Microsoft 365 Agents Playground
 * (a real Teams-like client) against the real app (composeApp: SQLite in a temporary DATA_DIR,
 * development mode, a manual clock), once per governance file (issue 23.2): the board, the
 * committee (the file's first reference body), the organisations, the commands and the texts come
 * from the file and the catalogue of its language.
 *
 * the General channel is the committee's (Karen, Lars, Pia), the other channel the board's (Mads)
 * → Karen proposes the working group "Fælles logformat" naming its members: Pia (in the register,
 * by her e-mail) and Ole (an e-mail the register does not know: a manual id), each for one of the
 * file's organisations → Mads approves the hearing: both memberships exist with the group's end
 * date under the parent → the administration (Sofie) binds the working group's channel and the
 * welcome card is posted there → Karen asks for an extension; the parent votes (Mads, no member, is
 * refused; 2 for, 1 against) → after the parent's voting period the scheduler's scan closes the
 * vote and the board's channel is told the new end date → Pia hands in the result with material →
 * it is on the committee's next agenda and the committee's channel is told → the group is
 * dissolved: memberships ended, the result on record.
 *
 * The Playground has two channels, so the second channel is re-bound between the board and the
 * working group (the administration's `unbind` / `bind`). Messages carry locale en-US; the
 * channels speak their bodies' language, so replies are matched in either language.
 */
import { DateTime } from 'luxon';
import { ManualClock } from '../../src/domain/clock';
import { localText, type LocalizedText } from '../../src/domain/localized-text';
import { extensionRuleOf } from '../../src/features/working-groups/domain/extension';
import type { MessageKey, MessageParams } from '../../src/platform/i18n';
import { cardOf, visibleText, type BotActivity, type PlaygroundUser } from '../support/playground';
import { PROFILES, loadProfile, type GovernanceProfile } from './support/governance-profiles';
import { Journey, actionData, either, saysEither } from './support/journey';

jest.setTimeout(120_000);

const TITLE = 'Fælles logformat';
const GROUP = 'wg-faelles-logformat';
const MATERIAL = 'https://kombit.sharepoint.com/sites/fki/logformat-anbefaling.pdf';
const START = '2026-12-15';
const END = '2027-06-30';
const EXTENDED = '2027-09-30';
const MEETING = '2027-01-20';

describe.each(PROFILES)(
  'a working group, from approval to its result on the parent’s agenda ($label)',
  (spec) => {
    let profile: GovernanceProfile;
    let journey: Journey;
    let board: string;
    let committee: string;
    /** The organisations Pia and Ole come from (the file's last and second, or its only one). */
    let piaOrganisation: string;
    let oleOrganisation: string;
    /** The day the extension's vote has closed: the day after the parent's voting period. */
    let closedOn: string;
    let voteCard: BotActivity;
    let voteData: Record<string, unknown>;
    const clock = new ManualClock(`${START}T09:00:00.000Z`);

    const j = () => journey;
    const users = () => {
      const [mads, karen, lars, pia, ole] = j().config.users as PlaygroundUser[];
      return { mads: mads!, karen: karen!, lars: lars!, pia: pia!, ole: ole! };
    };
    const post = (channel: string, ...texts: Array<string | string[]>) => j().post(channel, ...texts);
    const says = (json: string, key: MessageKey, params?: MessageParams) =>
      saysEither(profile, json, key, params);
    const membersOfGroup = async () =>
      (await j().app.repositories.people.membersOf(GROUP)).sort((a, b) => a.role.localeCompare(b.role));
    /** A body's name in the bodies' language and in English (a reply may name it in either). */
    const namesOf = async (groupId: string) => {
      const group = await j().app.repositories.groups.getGroup(groupId);
      if (!group) throw new Error(`no group ${groupId}`);
      const name = group.name as LocalizedText;
      return [...new Set([localText(name, profile.language), localText(name, 'en')])];
    };
    /** The bound-to text in either language, naming the group in either language. */
    const boundTo = async (groupId: string) =>
      (await namesOf(groupId)).flatMap((group) => either(profile, 'binding.bound', { group }));

    /** The administration binds the second channel to `to`, unbinding it from `from`. */
    async function rebind(from: string, to: string) {
      const channel = j().channel;
      const unbound = (await namesOf(from)).flatMap((group) => either(profile, 'binding.unbound', { group }));
      await j().playground.sendMessage(channel, profile.command('unbind'));
      await post(channel, unbound);
      await j().playground.sendMessage(channel, `${profile.command('bind')} ${to}`);
      await post(channel, await boundTo(to));
    }

    beforeAll(async () => {
      profile = loadProfile(spec);
      board = profile.board.id;
      committee = profile.committee.id;
      const organisations = (profile.governance.organisations ?? []).map((o) => o.id);
      piaOrganisation = organisations.at(-1) ?? profile.organisation;
      oleOrganisation = organisations[1] ?? profile.organisation;
      const votingDays = extensionRuleOf(profile.committee).days;
      closedOn = DateTime.fromISO(START)
        .plus({ days: votingDays + 1 })
        .toISODate()!;
      journey = await Journey.start(profile, { name: 'working-groups', clock });
      const { mads, karen, lars, pia } = users();
      await j().appoint(mads, board, { code: '751' });
      await j().appoint(karen, committee, { code: '461' });
      await j().appoint(lars, committee, { code: '751' });
      await j().appoint(pia, committee, { code: '461' });
      const scheduled = await j().app.services.meetingCycle.meetings.schedule({
        groupId: committee,
        date: MEETING,
        time: '10:00',
        actorId: j().administrator.aadObjectId,
      });
      if (scheduled.kind !== 'scheduled') throw new Error(scheduled.kind);
    });

    afterAll(async () => {
      await journey?.stop();
    });

    it('binds the board channel and the committee to the General channel', async () => {
      await j().playground.installInTeam();
      await post(j().generalChannel, profile.t('welcome.title'));
      // Sofie has written to the bot in personal chat: the administration's cards reach her there.
      const personal = j().config.personalChat.id;
      await j().playground.sendMessage(personal, profile.command('help'));
      await post(personal, either(profile, 'help.title'));
      await j().bind(j().channel, board);
      await j().bind(j().generalChannel, committee);
    });

    it("a proposal naming its members, approved: the members' memberships exist with the group's end date", async () => {
      const { mads, karen, pia, ole } = users();
      const general = j().generalChannel;
      await j().playground.sendMessage(general, profile.command('propose-working-group'), karen.id);
      const form = await post(general, either(profile, 'workingGroups.formTitle'));
      const submitted = await j().press(
        form,
        'workingGroup.propose',
        {
          ...actionData(cardOf(form), 'workingGroup.propose'),
          title: TITLE,
          problem: 'Kommunerne logger forskelligt, så fejl er svære at spore på tværs.',
          mandate: 'Anbefal ét fælles logformat og en plan for indførelsen.',
          parentGroupId: committee,
          members: `${pia.name}; ${piaOrganisation}; ${pia.email}\n${ole.name}; ${oleOrganisation}; ${ole.email}`,
          chair: pia.name,
          resources: '',
          costKr: '0',
          priority: '1',
          startDate: START,
          endDate: END,
        },
        karen.id,
      );
      expect(says(submitted, 'workingGroups.submittedTitle', { title: TITLE })).toBe(true);

      const hearingCard = await post(j().channel, TITLE);
      const { hearingId } = actionData(cardOf(hearingCard), 'hearing.vote');
      await j().press(hearingCard, 'hearing.vote', { hearingId, choice: 'approve', comment: '' }, mads.id);
      // The administration is asked to bind the new group's channel (in Sofie's personal chat).
      await post(
        j().config.personalChat.id,
        either(profile, 'workingGroups.bindRequestTitle', { group: TITLE }),
      );

      const group = await j().app.services.workingGroups.group(GROUP);
      expect(group).toMatchObject({ kind: 'working', parentGroupId: committee, plannedEnd: END });
      const memberships = await membersOfGroup();
      expect(memberships.map((m) => [m.role, m.plannedEnd, m.termStart])).toEqual([
        ['chair', END, START],
        ['member', END, START],
      ]);
      // Pia by her register e-mail; Ole, unknown to the register, by an id of his own (not his e-mail).
      expect(memberships[0]!.personId).toBe(pia.aadObjectId);
      expect(memberships[1]!.personId).toMatch(/^manual-/);
      expect((await j().app.repositories.people.getPerson(memberships[1]!.personId))?.email).toBe(ole.email);
    });

    it("the administration binds the working group's channel; the welcome card is posted there", async () => {
      const { pia, ole } = users();
      await rebind(board, GROUP);
      const welcome = await post(
        j().channel,
        either(profile, 'workingGroups.welcomeTitle', { group: TITLE }),
      );
      const text = visibleText(welcome);
      expect(text).toContain(`${pia.name} (${piaOrganisation})`);
      expect(text).toContain(`${ole.name} (${oleOrganisation})`);
      expect(text).toContain('Anbefal ét fælles logformat');
      expect(either(profile, 'workingGroups.welcomeResult').some((line) => text.includes(line))).toBe(true);
    });

    it('an extension is voted by the parent committee: only its members, one vote each', async () => {
      const { mads, karen, lars, pia } = users();
      const general = j().generalChannel;
      await j().playground.sendMessage(
        general,
        `${profile.command('extend-working-group')} ${GROUP} ${EXTENDED} Analysen af kommunernes logs kræver mere tid`,
        karen.id,
      );
      voteCard = await post(general, either(profile, 'workingGroups.extensionCardTitle', { group: TITLE }));
      voteData = actionData(cardOf(voteCard), 'workingGroup.extensionVote');
      expect(voteData).toMatchObject({ parentGroupId: committee, choice: 'for' });

      const vote = (data: Record<string, unknown>, user: string) =>
        j().press(voteCard, 'workingGroup.extensionVote', data, user);
      const refused = await vote(voteData, mads.id);
      expect(
        (await namesOf(committee)).some((group) =>
          says(refused, 'workingGroups.extensionNotMember', { group }),
        ),
      ).toBe(true);
      await vote({ ...voteData, choice: 'against' }, karen.id);
      await vote(voteData, karen.id);
      await vote(voteData, lars.id);
      const third = await vote({ ...voteData, choice: 'against' }, pia.id);
      expect(says(third, 'workingGroups.extensionTally', { for: 2, against: 1 })).toBe(true);
      const extensions = j().app.services.workingGroupExtensions;
      const votes = await extensions.tally((await extensions.get(committee, String(voteData.requestId)))!);
      expect(votes).toEqual({ for: 2, against: 1 });
    });

    it("the vote closes after its period; the board's channel hears the new end date", async () => {
      const { karen } = users();
      await rebind(GROUP, board);
      clock.set(`${closedOn}T09:00:00.000Z`);
      const report = await j().app.scheduler.runScan(clock.now());
      expect(report.failed).toEqual([]);
      const request = await j().app.services.workingGroupExtensions.get(
        committee,
        String(voteData.requestId),
      );
      expect(request?.status).toBe('approved');
      const announcement = await post(j().channel, TITLE, EXTENDED);
      expect(visibleText(announcement)).toContain(
        profile.t('workingGroups.extensionApproved', {
          group: TITLE,
          from: END,
          to: EXTENDED,
          tally: profile.t('workingGroups.extensionTally', { for: 2, against: 1 }),
        }),
      );
      expect((await j().app.services.workingGroups.group(GROUP))!.plannedEnd).toBe(EXTENDED);
      // A late vote is refused and stores nothing.
      const late = await j().press(voteCard, 'workingGroup.extensionVote', voteData, karen.id);
      expect(says(late, 'workingGroups.extensionClosed')).toBe(true);
    });

    it("the working group hands in its result: on the parent's next agenda, then dissolved", async () => {
      const { karen, pia } = users();
      const [channel, general] = [j().channel, j().generalChannel];
      await rebind(board, GROUP);
      await post(channel, either(profile, 'workingGroups.welcomeTitle', { group: TITLE }));
      await j().playground.sendMessage(channel, profile.command('hand-in-working-group-result'), pia.id);
      const form = await post(channel, either(profile, 'workingGroups.resultFormTitle', { group: TITLE }));
      const resultTitle = 'Anbefaling: ét logformat';
      const fields = {
        ...actionData(cardOf(form), 'workingGroup.result'),
        kind: 'decision-proposal',
        title: resultTitle,
        summary: 'Vi anbefaler ECS-formatet, indført i tre trin over 2027.',
        material: `Anbefaling | ${MATERIAL}`,
      };
      const done = await j().press(form, 'workingGroup.result', fields, pia.id);
      const handedIn = { group: TITLE, title: resultTitle, date: MEETING };
      expect(says(done, 'workingGroups.resultHandedIn', handedIn)).toBe(true);
      await post(general, profile.t('workingGroups.resultHandedIn', handedIn));

      await j().playground.sendMessage(general, profile.command('agenda.show'), karen.id);
      const agenda = await post(
        general,
        profile.t('workingGroups.resultItemTitle', { group: TITLE, title: resultTitle }),
      );
      expect(visibleText(agenda)).toContain(MATERIAL);

      const services = j().app.services;
      const group = await services.workingGroups.group(GROUP);
      expect(group!.status).toBe('dissolved');
      expect((await membersOfGroup()).map((m) => m.endedOn)).toEqual([closedOn, closedOn]);
      const charter = await services.workingGroups.charter(GROUP);
      expect(charter?.result).toMatchObject({
        title: resultTitle,
        kind: 'decision-proposal',
        handedInBy: pia.aadObjectId,
      });
      expect(charter?.extensions).toEqual([expect.objectContaining({ from: END, to: EXTENDED })]);

      // A second hand-in is refused: the group is dissolved and read-only; nothing more is stored.
      const again = await j().press(form, 'workingGroup.result', { ...fields, title: 'Igen' }, pia.id);
      expect(says(again, 'workingGroups.readOnly', { group: TITLE })).toBe(true);
      expect((await services.workingGroupResults.resultOf(group!))?.title).toBe(resultTitle);
    });
  },
);
