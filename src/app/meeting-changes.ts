/**
 * What a meeting's cancellation or move concerns, from the features that hold it: the agenda's
 * proposals (and their material), the hearings whose outcome is told at the meeting, the record.
 * The meetings feature cannot import those features (they import it), so this port is filled here.
 */
import type { Governance } from '../domain/governance';
import type { Clock } from '../domain/clock';
import type { ChannelMessenger, GroupRegistry } from '../domain/ports';
import type { HearingOrientation } from '../domain/model';
import type { SchedulerLedger } from '../platform/scheduler/ledger';
import type { DocumentStore } from '../platform/storage/port';
import type { Log } from '../platform/teams/log';
import { materialOf } from '../features/agenda/domain/material';
import type { ProposalService } from '../features/agenda/proposals-service';
import type { HearingService } from '../features/hearings/hearings-service';
import { MeetingChanges, type MeetingImpactSource } from '../features/meetings';
import type { MeetingRepository } from '../features/meetings/meetings-repository';
import type { MeetingService } from '../features/meetings/meetings-service';
import { hearingsForMeeting } from '../features/record/domain/approval-rules';
import { RecordRepository } from '../features/record/record-repository';

export interface MeetingChangeParts {
  store: DocumentStore;
  governance: Governance;
  clock: Clock;
  groups: GroupRegistry;
  messenger: ChannelMessenger;
  log: Log;
  ledger: SchedulerLedger;
  meetings: MeetingService;
  meetingRepository: MeetingRepository;
  proposals: ProposalService;
  /** Built after the meeting cycle: read when a change is looked at. */
  hearings: () => HearingService;
}

function impactOf(parts: MeetingChangeParts): MeetingImpactSource {
  const record = new RecordRepository(parts.store);
  return {
    async proposals(meeting) {
      const proposals = await parts.proposals.forMeeting(meeting.groupId, meeting.id);
      return proposals.flatMap((proposal) =>
        proposal.status === 'accepted' || proposal.status === 'proposed'
          ? [
              {
                id: proposal.id,
                title: proposal.title,
                proposerId: proposal.proposerId,
                status: proposal.status,
                material: materialOf(proposal).length,
              },
            ]
          : [],
      );
    },
    async hearings(meeting) {
      const [meetings, outcomes, open] = await Promise.all([
        parts.meetingRepository.all(meeting.groupId),
        record.hearingOutcomesOf(meeting.groupId),
        parts.hearings().listOpen(),
      ]);
      // An open hearing of the group will be told at the first meeting after it closes: it counts
      // as decided at its closing time (the votes are not needed for the list).
      const pending: HearingOrientation[] = open
        .filter((hearing) => hearing.groupId === meeting.groupId)
        .map((hearing) => ({
          groupId: hearing.groupId,
          hearingId: hearing.id,
          title: hearing.title ?? hearing.id,
          outcome: 'no-quorum',
          approve: 0,
          reject: 0,
          abstain: 0,
          eligible: 0,
          decidedAt: hearing.closesAt,
        }));
      const told = hearingsForMeeting(meeting, meetings, [...outcomes, ...pending]);
      const unique = new Map(told.map((hearing) => [hearing.hearingId, hearing.title]));
      return [...unique].map(([id, title]) => ({ id, title }));
    },
    async hasRecord(meeting) {
      return (await record.getMinutes(meeting.groupId, meeting.id)) !== undefined;
    },
  };
}

export function buildMeetingChanges(parts: MeetingChangeParts): MeetingChanges {
  return new MeetingChanges({
    meetings: parts.meetings,
    impact: impactOf(parts),
    ledger: parts.ledger,
    groups: parts.groups,
    messenger: parts.messenger,
    governance: parts.governance,
    clock: parts.clock,
    log: parts.log,
  });
}
