/**
 * The tab API on the running bot (composeApp on a free port, embedded store in a temp DATA_DIR),
 * authorised with SSO-shaped tokens validated against a local JWKS served over HTTP.
 */
import type { GroupPageView, MeView, MeetingView } from '../../src/tab/api-types';
import { APP_ID_URI, OTHER_TENANT_ID } from './support/entra';
import { MEETING_DATE, PEOPLE, startTabApp, type TabApp } from './support/tab-app';

let tab: TabApp;

beforeAll(async () => {
  tab = await startTabApp();
});
afterAll(async () => {
  await tab?.stop();
});

async function call(path: string, token?: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${tab.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

const tokenOf = (
  oid: string,
  extra: Parameters<TabApp['entra']['sign']>[0] extends infer C ? Partial<C> : never = {},
) => tab.entra.sign({ oid, ...extra });

describe('authentication (401)', () => {
  test('no token', async () => {
    const response = await call('/api/tab/groups/steering');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body).toEqual({ error: 'unauthorized', reason: 'missing' });
  });

  test.each([
    ['expired', { expiresIn: -3600 }, 'expired'],
    ['wrong audience', { aud: 'api://someone-else/xyz' }, 'wrong-audience'],
    ['wrong tenant', { tid: OTHER_TENANT_ID }, 'wrong-tenant'],
  ] as const)('%s token', async (_name, claims, reason) => {
    const response = await call('/api/tab/groups/steering', await tokenOf(PEOPLE.chair.id, claims));
    expect(response.status).toBe(401);
    expect(response.body?.reason).toBe(reason);
  });

  test('wrong signature', async () => {
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const response = await call(
      '/api/tab/groups/steering',
      await tab.entra.sign({ oid: PEOPLE.chair.id }, privateKey),
    );
    expect(response.status).toBe(401);
    expect(response.body?.reason).toBe('invalid');
  });

  test('dev tokens are not offered when the dev sign-in is off', async () => {
    expect((await call('/api/tab/config')).body).toEqual({ devSignIn: false, sso: true });
    expect((await call('/api/tab/dev/people')).status).toBe(404);
    expect(
      (await call('/api/tab/dev/token', undefined, { method: 'POST', body: { personId: PEOPLE.chair.id } }))
        .status,
    ).toBe(404);
  });
});

describe('authorisation (403)', () => {
  test('a person who is not a member of the group', async () => {
    const response = await call('/api/tab/groups/steering', await tokenOf(PEOPLE.outsider.id));
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ error: 'forbidden', reason: 'not-a-member' });
  });

  test("a member of another group cannot read this group's meeting", async () => {
    const response = await call(
      `/api/tab/groups/steering/meetings/${tab.meetingId}`,
      await tokenOf(PEOPLE.refMember.id),
    );
    expect(response.status).toBe(403);
  });

  test('an unknown oid (not in the register) is refused group data', async () => {
    expect((await call('/api/tab/groups/steering', await tokenOf('aad-nobody'))).status).toBe(403);
  });

  test('a member may not use the secretariat actions', async () => {
    const token = await tokenOf(PEOPLE.anna.id);
    const schedule = await call('/api/tab/groups/steering/meetings', token, {
      method: 'POST',
      body: { date: '2027-09-02', time: '10:00' },
    });
    expect(schedule.status).toBe(403);
    const triage = await call(`/api/tab/groups/steering/proposals/${tab.proposalIds[1]}/triage`, token, {
      method: 'POST',
      body: { decision: 'accept' },
    });
    expect(triage.status).toBe(403);
  });
});

describe('the group page (real data)', () => {
  test('a member sees the next meeting with its timeline, agenda, hearings, portfolio, wheel and members', async () => {
    const response = await call(
      '/api/tab/groups/steering',
      await tokenOf(PEOPLE.anna.id, { aud: APP_ID_URI }),
    );
    expect(response.status).toBe(200);
    const page = response.body as unknown as GroupPageView;
    expect(page.group.id).toBe('steering');
    expect(page.viewer).toEqual({ personId: PEOPLE.anna.id, name: PEOPLE.anna.name, isSecretariat: false });
    expect(page.nextMeeting?.id).toBe(tab.meetingId);
    expect(page.nextMeeting?.startsAt).toBe('2027-03-04T09:00:00.000Z');
    expect(page.nextMeeting?.location).toBe('KOMBIT, Halfdansgade 8');
    // 28 days before at 10:00 local; the heads-up (a week earlier) has passed at NOW (2027-01-30).
    const proposalDeadline = page.nextMeeting!.timeline.find((m) => m.kind === 'proposal-deadline');
    expect(proposalDeadline).toEqual({
      kind: 'proposal-deadline',
      instant: '2027-02-04T09:00:00.000Z',
      past: false,
    });
    expect(page.nextMeeting!.timeline.find((m) => m.kind === 'heads-up')?.past).toBe(true);
    expect(page.nextMeeting!.timeline.some((m) => m.kind === 'status-report-deadline')).toBe(true);
    const agendaTitles = page.nextMeeting!.agenda!.items.map((item) => item.title.da);
    expect(agendaTitles).toContain('Fælles tilgang til logning');
    expect(agendaTitles).not.toContain('Drøftelse af driftsaftaler'); // not triaged yet
    expect(page.nextMeeting!.proposals.map((p) => [p.title, p.status])).toEqual(
      expect.arrayContaining([
        ['Fælles tilgang til logning', 'accepted'],
        ['Drøftelse af driftsaftaler', 'proposed'],
      ]),
    );
    expect(page.hearings).toHaveLength(1);
    expect(page.hearings[0]).toMatchObject({
      title: 'Arbejdsgruppe om fælles brugerstyring',
      approve: 1,
      reject: 1,
      abstain: 0,
      cast: 2,
      eligibleCount: 3,
    });
    expect(page.portfolio.map((i) => [i.title, i.status])).toEqual([
      ['Fælleskommunal login-løsning', 'yellow'],
    ]);
    expect(page.annualWheel.map((q) => q.quarter)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(page.annualWheel[0]!.meetings.map((m) => m.id)).toEqual([tab.meetingId]);
    expect(page.annualWheel[1]!.meetings).toHaveLength(1);
    expect(page.members.map((m) => [m.name, m.role, m.plannedEnd ?? null, m.endingSoon])).toEqual([
      [PEOPLE.chair.name, 'chair', '2028-12-31', false],
      [PEOPLE.anna.name, 'member', '2027-03-31', true],
      [PEOPLE.bo.name, 'member', null, false],
    ]);
    expect(page.actions).toEqual({ scheduleMeeting: false, triageProposal: false });
  });

  test('the meeting link (#portfolio=) gives the status reports of a steering meeting', async () => {
    const response = await call(
      `/api/tab/groups/steering/meetings/${tab.meetingId}`,
      await tokenOf(PEOPLE.chair.id),
    );
    expect(response.status).toBe(200);
    const meeting = response.body as unknown as MeetingView;
    expect(meeting.statusReports).toEqual([
      expect.objectContaining({
        initiativeTitle: 'Fælleskommunal login-løsning',
        status: 'yellow',
        progress: 'Pilot i tre kommuner er i gang.',
      }),
    ]);
    expect(
      (await call('/api/tab/groups/steering/meetings/nope', await tokenOf(PEOPLE.chair.id))).status,
    ).toBe(404);
  });

  test("a reference group's page shows its own hearing and initiatives", async () => {
    const page = (await call('/api/tab/groups/ref-forretning', await tokenOf(PEOPLE.refMember.id)))
      .body as unknown as GroupPageView;
    expect(page.hearings.map((h) => h.title)).toEqual(['Arbejdsgruppe om fælles brugerstyring']);
    expect(page.portfolio.map((i) => i.id)).toEqual(['init-login']);
    expect(page.nextMeeting).toBeUndefined();
  });

  test('/me lists the groups the caller may open; the channel lookup finds the bound group', async () => {
    const me = (await call('/api/tab/me', await tokenOf(PEOPLE.anna.id))).body as unknown as MeView;
    expect(me.groups.map((g) => g.id)).toEqual(['steering']);
    const secretariat = (await call('/api/tab/me', await tokenOf(PEOPLE.secretariat.id)))
      .body as unknown as MeView;
    expect(secretariat.isSecretariat).toBe(true);
    expect(secretariat.groups.map((g) => g.id)).toEqual(
      expect.arrayContaining(['steering', 'ref-forretning', 'secretariat']),
    );

    const channelId = '19:steering-channel@thread.tacv2';
    await tab.app.repositories.groups.bind({
      groupId: 'steering',
      teamId: 'team-1',
      channelId,
      boundBy: PEOPLE.secretariat.id,
      boundAt: '2027-01-01T00:00:00.000Z',
    });
    const token = await tokenOf(PEOPLE.anna.id);
    expect((await call(`/api/tab/channels/${encodeURIComponent(channelId)}`, token)).body).toEqual({
      groupId: 'steering',
    });
    expect(
      (await call(`/api/tab/channels/${encodeURIComponent('19:other@thread.tacv2')}`, token)).status,
    ).toBe(404);
  });
});

describe('secretariat actions call the services', () => {
  test('schedule a meeting: stored by the meeting service, same-day refused, bad input refused', async () => {
    const token = await tokenOf(PEOPLE.secretariat.id);
    const page = (await call('/api/tab/groups/steering', token)).body as unknown as GroupPageView;
    expect(page.actions).toEqual({ scheduleMeeting: true, triageProposal: true });

    const created = await call('/api/tab/groups/steering/meetings', token, {
      method: 'POST',
      body: { date: '2027-09-02', time: '10:00', location: 'Aarhus' },
    });
    expect(created.status).toBe(200);
    const stored = await tab.app.services.meetingCycle!.meetings.get(
      'steering',
      String(created.body?.meetingId),
    );
    expect(stored).toMatchObject({
      startsAt: '2027-09-02T08:00:00.000Z',
      location: 'Aarhus',
      status: 'scheduled',
    });

    const sameDay = await call('/api/tab/groups/steering/meetings', token, {
      method: 'POST',
      body: { date: MEETING_DATE, time: '13:00' },
    });
    expect(sameDay.status).toBe(409);
    const past = await call('/api/tab/groups/steering/meetings', token, {
      method: 'POST',
      body: { date: '2026-01-01', time: '10:00' },
    });
    expect(past).toMatchObject({ status: 400, body: { reason: 'in-past' } });
    const malformed = await call('/api/tab/groups/steering/meetings', token, {
      method: 'POST',
      body: { date: 5 },
    });
    expect(malformed.status).toBe(400);
  });

  test('triage a proposal: a reason is required to reject, accepting puts it on the agenda, twice is a conflict', async () => {
    const token = await tokenOf(PEOPLE.secretariat.id);
    const path = `/api/tab/groups/steering/proposals/${tab.proposalIds[1]}/triage`;
    expect((await call(path, token, { method: 'POST', body: { decision: 'reject' } })).body).toEqual({
      error: 'bad-request',
      reason: 'reason-required',
    });
    const accepted = await call(path, token, { method: 'POST', body: { decision: 'accept' } });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted', outcomePosted: true } });
    expect(tab.posted.some((p) => p.groupId === 'steering')).toBe(true);
    const page = (await call('/api/tab/groups/steering', token)).body as unknown as GroupPageView;
    expect(page.nextMeeting!.agenda!.items.map((i) => i.title.da)).toContain('Drøftelse af driftsaftaler');
    expect((await call(path, token, { method: 'POST', body: { decision: 'accept' } })).status).toBe(409);
  });
});

describe('static client', () => {
  test('index.html is served with a CSP that only lets Teams frame it', async () => {
    const response = await fetch(`${tab.url}/tab/index.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(
      /frame-ancestors 'self' https:\/\/teams\.microsoft\.com/,
    );
    expect(await response.text()).toContain('<script src="tab.js" defer></script>');
    expect((await fetch(`${tab.url}/tab/tab.js`)).status).toBe(200);
    expect((await fetch(`${tab.url}/tab/..%2Fpackage.json`)).status).toBe(404);
  });
});
