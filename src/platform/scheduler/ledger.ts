/**
 * What the scheduler needs from the send ledger: create-once claims, etag-guarded take-overs and a
 * runner lease. The contract and its store implementation (`createStoreLedger`) are storage code
 * and live in src/platform/scheduler/ledger-repository.ts; a repository with the same shape can be wired
 * instead by the composition root.
 */
export type { LedgerEntry, LedgerStatus, NewClaim, SchedulerLedger } from './ledger-repository';
