/** Meetings and their deadlines: scheduling, moving, cancelling, the 4- and 2-week moments. */
import type { MeetingSchedule } from '../../domain/ports';
import type { MeetingScheduling } from './meeting-scheduling';
import type { MeetingChanges } from './meeting-changes';

export { meetingsFeature, meetingNotFoundText } from './meetings-feature';
export { meetingLinks, tokenMatches, type MeetingLinks } from './meeting-links';
export type { MeetingScheduling } from './meeting-scheduling';
export { toMeeting, type MeetingRecord, type MeetingRepository } from './meetings-repository';
export { parseLocalDate, type MeetingService } from './meetings-service';
export type { GroupSource, MeetingHooks } from './meeting-moments';
export {
  MeetingChanges,
  type AffectedProposal,
  type LinkedHearing,
  type MeetingImpactSource,
} from './meeting-changes';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    /** The meeting schedule as the rest of the record reads it. */
    meetings: MeetingSchedule;
    /** The meeting service, the governance time zone and the links of a meeting. */
    meetingScheduling: MeetingScheduling;
    /** Cancelling and moving with confirmation: the consequences, the change, who is told. */
    meetingChanges: MeetingChanges;
  }
}
