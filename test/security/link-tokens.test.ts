/**
 * The calendar, agenda and CSV links (issue #25 point 5): their token is signed, expires
 * LINK_VALID_DAYS after the meeting and is rotated with LINK_SIGNING_SECRET, the previous secret
 * still accepted while it is in LINK_SIGNING_SECRET_PREVIOUS. First the rule, then the real app
 * over HTTP, restarted on the same store with rotated secrets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import type { MeetingRecord } from '../../src/features/meetings';
import {
  linkHolds,
  linkSigningFrom,
  signLink,
  type LinkSigning,
  type LinkSubject,
} from '../../src/platform/links/link-tokens';

const DAY = 24 * 60 * 60 * 1000;
const SUBJECT: LinkSubject = {
  purpose: 'meeting',
  groupId: 'steering',
  meetingId: '20270304-abcdef',
  meetingStartsAt: '2027-03-04T09:00:00.000Z',
  storedToken: 'stored-token-of-the-meeting-0123456789',
};
const START = Date.parse(SUBJECT.meetingStartsAt);
const at = (ms: number) => new Date(ms);

describe('signLink / linkHolds', () => {
  const signing: LinkSigning = { secrets: ['secret-A'], validDays: 30 };
  const token = signLink(signing, SUBJECT);

  test('holds until validDays after the meeting, not from then on', () => {
    expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(linkHolds(signing, SUBJECT, token, at(START - 60 * DAY))).toBe(true);
    expect(linkHolds(signing, SUBJECT, token, at(START + 30 * DAY - 1000))).toBe(true);
    expect(linkHolds(signing, SUBJECT, token, at(START + 30 * DAY))).toBe(false);
    expect(
      linkHolds(
        { ...signing, validDays: 7 },
        SUBJECT,
        signLink({ ...signing, validDays: 7 }, SUBJECT),
        at(START + 8 * DAY),
      ),
    ).toBe(false);
  });

  test('a longer expiry cannot be written into the token, nor the token moved to another link', () => {
    const [, mac] = token.split('.');
    const extended = `${Math.floor(START / 1000) + 3650 * 86400}.${mac}`;
    expect(linkHolds(signing, SUBJECT, extended, at(START))).toBe(false);
    expect(linkHolds(signing, { ...SUBJECT, purpose: 'portfolio-csv' }, token, at(START))).toBe(false);
    expect(linkHolds(signing, { ...SUBJECT, meetingId: '20270304-other' }, token, at(START))).toBe(false);
    expect(
      linkHolds(signing, { ...SUBJECT, storedToken: 'another-stored-token-000000' }, token, at(START)),
    ).toBe(false);
  });

  test('the stored token alone (the old never-expiring link) and garbage are refused', () => {
    for (const given of [SUBJECT.storedToken, '', 'x', `${token}x`, undefined, 42, ['a']]) {
      expect(linkHolds(signing, SUBJECT, given, at(START))).toBe(false);
    }
  });

  test('rotation: the previous secret is still accepted, until it is dropped', () => {
    const rotated = linkSigningFrom({
      LINK_SIGNING_SECRET: 'secret-B',
      LINK_SIGNING_SECRET_PREVIOUS: 'secret-A',
    });
    expect(rotated).toEqual({ secrets: ['secret-B', 'secret-A'], validDays: 30 });
    expect(linkHolds(rotated, SUBJECT, token, at(START))).toBe(true);
    // New links use the new secret.
    expect(linkHolds(signing, SUBJECT, signLink(rotated, SUBJECT), at(START))).toBe(false);
    const dropped = linkSigningFrom({ LINK_SIGNING_SECRET: 'secret-B' });
    expect(linkHolds(dropped, SUBJECT, token, at(START))).toBe(false);
    expect(linkHolds(dropped, SUBJECT, signLink(rotated, SUBJECT), at(START))).toBe(true);
    // Setting a secret for the first time revokes the links made without one.
    const unsigned = linkSigningFrom({});
    expect(linkHolds(signing, SUBJECT, signLink(unsigned, SUBJECT), at(START))).toBe(false);
    expect(linkSigningFrom({ LINK_VALID_DAYS: '90' }).validDays).toBe(90);
  });
});

describe('the links of the running app', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fki-links-'));
  const NOW = '2027-01-11T09:00:00.000Z';
  let app: App | undefined;
  let url = '';
  let clock = new ManualClock(NOW);

  async function start(secrets: Record<string, string>): Promise<App> {
    await app?.stop();
    clock = new ManualClock(NOW);
    app = await composeApp(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        SCHEDULER_ENABLED: 'false',
        PUBLIC_BASE_URL: 'https://fki.example.org',
        ...secrets,
      },
      { clock },
    );
    url = (await app.start(0, '127.0.0.1')).url;
    return app;
  }
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The status of a link of a card, opened on the local server. */
  const open = async (link: string) => (await fetch(link.replace('https://fki.example.org', url))).status;
  const links = async (meeting: MeetingRecord) => {
    const { ics, print } = app!.services.meetingScheduling.links(meeting);
    const { csv } = await app!.services.portfolio.overview.links(meeting);
    return [ics, print, csv];
  };

  let meeting: MeetingRecord;
  let signedWithA: string[];

  test('a card link opens its meeting until LINK_VALID_DAYS after it, then answers 404', async () => {
    const first = await start({ LINK_SIGNING_SECRET: 'secret-A', LINK_VALID_DAYS: '10' });
    const result = await first.services.meetingScheduling.meetings.schedule({
      groupId: 'steering',
      date: '2027-03-04',
      time: '10:00',
      actorId: 'aad-secretariat',
    });
    if (result.kind !== 'scheduled') throw new Error(result.kind);
    meeting = result.meeting;
    signedWithA = await links(meeting);
    for (const link of signedWithA) expect({ link, status: await open(link) }).toEqual({ link, status: 200 });
    // The stored token alone no longer opens anything.
    expect(await open(`${url}/agenda/steering/${meeting.id}?token=${meeting.accessToken}`)).toBe(404);

    clock.set(new Date(Date.parse(meeting.startsAt) + 10 * DAY - 60_000).toISOString());
    expect(await open(signedWithA[1]!)).toBe(200);
    clock.set(new Date(Date.parse(meeting.startsAt) + 10 * DAY).toISOString());
    for (const link of signedWithA) expect({ link, status: await open(link) }).toEqual({ link, status: 404 });
  });

  test('rotated: the links of the previous secret still open; dropped: they are revoked', async () => {
    await start({
      LINK_SIGNING_SECRET: 'secret-B',
      LINK_SIGNING_SECRET_PREVIOUS: 'secret-A',
      LINK_VALID_DAYS: '10',
    });
    for (const link of signedWithA) expect({ link, status: await open(link) }).toEqual({ link, status: 200 });
    const signedWithB = await links(meeting);
    expect(signedWithB).not.toEqual(signedWithA);

    await start({ LINK_SIGNING_SECRET: 'secret-B', LINK_VALID_DAYS: '10' });
    for (const link of signedWithA) expect({ link, status: await open(link) }).toEqual({ link, status: 404 });
    for (const link of signedWithB) expect({ link, status: await open(link) }).toEqual({ link, status: 200 });
  });
});
