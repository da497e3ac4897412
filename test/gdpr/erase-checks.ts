/** What the erasure tests check on either store: the full export, and the name gone everywhere. */
import { SECRETARIAT } from '../bot/support/app-harness';
import { unreadableDocuments } from '../security/support/store-check';
import {
  CLOSE_NOTE,
  DECISION,
  ERASED_TEXTS,
  everyDocument,
  MINUTES_COMMENT,
  PERSON,
  VOTE_COMMENT,
  type PersonWorld,
} from './person-world';

export async function expectFullExport({ h, hearingId }: PersonWorld): Promise<void> {
  const data = await h.app.services.memberService.exportPersonData(PERSON);
  expect(data?.person.email).toBe('aase@roskilde.dk');
  expect(data?.memberships.map((m) => m.groupId).sort()).toEqual(['ref-arkitektur', 'steering']);
  const records = data!.records;
  expect(records.proposals).toEqual([
    expect.objectContaining({ title: 'Fælles datastrategi', proposerId: PERSON }),
  ]);
  expect(records.hearingsProposed).toEqual([expect.objectContaining({ id: hearingId, proposerId: PERSON })]);
  expect(records.votes).toEqual([
    expect.objectContaining({ hearingId, choice: 'approve', comment: VOTE_COMMENT }),
  ]);
  expect(records.statusReports).toEqual([
    expect.objectContaining({ initiativeId: 'i-data', submittedBy: PERSON }),
  ]);
  expect(records.minutes).toEqual([
    expect.objectContaining({
      minuteTaker: true,
      itemsRecorded: [expect.any(String)],
      comments: [expect.objectContaining({ authorId: PERSON, text: MINUTES_COMMENT })],
    }),
  ]);
  expect(records.followUpActions).toEqual([
    expect.objectContaining({ ownerId: PERSON, closedBy: PERSON, closeNote: CLOSE_NOTE }),
  ]);
  expect(records.languagePreference).toEqual([expect.objectContaining({ personId: PERSON, language: 'en' })]);
  const actions = data!.auditEntries.map((entry) => entry.action);
  for (const action of [
    'proposal.submit',
    'hearing.vote',
    'status-report.submitted',
    'record.minute-taker-named',
  ])
    expect(actions).toContain(action);
}

export async function expectErasedEverywhere({ h, store, hearingId }: PersonWorld): Promise<void> {
  const before = await everyDocument(store);
  for (const text of ERASED_TEXTS) expect(before.some((doc) => doc.includes(text))).toBe(true);
  const hearingBefore = await h.app.services.hearings.get(hearingId);

  const erased = await h.app.services.memberService.erasePerson(PERSON, SECRETARIAT.aadObjectId);
  expect(erased.ok).toBe(true);
  const pseudonym = erased.ok ? erased.value.name : '';

  const after = await everyDocument(store);
  for (const text of ERASED_TEXTS)
    expect([text, after.filter((doc) => doc.toLowerCase().includes(text.toLowerCase()))]).toEqual([text, []]);
  // The decisions stay (the name in the text now the pseudonym); the votes and their counts too.
  expect(after.some((doc) => doc.includes(DECISION.replace('Åse Ærbæk-Nielsen', pseudonym)))).toBe(true);
  const hearingAfter = await h.app.services.hearings.get(hearingId);
  expect(hearingAfter?.status).toBe('closed');
  const counts = (r: typeof hearingBefore) =>
    r?.result && [r.result.outcome, r.result.approve, r.result.reject, r.result.cast];
  expect(counts(hearingAfter)).toEqual(counts(hearingBefore));
  const votes = await h.app.services.hearings.votes(hearingId);
  expect(votes.map((v) => [v.voterId, v.choice]).sort()).toEqual([
    [PERSON, 'approve'],
    ['v01', 'approve'],
    ['v02', 'reject'],
  ]);
  expect(votes.find((v) => v.voterId === 'v01')?.comment).toBe('Fint');
  expect(hearingAfter?.proposerName).toBe(pseudonym);
  // Her language choice is gone with her (and an erasure run again finds nothing to remove).
  expect(await h.app.services.languages.get(PERSON)).toBeUndefined();
  // Every document still reads with its repository's schema.
  expect(await unreadableDocuments(store)).toEqual([]);
}
