/**
 * The detailed agenda sent out at the 2-week deadline: the standard items, the quarter's
 * annual-wheel items, the accepted proposals and the inspiration talk's presenter, with times.
 * The standard items and the wheel are the meeting group's own (bodyAgenda: a reference group's
 * agenda has none of the steering group's items); a body without an inspiration talk has no
 * presenter.
 *
 * Order (explainable and stable):
 *   1. standard items in configured order, up to the item with role 'proposals';
 *   2. just before that item: the quarter's annual-wheel items in configured order;
 *   3. the 'proposals' item, followed by the accepted proposals: decision items first, then
 *      discussion, then orientation; within a kind by submittedAt, then by id;
 *   4. the remaining standard items.
 *   Without a 'proposals' item, wheel items and proposals come after all standard items.
 * Times: each item starts where the previous ends (elapsed minutes from the meeting start).
 */
import type { AgendaItemKind, AgendaProposal, BodyKind, Meeting } from '../../../domain/model';
import { bodyAgenda, type BodyAgenda, type Governance, type LocalizedText } from '../../../domain/governance';
import { addMinutes, instantMillis, quarterOf } from '../../../domain/time';

export type AgendaItemSource = 'standard' | 'annual-wheel' | 'proposal';

export interface ComposedAgendaItem {
  /** 1-based position. */
  number: number;
  /** The standard/wheel item id, or the proposal id. */
  id: string;
  source: AgendaItemSource;
  kind: AgendaItemKind;
  /** Standard and wheel items have both languages; a proposal has the proposer's text in both. */
  title: LocalizedText;
  minutes: number;
  startsAt: string;
  endsAt: string;
  role?: 'inspiration' | 'proposals';
  /** For the inspiration talk: the presenter's person id, or null when nobody is available. */
  presenterId?: string | null;
  proposal?: Pick<
    AgendaProposal,
    'id' | 'proposerId' | 'materialUrl' | 'proposedDecision' | 'late' | 'submittedAt'
  >;
}

export interface ComposedAgenda {
  meetingId: string;
  quarter: ReturnType<typeof quarterOf>;
  items: ComposedAgendaItem[];
  totalMinutes: number;
  meetingMinutes: number;
  /** Minutes beyond the meeting length (0 when it fits). */
  overrunMinutes: number;
  endsAt: string;
}

export interface ComposeAgendaInput {
  meeting: Meeting;
  governance: Governance;
  /** The kind of a group the governance file does not list (default: a working group). */
  groupKind?: BodyKind;
  acceptedProposals: AgendaProposal[];
  /** Person id from the inspiration rotation; undefined/null when nobody is available. */
  inspirationPresenter?: string | null;
}

const PROPOSAL_KIND_ORDER: Record<AgendaItemKind, number> = { decision: 0, discussion: 1, orientation: 2 };

/** Decision items first, then discussion, then orientation; then by submittedAt, then id. */
export function compareProposalsForAgenda(a: AgendaProposal, b: AgendaProposal): number {
  return (
    PROPOSAL_KIND_ORDER[a.kind] - PROPOSAL_KIND_ORDER[b.kind] ||
    instantMillis(a.submittedAt) - instantMillis(b.submittedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

type Draft = Omit<ComposedAgendaItem, 'number' | 'startsAt' | 'endsAt'>;

function standardDrafts(settings: BodyAgenda, inspirationPresenter?: string | null): Draft[] {
  return settings.standardAgenda.map((item) => ({
    id: item.id,
    source: 'standard',
    kind: item.kind,
    title: item.title,
    minutes: item.minutes,
    ...(item.role ? { role: item.role } : {}),
    ...(item.role === 'inspiration' ? { presenterId: inspirationPresenter ?? null } : {}),
  }));
}

function wheelDrafts(settings: BodyAgenda, quarter: ReturnType<typeof quarterOf>): Draft[] {
  return settings.annualWheel[quarter].map((item) => ({
    id: item.id,
    source: 'annual-wheel',
    kind: item.kind,
    title: item.title,
    minutes: item.minutes,
  }));
}

function proposalDrafts(acceptedProposals: AgendaProposal[]): Draft[] {
  return [...acceptedProposals].sort(compareProposalsForAgenda).map((proposal) => ({
    id: proposal.id,
    source: 'proposal',
    kind: proposal.kind,
    title: { da: proposal.title, en: proposal.title },
    minutes: proposal.requestedMinutes,
    proposal: {
      id: proposal.id,
      proposerId: proposal.proposerId,
      materialUrl: proposal.materialUrl,
      proposedDecision: proposal.proposedDecision,
      late: proposal.late,
      submittedAt: proposal.submittedAt,
    },
  }));
}

/** The wheel items just before the 'proposals' item, the proposals right after it (else all at the end). */
function inAgendaOrder(standard: Draft[], wheel: Draft[], proposals: Draft[]): Draft[] {
  const proposalsIndex = standard.findIndex((item) => item.role === 'proposals');
  if (proposalsIndex < 0) return [...standard, ...wheel, ...proposals];
  return [
    ...standard.slice(0, proposalsIndex),
    ...wheel,
    standard[proposalsIndex]!,
    ...proposals,
    ...standard.slice(proposalsIndex + 1),
  ];
}

/** Numbers the items and times them back to back from the meeting's start. */
function timed(ordered: Draft[], startsAt: string): { items: ComposedAgendaItem[]; totalMinutes: number } {
  let cursor = startsAt;
  let totalMinutes = 0;
  const items = ordered.map((draft, index): ComposedAgendaItem => {
    const itemStartsAt = addMinutes(cursor, 0);
    const endsAt = addMinutes(cursor, draft.minutes);
    cursor = endsAt;
    totalMinutes += draft.minutes;
    return { number: index + 1, ...draft, startsAt: itemStartsAt, endsAt };
  });
  return { items, totalMinutes };
}

export function composeDetailedAgenda({
  meeting,
  governance,
  groupKind,
  acceptedProposals,
  inspirationPresenter,
}: ComposeAgendaInput): ComposedAgenda {
  const quarter = quarterOf(meeting.startsAt, governance.timeZone);
  const settings = bodyAgenda(governance, meeting.groupId, groupKind);
  const ordered = inAgendaOrder(
    standardDrafts(settings, inspirationPresenter),
    wheelDrafts(settings, quarter),
    proposalDrafts(acceptedProposals),
  );
  const { items, totalMinutes } = timed(ordered, meeting.startsAt);
  const meetingMinutes =
    meeting.durationMinutes > 0 ? meeting.durationMinutes : governance.meeting.lengthMinutes;
  return {
    meetingId: meeting.id,
    quarter,
    items,
    totalMinutes,
    meetingMinutes,
    overrunMinutes: Math.max(0, totalMinutes - meetingMinutes),
    endsAt: addMinutes(meeting.startsAt, totalMinutes),
  };
}
