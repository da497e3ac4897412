/**
 * Endorsements through the service on a real store: drafting (validated, stored once, material
 * through the agenda's rules), voting (members only, one vote per member with the last counting,
 * concurrent votes all counted, none after the period) and the close: endorsed, the item
 * "Indstilling fra referencegruppen …" on the steering group's next meeting written with the
 * closed endorsement; rejected (a tie included), the author told the tally personally; a second
 * close stores nothing.
 */
import { personAddress } from '../../src/domain/person-address';
import { translatorFor } from '../../src/platform/i18n';
import { assertValidCard } from '../../src/platform/cards/validate';
import { endorsementFormCard, endorsementVoteCard } from '../../src/features/endorsements/endorsements-cards';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { endorsedItemId } from '../../src/features/agenda';
import { endorsementCloseMomentSource } from '../../src/features/endorsements';
import { draft, endorsementWorld, STEERING_MEETING, vote, type EndorsementWorld } from './support';

let w: EndorsementWorld;

beforeEach(async () => {
  w = await endorsementWorld(SqliteStore.inMemory());
});
afterEach(async () => w.store.close());

const AFTER_PERIOD = '2027-01-16T10:00:00.000Z';

describe('drafting', () => {
  test('is stored once with the default 5-day period and the validated material', async () => {
    const first = await draft(w, 'ci-1', 'Notat | https://example.org/notat.pdf');
    expect(first.closesAt).toBe(AFTER_PERIOD);
    expect(first.rule).toEqual({ kind: 'majority-of-answers', days: 5 });
    expect(first.material.map((entry) => entry.url)).toEqual(['https://example.org/notat.pdf']);
    const again = await draft(w, 'ci-1');
    expect(again).toEqual(first);
    expect(await w.repository.listOpen()).toHaveLength(1);
  });

  test('names the wrong fields and the material the agenda refuses, storing nothing', async () => {
    const result = await w.service.submit({
      cardInstanceId: 'ci-2',
      referenceGroupId: 'ref-arkitektur',
      fields: { title: 'ab', text: '' },
      materialText: 'http://example.org/usikker.pdf',
      actor: { id: 'r1' },
    });
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid')
      expect(result.errors.map((error) => error.field)).toEqual(['title', 'text', 'material']);
    expect(await w.repository.listOpen()).toEqual([]);
  });
});

describe('voting', () => {
  test('one vote per member: a changed vote replaces the earlier', async () => {
    await draft(w);
    await vote(w, 'r1', 'against');
    const changed = await vote(w, 'r1', 'for');
    expect(changed.kind === 'voted' && changed.tally).toEqual({ for: 1, against: 0, abstain: 0 });
  });

  test('concurrent votes of different members all count', async () => {
    await draft(w);
    await Promise.all([
      vote(w, 'r1', 'for'),
      vote(w, 'r2', 'for'),
      vote(w, 'r3', 'against'),
      vote(w, 'r4', 'abstain'),
    ]);
    const endorsement = (await w.service.get('steering', 'ci-1'))!;
    expect(await w.service.tally(endorsement)).toEqual({ for: 2, against: 1, abstain: 1 });
  });

  test('a non-member is refused and nothing is stored', async () => {
    await draft(w);
    expect((await vote(w, 'o1', 'for')).kind).toBe('not-member');
    expect((await vote(w, 's1', 'for')).kind).toBe('not-member');
    expect(await w.repository.votesOf('steering', 'ci-1')).toEqual([]);
  });

  test('a vote after the period is refused and nothing is stored', async () => {
    await draft(w);
    w.clock.set(AFTER_PERIOD);
    expect((await vote(w, 'r1', 'for')).kind).toBe('closed');
    expect(await w.repository.votesOf('steering', 'ci-1')).toEqual([]);
  });

  test('an unknown endorsement is not found', async () => {
    expect((await vote(w, 'r1', 'for', 'nope')).kind).toBe('not-found');
  });
});

describe('closing', () => {
  test('endorsed: the item is on the steering group’s next agenda with the material', async () => {
    await draft(w, 'ci-1', 'Notat | https://example.org/notat.pdf');
    await vote(w, 'r1', 'for');
    await vote(w, 'r2', 'for');
    await vote(w, 'r3', 'against');
    w.clock.set(AFTER_PERIOD);
    const result = await w.service.close('steering', 'ci-1');
    expect(result.kind).toBe('closed');
    if (result.kind !== 'closed') return;
    expect(result.endorsement.status).toBe('endorsed');
    expect(result.endorsement.closed).toMatchObject({
      tally: { for: 2, against: 1, abstain: 0 },
      meetingId: STEERING_MEETING.id,
      agendaItemId: endorsedItemId('ci-1'),
    });
    const items = await w.proposals.forMeeting('steering', STEERING_MEETING.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: endorsedItemId('ci-1'),
      status: 'accepted',
      proposerId: 'r1',
      title: 'Indstilling fra referencegruppen Arkitektur og udvikling: Fælles log-format',
    });
    expect(items[0]!.material?.map((entry) => entry.url)).toEqual(['https://example.org/notat.pdf']);
    expect(w.messenger.postsTo(personAddress('r1'))).toEqual([]);
  });

  test('a tie rejects: the author gets the tally personally, nothing on the agenda', async () => {
    await draft(w);
    await vote(w, 'r1', 'for');
    await vote(w, 'r2', 'against');
    await vote(w, 'r3', 'abstain');
    w.clock.set(AFTER_PERIOD);
    const result = await w.service.close('steering', 'ci-1');
    expect(result.kind === 'closed' && result.endorsement.status).toBe('rejected');
    expect(await w.proposals.forMeeting('steering', STEERING_MEETING.id)).toEqual([]);
    const toAuthor = w.messenger.postsTo(personAddress('r1'));
    expect(toAuthor).toHaveLength(1);
    expect(toAuthor[0]!.message.text).toContain('For: 1 · Imod: 1 · Undlad: 1');
  });

  test('a second close finds it closed and stores nothing', async () => {
    await draft(w);
    await vote(w, 'r1', 'for');
    w.clock.set(AFTER_PERIOD);
    await w.service.close('steering', 'ci-1');
    const second = await w.service.close('steering', 'ci-1');
    expect(second.kind).toBe('already-closed');
    expect(await w.proposals.forMeeting('steering', STEERING_MEETING.id)).toHaveLength(1);
  });

  test('the close moment comes at the period end, keyed by the endorsement and instant', async () => {
    await draft(w);
    const source = endorsementCloseMomentSource({ jobs: w.service });
    const before = await source.moments({
      from: new Date('2027-01-11T00:00:00Z'),
      to: new Date('2027-01-16T09:00:00Z'),
    });
    expect(before).toEqual([]);
    const due = await source.moments({ from: new Date('2027-01-16T00:00:00Z'), to: new Date(AFTER_PERIOD) });
    expect(due.map((moment) => moment.dueAt.toISOString())).toEqual([AFTER_PERIOD]);
    w.clock.set(AFTER_PERIOD);
    await due[0]!.perform({ now: new Date(AFTER_PERIOD), dueAt: due[0]!.dueAt, late: false, attempt: 1 });
    expect((await w.service.get('steering', 'ci-1'))!.status).toBe('rejected');
    expect(
      await source.moments({ from: new Date('2027-01-16T00:00:00Z'), to: new Date(AFTER_PERIOD) }),
    ).toEqual([]);
  });
});

test('the form and the vote card (open and closed) are valid cards', async () => {
  const t = translatorFor('da');
  assertValidCard(endorsementFormCard(t, { cardInstanceId: 'ci-9', groupName: 'Ref', days: 5 }));
  const endorsement = await draft(w, 'ci-9', 'Notat | https://example.org/notat.pdf');
  const input = {
    endorsement,
    groupName: 'Ref',
    authorName: 'Rikke',
    tally: { for: 1, against: 0, abstain: 0 },
    locale: 'da' as const,
    timeZone: 'Europe/Copenhagen',
  };
  const open = endorsementVoteCard(t, input);
  assertValidCard(open);
  expect(JSON.stringify(open)).toContain('endorsement.vote');
  const closed = endorsementVoteCard(t, { ...input, endorsement: { ...endorsement, status: 'rejected' } });
  assertValidCard(closed);
  expect(JSON.stringify(closed)).not.toContain('endorsement.vote');
});
