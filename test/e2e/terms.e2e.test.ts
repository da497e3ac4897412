/**
 * Governance over time through the Microsoft 365 Agents Playground (a real Teams-like client)
 * against the real app (composeApp: SQLite in a temporary DATA_DIR, development mode, the system
 * clock): memberships are time-bounded facts. Run once per governance file (issue 23.2): the board,
 * its term length, the organisation and the texts come from the file.
 *
 * - Ole's board term (the file's full term) ended yesterday: he tries to vote in a written hearing
 *   from the shared card and is refused, with the date his term ended; no vote is recorded.
 * - Karen's term ends in exactly the warning period: the term-ending reminder reaches the
 *   administration's channel (the team's General channel) with a re-appointment button; a member
 *   pressing it is refused, the administration pressing it re-appoints Karen for a further term that
 *   starts the day the current one ends.
 *
 * The playground's currentUser (Sofie) is the administration through SECRETARIAT_AAD_IDS. Messages
 * carry locale en-US, but a channel speaks its body's language (issue 26.5), like the proactive posts.
 */
import { DateTime } from 'luxon';
import { warningInstant } from '../../src/platform/scheduler/dates';
import { cardOf, readPlaygroundConfig, visibleText, type BotActivity } from '../support/playground';
import { PROFILES, loadProfile, type GovernanceProfile } from './support/governance-profiles';
import { Journey, actionData } from './support/journey';

jest.setTimeout(60_000);

const TITLE = 'Arbejdsgruppe for fælles dokumentboks';

describe.each(PROFILES)('terms that end, through the Agents Playground ($label)', (spec) => {
  const config = readPlaygroundConfig();
  const [mads, karen, , pia, ole] = config.users as [
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
    (typeof config.users)[0],
  ];
  let profile: GovernanceProfile;
  let journey: Journey | undefined;
  let today: DateTime;
  let yesterday: string;
  let warningDays: number;
  let karenEnds: string;

  const j = () => journey!;
  const boardName = () => profile.text(profile.board);
  const boardMembers = () => j().app.repositories.people.membersOf(profile.board.id);

  beforeAll(async () => {
    profile = loadProfile(spec);
    today = DateTime.now().setZone(profile.timeZone);
    yesterday = today.minus({ days: 1 }).toISODate()!;
    journey = await Journey.start(profile, { name: 'terms' });
    warningDays = j().app.services.governance.reminders.termEndingWarningDays;
    // Karen's warning falls due today: her term ends exactly the warning period from today.
    karenEnds = today.plus({ days: warningDays }).toISODate()!;
    const board = profile.board.id;
    const from = (date: DateTime) => ({ termStart: date.toISODate()! });
    await j().appoint(mads, board, {
      ...from(today.minus({ years: 1 })),
      plannedEnd: today.plus({ years: profile.term.maxYears - 1 }).toISODate()!,
    });
    await j().appoint(karen, board, {
      code: '461',
      ...from(today.minus({ years: 2 })),
      plannedEnd: karenEnds,
    });
    // Ole served a full term that ended yesterday (its planned end; nobody ended it).
    await j().appoint(ole, board, {
      ...from(today.minus({ years: profile.term.maxYears }).minus({ days: 1 })),
      plannedEnd: yesterday,
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  it('binds the board channel and the administration channel', async () => {
    await j().install();
    await j().bind(j().channel, profile.board.id);
    await j().bind(j().generalChannel, profile.administration.id);
  });

  it('refuses the vote of a member whose term ended yesterday, naming the date', async () => {
    const committee = profile.committee.id;
    const hearing = await j().app.services.hearings.open({
      proposal: {
        title: TITLE,
        problem: 'Borgerne får post fra kommunen i flere systemer.',
        mandate: 'Foreslå en fælles løsning inden for et år.',
        parentGroupId: committee,
        members: [{ name: pia.name, organisation: profile.organisation }],
        chair: pia.name,
        resources: [{ organisation: profile.organisation, hours: 40 }],
        costKr: 0,
        priority: 1,
        startDate: today.plus({ days: 30 }).toISODate()!,
        endDate: today.plus({ days: 395 }).toISODate()!,
      },
      proposingGroupId: committee,
      proposer: { id: pia.aadObjectId, name: pia.name },
    });
    // Only the members serving today are the electorate: Ole's term is over.
    expect([...hearing.eligibleVoterIds].sort()).toEqual([mads.aadObjectId, karen.aadObjectId].sort());
    const shared = await j().post(j().channel, profile.t('hearings.cardTitle', { title: TITLE }));

    const approve = actionData(cardOf(shared), 'hearing.vote', { choice: 'approve' });
    const refusal = await j().press(shared, 'hearing.vote', approve, ole.id);
    expect(refusal).toContain(
      profile.t('hearings.termEnded', { group: boardName(), date: profile.date(yesterday) }),
    );
    expect(await j().app.services.hearings.votes(hearing.id)).toEqual([]);

    // A serving member's vote on the same card counts.
    const recorded = await j().press(shared, 'hearing.vote', approve, mads.id);
    expect(recorded).toContain(
      profile.t('hearings.recorded', { choice: profile.t('hearings.choice_approve') }),
    );
    expect(await j().app.services.hearings.votes(hearing.id)).toEqual([
      expect.objectContaining({ voterId: mads.aadObjectId, choice: 'approve' }),
    ]);
  });

  it('re-appoints a member from the term-ending reminder card, for the administration only', async () => {
    const dueAt = warningInstant(karenEnds, warningDays, profile.timeZone);
    const report = await j().app.scheduler.runScan(new Date(dueAt.getTime() + 60_000), { ignoreLease: true });
    expect(report.failed).toEqual([]);
    const reminder: BotActivity = await j().post(
      j().generalChannel,
      profile.t('scheduler.termEndingTitle', { days: warningDays }),
      karen.name,
    );
    expect(visibleText(reminder)).toContain(profile.date(karenEnds));
    const reappoint = actionData(cardOf(reminder), 'members.reappoint', { personId: karen.aadObjectId });

    const refused = await j().press(reminder, 'members.reappoint', reappoint, mads.id);
    expect(refused).toContain(
      profile.t('core.buttonRoleRefused', { roles: profile.t('core.role_administer') }),
    );
    expect((await boardMembers()).filter((m) => m.personId === karen.aadObjectId)).toHaveLength(1);

    const done = await j().press(reminder, 'members.reappoint', reappoint);
    expect(done).toContain(karen.name);
    const karensTerms = (await boardMembers())
      .filter((m) => m.personId === karen.aadObjectId)
      .sort((a, b) => a.termStart.localeCompare(b.termStart));
    expect(karensTerms).toHaveLength(2);
    expect(karensTerms[1]).toMatchObject({ termStart: karenEnds, role: 'member' });
    expect(karensTerms[1]!.plannedEnd! > karenEnds).toBe(true);

    // Pressed again (Teams retries card actions): still two terms, and the card says it is done.
    const again = await j().press(reminder, 'members.reappoint', reappoint);
    expect(again).toContain(profile.t('members.alreadyDone'));
    expect((await boardMembers()).filter((m) => m.personId === karen.aadObjectId)).toHaveLength(2);
  });
});
