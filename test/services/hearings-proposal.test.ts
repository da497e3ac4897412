import { proposalFormCard } from '../../src/features/working-groups/working-group-cards';
import { hearingListCard } from '../../src/features/hearings/hearing-result-cards';
import { validateCard } from '../../src/platform/cards/validate';
import type { Group } from '../../src/domain/model';
import { translatorFor } from '../../src/platform/i18n';
import {
  validateProposal,
  workingGroupSlug,
  type ProposalValues,
} from '../../src/features/working-groups/working-group-proposal';

const REFERENCE_GROUPS: Group[] = ['ref-forretning', 'ref-arkitektur', 'ref-drift'].map((id) => ({
  id,
  kind: 'reference',
  name: { da: id, en: id },
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
}));
const context = { referenceGroupIds: REFERENCE_GROUPS.map((g) => g.id), rankingLength: 2 };

const VALID: ProposalValues = {
  title: 'Fælles log-format',
  problem: 'Forskellige logformater',
  mandate: 'Foreslå et format',
  parentGroupId: 'ref-arkitektur',
  members: 'Anna Jensen; Aarhus Kommune\nBo Hansen; KOMBIT\n',
  chair: 'Anna Jensen',
  resources: 'Aarhus Kommune; 40\nKOMBIT; 20',
  costKr: '25000',
  priority: '3',
  startDate: '2027-02-01',
  endDate: '2027-06-30',
};

describe('the proposal form', () => {
  it('accepts a complete proposal and parses members, resources and money', () => {
    const result = validateProposal(VALID, context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.proposal.members).toEqual([
      { name: 'Anna Jensen', organisation: 'Aarhus Kommune' },
      { name: 'Bo Hansen', organisation: 'KOMBIT' },
    ]);
    expect(result.proposal.resources).toEqual([
      { organisation: 'Aarhus Kommune', hours: 40 },
      { organisation: 'KOMBIT', hours: 20 },
    ]);
    expect(result.proposal.costKr).toBe(25000);
    expect(result.proposal.priority).toBe(3);
  });

  it('names each refused field with its reason, and the card shows it next to the field with the input kept', () => {
    const values = {
      ...VALID,
      members: 'Anna Jensen',
      costKr: '12,5',
      priority: '4',
      endDate: '2027-01-15',
      title: '  ',
    };
    const result = validateProposal(values, context);
    expect(result).toEqual({
      ok: false,
      errors: {
        title: 'required',
        members: 'membersFormat',
        costKr: 'notInteger',
        priority: 'priorityRange',
        endDate: 'endBeforeStart',
      },
    });
    if (result.ok) return;
    const t = translatorFor('da');
    const card = proposalFormCard({
      t,
      locale: 'da',
      values,
      errors: result.errors,
      referenceGroups: REFERENCE_GROUPS,
      ranking: [],
    });
    expect(validateCard(card).problems).toEqual([]);
    const body = JSON.stringify(card);
    expect(body).toContain('Slutdatoen skal ligge efter startdatoen.');
    expect(body).toContain('Skriv én person per linje');
    expect(body).toContain('"value":"12,5"'); // input kept
    expect(body).toContain('"value":"2027-01-15"');
  });

  it('shows the current ranking and offers every position, in English too', () => {
    const t = translatorFor('en');
    const card = proposalFormCard({
      t,
      locale: 'en',
      values: { parentGroupId: 'ref-drift' },
      referenceGroups: REFERENCE_GROUPS,
      ranking: [
        { id: 'wg-a', title: 'Group A', planned: false },
        { id: 'hearing:x', title: 'Group B', planned: true },
      ],
    });
    expect(validateCard(card).problems).toEqual([]);
    const body = JSON.stringify(card);
    expect(body).toContain('Group B (planned, in hearing)');
    expect(body).toContain('1: before \\"Group A\\"');
    expect(body).toContain('3: last');
  });

  it('slugs titles into working-group ids', () => {
    expect(workingGroupSlug('Fælles log-format')).toBe('wg-faelles-log-format');
    expect(workingGroupSlug('Støtte & Åbenhed!')).toBe('wg-stoette-aabenhed');
    expect(workingGroupSlug('???')).toBe('wg-gruppe');
  });

  it('lists hearings in a valid card', () => {
    const card = hearingListCard(translatorFor('da'), 'da', 'Europe/Copenhagen', []);
    expect(validateCard(card).problems).toEqual([]);
    expect(JSON.stringify(card)).toContain('Ingen.');
  });
});
