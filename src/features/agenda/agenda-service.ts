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
 */
import { composeDetailedAgenda, type ComposedAgenda } from './domain/agenda';
import { bodyAgenda, type Governance } from '../../domain/governance';
import type { Membership, Person } from '../../domain/model';
import { inspirationRanking } from '../../domain/rotation';
import type { MeetingRecord, MeetingRepository } from '../meetings';
import { toMeeting } from '../meetings';
import type { ProposalRecord, ProposalRepository } from './proposals-repository';

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
}

export class AgendaService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly proposals: ProposalRepository,
    private readonly people: PeopleSource,
    private readonly governance: Governance,
  ) {}

  /** The agenda as it stands now (presenter previewed, not recorded). */
  async draft(meeting: MeetingRecord): Promise<AgendaView> {
    const presenter = this.hasInspirationTalk(meeting) ? await this.presenterOf(meeting) : undefined;
    const accepted = await this.proposals.acceptedForMeeting(meeting.groupId, meeting.id);
    const agenda = composeDetailedAgenda({
      meeting: toMeeting(meeting),
      governance: this.governance,
      acceptedProposals: accepted,
      inspirationPresenter: presenter?.personId ?? null,
    });
    return { meeting, agenda, proposals: new Map(accepted.map((p) => [p.id, p])), presenter };
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
      if (pick) {
        await this.meetings.recordInspirationTalk({
          personId: pick.personId,
          at: meeting.startsAt,
          groupId: meeting.groupId,
          meetingId: meeting.id,
        });
      }
    }
    return this.draft(meeting);
  }

  private hasInspirationTalk(meeting: MeetingRecord): boolean {
    return bodyAgenda(this.governance, meeting.groupId).inspirationTalk;
  }

  /** The recorded presenter, else the rotation's pick (a preview). */
  private async presenterOf(meeting: MeetingRecord): Promise<AgendaView['presenter']> {
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
    const [first] = inspirationRanking({
      memberships,
      people,
      talks,
      meetings,
      meetingStartsAt: meeting.startsAt,
      groupId: meeting.groupId,
      timeZone: this.governance.timeZone,
    });
    return first ? { personId: first.personId, name: first.name } : undefined;
  }
}
