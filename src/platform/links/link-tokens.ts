/**
 * The tokens of the links a card carries to be opened without signing in: a meeting's calendar
 * invitation (.ics) and printable agenda, the portfolio overview's CSV. A calendar client or a
 * browser opens them, so the token is their only authority, and it travels in the query string,
 * where browser histories, proxies and request logs keep it. So a token is bounded and revocable:
 *
 * - It says until when it holds and is signed: `<expiry>.<mac>`, the expiry in Unix seconds, the mac
 *   an HMAC-SHA256 over the link's purpose, group, meeting and expiry. A link holds until
 *   LINK_VALID_DAYS (default 30) after its meeting's start: long enough for the minutes and the
 *   follow-up, not for ever.
 * - The key is the meeting's own unguessable stored token (144 bits), so nobody without the store
 *   can make one; with LINK_SIGNING_SECRET set it is that token keyed by the secret, so the store
 *   alone is not enough either. Rotating: put the old secret in LINK_SIGNING_SECRET_PREVIOUS and a
 *   new one in LINK_SIGNING_SECRET; links signed with either hold, new links use the new one. Drop
 *   the previous one to revoke every link made with it. Setting a secret for the first time revokes
 *   the links made without one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link opens; a token for one purpose opens nothing else. */
export type LinkPurpose = 'meeting' | 'portfolio-csv';

export interface LinkSigning {
  /** The current secret first, then the previous one; empty: the stored token alone is the key. */
  secrets: readonly string[];
  /** Days after the meeting's start that its links still hold. */
  validDays: number;
}

export const DEFAULT_LINK_VALID_DAYS = 30;

/** Without configured secrets (development, the service tests): the stored token is the key. */
export const UNSIGNED_LINKS: LinkSigning = { secrets: [], validDays: DEFAULT_LINK_VALID_DAYS };

/** The signing from the validated environment (src/platform/config/environment.ts). */
export function linkSigningFrom(env: {
  LINK_SIGNING_SECRET?: string;
  LINK_SIGNING_SECRET_PREVIOUS?: string;
  LINK_VALID_DAYS?: string;
}): LinkSigning {
  const secrets = [env.LINK_SIGNING_SECRET, env.LINK_SIGNING_SECRET_PREVIOUS]
    .map((secret) => secret?.trim() ?? '')
    .filter((secret) => secret !== '');
  const days = Number(env.LINK_VALID_DAYS ?? DEFAULT_LINK_VALID_DAYS);
  return { secrets, validDays: Number.isInteger(days) && days > 0 ? days : DEFAULT_LINK_VALID_DAYS };
}

export interface LinkSubject {
  purpose: LinkPurpose;
  groupId: string;
  meetingId: string;
  /** The meeting's start (ISO instant): the link holds until validDays after it. */
  meetingStartsAt: string;
  /** The meeting's (or the overview's) unguessable stored token. */
  storedToken: string;
}

const DAY_SECONDS = 24 * 60 * 60;
const TOKEN_SHAPE = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

function keys(signing: LinkSigning, storedToken: string): Buffer[] {
  if (signing.secrets.length === 0) return [Buffer.from(storedToken)];
  return signing.secrets.map((secret) => createHmac('sha256', secret).update(storedToken).digest());
}

function mac(key: Buffer, subject: LinkSubject, expiry: number): Buffer {
  const signed = ['fki-link-v1', subject.purpose, subject.groupId, subject.meetingId, String(expiry)];
  return createHmac('sha256', key).update(signed.join('\n')).digest();
}

/** The token of a link to `subject`, signed with the current key. */
export function signLink(signing: LinkSigning, subject: LinkSubject): string {
  const start = Math.floor(Date.parse(subject.meetingStartsAt) / 1000);
  const expiry = start + signing.validDays * DAY_SECONDS;
  const [current] = keys(signing, subject.storedToken);
  return `${expiry}.${mac(current as Buffer, subject, expiry).toString('base64url')}`;
}

/** The token holds for `subject` at `now`: well formed, not expired, signed with an accepted key. */
export function linkHolds(signing: LinkSigning, subject: LinkSubject, token: unknown, now: Date): boolean {
  if (typeof token !== 'string') return false;
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return false;
  const expiry = Number(match[1]);
  if (expiry * 1000 <= now.getTime()) return false;
  const given = Buffer.from(match[2] as string, 'base64url');
  // Every accepted key is tried (no early exit), so the answer's timing does not tell which matched.
  let holds = false;
  for (const key of keys(signing, subject.storedToken)) {
    const expected = mac(key, subject, expiry);
    if (expected.length === given.length && timingSafeEqual(expected, given)) holds = true;
  }
  return holds;
}
