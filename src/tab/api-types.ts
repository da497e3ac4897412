/**
 * The JSON the tab API returns, shared by the server (src/tab) and the browser client
 * (src/tab/client). Types only: the client bundle imports nothing at runtime from here.
 * Instants are ISO strings (UTC); the client formats them in the group's time zone.
 */
import type { LocalizedText } from '../domain/governance';

export type TrafficLightView = 'green' | 'yellow' | 'red';

export interface TabConfigView {
  /** The dev sign-in form is offered (development mode only). */
  devSignIn: boolean;
  /** Teams SSO is configured (TAB_APP_ID and the tenant). */
  sso: boolean;
}

export interface MeView {
  personId: string;
  name: string;
  isSecretariat: boolean;
  /** The groups the viewer may open (their active memberships; every group for the secretariat). */
  groups: Array<{ id: string; name: LocalizedText; kind: string }>;
}

/** The tab's person picker: who the people search found (GET /api/tab/people?q=). */
export interface PeopleSearchView {
  query: string;
  results: Array<{ id: string; name: string; email?: string }>;
}

export interface DevPersonView {
  id: string;
  name: string;
}

export interface TimelineMomentView {
  kind: string;
  instant: string;
  past: boolean;
}

export interface AgendaItemView {
  /** The agenda item's id (a standard item's, or its proposal's): the decision log links to it. */
  id: string;
  number: number;
  title: LocalizedText;
  kind: string;
  source: string;
  minutes: number;
  startsAt: string;
  presenterName?: string;
  proposerName?: string;
  proposedDecision?: string;
  materialUrl?: string;
  late?: boolean;
}

export interface AgendaView {
  items: AgendaItemView[];
  totalMinutes: number;
  meetingMinutes: number;
  overrunMinutes: number;
  /** "Opfølgning": the group's open follow-up actions from earlier meetings, by due date. */
  followUp: FollowUpLineView[];
}

export interface FollowUpLineView {
  what: string;
  ownerName: string;
  /** YYYY-MM-DD (Copenhagen). */
  dueDate: string;
  /** Due before the meeting's day. */
  overdue: boolean;
}

export interface ProposalView {
  id: string;
  title: string;
  kind: string;
  requestedMinutes: number;
  status: string;
  late: boolean;
  proposerName?: string;
  submittedAt: string;
  triageReason?: string;
}

export interface StatusReportView {
  groupId: string;
  groupName: LocalizedText;
  initiativeId: string;
  initiativeTitle: string;
  status: TrafficLightView;
  reason?: string;
  progress: string;
  recommendation?: string;
  late: boolean;
  submittedByName?: string;
}

export interface MeetingView {
  id: string;
  groupId: string;
  startsAt: string;
  durationMinutes: number;
  location?: string;
  status: string;
  timeline: TimelineMomentView[];
  agenda?: AgendaView;
  proposals: ProposalView[];
  /** Status reports for this (steering) meeting; null when the meeting gathers none. */
  statusReports: StatusReportView[] | null;
}

export interface HearingView {
  id: string;
  title: string;
  proposingGroupName: LocalizedText;
  openedAt: string;
  closesAt: string;
  approve: number;
  reject: number;
  abstain: number;
  cast: number;
  eligibleCount: number;
}

export interface InitiativeView {
  id: string;
  groupId: string;
  title: string;
  responsible: string;
  status: TrafficLightView;
  statusReason?: string;
  phase: string;
  startDate: string;
  endDate: string;
  financing: string;
  budgetedKr: number;
  spentKr: number;
  closedOn?: string;
}

export interface WheelQuarterView {
  quarter: string;
  items: Array<{ id: string; title: LocalizedText; minutes: number; kind: string }>;
  meetings: Array<{ id: string; startsAt: string; status: string }>;
}

export interface MemberView {
  personId: string;
  name: string;
  organisation: string;
  role: string;
  termStart: string;
  plannedEnd?: string;
  /** The term ends within the governance warning period. */
  endingSoon: boolean;
  /**
   * Inspiration talks given (meetings not cancelled, already started) and the last one's start; in
   * a group whose agenda has the talk, for the members who take turns or have given one.
   */
  inspirationTalks?: { given: number; lastAt?: string; nextAt?: string };
}

/** Whether the member may be appointed again (the appointment rules on the day the seat must be taken). */
export type ReappointmentView =
  | { kind: 'reappointable'; latestEnd: string }
  | { kind: 'no-term-limit' }
  | { kind: 'exempt' }
  | { kind: 'must-replace'; rule: string; earliestReappointment?: string }
  | { kind: 'left' };

export interface ReplacementRowView {
  /** ending: the term ends within the window; vacant: a member left the seat; unfilled: seats nobody left. */
  kind: 'ending' | 'vacant' | 'unfilled';
  organisationKind: string;
  /**
   * The kind's name in the viewer's language, from the governance file (issue 23.1); absent for
   * the municipal kind, which the client's catalogue names.
   */
  kindName?: string;
  /** The member's organisation (or the kind, for unfilled seats). */
  organisation: string;
  /** An organisation the governance file marks exemptFromTerms: it appoints its own. */
  exempt: boolean;
  /** The day the seat must be taken again (in the past for a vacant seat). */
  replaceBy: string;
  personId?: string;
  name?: string;
  role?: string;
  daysLeft?: number;
  /** Unfilled: how many seats. */
  count?: number;
  reappointment?: ReappointmentView;
}

/** Who must be replaced in which body and by when (the secretariat only). */
export interface ReplacementsView {
  date: string;
  days: number;
  until: string;
  bodies: Array<{ groupId: string; name: LocalizedText; rows: ReplacementRowView[] }>;
}

export interface GroupPageView {
  group: { id: string; name: LocalizedText; kind: string; status: string; plannedEnd?: string };
  viewer: { personId: string; name: string; isSecretariat: boolean };
  timeZone: string;
  today: string;
  /** The annual wheel's year: the next meeting's (Copenhagen), or this year without one. */
  year: number;
  nextMeeting?: MeetingView;
  upcomingMeetings: Array<{ id: string; startsAt: string; location?: string }>;
  hearings: HearingView[];
  portfolio: InitiativeView[];
  annualWheel: WheelQuarterView[];
  members: MemberView[];
  /** The secretariat only: every body's on the secretariat's own page, else this group's. */
  replacements?: ReplacementsView;
  /** Secretariat actions the server can perform (false when the service is not wired). */
  actions: { scheduleMeeting: boolean; triageProposal: boolean };
}

/** One decision of the log (GET /api/tab/decisions): the record's DecisionRow. */
export interface DecisionRowView {
  groupId: string;
  groupName: LocalizedText;
  meetingId: string;
  /** The meeting's Copenhagen date, YYYY-MM-DD. */
  meetingDate: string;
  itemId: string;
  number: number;
  title: LocalizedText;
  kind: string;
  decision: string;
  /** The minutes' status: draft or approved. */
  status: string;
  /** The agenda item's material (an https URL), when it has any. */
  material?: string;
}

export interface DecisionLogView {
  decisions: DecisionRowView[];
}

/** The tab's record form (record-api.ts). */
export interface RecordItemView {
  itemId: string;
  number: number;
  title: string;
  revision: number;
  decision: string;
  notes: string;
  actions: Array<{ what: string; ownerName: string; dueDate: string; status: 'open' | 'closed' }>;
}

export interface RecordPageView {
  meetingId: string;
  startsAt: string;
  /** The body's time zone (the meeting's local time). */
  timeZone: string;
  /** The minutes are approved: nothing can be saved (a correction is a new version, from the bot). */
  approved: boolean;
  /** The caller may record (the secretariat or the named minute-taker). */
  editable: boolean;
  items: RecordItemView[];
  /** The group's current members: who an action can be given to. */
  owners: Array<{ id: string; name: string }>;
}

export interface ApiError {
  error: 'unauthorized' | 'forbidden' | 'not-found' | 'bad-request' | 'unavailable' | 'conflict' | 'invalid';
  reason?: string;
  /** `invalid`: what is wrong with each field, in the caller's language (every field at once). */
  fields?: Record<string, string>;
}
