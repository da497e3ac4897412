/**
 * The meeting's agenda: the draft at any time (`dagsorden`) and the detailed agenda posted at the
 * 2-week moment (the scheduler's onDetailedAgendaDue hook).
 *
 * Inspiration-talk presenter: ranked by the domain rotation over the group's municipal members
 * (member register) and the recorded talks. The draft only previews the pick; publishing the
 * detailed agenda RECORDS it (one record per meeting, so a retried hook is harmless and the
 * rotation advances for the next meeting). A cancelled meeting's record does not count (its
 * presenter keeps the turn); a moved meeting keeps its recorded presenter. A body without an
 * inspiration talk (its agenda settings, e.g. a reference group) gets no presenter and no record.
 * A presenter may hand the talk to another member who agrees (presenter-swap-service.ts): the
 * record then names that member, and publishing keeps it (it only records where none exists).
 */
import { composeDetailedAgenda, type ComposedAgenda } from './domain/agenda';
import { bodyAgenda, type Governance } from '../../domain/governance';
import type { Membership, Person } from '../../domain/model';
import { inspirationRanking, type RankedPresenter } from '../../domain/rotation';
import type { MeetingRecord, MeetingRepository } from '../meetings';
import { toMeeting } from '../meetings';
import type { ProposalRecord, ProposalRepository } from './proposals-repository';
import { followUpLines, type AgendaFollowUps, type FollowUpLine } from './follow-up-section';

/** Where the people come from (the PeopleRepository fits). */
export interface PeopleSource {
  membersOf(groupId: string): Promise<Membership[]>;
  getPerson(personId: string): Promise<Person | undefined>;
}

export interface AgendaView {
  meeting: MeetingRecord;
  agenda: ComposedAgenda;
  /** Accepted proposals by id (for proposer names, material, proposed decisions). */
  proposals: Map<string, ProposalRecord>;
  presenter?: { personId: string; name: string; recorded: boolean };
  /** "Opfølgning": the group's open follow-up actions from earlier meetings (follow-up-section.ts). */
  followUp?: FollowUpLine[];
}

export class AgendaService {
  constructor(
    /** The meetings and their talk records (the presenter swap reads and hands over the talk there). */
    readonly meetings: MeetingRepository,
    private readonly proposals: ProposalRepository,
    /** The member register (the presenter swap names the members from it). */
    readonly people: PeopleSource,
    private readonly governance: Governance,
    /** The open follow-up actions (the meeting record's, through the composition root). */
    private readonly followUps?: AgendaFollowUps,
  ) {}

  /** The agenda as it stands now (presenter previewed, not recorded). */
  async draft(meeting: MeetingRecord): Promise<AgendaView> {
    const presenter = this.hasInspirationTalk(meeting) ? await this.presenter(meeting) : undefined;
    const accepted = await this.proposals.acceptedForMeeting(meeting.groupId, meeting.id);
    const agenda = composeDetailedAgenda({
      meeting: toMeeting(meeting),
      governance: this.governance,
      acceptedProposals: accepted,
      inspirationPresenter: presenter?.personId ?? null,
    });
    const followUp = await followUpLines(this.followUps, meeting, this.governance.timeZone);
    return { meeting, agenda, proposals: new Map(accepted.map((p) => [p.id, p])), presenter, followUp };
  }

  /**
   * The detailed agenda at the 2-week moment: records the presenter (advancing the rotation) and
   * returns the final view. Idempotent: a second call keeps the first recorded presenter.
   */
  async publish(meeting: MeetingRecord): Promise<AgendaView> {
    const toRecord =
      meeting.status !== 'cancelled' &&
      this.hasInspirationTalk(meeting) &&
      !(await this.meetings.inspirationTalk(meeting.groupId, meeting.id));
    if (toRecord) {
      const pick = await this.rankPresenter(meeting);
      // Create-if-absent: a swap that handed the talk over since the check above is kept.
      if (pick) {
        await this.meetings.recordInspirationTalkOnce({
          personId: pick.personId,
          at: meeting.startsAt,
          groupId: meeting.groupId,
          meetingId: meeting.id,
        });
      }
    }
    return this.draft(meeting);
  }

  hasInspirationTalk(meeting: Pick<MeetingRecord, 'groupId'>): boolean {
    return bodyAgenda(this.governance, meeting.groupId).inspirationTalk;
  }

  /** The recorded presenter, else the rotation's pick (a preview). */
  async presenter(meeting: MeetingRecord): Promise<AgendaView['presenter']> {
    const recorded = await this.meetings.inspirationTalk(meeting.groupId, meeting.id);
    if (recorded) {
      const person = await this.people.getPerson(recorded.personId);
      return { personId: recorded.personId, name: person?.name ?? recorded.personId, recorded: true };
    }
    const pick = await this.rankPresenter(meeting);
    return pick && { ...pick, recorded: false };
  }

  private async rankPresenter(
    meeting: MeetingRecord,
  ): Promise<{ personId: string; name: string } | undefined> {
    const [first] = await this.ranking(meeting);
    return first ? { personId: first.personId, name: first.name } : undefined;
  }

  /** The rotation's ranking of the group's candidates at the meeting (its own record left out). */
  async ranking(meeting: MeetingRecord): Promise<RankedPresenter[]> {
    const memberships = await this.people.membersOf(meeting.groupId);
    const people: Person[] = [];
    for (const personId of new Set(memberships.map((m) => m.personId))) {
      const person = await this.people.getPerson(personId);
      if (person) people.push(person);
    }
    // Talks at other meetings only: this meeting's own record would make the pick look "recent".
    const talks = (await this.meetings.inspirationTalks(meeting.groupId)).filter(
      (talk) => talk.meetingId !== meeting.id,
    );
    // The meetings say which talks were cancelled (not given) and where moved ones are now.
    const meetings = await this.meetings.all(meeting.groupId);
    return inspirationRanking({
      memberships,
      people,
      talks,
      meetings,
      meetingStartsAt: meeting.startsAt,
      groupId: meeting.groupId,
      timeZone: this.governance.timeZone,
    });
  }
}
