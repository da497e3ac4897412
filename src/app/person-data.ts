/**
 * What the GDPR export and erasure reach beyond the member register, in erasure order: each
 * feature's records of the person (name copies become the pseudonym, the person's own comments
 * go), the audit log's free text of theirs, and last the sweep of the whole store for any name
 * still written somewhere. The store's compaction runs after the person record is rewritten.
 */
import { pseudonymiseAudit } from '../platform/audit/audit-erasure';
import { scrubNames } from '../platform/storage/name-scrub';
import type { DocumentStore } from '../platform/storage/port';
import { proposalsPersonData } from '../features/agenda/proposals-person-data';
import { hearingsProposedData, hearingVotesData } from '../features/hearings/hearing-person-data';
import { statusReportsPersonData } from '../features/portfolio/status-report-person-data';
import { recordPersonData } from '../features/record/record-person-data';
import type { PersonDataHolder } from '../features/gdpr';
import { requestsPersonData } from '../features/requests';
import { endorsementsPersonData } from '../features/endorsements';
import { workingGroupsPersonData } from '../features/working-groups';
import { languagePersonData, LanguagePreferences } from '../features/language';
import { recruitmentPersonData } from '../features/recruitment';
import { PeopleRepository } from '../features/members/people-repository';
import { systemClock, type Clock } from '../domain/clock';

export function personDataHolders(store: DocumentStore, clock: Clock = systemClock): PersonDataHolder[] {
  const people = new PeopleRepository(store);
  return [
    proposalsPersonData(store),
    hearingsProposedData(store),
    hearingVotesData(store),
    statusReportsPersonData(store),
    ...recordPersonData(store),
    requestsPersonData(store),
    endorsementsPersonData(store),
    workingGroupsPersonData(store),
    // Candidates are matched by the register's e-mail too: a candidacy is registered by e-mail.
    recruitmentPersonData(store, async (personId) => (await people.getPerson(personId))?.email, clock),
    languagePersonData(new LanguagePreferences(store)),
    { erase: async ({ personId }) => void (await pseudonymiseAudit(store, personId)) },
    { erase: async ({ names, pseudonym }) => void (await scrubNames(store, names, pseudonym)) },
  ];
}

/** After an erasure: the store drops old versions from its files (SQLite: the WAL). */
export const compactionOf = (store: DocumentStore) => async () => {
  await store.compact?.();
};
