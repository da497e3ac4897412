/**
 * From report intake to the overview posted at the deadline: the scheduler's scan (ManualClock,
 * embedded store) posts the request cards at the heads-up and, at the 4-week deadline, the
 * overview in the steering group's channel with status changes, missing/late reports and the
 * recommendations as decision proposals (created once).
 */
import { createPortfolioHooks } from '../../src/features/portfolio/portfolio-feature';
import { validateCard } from '../../src/platform/cards/validate';
import { createScheduler } from '../../src/app/scheduler';
import { proposalIdFor } from '../../src/features/portfolio/portfolio-overview';
import { portfolioWorld, initiativeInput, steeringMeeting, type PortfolioWorld } from './portfolio-support';

const PREVIOUS = '2027-03-04T09:00:00.000Z'; // Thursday 10:00 local (CET)
const MEETING = '2027-06-03T08:00:00.000Z'; // Thursday 10:00 local (CEST)
const HEADS_UP = '2027-04-29T08:00:00.000Z'; // 35 days before, same local time
const DEADLINE = '2027-05-06T08:00:00.000Z'; // 28 days before

function schedulerFor(world: PortfolioWorld) {
  return createScheduler({
    store: world.store,
    governance: world.governance,
    messenger: world.messenger,
    groups: world.groups,
    meetings: { listUpcoming: (from, to) => world.meetings.listScheduledBetween(from, to) },
    meetingHooks: createPortfolioHooks({ portfolio: world.portfolio }),
    instanceId: 'test',
  });
}

describe('portfolio: report intake to overview at the deadline', () => {
  let world: PortfolioWorld;
  afterEach(async () => world.store.close());

  it('asks each reference group at the heads-up, gathers the reports at the deadline and posts the overview once', async () => {
    world = await portfolioWorld({ now: '2027-02-01T08:00:00.000Z' });
    const { portfolio, clock, messenger } = world;
    await steeringMeeting(world, 'm-mar', PREVIOUS);
    await steeringMeeting(world, 'm-jun', MEETING);

    const a = await portfolio.portfolio.save(
      { id: 'anna' },
      'i-aaa',
      initiativeInput('ref-forretning', 'Fælles login'),
    );
    const b = await portfolio.portfolio.save(
      { id: 'anna' },
      'i-bbb',
      initiativeInput('ref-forretning', 'Datafordeler 2'),
    );
    const c = await portfolio.portfolio.save(
      { id: 'bo' },
      'i-ccc',
      initiativeInput('ref-drift', 'Driftsovervågning'),
    );
    expect([a.kind, b.kind, c.kind]).toEqual(['saved', 'saved', 'saved']);
    // A member of another reference group may not edit.
    expect(
      (await portfolio.portfolio.save({ id: 'bo' }, 'i-aaa', initiativeInput('ref-forretning', 'X'))).kind,
    ).toBe('forbidden');

    // The previous meeting: "Fælles login" was green.
    clock.set('2027-02-01T09:00:00.000Z');
    const earlier = await portfolio.statusReports.submit(
      { id: 'anna' },
      { meetingId: 'm-mar', groupId: 'ref-forretning', initiativeId: 'i-aaa' },
      { status: 'green', progress: 'Godt i gang' },
    );
    expect(earlier.kind).toBe('saved');

    const scheduler = schedulerFor(world);
    // The heads-up: each reference group gets the request card listing its initiatives.
    clock.set(new Date(Date.parse(HEADS_UP) + 60_000));
    await scheduler.runScan(clock.now());
    const forretning = messenger.posts.filter((p) => p.groupId === 'ref-forretning');
    expect(forretning).toHaveLength(1);
    const requestJson = JSON.stringify(forretning[0]!.message.card);
    expect(requestJson).toContain('Fælles login');
    expect(requestJson).toContain('Datafordeler 2');
    expect(requestJson).toContain('portfolio.report.open');
    expect(validateCard(forretning[0]!.message.card).problems).toEqual([]);
    expect(messenger.posts.filter((p) => p.groupId === 'ref-drift')).toHaveLength(1);

    // Intake: yellow without a reason is refused with the field named; then accepted.
    const target = { meetingId: 'm-jun', groupId: 'ref-forretning', initiativeId: 'i-aaa' };
    const refused = await portfolio.statusReports.submit({ id: 'anna' }, target, {
      status: 'yellow',
      progress: 'Forsinket leverance',
    });
    expect(refused).toEqual({ kind: 'invalid', errors: { reason: 'portfolio.errorReasonRequired' } });
    const saved = await portfolio.statusReports.submit({ id: 'anna', name: 'Anna' }, target, {
      status: 'yellow',
      reason: 'Leverandøren er forsinket',
      progress: 'Pilot i to kommuner',
      risks: 'Tidsplanen skrider',
      recommendation: 'Styregruppen godkender en forlængelse til 2028',
    });
    expect(saved.kind === 'saved' && saved.report.late).toBe(false);
    // Editable until the deadline: a second edit is revision 2.
    const edited = await portfolio.statusReports.submit({ id: 'anna', name: 'Anna' }, target, {
      status: 'yellow',
      reason: 'Leverandøren er forsinket',
      progress: 'Pilot i tre kommuner',
      recommendation: 'Styregruppen godkender en forlængelse til 2028',
    });
    expect(edited.kind === 'saved' && edited.report.revision).toBe(2);
    // The initiative's current status follows the report.
    expect((await portfolio.portfolio.get('ref-forretning', 'i-aaa'))?.status).toBe('yellow');

    // The deadline: the overview is posted in the steering group's channel.
    clock.set(new Date(Date.parse(DEADLINE) + 60_000));
    const before = messenger.posts.length;
    const report = await scheduler.runScan(clock.now());
    expect(report.failed).toEqual([]);
    const steeringPosts = messenger.posts.slice(before).filter((p) => p.groupId === 'steering');
    const overviewPost = steeringPosts.find((p) =>
      JSON.stringify(p.message.card).includes('Porteføljeoverblik'),
    );
    expect(overviewPost).toBeDefined();
    const json = JSON.stringify(overviewPost!.message.card);
    expect(validateCard(overviewPost!.message.card).problems).toEqual([]);
    expect(json).toContain('Grøn → Gul');
    expect(json).toContain('Styregruppen godkender en forlængelse til 2028');
    expect(json).toContain('Mangler'); // "Datafordeler 2" and "Driftsovervågning" did not report
    expect(json).toContain('https://fki.example.org/tab/index.html#portfolio=m-jun');
    // A signed link token: its expiry (Unix seconds) and the HMAC (src/platform/links/link-tokens.ts).
    expect(json).toMatch(
      /https:\/\/fki\.example\.org\/api\/portfolio\/m-jun\.csv\?token=\d+\.[A-Za-z0-9_-]{43}/,
    );

    // The recommendation became a decision proposal for the steering meeting.
    const proposals = await world.proposals.forMeeting('steering', 'm-jun');
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({
      id: proposalIdFor('m-jun', 'i-aaa'),
      kind: 'decision',
      proposedDecision: 'Styregruppen godkender en forlængelse til 2028',
      status: 'proposed',
    });

    // A rerun of the hook (a retry) neither posts a second overview nor duplicates the proposal.
    const postsNow = messenger.posts.length;
    const updates = jest.spyOn(messenger, 'updateInGroup');
    const again = await world.portfolio.overview.compileAtDeadline(
      (await world.meetings.get('steering', 'm-jun'))!,
    );
    expect(again.proposalsCreated).toEqual([]);
    expect(messenger.posts.length).toBe(postsNow);
    expect(updates).toHaveBeenCalledTimes(1);
    expect((updates.mock.calls[0] as unknown[])[0]).toBe('steering');
    expect(await world.proposals.forMeeting('steering', 'm-jun')).toHaveLength(1);
    // And a second scan performs nothing again.
    expect((await scheduler.runScan(clock.now())).performed).toEqual([]);

    // A report after the deadline is accepted but late, and visible as such.
    const late = await portfolio.statusReports.submit(
      { id: 'bo' },
      { meetingId: 'm-jun', groupId: 'ref-drift', initiativeId: 'i-ccc' },
      { status: 'red', reason: 'Ingen leverandør', progress: 'Udbud annulleret' },
    );
    expect(late.kind === 'saved' && late.report.late).toBe(true);
    const live = (await portfolio.overview.build('m-jun'))!;
    expect(live.counts).toEqual({ total: 3, onTime: 1, late: 1, missing: 1, changed: 1 });
    const drift = live.groups.find((g) => g.group.id === 'ref-drift')!;
    expect(drift.rows.map((r) => [r.initiative.title, r.state])).toEqual([['Driftsovervågning', 'late']]);
  });

  it('records the recommendations on the overview and says so when no proposal service is wired', async () => {
    world = await portfolioWorld({ now: '2027-04-01T08:00:00.000Z', wireProposals: false });
    await steeringMeeting(world, 'm-jun', MEETING);
    await world.portfolio.portfolio.save(
      { id: 'anna' },
      'i-aaa',
      initiativeInput('ref-forretning', 'Fælles login'),
    );
    await world.portfolio.statusReports.submit(
      { id: 'anna' },
      { meetingId: 'm-jun', groupId: 'ref-forretning', initiativeId: 'i-aaa' },
      { status: 'green', progress: 'OK', recommendation: 'Godkend fase 2' },
    );
    const result = await world.portfolio.overview.compileAtDeadline(
      (await world.meetings.get('steering', 'm-jun'))!,
    );
    expect(result.overview.recommendations.map((r) => r.recommendation)).toEqual(['Godkend fase 2']);
    expect(await world.proposals.forMeeting('steering', 'm-jun')).toEqual([]);
    expect(JSON.stringify(world.messenger.posts[0]!.message.card)).toContain(
      'sekretariatet skal tilføje dem',
    );
  });
});
