/**
 * The portfolio overview's links: the tab's full view and the CSV export. The CSV link carries a
 * signed token that expires some days after the meeting (src/platform/links/link-tokens.ts): the
 * export is opened without signing in, and a link kept in a history or a log must not open it for ever.
 */
import type { Meeting } from '../../domain/model';
import {
  UNSIGNED_LINKS,
  signLink,
  type LinkSigning,
  type LinkSubject,
} from '../../platform/links/link-tokens';

export interface OverviewLinks {
  /** The tab's full view. */
  tab: string;
  /** The CSV export (with its signed token). */
  csv: string;
}

/** What a CSV link's token is signed over: the overview of this meeting, with its stored token. */
export function csvSubject(meeting: Meeting, accessToken: string): LinkSubject {
  return {
    purpose: 'portfolio-csv',
    groupId: meeting.groupId,
    meetingId: meeting.id,
    meetingStartsAt: meeting.startsAt,
    storedToken: accessToken,
  };
}

export function overviewLinks(
  baseUrl: string,
  meeting: Meeting,
  accessToken: string,
  signing: LinkSigning = UNSIGNED_LINKS,
): OverviewLinks {
  const base = baseUrl.replace(/\/+$/, '');
  const id = encodeURIComponent(meeting.id);
  const token = signLink(signing, csvSubject(meeting, accessToken));
  return {
    tab: `${base}/tab/index.html#portfolio=${id}`,
    csv: `${base}/api/portfolio/${id}.csv?token=${encodeURIComponent(token)}`,
  };
}
