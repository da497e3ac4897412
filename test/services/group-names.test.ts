/** Groups found by the names people write, in both languages (the FKI file's bodies). */
import { matchGroup, nameStem } from '../../src/features/binding/domain/group-names';
import { loadGovernance, defaultGovernancePath } from '../../src/platform/governance/governance-loader';

const groups = loadGovernance(defaultGovernancePath()).bodies.map((body) => ({
  id: body.id,
  name: body.name,
}));
const found = (reference: string) => matchGroup(groups, reference)?.id;

describe('finding a group by its natural name', () => {
  it.each([
    ['sekretariatet', 'secretariat'],
    ['Sekretariatet', 'secretariat'],
    ['sekretariat', 'secretariat'],
    ['the secretariat', 'secretariat'],
    ['FKI secretariat', 'secretariat'],
    ['styregruppen', 'steering'],
    ['kommunestyregruppen', 'steering'],
    ['the municipal steering group', 'steering'],
    ['Referencegruppen Forretning', 'ref-forretning'],
    ['forretning', 'ref-forretning'],
    ['referencegruppen for arkitektur og udvikling', undefined],
    ['referencegruppe arkitektur', 'ref-arkitektur'],
    ['drift og forvaltning', 'ref-drift'],
    ['FKI-ledelsen', 'management'],
    ['ledelsen', 'management'],
    ['the management', 'management'],
  ])('"%s" finds %s', (reference, expected) => {
    expect(found(reference)).toBe(expected);
  });

  it('finds nothing for an ambiguous, empty or unknown name', () => {
    expect(found('referencegruppen')).toBeUndefined();
    expect(found('gruppe')).toBeUndefined();
    expect(found('')).toBeUndefined();
    expect(found('the')).toBeUndefined();
    expect(found('flyvefisk')).toBeUndefined();
  });

  it('stems the definite and the indefinite form alike, keeping short words whole', () => {
    expect(nameStem('styregruppen')).toBe(nameStem('styregruppe'));
    expect(nameStem('sekretariatet')).toBe(nameStem('sekretariat'));
    expect(nameStem('Ledelsen')).toBe(nameStem('ledelse'));
    expect(nameStem('FKI')).toBe('fki');
    expect(nameStem('og')).toBe('og');
  });
});
