/**
 * The status-report request card at the heads-up is posted in each reference group's channel in
 * that body's language (issue 26.5): an English reference group's is English, the others Danish.
 */
import type { Governance } from '../../src/domain/governance';
import { createScheduler } from '../../src/app/scheduler';
import { createPortfolioHooks } from '../../src/features/portfolio/portfolio-feature';
import { initiativeInput, portfolioWorld, steeringMeeting, type PortfolioWorld } from './portfolio-support';

const MEETING = '2027-06-03T08:00:00.000Z'; // Thursday 10:00 local (CEST)
const HEADS_UP = '2027-04-29T08:00:00.000Z'; // 35 days before

let world: PortfolioWorld;
afterEach(async () => world.store.close());

it('asks an English reference group for its status reports in English, a Danish one in Danish', async () => {
  world = await portfolioWorld({ now: '2027-02-01T08:00:00.000Z' });
  const english: Governance = {
    ...world.governance,
    bodies: world.governance.bodies.map((body) =>
      body.id === 'ref-forretning' ? { ...body, language: 'en' } : body,
    ),
  };
  await steeringMeeting(world, 'm-jun', MEETING);
  await world.portfolio.portfolio.save(
    { id: 'anna' },
    'i-aaa',
    initiativeInput('ref-forretning', 'Fælles login'),
  );
  await world.portfolio.portfolio.save(
    { id: 'bo' },
    'i-ccc',
    initiativeInput('ref-drift', 'Driftsovervågning'),
  );
  const scheduler = createScheduler({
    store: world.store,
    governance: english,
    messenger: world.messenger,
    groups: world.groups,
    meetings: { listUpcoming: (from, to) => world.meetings.listScheduledBetween(from, to) },
    meetingHooks: createPortfolioHooks({ portfolio: world.portfolio }),
    instanceId: 'test',
  });
  await scheduler.runScan(new Date(Date.parse(HEADS_UP) + 60_000));
  const cardOf = (groupId: string) =>
    JSON.stringify(world.messenger.posts.find((post) => post.groupId === groupId)!.message.card);
  expect(cardOf('ref-forretning')).toContain('Status reports for');
  expect(cardOf('ref-forretning')).toContain('Fælles login');
  expect(cardOf('ref-drift')).toContain('Statusrapporter til');
});
