/**
 * The meeting record: decisions, notes and follow-up actions per agenda item, the minutes (referat)
 * from draft to approved and versioned, the owner's reminder before an action's due date, and a
 * written hearing's outcome told at the steering group's next meeting.
 */
import type { RecordService } from './record-service';

export { recordFeature, RECORD_VERBS } from './record-feature';
export type { RecordService } from './record-service';
export type { HearingOutcomeInput } from './follow-ups';
export { printHtml, printPdf, type PrintDocument, type PrintBlock, type PrintLine } from './print-document';
export { minutesPrintDocument, type MinutesPrintInput } from './minutes-print';
export { DecisionLog, decisionLogCsv, type DecisionRow, type DecisionFilter } from './decision-log';
export { RecordRepository } from './record-repository';
export { agendaFollowUpsFromRecord, type AgendaActionLine } from './agenda-follow-ups';
export type { FollowUpAction, HearingOrientation, MinutesVersion } from './domain/minutes';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    /** The meeting record (minutes, follow-up actions, hearing outcomes). */
    record: RecordService;
  }
}
