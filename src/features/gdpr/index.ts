/**
 * GDPR for the member register: a person's data export, their audit trail with names resolved at
 * read time, erasure into a pseudonym, and the secretariat's commands for them (listed by the
 * members feature, which gives them its service).
 */
export {
  GdprService,
  type ErasureRefusal,
  type ErasureResult,
  type GdprServiceDeps,
  type PersonAuditLog,
  type PersonDataExport,
  type PersonDataService,
  type PersonRecords,
  type ResolvedAuditEntry,
} from './gdpr-service';
export { displayName } from './pseudonym';
export type { Erasure, PersonDataHolder } from './person-data';
export { eraseConfirmCard, erasureRefusalText, GDPR_VERBS } from './gdpr-cards';
export { gdprCardActions, gdprCommands, personName, type PersonDataServiceOf } from './gdpr-feature';
