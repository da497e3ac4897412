/**
 * The buffet-price budget: the frame from the municipality register in exact integer kroner,
 * commitments against it, the refusal past the frame with the numbers, and two concurrent
 * commitments that together exceed the frame (exactly one refused).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitFormCard, economyReportCard } from '../../src/features/budget/budget-cards';
import { validateCard } from '../../src/platform/cards/validate';
import { parseKroner } from '../../src/features/portfolio/portfolio-service';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import type { Municipality } from '../../src/features/municipalities/municipalities-repository';
import { initiativeInput, portfolioWorld, type PortfolioWorld } from './portfolio-support';

/** 5,961,249 citizens in total, spread over three municipalities. */
const REGISTER: Municipality[] = [
  { code: '101', name: 'København', citizens: 660_842, k98Group: 'Hovedstadskommuner' },
  { code: '751', name: 'Aarhus', citizens: 367_095, k98Group: 'Storbykommuner' },
  { code: '999', name: 'Resten af landet', citizens: 4_933_312, k98Group: 'Øvrige' },
];
const FRAME = 29_806_245; // 5 kr x 5,961,249

describe('buffet-price budget', () => {
  let world: PortfolioWorld;
  afterEach(async () => world?.store.close());

  it('computes the frame as price x citizens in exact whole kroner', async () => {
    world = await portfolioWorld({ municipalities: REGISTER });
    const frame = await world.portfolio.budget.frame(2027);
    expect(frame).toEqual({
      year: 2027,
      pricePerCitizenKr: 5,
      municipalities: 3,
      citizens: 5_961_249,
      frameKr: FRAME,
    });
    expect(Number.isInteger(frame.frameKr)).toBe(true);
    // Many small commitments sum exactly (no floating-point drift: 0.1-style fractions never enter).
    const status = await world.portfolio.budget.status(2027);
    expect(status.remainingKr).toBe(FRAME);
  });

  it('parses typed amounts as whole kroner and refuses decimals', () => {
    expect(parseKroner('1.500.000')).toBe(1_500_000);
    expect(parseKroner('1 500 000 kr.')).toBe(1_500_000);
    expect(parseKroner('29806245')).toBe(FRAME);
    expect(parseKroner('1500,50')).toBeUndefined();
    expect(parseKroner('1.5')).toBeUndefined();
    expect(parseKroner('-5')).toBeUndefined();
    expect(parseKroner('9007199254740993')).toBeUndefined();
  });

  it('commits within the frame, refuses past it with the numbers, and shows them on the card', async () => {
    world = await portfolioWorld({ municipalities: REGISTER });
    const { portfolio } = world;
    await portfolio.portfolio.save({ id: 'sec' }, 'i-buf', initiativeInput('ref-forretning', 'Fælles login'));
    await portfolio.portfolio.save(
      { id: 'sec' },
      'i-oth',
      initiativeInput('ref-drift', 'Anden ting', { financing: 'other' }),
    );

    const first = await portfolio.budget.commit(
      { id: 'sec' },
      {
        requestId: 'r1',
        groupId: 'ref-forretning',
        initiativeId: 'i-buf',
        year: '2027',
        amountKr: '29.806.244',
      },
    );
    expect(first.kind).toBe('committed');
    expect(first.kind === 'committed' && first.decision.remainingAfter).toBe(1);

    const refused = await portfolio.budget.commit(
      { id: 'sec' },
      { requestId: 'r2', groupId: 'ref-forretning', initiativeId: 'i-buf', year: 2027, amountKr: '2' },
    );
    expect(refused).toEqual({
      kind: 'refused',
      decision: {
        ok: false,
        reason: 'exceeds-frame',
        frame: FRAME,
        committed: 29_806_244,
        remaining: 1,
        requested: 2,
      },
    });
    // Exactly the remainder is allowed.
    expect(
      (
        await portfolio.budget.commit(
          { id: 'sec' },
          { requestId: 'r3', groupId: 'ref-forretning', initiativeId: 'i-buf', year: 2027, amountKr: 1 },
        )
      ).kind,
    ).toBe('committed');
    // A re-sent card is recorded once.
    expect(
      (
        await portfolio.budget.commit(
          { id: 'sec' },
          {
            requestId: 'r1',
            groupId: 'ref-forretning',
            initiativeId: 'i-buf',
            year: 2027,
            amountKr: '29.806.244',
          },
        )
      ).kind,
    ).toBe('already-committed');
    // Other financing is not committed against the buffet frame; decimals are refused.
    expect(
      (
        await portfolio.budget.commit(
          { id: 'sec' },
          { requestId: 'r4', groupId: 'ref-drift', initiativeId: 'i-oth', year: 2027, amountKr: 5 },
        )
      ).kind,
    ).toBe('not-buffet');
    const decimal = await portfolio.budget.commit(
      { id: 'sec' },
      { requestId: 'r5', groupId: 'ref-forretning', initiativeId: 'i-buf', year: 2028, amountKr: '10,5' },
    );
    expect(decimal.kind === 'refused' && decimal.decision.reason).toBe('invalid-amount');

    const status = await portfolio.budget.status(2027);
    expect([status.frameKr, status.committedKr, status.remainingKr, status.commitments.length]).toEqual([
      FRAME,
      FRAME,
      0,
      2,
    ]);

    // The refusal card shows frame, committed, remaining and requested in kroner, and keeps the input.
    const card = commitFormCard({
      locale: 'da',
      requestId: 'r2',
      initiatives: await portfolio.portfolio.list(),
      status,
      values: { amount: '2', year: '2027' },
      problems: ['Bevillingen er afvist'],
      refusal: { frame: FRAME, committed: 29_806_244, remaining: 1, requested: '2 kr.' },
    });
    expect(validateCard(card).problems).toEqual([]);
    const json = JSON.stringify(card);
    for (const shown of ['29.806.245 kr.', '29.806.244 kr.', '1 kr.', '2 kr.', '"value":"2"'])
      expect(json).toContain(shown);

    const economy = await portfolio.budget.economy(2027);
    expect(economy.lines.map((l) => [l.initiative.title, l.committedKr, l.spentKr, l.remainingKr])).toEqual([
      ['Fælles login', FRAME, 250_000, FRAME - 250_000],
    ]);
    const economyCard = economyReportCard('da', economy);
    expect(validateCard(economyCard).problems).toEqual([]);
    expect(JSON.stringify(economyCard)).toContain('29.806.245 kr.');
  });

  it('of two concurrent commitments that together exceed the frame, exactly one is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fki-budget-'));
    try {
      // Two stores on one database file: two bot instances.
      const stores = [SqliteStore.open(dir), SqliteStore.open(dir)];
      world = await portfolioWorld({ store: stores[0], municipalities: REGISTER });
      const other = await portfolioWorld({ store: stores[1] });
      await world.portfolio.portfolio.save({ id: 'sec' }, 'i-one', initiativeInput('ref-forretning', 'Et'));
      await world.portfolio.portfolio.save({ id: 'sec' }, 'i-two', initiativeInput('ref-drift', 'To'));

      for (let round = 0; round < 5; round++) {
        const year = 2030 + round;
        const results = await Promise.all([
          world.portfolio.budget.commit(
            { id: 'sec' },
            {
              requestId: `a${round}`,
              groupId: 'ref-forretning',
              initiativeId: 'i-one',
              year,
              amountKr: 20_000_000,
            },
          ),
          other.portfolio.budget.commit(
            { id: 'sec' },
            {
              requestId: `b${round}`,
              groupId: 'ref-drift',
              initiativeId: 'i-two',
              year,
              amountKr: 15_000_000,
            },
          ),
        ]);
        expect(results.map((r) => r.kind).sort()).toEqual(['committed', 'refused']);
        const refused = results.find((r) => r.kind === 'refused');
        expect(refused?.kind === 'refused' && refused.decision.frame).toBe(FRAME);
        const status = await world.portfolio.budget.status(year);
        expect(status.commitments).toHaveLength(1);
        expect(status.remainingKr).toBeGreaterThanOrEqual(0);
      }
      await stores[1]!.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
