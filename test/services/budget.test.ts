/**
 * The buffet-price budget: the frame from the municipality register in exact integer kroner,
 * commitments against it, the refusal past the frame with the numbers, and two concurrent
 * commitments that together exceed the frame (exactly one refused).
 *
 * Budget years (issue 20): each year's price and citizen snapshot; next year's price leaves this
 * year alone; a register change after the snapshot leaves the year alone; closed years and years
 * past the open window take no commitments (the reason on the card); the price history records
 * who and when; the economy report shows the years side by side.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGET_VERBS, commitFormCard, economyReportCard } from '../../src/features/budget/budget-cards';
import { PRICE_VERBS } from '../../src/features/budget/budget-price-cards';
import { budgetFeature } from '../../src/features/budget';
import { createBudgetService } from '../../src/features/budget/budget-services';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { commandText, translatorFor } from '../../src/platform/i18n';
import type { AppServices } from '../../src/app/app-services';
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
        // Commitments are taken for open years only: both instances live in that year.
        for (const instance of [world, other]) instance.clock.set(`${year}-04-01T08:00:00.000Z`);
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

const SARA = { id: 'sec', name: 'Sara Sekretær' };

/** A commitment request of `amountKr` to the buffet initiative i-buf for `year`. */
const commitTo = (year: number | string, amountKr: number | string, requestId = `r-${year}-${amountKr}`) => ({
  requestId,
  groupId: 'ref-forretning',
  initiativeId: 'i-buf',
  year,
  amountKr,
});

/** A budget world on 1 April 2027 (Copenhagen) with the register and one buffet initiative. */
async function budgetYearsWorld(options: { municipalities?: Municipality[] } = {}): Promise<PortfolioWorld> {
  const world = await portfolioWorld({ municipalities: options.municipalities ?? REGISTER });
  await world.portfolio.portfolio.save(
    { id: 'sec' },
    'i-buf',
    initiativeInput('ref-forretning', 'Fælles login'),
  );
  return world;
}

/** The context a budget command or card action gets, for the secretariat, in Danish. */
function budgetContext(world: PortfolioWorld, replies: unknown[]) {
  return {
    locale: 'da' as const,
    t: translatorFor('da'),
    actor: {
      aadObjectId: 'sec',
      channelAccountId: '29:sec',
      name: SARA.name,
      roles: ['administer' as const],
    },
    conversation: { kind: 'channel' as const, conversationId: 'c1', channelId: 'ch-steering', teamId: 't1' },
    services: {
      portfolio: world.portfolio,
      budget: world.portfolio.budget,
      clock: world.clock,
      governance: world.governance,
    } as unknown as AppServices,
    commands: [],
    features: [],
    reply: async (message: unknown) => void replies.push(message),
  };
}

async function runBudgetAction(world: PortfolioWorld, verb: string, data: Record<string, unknown>) {
  const spec = budgetFeature.cardActions!.find((action) => action.verb === verb)!;
  return spec.handle({ ...budgetContext(world, []), verb, data: { verb, ...data } });
}

async function runBudgetCommand(world: PortfolioWorld, id: string, args = '') {
  const replies: unknown[] = [];
  const spec = budgetFeature.commands!.find((c) => c.id === id)!;
  await spec.handle({
    ...budgetContext(world, replies),
    commandName: commandText('da', spec.id)!.names[0]!,
    args,
  });
  return replies as Array<{ card: unknown; summary?: string }>;
}

describe('budget years', () => {
  let world: PortfolioWorld;
  afterEach(async () => world?.store.close());

  it("sets next year's price, leaving this year's figures unchanged, with who and when in the history and the audit log", async () => {
    world = await budgetYearsWorld();
    const { budget } = world.portfolio;
    expect((await budget.commit(SARA, commitTo(2027, 1_000_000))).kind).toBe('committed');
    const before = await budget.status(2027);

    world.clock.set('2027-11-20T09:30:00.000Z'); // the Q4 meeting decides next year's price
    const set = await budget.years.setPrice(SARA, {
      requestId: 'p-2028',
      year: '2028',
      pricePerCitizenKr: '6',
    });
    expect(set).toMatchObject({ kind: 'set', year: 2028, previousKr: 5, entry: { pricePerCitizenKr: 6 } });

    const after = await budget.status(2027);
    expect(after).toEqual(before);
    expect([after.pricePerCitizenKr, after.frameKr, after.remainingKr]).toEqual([
      5,
      FRAME,
      FRAME - 1_000_000,
    ]);
    const next = await budget.status(2028);
    expect([next.pricePerCitizenKr, next.frameKr, next.state]).toEqual([6, 6 * 5_961_249, 'open']);

    // The history: the governance file's seed, then who set 6 kr. and when.
    const [prices2027, prices2028] = await budget.years.prices([2027, 2028]);
    expect(prices2027!.history.map((entry) => entry.pricePerCitizenKr)).toEqual([5]);
    expect(prices2028!.history).toEqual([
      {
        id: 'governance',
        pricePerCitizenKr: 5,
        source: 'governance',
        setBy: 'governance',
        setAt: '2027-11-20T09:30:00.000Z',
      },
      {
        id: 'p-2028',
        pricePerCitizenKr: 6,
        source: 'administer',
        setBy: 'sec',
        setByName: 'Sara Sekretær',
        setAt: '2027-11-20T09:30:00.000Z',
      },
    ]);
    const audit = await new AuditRepository(world.store).export('2027-11', '2027-11');
    expect(audit.filter((entry) => entry.action === 'budget.price-set')).toEqual([
      expect.objectContaining({
        actorId: 'sec',
        at: '2027-11-20T09:30:00.000Z',
        subject: 'budget:2028',
        details: expect.objectContaining({ pricePerCitizenKr: 6, previousKr: 5 }),
      }),
    ]);

    // A re-sent card records the price once; this year's and a closed year's price stay fixed,
    // a year past the window cannot be priced yet, a fraction is no price.
    expect(
      (await budget.years.setPrice(SARA, { requestId: 'p-2028', year: 2028, pricePerCitizenKr: 6 })).kind,
    ).toBe('already-set');
    expect((await budget.years.prices([2028]))[0]!.history).toHaveLength(2);
    for (const [year, reason] of [
      [2027, 'closed-year'],
      [2026, 'closed-year'],
      [2029, 'year-not-open'],
    ] as const) {
      expect(
        await budget.years.setPrice(SARA, { requestId: `p-${year}`, year, pricePerCitizenKr: 7 }),
      ).toEqual({
        kind: 'year-refused',
        check: { ok: false, reason, year, open: { first: 2028, last: 2028 } },
      });
    }
    expect(
      (await budget.years.setPrice(SARA, { requestId: 'p-x', year: 2028, pricePerCitizenKr: '6,5' })).kind,
    ).toBe('invalid-price');
    expect((await budget.status(2027)).frameKr).toBe(FRAME);
  });

  it("takes the governance file's price of a year, and a new file price never moves a year already used", async () => {
    world = await budgetYearsWorld();
    const services = (prices: Record<string, number>, buffetPricePerCitizenKr = 5) =>
      createBudgetService({
        store: world.store,
        governance: {
          ...world.governance,
          budget: { ...world.governance.budget, buffetPricePerCitizenKr, prices },
        },
        clock: world.clock,
        audit: new AuditRepository(world.store),
        portfolio: world.portfolio.portfolio,
        municipalities: world.municipalities,
      });
    const first = services({ '2028': 6 });
    expect((await first.frame(2027)).pricePerCitizenKr).toBe(5);
    expect((await first.frame(2028)).pricePerCitizenKr).toBe(6);
    // The organisation changes the file: the years already used keep their price, a new year takes it.
    const changed = services({}, 7);
    expect([(await changed.frame(2027)).frameKr, (await changed.frame(2028)).pricePerCitizenKr]).toEqual([
      FRAME,
      6,
    ]);
    expect((await changed.frame(2026)).pricePerCitizenKr).toBe(7);
  });

  it("freezes a year's citizen counts on its first use: a register change afterwards leaves its frame unchanged", async () => {
    world = await budgetYearsWorld();
    const { budget } = world.portfolio;
    const frame2027 = await budget.frame(2027); // first use: the snapshot
    expect((await budget.status(2027)).provisional).toBe(false);

    // The register is updated (a new year's citizen counts, and a merger into København).
    await world.municipalities.saveAll([{ ...REGISTER[0]!, citizens: 700_000 }]);
    expect(await budget.frame(2027)).toEqual(frame2027);
    expect((await budget.economy(2027)).frameKr).toBe(FRAME);
    // A commitment is weighed against the frozen frame, not the grown register.
    expect((await budget.commit(SARA, commitTo(2027, FRAME + 1))).kind).toBe('refused');
    expect((await budget.commit(SARA, commitTo(2027, FRAME))).kind).toBe('committed');
    // Next year is used for the first time now: it takes the register as it stands now.
    expect((await budget.frame(2028)).citizens).toBe(5_961_249 - 660_842 + 700_000);
    // Years past the window are provisional: they follow the register and store nothing.
    const later = await budget.status(2030);
    expect([later.state, later.provisional, later.citizens]).toEqual([
      'not-open',
      true,
      5_961_249 - 660_842 + 700_000,
    ]);
    expect((await budget.years.prices([2030]))[0]!.history).toEqual([]);
  });

  it('does not freeze an empty register: the year waits for the import', async () => {
    world = await budgetYearsWorld({ municipalities: [] });
    const { budget } = world.portfolio;
    const empty = await budget.status(2027);
    expect([empty.frameKr, empty.provisional]).toEqual([0, true]);
    await world.municipalities.saveAll(REGISTER);
    const imported = await budget.status(2027);
    expect([imported.frameKr, imported.provisional]).toEqual([FRAME, false]);
  });

  it('refuses a commitment to a closed year and to a year beyond the open window, with the reason on the card', async () => {
    world = await budgetYearsWorld();
    const { budget } = world.portfolio;
    expect(await budget.commit(SARA, commitTo(2026, 1000))).toEqual({
      kind: 'year-refused',
      check: { ok: false, reason: 'closed-year', year: 2026, open: { first: 2027, last: 2028 } },
    });
    expect(await budget.commit(SARA, commitTo(2031, 1000))).toEqual({
      kind: 'year-refused',
      check: { ok: false, reason: 'year-not-open', year: 2031, open: { first: 2027, last: 2028 } },
    });
    expect((await budget.commit(SARA, commitTo(2028, 1000))).kind).toBe('committed');
    expect((await budget.status(2026)).commitments).toEqual([]);
    expect((await budget.status(2031)).commitments).toEqual([]);

    // On the card: the reason in the user's language, the input kept.
    for (const [year, text] of [
      [
        '2026',
        'Bevillingen er afvist: 2026 er et lukket budgetår og kan kun læses. Der kan bevilges for 2027–2028.',
      ],
      ['2031', 'Bevillingen er afvist: budgetåret 2031 er ikke åbent endnu. Der kan bevilges for 2027–2028.'],
    ]) {
      const result = await runBudgetAction(world, BUDGET_VERBS.commit, {
        requestId: `card-${year}`,
        initiative: 'ref-forretning/i-buf',
        year,
        amount: '1.000',
        meetingId: '',
        note: '',
      });
      expect(result.kind).toBe('card');
      const card = result.kind === 'card' ? result.card : undefined;
      expect(validateCard(card).problems).toEqual([]);
      expect(JSON.stringify(card)).toContain(JSON.stringify(text).slice(1, -1));
      expect(JSON.stringify(card)).toContain('"value":"1.000"');
    }
    // The year just turned: on 1 January 2028 (Copenhagen, still 31 December in UTC) 2027 is closed.
    world.clock.set('2027-12-31T23:30:00.000Z');
    expect(await budget.commit(SARA, commitTo(2027, 1000))).toMatchObject({
      kind: 'year-refused',
      check: { reason: 'closed-year', open: { first: 2028, last: 2029 } },
    });
  });

  it('opens as many years ahead as the governance file says', async () => {
    world = await budgetYearsWorld();
    const budget = createBudgetService({
      store: world.store,
      governance: { ...world.governance, budget: { ...world.governance.budget, openYearsAhead: 0 } },
      clock: world.clock,
      audit: new AuditRepository(world.store),
      portfolio: world.portfolio.portfolio,
      municipalities: world.municipalities,
    });
    expect(await budget.commit(SARA, commitTo(2028, 1000))).toMatchObject({
      kind: 'year-refused',
      check: { reason: 'year-not-open', open: { first: 2027, last: 2027 } },
    });
    // Next year's price can still be set (the Q4 meeting), though it takes no commitments yet.
    expect(
      (await budget.years.setPrice(SARA, { requestId: 'p', year: 2028, pricePerCitizenKr: 6 })).kind,
    ).toBe('set');
  });

  it('shows last, this and next year side by side in the economy report', async () => {
    world = await budgetYearsWorld();
    const { budget } = world.portfolio;
    await budget.commit(SARA, commitTo(2027, 2_000_000));
    await budget.commit(SARA, commitTo(2028, 500_000));
    await budget.years.setPrice(SARA, { requestId: 'p', year: 2028, pricePerCitizenKr: 6 });

    const { report, years } = await budget.economyYears(2027);
    expect(report.year).toBe(2027);
    expect(
      years.map((y) => [y.year, y.state, y.pricePerCitizenKr, y.frameKr, y.committedKr, y.remainingKr]),
    ).toEqual([
      [2026, 'closed', 5, FRAME, 0, FRAME],
      [2027, 'open', 5, FRAME, 2_000_000, FRAME - 2_000_000],
      [2028, 'open', 6, 6 * 5_961_249, 500_000, 6 * 5_961_249 - 500_000],
    ]);

    const replies = await runBudgetCommand(world, 'economy');
    expect(replies).toHaveLength(1);
    const card = replies[0]!.card;
    expect(validateCard(card).problems).toEqual([]);
    const json = JSON.stringify(card);
    for (const shown of [
      'Budgetår side om side',
      '2026',
      '2027',
      '2028',
      'Lukket',
      'Åben',
      '35.767.494 kr.',
      '6 kr.',
    ])
      expect(json).toContain(shown);
    expect(JSON.stringify(economyReportCard('en', report, years))).toContain('Budget years side by side');
    // The first budget year's neighbour is no budget year: shown provisionally, nothing stored for it.
    const first = await budget.economyYears(2000);
    expect(first.years.map((y) => [y.year, y.state, y.provisional])).toEqual([
      [1999, 'closed', true],
      [2000, 'closed', false],
      [2001, 'closed', false],
    ]);
  });

  it('shows the price history on the buffet-price card and sets the price from it', async () => {
    world = await budgetYearsWorld();
    const [reply] = await runBudgetCommand(world, 'buffet-price');
    expect(validateCard(reply!.card).problems).toEqual([]);
    const form = JSON.stringify(reply!.card);
    expect(form).toContain('"value":"2028"'); // next year's price by default
    expect(form).toContain(PRICE_VERBS.set);

    const refused = await runBudgetAction(world, PRICE_VERBS.set, {
      requestId: 'c1',
      year: '2027',
      price: '6',
    });
    expect(JSON.stringify(refused)).toContain('Prisen for 2027 ligger fast. Prisen kan sættes for 2028.');
    const set = await runBudgetAction(world, PRICE_VERBS.set, { requestId: 'c1', year: '2028', price: '6' });
    expect(set.kind === 'card' && validateCard(set.card).problems).toEqual([]);
    const text = JSON.stringify(set);
    expect(text).toContain('Buffetprisen for 2028 er sat til 6 kr. pr. indbygger (før 5 kr.).');
    expect(text).toContain('6 kr.: sat af Sara Sekretær');
    expect((await world.portfolio.budget.frame(2027)).pricePerCitizenKr).toBe(5);
  });
});
