/**
 * Money in the texts (issue 26.9): the hearing card said "Udgifter (kr.) 125.000 kr.". One
 * formatter: "125.000 kr." / "DKK 125,000", and only the number under a label that says "(kr.)".
 */
import { formatKroner, formatKronerDigits, kronerUnder } from '../../src/platform/i18n/money';
import { economyReportCard } from '../../src/features/budget/budget-cards';
import type { EconomyReport } from '../../src/features/budget/budget-service';
import { proposalFacts } from '../../src/features/hearings/hearing-cards';
import { fitCard } from '../../src/platform/cards/card-budget';
import { adaptiveCard, factSet, type Fact } from '../../src/platform/cards/builders';
import { translatorFor } from '../../src/platform/i18n';
import { PROPOSAL } from './hearings-fixture';
import type { Locale } from '../../src/domain/model';

describe('the kroner formatter', () => {
  it('writes whole kroner in each language', () => {
    expect(formatKroner(125_000, 'da')).toBe('125.000 kr.');
    expect(formatKroner(125_000, 'en')).toBe('DKK 125,000');
    expect(formatKronerDigits(1_500_000, 'da')).toBe('1.500.000');
  });

  it('gives only the number under a label that names the unit', () => {
    expect(kronerUnder('Udgifter (kr.)', 125_000, 'da')).toBe('125.000');
    expect(kronerUnder('Pris pr. indbygger (hele kr.)', 5, 'da')).toBe('5');
    expect(kronerUnder('Cost (DKK)', 125_000, 'en')).toBe('125,000');
    expect(kronerUnder('Ramme', 125_000, 'da')).toBe('125.000 kr.');
    expect(kronerUnder('Frame', 125_000, 'en')).toBe('DKK 125,000');
  });
});

function costFact(locale: Locale): Fact | undefined {
  const t = translatorFor(locale);
  let facts: Fact[] = [];
  fitCard((fit) => {
    facts = proposalFacts(t, locale, { ...PROPOSAL, costKr: 125_000 }, 'Referencegruppen', fit);
    return adaptiveCard([factSet(facts)]);
  });
  return facts.find((fact) => fact.title === t('workingGroups.fieldCost'));
}

describe('the hearing card', () => {
  it('shows the cost once with its unit: "Udgifter (kr.)" 125.000', () => {
    expect(costFact('da')).toEqual({ title: 'Udgifter (kr.)', value: '125.000' });
    expect(costFact('en')).toEqual({ title: 'Cost (DKK)', value: '125,000' });
  });
});

describe('the budget card', () => {
  const report: EconomyReport = {
    year: 2027,
    pricePerCitizenKr: 5,
    municipalities: 2,
    citizens: 25_000,
    frameKr: 125_000,
    state: 'open',
    provisional: false,
    committedKr: 100_000,
    remainingKr: 25_000,
    commitments: [],
    lines: [],
    spentKr: 40_000,
  };
  const facts = (locale: Locale) => {
    const card = economyReportCard(locale, report) as { body: Array<{ type: string; facts?: Fact[] }> };
    return card.body.find((element) => element.type === 'FactSet')!.facts!;
  };

  it('says each sum once with its unit, and no label repeats it', () => {
    expect(facts('da')).toEqual(
      expect.arrayContaining([
        { title: 'Ramme', value: '125.000 kr.' },
        { title: 'Bevilget', value: '100.000 kr.' },
        { title: 'Resterende', value: '25.000 kr.' },
      ]),
    );
    expect(facts('en')).toEqual(expect.arrayContaining([{ title: 'Frame', value: 'DKK 125,000' }]));
    for (const locale of ['da', 'en'] as const)
      for (const fact of facts(locale)) {
        const unitInTitle = /\((?:[^()]*\s)?(?:kr\.|DKK)\)/.test(fact.title);
        const unitInValue = /kr\.|DKK/.test(fact.value);
        expect({ fact, twice: unitInTitle && unitInValue }).toEqual({ fact, twice: false });
      }
  });
});
