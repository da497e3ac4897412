/**
 * Triage cards still owed. A submitted proposal's triage card is posted off the request path right
 * after the proposal is stored; this source is the guarantee behind it: a proposal that is still
 * 'proposed' without a recorded triage post some time after submission (the async post failed, or
 * the process died before it) becomes a moment, and the scan posts its card exactly once.
 *
 * No double post with the async path: the proposal is created carrying the async poster's claim,
 * and `listAwaitingTriageCard` lists it only once that claim is released (the post failed) or older
 * than the scheduler's claim grace (triage-card-delivery.ts), as a claimed ledger entry is taken
 * over. The scan then claims the ledger key (`PendingTriageCard.ledgerKey`,
 * `triage:<groupId>:<proposalId>`, built by the proposals feature), create-once, so of two scans
 * (or a scan and a deferred proposal's post) only one ever posts.
 */
import type { MomentContext, MomentSource, ScheduledMoment } from '../../platform/scheduler/types';

export interface PendingTriageCard {
  groupId: string;
  proposalId: string;
  /** The exactly-once ledger key the request path claims too. */
  ledgerKey: string;
  /** ISO instant. */
  submittedAt: string;
  title: string;
}

/** Implemented by the proposals feature; `postTriageCard` must be idempotent (retries). */
export interface TriageJobs {
  /** 'proposed' proposals with no triage post recorded and no claim held (a background scan read). */
  listAwaitingTriageCard(): Promise<PendingTriageCard[]>;
  /** Posts the card unless it is no longer owed; throws when the post fails (the scan retries). */
  postTriageCard(groupId: string, proposalId: string, context: MomentContext): Promise<void>;
}

export interface TriageMomentsOptions {
  triage: TriageJobs;
  /**
   * How long after submission the scan steps in: the request path's own post normally lands well
   * within it. Default 1 minute.
   */
  graceMs?: number;
}

export function triageCatchUpMomentSource(options: TriageMomentsOptions): MomentSource {
  const grace = options.graceMs ?? 60_000;
  return {
    name: 'triage-cards',
    async moments(window) {
      const result: ScheduledMoment[] = [];
      for (const pending of await options.triage.listAwaitingTriageCard()) {
        const owedFrom = Date.parse(pending.submittedAt) + grace;
        if (owedFrom > window.to.getTime()) continue;
        // However old, an owed card is still owed: clamp into the window instead of dropping it.
        const dueAt = new Date(Math.max(owedFrom, window.from.getTime()));
        result.push({
          key: pending.ledgerKey,
          kind: 'triage',
          groupId: pending.groupId,
          dueAt,
          describe: `triage card for proposal "${pending.title}"`,
          perform: (context) => options.triage.postTriageCard(pending.groupId, pending.proposalId, context),
        });
      }
      return result;
    },
  };
}
