/**
 * Agenda proposals until the 4-week deadline, their triage, the agenda composed at 2 weeks, and
 * the inspiration-talk swap between the presenter and another member.
 */
import type { BotFeature } from '../../platform/teams/feature';
import type { MeetingCycle } from './meeting-cycle';
import { presenterSwapFeature } from './presenter-swap-feature';
import { proposalsFeature as proposals } from './proposals-feature';
import { materialFeature } from './material-feature';

export type { MeetingCycle } from './meeting-cycle';
export { presenterSwapDocument } from './presenter-swap-repository';
/** The calendar's VTIMEZONE (the body's calendar feed writes the same zone as the invitations). */
export { vtimezoneBlock } from './calendar';
/** The port a request for input's answer reaches the steering group's agenda through. */
export {
  requestedInputItemId,
  requestedInputItemWrite,
  type RequestedInputItem,
} from './requested-input-items';
/** The port a reference group's endorsement reaches the steering group's agenda through. */
export { endorsedItemId, endorsedItemWrite, type EndorsedItem } from './endorsed-items';
/** Material (bilag) as the agenda validates and stores it, for other features' forms. */
export { proposalMaterialOf, type MaterialEntry } from './domain/material';
export { materialEntrySchema } from './material-schema';
/**
 * The agenda item document, for items another feature writes in one batch with its own record
 * (a working group's result onto its parent reference group's next meeting).
 */
export { proposalDocument, type ProposalRecord } from './proposals-repository';

/**
 * The agenda's chat surface as one feature: proposals and the draft agenda, then the presenter
 * swap (the help card lists them in this order; the swap's button sits on the agenda card).
 */
export const proposalsFeature: BotFeature = {
  ...proposals,
  commands: [...(proposals.commands ?? []), ...(presenterSwapFeature.commands ?? [])],
  cardActions: [
    ...(proposals.cardActions ?? []),
    ...(presenterSwapFeature.cardActions ?? []),
    ...(materialFeature.cardActions ?? []),
  ],
  // Files sent in personal chat become material (bilag) of the sender's proposals.
  files: materialFeature.files,
};

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    /** The meeting cycle: meetings, proposals, agenda and the meeting links. */
    meetingCycle: MeetingCycle;
  }
}
