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
}

export interface GroupPageView {
  group: { id: string; name: LocalizedText; kind: string; status: string; plannedEnd?: string };
  viewer: { personId: string; name: string; isSecretariat: boolean };
  timeZone: string;
  today: string;
  year: number;
  nextMeeting?: MeetingView;
  upcomingMeetings: Array<{ id: string; startsAt: string; location?: string }>;
  hearings: HearingView[];
  portfolio: InitiativeView[];
  annualWheel: WheelQuarterView[];
  members: MemberView[];
  /** Secretariat actions the server can perform (false when the service is not wired). */
  actions: { scheduleMeeting: boolean; triageProposal: boolean };
}

export interface ApiError {
  error: 'unauthorized' | 'forbidden' | 'not-found' | 'bad-request' | 'unavailable' | 'conflict';
  reason?: string;
}
