/**
 * The /api/tab handlers behind the routes in routes.ts: each checks who calls (TabAccess), reads
 * or changes through the same services the bot uses, and answers a view or an HttpError.
 */
import type { Request } from 'restify';
import { z } from 'zod';
import { isActiveOn } from '../domain/terms';
import type { DevPersonView, GroupPageView, MeView, MeetingView } from './api-types';
import type { TabAccess } from './access';
import { HttpError, localeOfRequest, parseBody } from './http';
import type { TabRouteDeps } from './route-deps';

const scheduleBody = z.object({
  date: z.string().min(1).max(20),
  time: z.string().min(1).max(10),
  location: z.string().max(200).optional(),
});

const triageBody = z.object({
  decision: z.enum(['accept', 'reject', 'defer']),
  reason: z.string().max(1000).optional(),
});

const devTokenBody = z.object({ personId: z.string().min(1).max(200) });

/** The caller and the active groups they may open (every active group for the secretariat). */
export async function meView(deps: TabRouteDeps, access: TabAccess, req: Request): Promise<MeView> {
  const identity = await access.identify(req);
  const viewer = await access.viewerOf(identity);
  const today = deps.views.today();
  const allGroups = await deps.groups.listGroups();
  const memberOf = new Set(
    (await deps.people.membershipsOf(identity.personId))
      .filter((m) => isActiveOn(m, today))
      .map((m) => m.groupId),
  );
  const groups = allGroups
    .filter((g) => g.status === 'active' && (viewer.isSecretariat || memberOf.has(g.id)))
    .map((g) => ({ id: g.id, name: g.name, kind: g.kind }));
  return {
    personId: viewer.personId,
    name: viewer.name,
    isSecretariat: viewer.isSecretariat,
    groups,
  } satisfies MeView;
}

export async function channelGroup(
  deps: TabRouteDeps,
  access: TabAccess,
  req: Request,
): Promise<{ groupId: string }> {
  await access.identify(req);
  const binding = await deps.groups.bindingOfChannel(String(req.params.channelId ?? ''));
  if (!binding) throw new HttpError(404, { error: 'not-found', reason: 'channel-not-bound' });
  return { groupId: binding.groupId };
}

export async function groupPage(deps: TabRouteDeps, access: TabAccess, req: Request): Promise<GroupPageView> {
  const identity = await access.identify(req);
  const group = await access.authorisedGroup(req, identity);
  const locale = localeOfRequest(req);
  const { roles: _roles, ...viewer } = await access.viewerOf(identity);
  return deps.views.groupPage(group, viewer, locale, {
    scheduleMeeting: viewer.isSecretariat && deps.meetings !== undefined,
    triageProposal: viewer.isSecretariat && deps.proposals !== undefined,
  });
}

export async function meetingPage(deps: TabRouteDeps, access: TabAccess, req: Request): Promise<MeetingView> {
  const identity = await access.identify(req);
  const group = await access.authorisedGroup(req, identity);
  const meeting = await deps.views.meetingById(
    group,
    String(req.params.meetingId ?? ''),
    localeOfRequest(req),
  );
  if (!meeting) throw new HttpError(404, { error: 'not-found', reason: 'meeting' });
  return meeting;
}

/** Secretariat: schedules a meeting through the same service as the bot's schedule card. */
export async function scheduleMeeting(
  deps: TabRouteDeps,
  access: TabAccess,
  req: Request,
): Promise<{ meetingId: string; startsAt: string }> {
  const identity = await access.identify(req);
  const group = await access.authorisedGroup(req, identity);
  await access.requireSecretariat(identity);
  if (!deps.meetings) throw new HttpError(503, { error: 'unavailable', reason: 'meetings-not-wired' });
  const input = parseBody(scheduleBody, req.body);
  const result = await deps.meetings.schedule({
    groupId: group.id,
    ...input,
    actorId: identity.personId,
  });
  if (result.kind === 'invalid') throw new HttpError(400, { error: 'bad-request', reason: result.error });
  if (result.kind === 'same-day-exists')
    throw new HttpError(409, { error: 'conflict', reason: 'same-day-exists' });
  return { meetingId: result.meeting.id, startsAt: result.meeting.startsAt };
}

/** Secretariat: accepts, rejects or defers a proposal through the same service as the bot's triage card. */
export async function triageProposal(
  deps: TabRouteDeps,
  access: TabAccess,
  req: Request,
): Promise<{ status: string; outcomePosted: boolean }> {
  const identity = await access.identify(req);
  const group = await access.authorisedGroup(req, identity);
  await access.requireSecretariat(identity);
  if (!deps.proposals) throw new HttpError(503, { error: 'unavailable', reason: 'proposals-not-wired' });
  const input = parseBody(triageBody, req.body);
  const result = await deps.proposals.triage({
    groupId: group.id,
    proposalId: String(req.params.proposalId ?? ''),
    decision: input.decision,
    ...(input.reason ? { reason: input.reason } : {}),
    actorId: identity.personId,
  });
  switch (result.kind) {
    case 'done':
      return { status: result.proposal.status, outcomePosted: result.outcomePosted };
    case 'not-found':
      throw new HttpError(404, { error: 'not-found', reason: 'proposal' });
    case 'already-triaged':
      throw new HttpError(409, { error: 'conflict', reason: 'already-triaged' });
    default:
      throw new HttpError(400, { error: 'bad-request', reason: result.kind });
  }
}

/** The development sign-in: 404 unless enabled, so production does not even reveal it. */
export async function devPeople(deps: TabRouteDeps): Promise<DevPersonView[]> {
  if (!deps.auth.devSignInEnabled || !deps.devPeople) throw new HttpError(404, { error: 'not-found' });
  return deps.devPeople();
}

export async function devToken(
  deps: TabRouteDeps,
  req: Request,
): Promise<{ token: string; expiresAt: string }> {
  if (!deps.auth.devSignInEnabled) throw new HttpError(404, { error: 'not-found' });
  const { personId } = parseBody(devTokenBody, req.body);
  const person = await deps.people.getPerson(personId);
  if (!person) throw new HttpError(400, { error: 'bad-request', reason: 'unknown-person' });
  return deps.auth.issueDevToken(person.id, person.name);
}
