/**
 * Endorsements ("indstillinger"): a reference group speaks to the steering group as a group. A
 * member drafts a topic or proposal in the group's channel; the group votes For / Imod / Undlad
 * under its own rule (the governance file's `endorsement` on the body; default: a majority of
 * those who answer within 5 days). Endorsed: an item on the steering group's next agenda;
 * rejected: back to the author with the tally.
 *
 * Rules:
 * - one vote per member: a changed vote replaces the earlier one (one document per voter);
 * - after the period nothing more is counted (a late vote is refused, not stored);
 * - majority-of-answers: endorsed when For > Imod among those who answered; a tie rejects (the
 *   group did not speak with one voice), Undlad counts as answered but for neither side; nobody
 *   answering is For 0 = Imod 0, a tie: rejected.
 */
import { DateTime } from 'luxon';

export const ENDORSEMENT_LIMITS = { titleMinChars: 3, titleMaxChars: 120, textMaxChars: 4000 } as const;

/** Minutes an endorsed proposal gets on the steering group's agenda. */
export const ENDORSEMENT_ITEM_MINUTES = 15;

export const ENDORSEMENT_CHOICES = ['for', 'against', 'abstain'] as const;
export type EndorsementChoice = (typeof ENDORSEMENT_CHOICES)[number];

export interface EndorsementRule {
  kind: 'majority-of-answers';
  days: number;
}

export const DEFAULT_ENDORSEMENT_RULE: EndorsementRule = { kind: 'majority-of-answers', days: 5 };

export interface EndorsementTally {
  for: number;
  against: number;
  abstain: number;
}

export interface EndorsementMaterial {
  title: string;
  kind: string;
  url: string;
  source: 'link' | 'teams-file';
  addedBy: string;
  addedAt: string;
}

export type EndorsementStatus = 'open' | 'endorsed' | 'rejected';

export interface Endorsement {
  id: string;
  /** The steering group it speaks to (the partition: its agenda item is written with it). */
  steeringGroupId: string;
  referenceGroupId: string;
  title: string;
  text: string;
  material: EndorsementMaterial[];
  authorId: string;
  /** Display name at drafting (GDPR: replaced by the pseudonym). */
  authorName?: string;
  openedAt: string;
  /** End of the voting period: the close moment's instant. */
  closesAt: string;
  rule: EndorsementRule;
  status: EndorsementStatus;
  closed?: {
    at: string;
    tally: EndorsementTally;
    meetingId?: string;
    agendaItemId?: string;
  };
}

export interface EndorsementVote {
  endorsementId: string;
  steeringGroupId: string;
  voterId: string;
  voterName?: string;
  choice: EndorsementChoice;
  castAt: string;
}

/** The group's rule: its own in the governance file, else the default. */
export function endorsementRuleOf(body: { endorsement?: EndorsementRule } | undefined): EndorsementRule {
  return body?.endorsement ?? DEFAULT_ENDORSEMENT_RULE;
}

/** The period's end: `days` calendar days after drafting, in the governance time zone. */
export function endorsementClosesAt(openedAt: string, rule: EndorsementRule, timeZone: string): string {
  return DateTime.fromISO(openedAt, { zone: timeZone }).plus({ days: rule.days }).toUTC().toISO()!;
}

export function tallyOf(votes: ReadonlyArray<Pick<EndorsementVote, 'choice'>>): EndorsementTally {
  const tally: EndorsementTally = { for: 0, against: 0, abstain: 0 };
  for (const vote of votes) tally[vote.choice]++;
  return tally;
}

/** The group's decision under its rule: endorsed when For > Imod among those who answered. */
export function decideEndorsement(rule: EndorsementRule, tally: EndorsementTally): 'endorsed' | 'rejected' {
  switch (rule.kind) {
    case 'majority-of-answers':
      return tally.for > tally.against ? 'endorsed' : 'rejected';
  }
}

export type VoteDecision = { kind: 'ok' } | { kind: 'not-member' } | { kind: 'closed' };

/** Whether a vote is taken: a member's, while the endorsement is open and its period runs. */
export function decideVote(
  endorsement: Pick<Endorsement, 'status' | 'closesAt'>,
  input: { isMember: boolean; now: Date },
): VoteDecision {
  if (!input.isMember) return { kind: 'not-member' };
  if (endorsement.status !== 'open' || input.now.getTime() >= Date.parse(endorsement.closesAt))
    return { kind: 'closed' };
  return { kind: 'ok' };
}

export type FieldError = {
  field: 'title' | 'text';
  code: 'required' | 'too-short' | 'too-long';
  params?: Record<string, number>;
};

export function validateEndorsementFields(input: {
  title: string;
  text: string;
}): { ok: true; value: { title: string; text: string } } | { ok: false; errors: FieldError[] } {
  const L = ENDORSEMENT_LIMITS;
  const title = input.title.trim();
  const text = input.text.trim();
  const errors: FieldError[] = [];
  if (title.length === 0) errors.push({ field: 'title', code: 'required' });
  else if (title.length < L.titleMinChars)
    errors.push({
      field: 'title',
      code: 'too-short',
      params: { min: L.titleMinChars, actual: title.length },
    });
  else if (title.length > L.titleMaxChars)
    errors.push({ field: 'title', code: 'too-long', params: { max: L.titleMaxChars, actual: title.length } });
  if (text.length === 0) errors.push({ field: 'text', code: 'required' });
  else if (text.length > L.textMaxChars)
    errors.push({ field: 'text', code: 'too-long', params: { max: L.textMaxChars, actual: text.length } });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { title, text } };
}

/**
 * A reference group's name as the agenda item says it ("Indstilling fra referencegruppen
 * Forretning"): the body's name without its leading "Referencegruppe"/"Reference group".
 */
export function shortReferenceName(name: string): string {
  const short = name.replace(/^\s*(referencegruppen?|reference group)\s+/i, '').trim();
  return short === '' ? name : short;
}
