/**
 * Who the appointment form's person picker finds (issue 26.3), in this order: the people already
 * in the member register (a re-appointment is the common case), the team's members that the Teams
 * adapter read from the roster, and the organisation's directory where one is configured (Graph;
 * none by default). The same search answers the tab's picker, which has no roster.
 *
 * A person picked from the roster or the directory is not in the register yet, so the picker's
 * value alone (the object id) would leave the form without a name: the hits served are kept for
 * a while, so the next step of the form shows the person's name and e-mail.
 */
import type { Clock } from '../../domain/clock';
import type { Person } from '../../domain/model';
import {
  matchesPerson,
  MAX_PEOPLE_RESULTS,
  type PeopleDirectory,
  type PeopleQuery,
  type PeopleSearch,
  type PersonHit,
} from '../../platform/teams/people-search';
import type { MembersService } from './members-service';
import type { PeopleRepository } from './people-repository';

export type { PersonHit } from '../../platform/teams/people-search';

/** How many served hits are kept for the form's next step (the oldest go first). */
const REMEMBERED_HITS = 500;
/**
 * How long the register's people are reused between keystrokes: reading them is a point read per
 * person (a few hundred request units on Cosmos DB), and a typeahead asks on every pause.
 */
const REGISTER_REUSE_MS = 60_000;

export interface PeopleFinderDeps {
  members: Pick<MembersService, 'allMemberships'>;
  people: Pick<PeopleRepository, 'getPerson' | 'getPersons'>;
  directory?: PeopleDirectory;
  /** With a clock the register's people are reused for a minute (see REGISTER_REUSE_MS). */
  clock?: Clock;
}

/** A person picked or found, as the form shows them: from the register when there. */
export interface ResolvedPerson {
  id: string;
  name?: string;
  email?: string;
  /** The register's record, when the person is in it. */
  person?: Person;
}

function hitOfPerson(person: Person): PersonHit {
  return person.email
    ? { id: person.id, name: person.name, email: person.email }
    : { id: person.id, name: person.name };
}

export class PeopleFinder implements PeopleSearch {
  private readonly served = new Map<string, PersonHit>();
  private register: { at: number; people: Person[] } | undefined;

  constructor(private readonly deps: PeopleFinderDeps) {}

  /** The register's people (erased ones left out), by name; reused for a minute with a clock. */
  async registerPeople(): Promise<Person[]> {
    const now = this.deps.clock?.now().getTime();
    if (now !== undefined && this.register && now - this.register.at < REGISTER_REUSE_MS)
      return this.register.people;
    const people = await this.readRegister();
    if (now !== undefined) this.register = { at: now, people };
    return people;
  }

  /** The register changed here (an appointment): the next search reads it afresh. */
  registerChanged(): void {
    this.register = undefined;
  }

  private async readRegister(): Promise<Person[]> {
    const ids = new Set((await this.deps.members.allMemberships()).map((m) => m.personId));
    const persons = [...(await this.deps.people.getPersons(ids)).values()];
    return persons
      .filter((person) => !person.anonymisedAt)
      .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  }

  async search(query: PeopleQuery): Promise<PersonHit[]> {
    const top = Math.min(Math.max(query.top, 1), MAX_PEOPLE_RESULTS);
    const register = (await this.registerPeople())
      .filter((person) => matchesPerson(person, query.text))
      .map(hitOfPerson);
    const directory =
      this.deps.directory && query.text.length >= 2
        ? await this.deps.directory.search(query.text, top).catch(() => [])
        : [];
    const hits = new Map<string, PersonHit>();
    for (const hit of [...register, ...query.roster, ...directory])
      if (!hits.has(hit.id)) hits.set(hit.id, hit);
    const found = [...hits.values()].slice(0, top);
    for (const hit of found) this.remember(hit);
    return found;
  }

  /** The person behind a picked id: the register, else a hit served lately, else the directory. */
  async resolve(personId: string): Promise<ResolvedPerson> {
    const person = await this.deps.people.getPerson(personId);
    // An erased person stays erased: no name from an earlier search comes back for them.
    if (person?.anonymisedAt) return { id: personId };
    if (person) return { id: personId, name: person.name, email: person.email, person };
    const hit =
      this.served.get(personId) ?? (await this.deps.directory?.get(personId).catch(() => undefined));
    return hit ? { id: personId, name: hit.name, email: hit.email } : { id: personId };
  }

  /** The register's person with this e-mail, if any (a manual entry of someone already there). */
  async byEmail(email: string): Promise<Person | undefined> {
    const wanted = email.trim().toLowerCase();
    return (await this.registerPeople()).find((person) => person.email?.toLowerCase() === wanted);
  }

  private remember(hit: PersonHit): void {
    this.served.delete(hit.id);
    this.served.set(hit.id, hit);
    if (this.served.size > REMEMBERED_HITS) this.served.delete(this.served.keys().next().value!);
  }
}
