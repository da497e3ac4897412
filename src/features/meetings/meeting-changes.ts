/**
 * Cancelling and moving a meeting with confirmation (issue 26.6): first the consequences (the
 * accepted and pending proposals, the hearings to be told at it, their material, the reminders that
 * stop or move, the record if one exists), then, on Confirm, the change, a personal message to
 * each proposer concerned and a notice in the group's channel.
 *
 * A confirmation acts on what it showed: it carries the meeting's calendar sequence, and a meeting
 * changed since is not touched (the new consequences are shown instead). Done is done once: the
 * meeting service's etag-guarded change lets one of two confirmations win, so the proposers hear
 * of it once and a second Confirm says it is already done.
 *
 * Reminders on a move: a moment's exactly-once key carries its instant (domain/timeline), so a
 * moved meeting's reminders get new keys and go out again at their new time. A reminder already
 * sent whose local date stays the same (the meeting moved within its day) is not sent again: its
 * new key is recorded in the ledger as skipped. One whose date changed is sent again, with the new
 * date, as the timeline intends (the new deadlines are announced).
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { Group } from '../../domain/model';
import type { ChannelMessenger, GroupRegistry } from '../../domain/ports';
import type { Moment } from '../../domain/timeline';
import { personAddress } from '../../domain/person-address';
import { localDate } from '../../domain/time';
import type { SchedulerLedger } from '../../platform/scheduler/ledger';
import type { Log } from '../../platform/teams/log';
import { activeReferenceGroupIdsOf, reminderMomentsOf } from './meeting-moments';
import type { MeetingRecord } from './meetings-repository';
import type { ChangeResult, MeetingService } from './meetings-service';

/** A proposal for the meeting that a change concerns (accepted or awaiting triage). */
export interface AffectedProposal {
  id: string;
  title: string;
  proposerId: string;
  status: 'accepted' | 'proposed';
  /** How many pieces of material (bilag) it carries. */
  material: number;
}

export interface LinkedHearing {
  id: string;
  title: string;
}

/**
 * What other features hold about a meeting. The agenda, hearings and record features import the
 * meetings feature, so the composition root (src/app) fills this port instead of an import back.
 */
export interface MeetingImpactSource {
  /** The meeting's accepted and pending proposals. */
  proposals(meeting: MeetingRecord): Promise<AffectedProposal[]>;
  /** Hearings whose outcome is to be told at the meeting. */
  hearings(meeting: MeetingRecord): Promise<LinkedHearing[]>;
  /** Whether the meeting has (draft or approved) minutes. */
  hasRecord(meeting: MeetingRecord): Promise<boolean>;
}

/** What happens to one reminder: it stops (cancel), moves, goes out again, or was sent and stays. */
export type ReminderFate = 'stop' | 'move' | 'resend' | 'kept';

export interface ReminderChange {
  moment: Moment;
  fate: ReminderFate;
  /** The same reminder of the moved meeting (moves only). */
  next?: Moment;
}

export interface MeetingConsequences {
  meeting: MeetingRecord;
  /** The new start of a move. */
  target?: string;
  accepted: AffectedProposal[];
  pending: AffectedProposal[];
  hearings: LinkedHearing[];
  material: number;
  hasRecord: boolean;
  reminders: ReminderChange[];
  /** The proposers to tell, once each. */
  proposerIds: string[];
}

/** The ledger as a change uses it: read what was sent, record a reminder that must not go out. */
export type ReminderLedger = Pick<SchedulerLedger, 'get' | 'claim' | 'markSkipped'>;

/**
 * How a finished change is told (the feature builds the texts): the channel's in its body's
 * language, each proposer's in their own (issue 26.5).
 */
export interface ChangeNotices {
  toProposer(
    consequences: MeetingConsequences,
    proposals: AffectedProposal[],
    after: MeetingRecord,
    proposerId: string,
  ): Promise<string>;
  toChannel(consequences: MeetingConsequences, after: MeetingRecord): Promise<string>;
}

export interface MeetingChangeDeps {
  meetings: MeetingService;
  impact: MeetingImpactSource;
  ledger: ReminderLedger;
  groups: Pick<GroupRegistry, 'listGroups'>;
  messenger: ChannelMessenger;
  governance: Governance;
  clock: Clock;
  log: Pick<Log, 'warn'>;
}

export type ConfirmResult =
  | { kind: 'done'; meeting: MeetingRecord; previous: MeetingRecord; consequences: MeetingConsequences }
  /** A second Confirm, or a stale card of a change already made. */
  | { kind: 'already'; meeting: MeetingRecord }
  /** The meeting changed since the card was made: nothing done; these are the new consequences. */
  | { kind: 'changed'; consequences: MeetingConsequences }
  | Extract<ChangeResult, { kind: 'not-found' | 'not-scheduled' | 'same-day-exists' | 'invalid' }>;

const MOVE_HOLDER = 'meeting-move';

function pairKey(moment: Moment): string {
  return `${moment.kind}:${moment.groupId}:${moment.about ?? ''}`;
}

export class MeetingChanges {
  constructor(private readonly deps: MeetingChangeDeps) {}

  private get timeZone(): string {
    return this.deps.governance.timeZone;
  }

  /** The consequences of cancelling the meeting (no target) or moving it to `target`. */
  async consequences(meeting: MeetingRecord, target?: string): Promise<MeetingConsequences> {
    const { impact } = this.deps;
    const [proposals, hearings, hasRecord, reminders] = await Promise.all([
      impact.proposals(meeting),
      impact.hearings(meeting),
      impact.hasRecord(meeting),
      this.reminderChanges(meeting, target),
    ]);
    const accepted = proposals.filter((proposal) => proposal.status === 'accepted');
    const pending = proposals.filter((proposal) => proposal.status === 'proposed');
    return {
      meeting,
      ...(target ? { target } : {}),
      accepted,
      pending,
      hearings,
      material: proposals.reduce((sum, proposal) => sum + proposal.material, 0),
      hasRecord,
      reminders,
      proposerIds: [...new Set(proposals.map((proposal) => proposal.proposerId))].sort(),
    };
  }

  /** Confirm on a cancellation card made when the meeting had calendar sequence `sequence`. */
  async confirmCancel(
    groupId: string,
    meetingId: string,
    sequence: number,
    actorId: string,
    notices: ChangeNotices,
  ): Promise<ConfirmResult> {
    const current = await this.deps.meetings.get(groupId, meetingId);
    if (!current) return { kind: 'not-found' };
    if (current.status === 'cancelled') return { kind: 'already', meeting: current };
    if (current.status !== 'scheduled') return { kind: 'not-scheduled', meeting: current };
    if ((current.sequence ?? 0) !== sequence)
      return { kind: 'changed', consequences: await this.consequences(current) };
    const consequences = await this.consequences(current);
    const result = await this.deps.meetings.cancel(groupId, meetingId, actorId, sequence);
    if (result.kind === 'stale')
      return { kind: 'changed', consequences: await this.consequences(result.meeting) };
    if (result.kind === 'not-scheduled')
      return result.meeting.status === 'cancelled' ? { kind: 'already', meeting: result.meeting } : result;
    if (result.kind !== 'changed') return { kind: 'not-found' };
    await this.tell(consequences, result.meeting, notices);
    return { kind: 'done', meeting: result.meeting, previous: result.previous, consequences };
  }

  /** Confirm on a move card: the meeting to `date` `time` (as the card carries them, normalised). */
  async confirmMove(
    input: {
      groupId: string;
      meetingId: string;
      sequence: number;
      date: string;
      time: string;
      actorId: string;
    },
    notices: ChangeNotices,
  ): Promise<ConfirmResult> {
    const { groupId, meetingId, sequence } = input;
    const current = await this.deps.meetings.get(groupId, meetingId);
    if (!current) return { kind: 'not-found' };
    if (current.status !== 'scheduled') return { kind: 'not-scheduled', meeting: current };
    const resolved = this.deps.meetings.resolveSlot(input.date, input.time);
    if (resolved.startsAt === current.startsAt) return { kind: 'already', meeting: current };
    if (!resolved.startsAt) return this.invalid(resolved);
    if ((current.sequence ?? 0) !== sequence)
      return { kind: 'changed', consequences: await this.consequences(current, resolved.startsAt) };
    const consequences = await this.consequences(current, resolved.startsAt);
    const result = await this.deps.meetings.move(
      groupId,
      meetingId,
      input.date,
      input.time,
      input.actorId,
      sequence,
    );
    if (result.kind === 'stale')
      return result.meeting.startsAt === resolved.startsAt
        ? { kind: 'already', meeting: result.meeting }
        : { kind: 'changed', consequences: await this.consequences(result.meeting, resolved.startsAt) };
    if (result.kind !== 'changed') return result;
    await this.keepSentReminders(result.previous, result.meeting);
    await this.tell(consequences, result.meeting, notices);
    return { kind: 'done', meeting: result.meeting, previous: result.previous, consequences };
  }

  private invalid(resolved: ReturnType<MeetingService['resolveSlot']>): ConfirmResult {
    return {
      kind: 'invalid',
      error: resolved.error!,
      slot: resolved.slot,
      problems: resolved.problems ?? {},
    };
  }

  private async momentsOf(meeting: MeetingRecord): Promise<Moment[]> {
    const groupList: Group[] = await this.deps.groups.listGroups();
    const groups = new Map(groupList.map((group) => [group.id, group]));
    return reminderMomentsOf(this.deps.governance, meeting, groups, activeReferenceGroupIdsOf(groupList));
  }

  /** Each reminder of the meeting and its fate: stops (cancel), or moves / goes out again / stays sent. */
  private async reminderChanges(meeting: MeetingRecord, target?: string): Promise<ReminderChange[]> {
    const now = this.deps.clock.now().getTime();
    const before = await this.momentsOf(meeting);
    if (!target)
      return before
        .filter((moment) => Date.parse(moment.instant) > now)
        .map((moment) => ({ moment, fate: 'stop' as const }));
    const after = new Map(
      (await this.momentsOf({ ...meeting, startsAt: target })).map((moment) => [pairKey(moment), moment]),
    );
    const changes: ReminderChange[] = [];
    for (const moment of before) {
      const next = after.get(pairKey(moment));
      if (!next) continue;
      const sent = Date.parse(moment.instant) <= now && (await this.wasSent(moment));
      const fate: ReminderFate = !sent ? 'move' : this.sameDay(moment, next) ? 'kept' : 'resend';
      changes.push({ moment, fate, next });
    }
    return changes;
  }

  private sameDay(a: Moment, b: Moment): boolean {
    return localDate(a.instant, this.timeZone) === localDate(b.instant, this.timeZone);
  }

  private async wasSent(moment: Moment): Promise<boolean> {
    return (await this.deps.ledger.get(moment.key))?.status === 'sent';
  }

  /**
   * After a move within the day: the reminders already sent for the old time keep their date, so
   * their new keys are recorded as skipped and the scan does not send them a second time.
   */
  private async keepSentReminders(previous: MeetingRecord, moved: MeetingRecord): Promise<void> {
    const now = this.deps.clock.now();
    const after = new Map((await this.momentsOf(moved)).map((moment) => [pairKey(moment), moment]));
    for (const moment of await this.momentsOf(previous)) {
      const next = after.get(pairKey(moment));
      if (!next || next.key === moment.key || !this.sameDay(moment, next)) continue;
      if (Date.parse(moment.instant) > now.getTime() || !(await this.wasSent(moment))) continue;
      const entry = await this.deps.ledger.claim({
        key: next.key,
        kind: next.kind,
        groupId: next.groupId,
        dueAt: new Date(next.instant),
        holderId: MOVE_HOLDER,
        now,
      });
      if (entry)
        await this.deps.ledger.markSkipped(
          entry,
          `already sent as ${moment.key} (meeting moved within the day)`,
        );
    }
  }

  /** The proposers concerned (one message each, with their proposals) and the group's channel. */
  private async tell(
    consequences: MeetingConsequences,
    after: MeetingRecord,
    notices: ChangeNotices,
  ): Promise<void> {
    const { messenger, log } = this.deps;
    const proposals = [...consequences.accepted, ...consequences.pending];
    for (const proposerId of consequences.proposerIds) {
      const own = proposals.filter((proposal) => proposal.proposerId === proposerId);
      await notices
        .toProposer(consequences, own, after, proposerId)
        .then((text) => messenger.postToGroup(personAddress(proposerId), { text }))
        .catch((error: unknown) => {
          log.warn(
            { err: String(error), meetingId: after.id },
            'meeting change: a proposer could not be told',
          );
        });
    }
    await notices
      .toChannel(consequences, after)
      .then((text) => messenger.postToGroup(after.groupId, { text }))
      .catch((error: unknown) => {
        log.warn(
          { err: String(error), meetingId: after.id },
          "meeting change: the group's channel could not be told",
        );
      });
  }
}
