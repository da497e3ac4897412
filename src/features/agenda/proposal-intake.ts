/**
 * A submitted proposal's intake, before anything is stored: its fields and material lines
 * validated together (so the form names every wrong one at once), the deadline rule, and the record
 * a taken proposal is created as. Pure (the clock's now is passed in), so ProposalService.submit
 * keeps only its store round trips.
 */
import type { Governance } from '../../domain/governance';
import type { MeetingRecord } from '../meetings';
import { toMeeting } from '../meetings';
import { proposalMaterialOf, type MaterialLink } from './domain/material';
import {
  decideProposalIntake,
  validateProposalFields,
  type IntakeRefusalReason,
  type ProposalFieldError,
  type ProposalFields,
  type ProposalFieldsInput,
} from './domain/proposals';
import type { ProposalRecord, TriageClaim } from './proposals-repository';

export type IntakeFields = ProposalFields & { links: MaterialLink[] };

export type SubmitResult =
  /**
   * Governance: "any member may propose" — the actor is no member (or chair) of the group, nor the
   * secretariat, nor (for the steering group) a member of FKI management.
   */
  | { kind: 'not-member' }
  | { kind: 'invalid'; errors: ProposalFieldError[] }
  | { kind: 'no-meeting' }
  | { kind: 'refused'; reason: IntakeRefusalReason; deadline: string; meeting: MeetingRecord }
  | {
      kind: 'accepted';
      proposal: ProposalRecord;
      meeting: MeetingRecord;
      created: boolean;
      deadline: string;
      /**
       * False when the inline post failed. With off-path delivery it is true: the card is owed and
       * guaranteed (async post, else the due-scan), not yet necessarily in the channel.
       */
      triagePosted: boolean;
    };

export type IntakeDecision =
  | { kind: 'take'; fields: IntakeFields; late: boolean; deadline: string }
  | Extract<SubmitResult, { kind: 'invalid' | 'refused' }>;

/** The fields and the material lines together. */
function validated(
  fields: ProposalFieldsInput,
  governance: Governance,
): { ok: true; value: IntakeFields } | { ok: false; errors: ProposalFieldError[] } {
  const validation = validateProposalFields(fields);
  const material = proposalMaterialOf(fields.material, governance);
  if (!validation.ok || material.errors.length > 0)
    return { ok: false, errors: [...(validation.ok ? [] : validation.errors), ...material.errors] };
  return { ok: true, value: { ...validation.value, links: material.links } };
}

/** The fields and the deadline rule: take the proposal (late or not), or why not. */
export function decideIntake(
  fields: ProposalFieldsInput,
  meeting: MeetingRecord,
  actorIsSecretariat: boolean,
  { now, governance }: { now: Date; governance: Governance },
): IntakeDecision {
  const validation = validated(fields, governance);
  if (!validation.ok) return { kind: 'invalid', errors: validation.errors };
  const decision = decideProposalIntake({ meeting: toMeeting(meeting), now, actorIsSecretariat, governance });
  if (decision.outcome === 'refused')
    return { kind: 'refused', reason: decision.reason, deadline: decision.deadline, meeting };
  return { kind: 'take', fields: validation.value, late: decision.late, deadline: decision.deadline };
}

/** The proposal as first stored; `claim`: who posts its triage card (off the request path). */
export function newProposal(input: {
  id: string;
  meeting: MeetingRecord;
  fields: IntakeFields;
  actor: { id: string; name?: string };
  late: boolean;
  now: Date;
  claim?: TriageClaim;
}): ProposalRecord {
  const { id, meeting, fields, actor, late, claim } = input;
  const at = input.now.toISOString();
  const material = fields.links.map((link) => ({
    ...link,
    source: 'link' as const,
    addedBy: actor.id,
    addedAt: at,
  }));
  return {
    id,
    groupId: meeting.groupId,
    meetingId: meeting.id,
    title: fields.title,
    description: fields.description,
    kind: fields.kind,
    requestedMinutes: fields.requestedMinutes,
    ...(fields.materialUrl ? { materialUrl: fields.materialUrl } : {}),
    ...(fields.proposedDecision ? { proposedDecision: fields.proposedDecision } : {}),
    ...(material.length > 0 ? { material } : {}),
    proposerId: actor.id,
    ...(actor.name ? { proposerName: actor.name } : {}),
    submittedAt: at,
    late,
    status: 'proposed',
    ...(claim ? { triageClaim: claim } : {}),
  };
}
