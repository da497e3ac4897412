/**
 * The port through which a reference group's answer to a request for input ("belysning") reaches
 * the steering group's agenda: the answer becomes an accepted item of the meeting (an agenda
 * proposal already decided, since the steering group asked for it), listed under the item with
 * role 'proposals' like every accepted proposal, with the answer's material. The requests feature
 * writes it in one batch with the answered request (both in the steering group's partition), so
 * an answer is never stored without its item, nor the item without the answer.
 */
import type { BatchOperation } from '../../platform/storage/port';
import type { MaterialEntry } from './domain/material';
import { proposalDocument, type ProposalRecord } from './proposals-repository';

export interface RequestedInputItem {
  /** The request's id: the item's id derives from it, so a request has at most one item. */
  requestId: string;
  /** The steering group (the partition of the meeting and its proposals). */
  groupId: string;
  meetingId: string;
  /** "Belysning fra referencegruppen <navn>: <emne>" in the channel language. */
  title: string;
  /** The answer's text. */
  description: string;
  minutes: number;
  material: MaterialEntry[];
  answeredBy: string;
  answeredByName?: string;
  answeredAt: string;
  /** The answer came after the request's due date (shown as late on the agenda). */
  late: boolean;
}

/** The agenda item (proposal) id of a request's answer. */
export function requestedInputItemId(requestId: string): string {
  return `input-${requestId}`.slice(0, 100);
}

/** The item as the agenda stores it: accepted, in the meeting's proposals. */
export function requestedInputProposal(item: RequestedInputItem): ProposalRecord {
  return {
    id: requestedInputItemId(item.requestId),
    groupId: item.groupId,
    meetingId: item.meetingId,
    title: item.title,
    description: item.description,
    kind: 'discussion',
    requestedMinutes: item.minutes,
    proposerId: item.answeredBy,
    ...(item.answeredByName ? { proposerName: item.answeredByName } : {}),
    submittedAt: item.answeredAt,
    late: item.late,
    status: 'accepted',
    // Accepted by the request itself: the steering group asked for this input.
    triage: { by: item.answeredBy, at: item.answeredAt, reason: `request:${item.requestId}` },
    ...(item.material.length > 0 ? { material: item.material } : {}),
  };
}

/** The batch step that creates the item (validated now: a bad item throws before anything is written). */
export function requestedInputItemWrite(item: RequestedInputItem): { pk: string; operation: BatchOperation } {
  const doc = proposalDocument.toDocument(requestedInputProposal(item));
  return { pk: doc.pk, operation: { op: 'create', doc } };
}
