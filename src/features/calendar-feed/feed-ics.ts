/**
 * A body's calendar feed as iCalendar: every meeting of the body (a cancelled one as
 * STATUS:CANCELLED, so a subscribed calendar drops it) and, for each scheduled meeting, its two
 * deadlines from the governance file: the deadline for agenda proposals (4 weeks before by default)
 * and the detailed agenda (2 weeks before). Written like the meeting invitations
 * (src/features/agenda/calendar.ts): ical-generator, the governance zone with its VTIMEZONE.
 *
 * A deadline is a point in time, so its event starts and ends at the same instant; its UID is
 * per meeting and kind, so a moved meeting moves its deadlines in the subscribed calendar.
 */
import ical, { ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import type { BodyKind, Locale } from '../../domain/model';
import type { Governance } from '../../domain/governance';
import { meetingDeadlines } from '../../domain/timeline';
import { translate } from '../../platform/i18n';
import { formatInstant } from '../../platform/cards/reminders';
import { vtimezoneBlock } from '../agenda';
import type { MeetingRecord } from '../meetings';

export interface FeedInput {
  groupId: string;
  groupName: string;
  groupKind?: BodyKind;
  meetings: MeetingRecord[];
  governance: Governance;
  locale: Locale;
  /** The DTSTAMP (when the feed was made). */
  now: Date;
}

export function calendarFeedIcs(input: FeedInput): string {
  const { locale, governance } = input;
  const zone = vtimezoneBlock(governance.timeZone) ? governance.timeZone : undefined;
  const at = (iso: string) => DateTime.fromISO(iso, { zone: zone ?? 'utc' });
  const calendar = ical({
    name: translate(locale, 'calendarFeed.calendarName', { group: input.groupName }),
    prodId: { company: 'fki-governance-bot', product: 'calendar-feed', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: null, generator: (tz) => vtimezoneBlock(tz) ?? null },
  });
  const ordered = [...input.meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  for (const meeting of ordered) {
    const uid = (what: string) => `${input.groupId}-${meeting.id}-${what}@fki-governance-bot`;
    const start = at(meeting.startsAt);
    const cancelled = meeting.status === 'cancelled';
    calendar.createEvent({
      id: uid('meeting'),
      sequence: meeting.sequence ?? 0,
      stamp: input.now,
      start,
      end: start.plus({ minutes: meeting.durationMinutes }),
      timezone: zone ?? null,
      summary: translate(locale, 'meetings.icsTitle', { group: input.groupName }),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(meeting.location ? { location: meeting.location } : {}),
    });
    if (cancelled) continue;
    const deadlines = meetingDeadlines(meeting, governance, input.groupKind);
    const meetingTime = formatInstant(meeting.startsAt, locale, governance.timeZone);
    const deadline = (what: string, instant: string, key: 'proposalDeadline' | 'detailedAgenda') =>
      calendar.createEvent({
        id: uid(what),
        sequence: meeting.sequence ?? 0,
        stamp: input.now,
        start: at(instant),
        end: at(instant),
        timezone: zone ?? null,
        summary: translate(locale, `calendarFeed.${key}`, { group: input.groupName }),
        description: translate(locale, 'calendarFeed.forMeeting', { time: meetingTime }),
        // A deadline does not make anyone busy.
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    deadline('proposal-deadline', deadlines.proposalDeadline, 'proposalDeadline');
    deadline('detailed-agenda', deadlines.detailedAgenda, 'detailedAgenda');
  }
  return `${calendar.toString()}\r\n`;
}
