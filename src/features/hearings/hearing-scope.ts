/**
 * What every part of the hearing service shares: its dependencies, the group that holds the
 * hearings (the steering group, whose partition they live in), the channel language, and the plain
 * reads of a hearing and its votes.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import { bodyLanguage, decidingBody } from '../../domain/governance';
import type { Group, HearingOrientation, Locale, Membership, Person } from '../../domain/model';
import type { AuditLog, ChannelMessenger } from '../../domain/ports';
import { translatorFor, type Translate } from '../../platform/i18n';
import type { WorkingGroupService } from '../working-groups';
import type { Hearing, HearingRepository, HearingResult, StoredVote } from './hearings-repository';
import { plainHearing } from './hearings-repository';

export interface HearingPeople {
  membersOf(groupId: string): Promise<Membership[]>;
  getPerson(personId: string): Promise<Person | undefined>;
}

/** A closed hearing's outcome as the steering group's next meeting record keeps it. */
export type ClosedHearingOutcome = HearingOrientation;

/**
 * Where a closed hearing's outcome goes for the steering group's next meeting record (the
 * composition root wires the meeting record here, so the hearings never import it). Idempotent.
 */
export interface HearingOutcomeSink {
  hearingClosed(outcome: ClosedHearingOutcome): Promise<unknown>;
}

export interface HearingServiceDeps {
  hearings: HearingRepository;
  /** The meeting record's orientation item of the outcome (absent: told in the channels only). */
  outcomes?: HearingOutcomeSink;
  workingGroups: WorkingGroupService;
  groups: { getGroup(groupId: string): Promise<Group | undefined> };
  people: HearingPeople;
  audit: AuditLog;
  messenger: ChannelMessenger;
  clock: Clock;
  governance: Governance;
  /** The steering channel's language (default: the steering body's in the governance file). */
  locale?: Locale;
  /** Failures of best-effort steps (card updates). */
  onError?: (error: unknown, what: string) => void;
  /**
   * How long a shared-card refresh after a vote waits for more votes to share it (default 250 ms;
   * Teams allows a few updates per second per conversation, so faster refreshes would only queue).
   */
  cardRefreshDelayMs?: number;
  /**
   * Absolute base of the bot's links (PUBLIC_BASE_URL): a shortened card links to the Teams tab
   * under it. Without it a shortened card still says so, without the link.
   */
  publicBaseUrl?: string;
}

export interface Voter {
  id: string;
  name?: string;
}

export type CloseReason = HearingResult['reason'];

export class HearingScope {
  readonly steeringGroupId: string;
  readonly locale: Locale;

  /** The Teams tab's page, for the link on a shortened card (undefined without a base URL). */
  readonly tabUrl: string | undefined;

  constructor(readonly deps: HearingServiceDeps) {
    this.steeringGroupId = decidingBody(deps.governance).id;
    this.locale = deps.locale ?? bodyLanguage(deps.governance, this.steeringGroupId);
    this.tabUrl = deps.publicBaseUrl ? `${deps.publicBaseUrl.replace(/\/+$/, '')}/tab/index.html` : undefined;
  }

  async get(hearingId: string): Promise<Hearing | undefined> {
    const stored = await this.deps.hearings.get(this.steeringGroupId, hearingId);
    return stored && plainHearing(stored);
  }

  async votes(hearingId: string): Promise<StoredVote[]> {
    return this.deps.hearings.votesOf(this.steeringGroupId, hearingId);
  }

  /** The steering channel language's catalogue (its posts are in it). */
  get t() {
    return translatorFor(this.locale);
  }

  /** Another body's channel speaks its own language (issue 26.5); the steering channel `locale`. */
  channelLanguage(groupId: string): Locale {
    return groupId === this.steeringGroupId ? this.locale : bodyLanguage(this.deps.governance, groupId);
  }

  channelTranslator(groupId: string): Translate {
    return translatorFor(this.channelLanguage(groupId));
  }
}
