import type { OutboundMessage } from '../../domain/ports';
import type { MeetingRecord } from '../meetings';
import type { ProposalRecord } from './proposals-repository';

/** Builds the messages the service posts; the bot layer supplies them (its cards are the agenda's own, proposal-messages.ts). */
export interface ProposalMessages {
  triage(proposal: ProposalRecord, meeting: MeetingRecord): Promise<OutboundMessage>;
  outcome(
    proposal: ProposalRecord,
    meeting: MeetingRecord,
    deferredTo?: MeetingRecord,
  ): Promise<OutboundMessage>;
}
