/** Seeding the register in tests: a person and their memberships, in that order. */
import type { Membership, Person } from '../../src/domain/model';
import type { PeopleRepository } from '../../src/features/members/people-repository';

/** The membership of a seeded person, without the person's id (it is the person's). */
export type SeedMembership = Omit<Membership, 'personId'>;

/** Saves the person, then each membership as given (in order). */
export async function seedPerson(
  people: PeopleRepository,
  person: Person,
  memberships: SeedMembership[] = [],
): Promise<void> {
  await people.savePerson(person);
  for (const membership of memberships) await people.saveMembership({ personId: person.id, ...membership });
}
