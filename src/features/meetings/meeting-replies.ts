/**
 * What the meeting commands and cards share: the meeting card of a meeting, "no such meeting" with
 * the upcoming ones to pick from, and an instant as the user reads it.
 */
import { markdownText } from '../../platform/cards/text';
import { formatInstant } from '../../platform/cards/reminders';
import type { FeatureContext } from '../../platform/teams/feature';
import { meetingCard } from './meeting-cards';
import type { MeetingRecord } from './meetings-repository';
import type { MeetingScheduling } from './meeting-scheduling';
import { localText } from '../../domain/localized-text';

export function cycleOf(ctx: FeatureContext): MeetingScheduling {
  return ctx.services.meetingScheduling;
}

export function when(ctx: FeatureContext, instant: string): string {
  return formatInstant(instant, ctx.locale, cycleOf(ctx).timeZone);
}

export async function meetingCardFor(
  ctx: FeatureContext,
  meeting: MeetingRecord,
  notice?: string,
  move?: Pick<Parameters<typeof meetingCard>[1], 'moveValues' | 'moveErrors'>,
) {
  const cycle = cycleOf(ctx);
  const group = await ctx.services.groups.getGroup(meeting.groupId);
  return meetingCard(ctx.t, {
    locale: ctx.locale,
    timeZone: cycle.timeZone,
    groupName: localText(group?.name, ctx.locale) || meeting.groupId,
    meeting,
    deadlines: cycle.meetings.deadlines(meeting),
    withStatusReports: group?.kind === 'board',
    links: cycle.links(meeting),
    notice,
    manage: ctx.actor.roles.includes('administer'),
    ...move,
  });
}

async function upcomingList(ctx: FeatureContext, groupId: string): Promise<string> {
  const upcoming = await cycleOf(ctx).meetings.upcoming(groupId);
  return upcoming.length === 0 ? '-' : upcoming.map((m) => `${m.id} (${when(ctx, m.startsAt)})`).join(', ');
}

/** "No such meeting", with the group's upcoming meetings to pick from. */
export async function meetingNotFoundText(
  ctx: FeatureContext,
  reference: string,
  groupId: string,
): Promise<string> {
  // The reference is what the user typed: shown as typed, never as markdown.
  return ctx.t('meetings.notFound', {
    meeting: markdownText(reference),
    meetings: await upcomingList(ctx, groupId),
  });
}
