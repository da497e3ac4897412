/** The budget says which quarter its citizens are from, and counts only uploaded figures. */
import { economyReportCard } from '../../src/features/budget/budget-cards';
import type { Municipality } from '../../src/features/municipalities/municipalities-repository';
import { portfolioWorld, type PortfolioWorld } from '../services/portfolio-support';

const SEEDED: Municipality[] = [
  { code: '101', name: 'København', region: 'Hovedstaden', k98Group: 'Hovedstadskommuner' },
  { code: '751', name: 'Aarhus', region: 'Midtjylland', k98Group: 'Storbykommuner' },
];

describe('the budget and the uploaded citizens figures', () => {
  let world: PortfolioWorld;
  afterEach(async () => world?.store.close());

  it('takes no snapshot while the register has no figures, then frames and dates the uploaded ones', async () => {
    world = await portfolioWorld({ municipalities: SEEDED });
    const before = await world.portfolio.budget.status(2027);
    expect(before).toMatchObject({ municipalities: 0, citizens: 0, frameKr: 0, provisional: true });
    expect(before.citizensAsOf).toBeUndefined();

    await world.municipalities.saveCitizens([{ code: '101', citizens: 644_431, citizensAsOf: '2026K1' }]);
    const after = await world.portfolio.budget.status(2027);
    expect(after).toMatchObject({
      municipalities: 1,
      citizens: 644_431,
      frameKr: 5 * 644_431,
      citizensAsOf: '2026K1',
      provisional: false,
    });
    // The snapshot keeps the date: a later upload does not move the year's frame or its date.
    await world.municipalities.saveCitizens([{ code: '101', citizens: 650_000, citizensAsOf: '2027K1' }]);
    expect(await world.portfolio.budget.status(2027)).toMatchObject({
      citizens: 644_431,
      citizensAsOf: '2026K1',
    });

    const { report, years } = await world.portfolio.budget.economyYears(2027);
    const card = JSON.stringify(economyReportCard('da', report, years));
    expect(card).toContain('indbyggertal pr. 2026K1');
    expect(card).toContain('Indbyggertal pr.');
    expect(JSON.stringify(economyReportCard('en', report, years))).toContain('figures as of 2026K1');
  });
});
