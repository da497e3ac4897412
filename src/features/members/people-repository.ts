/**
 * Persons and memberships.
 *
 * Layout (why: resolving the roles of the sender of an incoming activity must be ONE single-partition read):
 * - directory / pk `person:<personId>` / id `person`                          the Person.
 * - directory / pk `person:<personId>` / id `membership:<groupId>:<termStart>` the person's membership index.
 * - groups    / pk <groupId>           / id `membership:<personId>:<termStart>` the membership (source of truth),
 *                                                                            in the group's partition with the
 *                                                                            rest of the group's data.
 * `personWithMemberships` reads the person and all their memberships with one query on the person's
 * partition. Writes go to the group side first, then the person index (idempotent upserts), so
 * re-running a write that crashed half-way repairs the index.
 *
 * Each membership carries the organisation the person was appointed for (issue 26.9: it was kept
 * on the person only, so a later appointment for another organisation rewrote the earlier ones).
 * Records from before have none: every read fills in the person's organisation (a read-time
 * migration, the same on both stores), and `pinOrganisations` writes it before the person's
 * organisation changes.
 */
import type { Membership, Organisation, Person } from '../../domain/model';
import { isActiveOn } from '../../domain/terms';
import type { DocumentStore } from '../../platform/storage/port';
import { defineDocument, typedCollection, withoutEtag } from '../../platform/storage/repository';
import type { Stored, TypedCollection } from '../../platform/storage/repository';
import { membershipSchema, personSchema } from '../../platform/storage/schemas';

export const personPk = (personId: string) => `person:${personId}`;

export const personDocument = defineDocument('person', personSchema, {
  collection: 'directory',
  pk: (person) => personPk(person.id),
  id: () => 'person',
});

export const membershipDocument = defineDocument('membership', membershipSchema, {
  collection: 'groups',
  pk: (membership) => membership.groupId,
  id: (membership) => `membership:${membership.personId}:${membership.termStart}`,
});

const membershipIndexDocument = defineDocument('person-membership', membershipSchema, {
  collection: 'directory',
  pk: (membership) => personPk(membership.personId),
  id: (membership) => `membership:${membership.groupId}:${membership.termStart}`,
});

export class PeopleRepository {
  private readonly persons: TypedCollection<Person>;
  private readonly memberships: TypedCollection<Membership>;
  private readonly membershipIndex: TypedCollection<Membership>;

  constructor(private readonly store: DocumentStore) {
    this.persons = typedCollection(store, personDocument);
    this.memberships = typedCollection(store, membershipDocument);
    this.membershipIndex = typedCollection(store, membershipIndexDocument);
  }

  async getPerson(personId: string): Promise<Person | undefined> {
    const stored = await this.persons.get(personPk(personId), 'person');
    return stored && withoutEtag(stored);
  }

  async savePerson(person: Person): Promise<Stored<Person>> {
    return this.persons.upsert(person);
  }

  /** Every membership of the person (past ones included), from the person's partition. */
  async membershipsOf(personId: string): Promise<Membership[]> {
    const stored = (await this.membershipIndex.queryAll(personPk(personId))).map(withoutEtag);
    if (stored.every((m) => m.organisation)) return stored;
    return withOrganisation(stored, (await this.getPerson(personId))?.organisation);
  }

  /**
   * Writes the person's organisation onto their memberships stored without one, so that a new
   * organisation on the person does not reach the terms served for the old one. Idempotent.
   */
  async pinOrganisations(personId: string): Promise<void> {
    const stored = (await this.membershipIndex.queryAll(personPk(personId))).map(withoutEtag);
    const unpinned = stored.filter((m) => !m.organisation);
    if (unpinned.length === 0) return;
    const organisation = (await this.getPerson(personId))?.organisation;
    if (!organisation) return;
    for (const membership of withOrganisation(unpinned, organisation)) await this.saveMembership(membership);
  }

  /** The person and their memberships in ONE single-partition query (the incoming-activity path). */
  async personWithMemberships(personId: string): Promise<{ person?: Person; memberships: Membership[] }> {
    const docs = await this.store.collection('directory').queryAll(personPk(personId), {});
    let person: Person | undefined;
    const memberships: Membership[] = [];
    for (const doc of docs) {
      if (doc.type === personDocument.type) person = withoutEtag(personDocument.fromDocument(doc));
      else if (doc.type === membershipIndexDocument.type)
        memberships.push(withoutEtag(membershipIndexDocument.fromDocument(doc)));
    }
    return { person, memberships: withOrganisation(memberships, person?.organisation) };
  }

  /** Active roles of the person on `date`, optionally in one group. */
  async rolesOf(personId: string, date: string, groupId?: string): Promise<Membership[]> {
    const all = await this.membershipsOf(personId);
    return all.filter((m) => isActiveOn(m, date) && (groupId === undefined || m.groupId === groupId));
  }

  /** Members of a group (all terms), from the group's partition. */
  async membersOf(groupId: string): Promise<Membership[]> {
    const stored = (await this.memberships.queryAll(groupId)).map(withoutEtag);
    const unpinned = stored.filter((m) => !m.organisation).map((m) => m.personId);
    if (unpinned.length === 0) return stored;
    const persons = await this.getPersons(unpinned);
    return stored.map((m) => withOrganisation([m], persons.get(m.personId)?.organisation)[0]!);
  }

  /** Adds or updates a membership: group side first (truth), then the person's index. */
  async saveMembership(membership: Membership): Promise<void> {
    await this.memberships.upsert(membership);
    await this.membershipIndex.upsert(membership);
  }

  /**
   * Writes several memberships of ONE group all-or-nothing (a transactional batch on the group's
   * partition, the source of truth), then the persons' indexes (idempotent: re-running repairs them).
   * At most 100 memberships (Cosmos DB's batch limit).
   */
  async saveGroupMemberships(groupId: string, memberships: Membership[]): Promise<void> {
    if (memberships.length === 0) return;
    if (memberships.some((m) => m.groupId !== groupId))
      throw new Error('saveGroupMemberships: every membership must be of the one group');
    if (memberships.length > 100) throw new Error('saveGroupMemberships: at most 100 memberships per batch');
    await this.store.collection('groups').batch(
      groupId,
      memberships.map((membership) => this.memberships.operation('upsert', membership)),
    );
    for (const membership of memberships) await this.membershipIndex.upsert(membership);
  }

  /** The persons with these ids that exist (one point read each). */
  async getPersons(personIds: Iterable<string>): Promise<Map<string, Person>> {
    const result = new Map<string, Person>();
    for (const personId of new Set(personIds)) {
      const person = await this.getPerson(personId);
      if (person) result.set(personId, person);
    }
    return result;
  }

  /** Ends a membership on `endedOn`; returns false when there is no such membership. */
  async endMembership(
    groupId: string,
    personId: string,
    termStart: string,
    endedOn: string,
  ): Promise<boolean> {
    const current = await this.memberships.get(groupId, `membership:${personId}:${termStart}`);
    if (!current) return false;
    const [membership] = withOrganisation(
      [withoutEtag(current)],
      current.organisation ? undefined : (await this.getPerson(personId))?.organisation,
    );
    await this.saveMembership({ ...membership!, endedOn });
    return true;
  }
}

/** Memberships stored without an organisation take the person's (records from before 26.9). */
function withOrganisation(memberships: Membership[], organisation: Organisation | undefined): Membership[] {
  if (!organisation) return memberships;
  return memberships.map((m) => (m.organisation ? m : { ...m, organisation }));
}
