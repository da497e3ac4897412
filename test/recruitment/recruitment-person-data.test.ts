/**
 * The GDPR holder of the recruitments: a candidacy is the person's when it names their id (a
 * register person, or the one appointed) or their register e-mail; the export lists it with its
 * recruitment, the erasure removes the personal fields and the assessment, and runs again harmlessly.
 */
import { ManualClock } from '../../src/domain/clock';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import {
  RecruitmentRepository,
  recruitmentPersonData,
  type Recruitment,
} from '../../src/features/recruitment';

const clock = new ManualClock('2027-01-20T10:00:00.000Z');
const candidate = (id: string, personId: string, email: string) => ({
  id,
  status: 'candidate' as const,
  registeredAt: '2027-01-11T10:00:00.000Z',
  personId,
  name: `Navn ${id}`,
  email,
  municipalityCode: '751',
  competences: 'Arkitektur',
  assessment: `Vurdering af ${id}`,
});
const recruitment: Recruitment = {
  id: 'r1',
  groupId: 'steering',
  seat: { kind: 'unfilled', replaceBy: '2027-01-11' },
  status: 'open',
  openedAt: '2027-01-11T10:00:00.000Z',
  openedBy: 'sofie',
  candidates: [
    candidate('a', 'candidate-x', 'anne@kommune.dk'),
    candidate('b', 'p-bo', 'bo@kommune.dk'),
    candidate('c', 'candidate-y', 'carl@kommune.dk'),
  ],
};
const emails: Record<string, string> = { 'p-anne': 'Anne@Kommune.dk', 'p-bo': 'bo@kommune.dk' };

let store: SqliteStore;
beforeEach(async () => {
  store = SqliteStore.inMemory();
  await new RecruitmentRepository(store).createOnce(recruitment);
});
afterEach(async () => store.close());

const holder = () => recruitmentPersonData(store, async (personId) => emails[personId], clock);

test('exports the candidacies matched by id or by the register e-mail', async () => {
  expect(holder().section).toBe('recruitment');
  expect(await holder().exportOf!('p-anne')).toEqual([
    expect.objectContaining({
      recruitmentId: 'r1',
      groupId: 'steering',
      id: 'a',
      assessment: 'Vurdering af a',
    }),
  ]);
  expect(await holder().exportOf!('p-bo')).toEqual([expect.objectContaining({ id: 'b' })]);
  expect(await holder().namesOf!('p-anne')).toEqual(['Navn a']);
  expect(await holder().exportOf!('p-nobody')).toEqual([]);
});

test('erasure removes the personal fields and the assessment of that candidacy only, twice harmlessly', async () => {
  for (let run = 0; run < 2; run++)
    await holder().erase({ personId: 'p-anne', names: ['Navn a'], pseudonym: 'Slettet person 1' });
  const stored = (await new RecruitmentRepository(store).get('steering', 'r1'))!;
  expect(stored.candidates[0]).toEqual({
    id: 'a',
    status: 'candidate',
    registeredAt: '2027-01-11T10:00:00.000Z',
    erasedAt: '2027-01-20T10:00:00.000Z',
  });
  expect(stored.candidates.slice(1)).toEqual(recruitment.candidates.slice(1));
  expect(JSON.stringify(stored)).not.toContain('anne@');
});
