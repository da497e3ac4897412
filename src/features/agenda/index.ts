/** Agenda proposals until the 4-week deadline, their triage, and the agenda composed at 2 weeks. */
import type { MeetingCycle } from './meeting-cycle';

export { proposalsFeature } from './proposals-feature';
export type { MeetingCycle } from './meeting-cycle';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    /** The meeting cycle: meetings, proposals, agenda and the meeting links. */
    meetingCycle: MeetingCycle;
  }
}
