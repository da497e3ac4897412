/**
 * The port through which a reference group's endorsement ("indstilling") reaches the steering
 * group's agenda: the endorsed proposal becomes an accepted item of the meeting (the group decided
 * it under its own rule, so no triage), with its material. The endorsements feature writes it in
 * one batch with the closed endorsement (both in the steering group's partition), so an endorsement
 * is never closed as endorsed without its item, nor the item without the endorsement.
 */
import type { BatchOperation } from '../../platform/storage/port';
import type { MaterialEntry } from './domain/material';
import { proposalDocument, type ProposalRecord } from './proposals-repository';

export interface EndorsedItem {
  /** The endorsement's id: the item's id derives from it, so an endorsement has at most one item. */
  endorsementId: string;
  /** The steering group (the partition of the meeting and its proposals). */
  groupId: string;
  meetingId: string;
  /** "Indstilling fra referencegruppen <navn>: <titel>" in the channel language. */
  title: string;
  description: string;
  minutes: number;
  material: MaterialEntry[];
  authorId: string;
  authorName?: string;
  closedAt: string;
}

/** The agenda item (proposal) id of an endorsement. */
export function endorsedItemId(endorsementId: string): string {
  return `endorsement-${endorsementId}`.slice(0, 100);
}

/** The batch step that creates the item (validated now: a bad item throws before anything is written). */
export function endorsedItemWrite(item: EndorsedItem): { pk: string; operation: BatchOperation } {
  const proposal: ProposalRecord = {
    id: endorsedItemId(item.endorsementId),
    groupId: item.groupId,
    meetingId: item.meetingId,
    title: item.title,
    description: item.description,
    kind: 'discussion',
    requestedMinutes: item.minutes,
    proposerId: item.authorId,
    ...(item.authorName ? { proposerName: item.authorName } : {}),
    submittedAt: item.closedAt,
    late: false,
    status: 'accepted',
    // Accepted by the reference group's own vote: the steering group gets it as the group's voice.
    triage: { by: item.authorId, at: item.closedAt, reason: `endorsement:${item.endorsementId}` },
    ...(item.material.length > 0 ? { material: item.material } : {}),
  };
  const doc = proposalDocument.toDocument(proposal);
  return { pk: doc.pk, operation: { op: 'create', doc } };
}
