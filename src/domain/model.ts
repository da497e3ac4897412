/**
 * The shared vocabulary of the domain: plain data, no behaviour, no I/O.
 * Rules over these types live in the sibling modules (timeline, agenda, terms, hearing, budget, ...).
 * Dates are ISO-8601 strings in storage and in these types: instants with offset
 * (`2027-04-01T08:00:00.000Z`), calendar dates as `YYYY-MM-DD`.
 */
import type { LocalizedText } from './local-text';

/**
 * A language code ("da", "en", "nb"). The languages the bot speaks are the catalogues registered in
 * src/platform/i18n (one place, issue 23); the domain takes any code, and the governance loader
 * refuses a file naming a language without a catalogue.
 */
export type Locale = string;

/**
 * board: the deciding body (FKI's steering group); reference: an advisory group; working: an ad hoc
 * working group; administration: the staff that runs the bodies (a secretariat); management: the
 * management that may ask for input. Which body holds which role is the governance file's `roles`.
 */
export type BodyKind = 'board' | 'reference' | 'working' | 'administration' | 'management';

/**
 * 'municipality' (the built-in kind of municipal members) or the id of an organisation the
 * governance file lists (issue 23.1); the schemas check it against the file, not this type.
 */
export type OrganisationKind = string;

export interface Organisation {
  kind: OrganisationKind;
  /** Municipality code (e.g. "101" København) when kind is municipality. */
  municipalityCode?: string;
  name: string;
}

/** A group the bot serves (one Teams channel each). Permanent ones come from config, working groups are created. */
export interface Group {
  id: string; // e.g. "steering", "ref-forretning", "wg-<slug>"
  kind: BodyKind;
  /** By language (any of them; a body's from the governance file). Read it with localText. */
  name: LocalizedText;
  /** For a working group: the reference group it reports to. */
  parentGroupId?: string;
  status: 'active' | 'dissolved';
  /** For a working group. */
  plannedEnd?: string; // YYYY-MM-DD
  createdAt: string;
  dissolvedAt?: string;
}

export interface Person {
  /** Entra ID object id (activity.from.aadObjectId). */
  id: string;
  name: string;
  email?: string;
  organisation: Organisation;
  /** Set when the person's data was erased/anonymised (GDPR); decisions keep the pseudonym. */
  anonymisedAt?: string;
}

/** staff: works for the bodies without a seat (the administration's people). */
export type MemberRole = 'member' | 'chair' | 'staff';

export interface Membership {
  personId: string;
  groupId: string;
  role: MemberRole;
  termStart: string; // YYYY-MM-DD
  plannedEnd?: string; // YYYY-MM-DD
  endedOn?: string; // YYYY-MM-DD, set when the person left
  /**
   * The organisation the person was appointed for (a person may sit for an organisation in one body and for a
   * municipality in another). Records from before it was kept here have none: the people
   * repository fills in the person's organisation when it reads them.
   */
  organisation?: Organisation;
}

export type MeetingStatus = 'scheduled' | 'cancelled' | 'held';

export interface Meeting {
  id: string;
  groupId: string;
  /** Start instant (ISO with Z); local time is the governance file's time zone. */
  startsAt: string;
  durationMinutes: number;
  location?: string;
  status: MeetingStatus;
}

export type AgendaItemKind = 'orientation' | 'discussion' | 'decision';

export type ProposalStatus = 'proposed' | 'accepted' | 'rejected' | 'deferred' | 'withdrawn';

export interface AgendaProposal {
  id: string;
  groupId: string;
  meetingId: string;
  title: string;
  description: string;
  kind: AgendaItemKind;
  requestedMinutes: number;
  materialUrl?: string;
  /** "indstilling": the proposed decision, required for a decision item. */
  proposedDecision?: string;
  proposerId: string;
  submittedAt: string;
  late: boolean;
  status: ProposalStatus;
  triage?: { by: string; at: string; reason?: string; deferredToMeetingId?: string };
}

export type VoteChoice = 'approve' | 'reject' | 'abstain';

export interface Vote {
  voterId: string;
  choice: VoteChoice;
  comment?: string;
  castAt: string;
}

export type HearingOutcome = 'approved' | 'rejected' | 'no-quorum';

/**
 * A closed written hearing's result as the steering group's next meeting record keeps it (an
 * orientation item): one shape for the hearing that tells it and the record that keeps it.
 */
export interface HearingOrientation {
  /** The group that held the hearing (the steering group). */
  groupId: string;
  hearingId: string;
  /** What was proposed (the working group's title). */
  title: string;
  outcome: HearingOutcome;
  approve: number;
  reject: number;
  abstain: number;
  /** How many could vote. */
  eligible: number;
  /** When the hearing closed. */
  decidedAt: string;
}

export type TrafficLight = 'green' | 'yellow' | 'red';

// ---- channels and the audit log: plain records shared by the storage repositories and the
// services' ports (storage may not import services, so they live here).

/** The link between a group and its one Teams channel. */
export interface ChannelBinding {
  groupId: string;
  teamId: string;
  channelId: string;
  channelName?: string;
  tenantId?: string;
  boundBy: string;
  boundAt: string;
}

/** Bind result: either the binding was written, or the rule that refused it. */
export type BindOutcome =
  | { kind: 'bound'; binding: ChannelBinding }
  | { kind: 'already-bound-here'; binding: ChannelBinding }
  | { kind: 'group-bound-elsewhere'; existing: ChannelBinding }
  | { kind: 'channel-bound-to-other'; existing: ChannelBinding };

/** A Teams channel the bot knows about, with the conversation reference the proactive sender uses. */
export interface KnownChannel {
  teamId: string;
  channelId: string;
  channelName?: string;
  /** botbuilder ConversationReference as plain JSON (serviceUrl, conversation, bot, ...). */
  conversationReference: Record<string, unknown>;
}

/** A team the bot is installed in. */
export interface InstalledTeam {
  teamId: string;
  teamName?: string;
  tenantId?: string;
  installedAt: string;
  /** The Bot Framework service URL of the team (needed for proactive messages). */
  serviceUrl?: string;
}

/** One entry of the append-only audit log. */
export interface AuditEntry {
  at: string;
  actorId: string;
  action: string;
  /** What the action was about, e.g. "group:steering". */
  subject: string;
  details?: Record<string, unknown>;
}
