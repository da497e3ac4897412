/**
 * Extending a working group (issue 22.3): the parent reference group decides. An extension
 * request (new end date, reason) is voted in the parent's channel, For / Imod, one vote per
 * current member of the parent (a changed vote replaces the earlier one), under the parent body's
 * endorsement rule from the governance file (`endorsement`; default: a majority of those who
 * answer within 5 days). The secretariat may instead record that the parent decided it at a
 * meeting. Pure: the rules only, no storage.
 *
 * Rules:
 * - approved when For > Imod among those who answered; a tie (nobody answering included) rejects:
 *   the group did not decide to extend, so the planned end stands;
 * - after the period nothing more is counted (a late vote is refused);
 * - a request is open, approved or rejected; only an open one is voted on or decided.
 */
import { DateTime } from 'luxon';

export const EXTENSION_CHOICES = ['for', 'against'] as const;
export type ExtensionChoice = (typeof EXTENSION_CHOICES)[number];

export interface ExtensionRule {
  kind: 'majority-of-answers';
  days: number;
}

export const DEFAULT_EXTENSION_RULE: ExtensionRule = { kind: 'majority-of-answers', days: 5 };

export interface ExtensionTally {
  for: number;
  against: number;
}

export type ExtensionStatus = 'open' | 'approved' | 'rejected';

export interface ExtensionRequest {
  id: string;
  groupId: string;
  /** The parent reference group: it votes, and its partition holds the request and the votes. */
  parentGroupId: string;
  from: string;
  to: string;
  reason: string;
  requesterId: string;
  openedAt: string;
  closesAt: string;
  rule: ExtensionRule;
  status: ExtensionStatus;
  closed?: {
    at: string;
    tally: ExtensionTally;
    /** Set when the secretariat recorded the parent's decision at a meeting instead of the vote. */
    meetingId?: string;
    by?: string;
  };
}

export interface ExtensionVote {
  requestId: string;
  parentGroupId: string;
  voterId: string;
  choice: ExtensionChoice;
  castAt: string;
}

/** The parent body's rule: its `endorsement` in the governance file, else the default. */
export function extensionRuleOf(body: { endorsement?: ExtensionRule } | undefined): ExtensionRule {
  return body?.endorsement ?? DEFAULT_EXTENSION_RULE;
}

/** The period's end: `days` calendar days after the request, in the governance time zone. */
export function extensionClosesAt(openedAt: string, rule: ExtensionRule, timeZone: string): string {
  return DateTime.fromISO(openedAt, { zone: timeZone }).plus({ days: rule.days }).toUTC().toISO()!;
}

export function extensionTallyOf(votes: ReadonlyArray<Pick<ExtensionVote, 'choice'>>): ExtensionTally {
  const tally: ExtensionTally = { for: 0, against: 0 };
  for (const vote of votes) tally[vote.choice]++;
  return tally;
}

/** The parent's decision under its rule: approved when For > Imod among those who answered. */
export function decideExtension(rule: ExtensionRule, tally: ExtensionTally): 'approved' | 'rejected' {
  switch (rule.kind) {
    case 'majority-of-answers':
      return tally.for > tally.against ? 'approved' : 'rejected';
  }
}

export type ExtensionVoteDecision = { kind: 'ok' } | { kind: 'not-member' } | { kind: 'closed' };

/** Whether a vote is taken: a current member's of the parent, while the request is open and its period runs. */
export function decideExtensionVote(
  request: Pick<ExtensionRequest, 'status' | 'closesAt'>,
  input: { isMember: boolean; now: Date },
): ExtensionVoteDecision {
  if (!input.isMember) return { kind: 'not-member' };
  if (request.status !== 'open' || input.now.getTime() >= Date.parse(request.closesAt))
    return { kind: 'closed' };
  return { kind: 'ok' };
}

/** The request id: the group and the asked end date (a re-sent request is the same request). */
export function extensionRequestId(groupId: string, from: string, to: string): string {
  return `${groupId}-${from}-${to}`.replace(/[^A-Za-z0-9-]/g, '').slice(0, 100);
}
