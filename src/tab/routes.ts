/**
 * The tab's HTTP face, mounted on the bot's restify server (BotServer.addRoutes):
 * - GET  /tab/index.html, /tab/tab.js, /tab/tab.css        the built client (scripts/build-tab.mjs)
 * - GET  /api/tab/config                                   public: which sign-ins are offered
 * - GET  /api/tab/me                                       the caller and the groups they may open
 * - GET  /api/tab/channels/:channelId                      the group bound to a Teams channel
 * - GET  /api/tab/groups/:groupId                          the group page (members and secretariat)
 * - GET  /api/tab/groups/:groupId/meetings/:meetingId      one meeting (the #meeting= / #portfolio= links)
 * - POST /api/tab/groups/:groupId/meetings                 secretariat: schedule a meeting
 * - POST /api/tab/groups/:groupId/proposals/:id/triage     secretariat: accept / reject / defer a proposal
 * - GET  /api/tab/dev/people, POST /api/tab/dev/token      development sign-in only (404 otherwise)
 * Every /api/tab route but config and the dev ones needs `Authorization: Bearer <token>` (401 without
 * or with a bad token); group data needs an active membership of the group or the secretariat (403).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Group, Locale } from '../domain/model';
import type { ScheduleResult } from '../features/meetings/meetings-service';
import type { TriageDecision, TriageResult } from '../features/agenda/proposals-service';
import type { ActorRole } from '../domain/roles';
import { isActiveOn } from '../domain/terms';
import type { ApiError, DevPersonView, MeView, TabConfigView } from './api-types';
import { TabAuthError, bearerToken, type TabAuthenticator, type TabIdentity } from './auth';
import type { TabViews, Viewer } from './views';

export interface TabRouteDeps {
  auth: TabAuthenticator;
  views: TabViews;
  publicDir: string;
  groups: {
    getGroup(id: string): Promise<Group | undefined>;
    listGroups(): Promise<Group[]>;
    bindingOfChannel(channelId: string): Promise<{ groupId: string } | undefined>;
  };
  people: {
    getPerson(id: string): Promise<{ id: string; name: string; anonymisedAt?: string } | undefined>;
    membershipsOf(
      personId: string,
    ): Promise<Array<{ groupId: string; role: string; termStart: string; endedOn?: string }>>;
    listPersons?(): Promise<Array<{ id: string; name: string; anonymisedAt?: string }>>;
  };
  roles: { rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]> };
  /** The meeting service the bot's schedule card calls; undefined when not wired. */
  meetings?: {
    schedule(input: {
      groupId: string;
      date: string;
      time: string;
      location?: string;
      actorId: string;
    }): Promise<ScheduleResult>;
  };
  /** The proposal service the bot's triage card calls; undefined when not wired. */
  proposals?: {
    triage(input: {
      groupId: string;
      proposalId: string;
      decision: TriageDecision;
      reason?: string;
      actorId: string;
    }): Promise<TriageResult>;
  };
  /** Persons offered by the dev sign-in (only used when it is enabled). */
  devPeople?: () => Promise<DevPersonView[]>;
  log?: { warn(obj: object, msg: string): void };
}

const STATIC_FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'tab.js': 'text/javascript; charset=utf-8',
  'tab.css': 'text/css; charset=utf-8',
};

/** Teams hosts the page in an iframe: only Teams/Microsoft 365 hosts may frame it. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // teams-js fetches its list of valid Teams host origins from Microsoft's CDN.
  "connect-src 'self' https://res.cdn.office.net",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft https://*.skype.com",
].join('; ');

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

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.reason ?? body.error);
  }
}

function localeOfRequest(req: Request): Locale {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  return typeof lang === 'string' && lang.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function tabRoutes(deps: TabRouteDeps): (server: Server) => void {
  const fileCache = new Map<string, Buffer>();

  async function identify(req: Request): Promise<TabIdentity> {
    try {
      return await deps.auth.verify(bearerToken(req.headers.authorization));
    } catch (error) {
      if (error instanceof TabAuthError)
        throw new HttpError(401, { error: 'unauthorized', reason: error.reason });
      throw error;
    }
  }

  async function viewerOf(identity: TabIdentity): Promise<Viewer & { roles: ActorRole[] }> {
    const person = await deps.people.getPerson(identity.personId);
    const roles = await deps.roles.rolesOf(identity.personId);
    const name = person ? (person.anonymisedAt ? '?' : person.name) : (identity.name ?? identity.personId);
    return { personId: identity.personId, name, isSecretariat: roles.includes('secretariat'), roles };
  }

  /** The group, if the caller is an active member of it or the secretariat (403 otherwise). */
  async function authorisedGroup(req: Request, identity: TabIdentity): Promise<Group> {
    const groupId = String(req.params.groupId ?? '');
    const roles = await deps.roles.rolesOf(identity.personId, groupId);
    if (!roles.includes('member') && !roles.includes('secretariat')) {
      throw new HttpError(403, { error: 'forbidden', reason: 'not-a-member' });
    }
    const group = await deps.groups.getGroup(groupId);
    if (!group) throw new HttpError(404, { error: 'not-found', reason: 'group' });
    return group;
  }

  async function requireSecretariat(identity: TabIdentity): Promise<void> {
    if (!(await deps.roles.rolesOf(identity.personId)).includes('secretariat')) {
      throw new HttpError(403, { error: 'forbidden', reason: 'secretariat-only' });
    }
  }

  function parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const result = schema.safeParse(body ?? {});
    if (!result.success)
      throw new HttpError(400, {
        error: 'bad-request',
        reason: result.error.issues.map((i) => i.path.join('.') || i.message).join(', '),
      });
    return result.data;
  }

  /** Wraps a JSON handler: errors become their status, anything unexpected a 500 without details. */
  const json =
    (handler: (req: Request) => Promise<unknown>) =>
    async (req: Request, res: Response): Promise<void> => {
      res.setHeader('Cache-Control', 'no-store');
      try {
        res.json(200, await handler(req));
      } catch (error) {
        if (error instanceof HttpError) {
          if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
          res.json(error.status, error.body);
          return;
        }
        deps.log?.warn({ err: error, path: req.path() }, 'tab API request failed');
        res.json(500, { error: 'unavailable' } satisfies ApiError);
      }
    };

  async function serveFile(name: string, res: Response): Promise<void> {
    const type = STATIC_FILES[name];
    if (!type) {
      res.json(404, { error: 'not-found' } satisfies ApiError);
      return;
    }
    let body = fileCache.get(name);
    if (!body) {
      try {
        body = await readFile(path.join(deps.publicDir, name));
        fileCache.set(name, body);
      } catch {
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.sendRaw(503, 'The tab client is not built: run `npm run build`.');
        return;
      }
    }
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', name === 'index.html' ? 'no-cache' : 'public, max-age=300');
    res.sendRaw(200, body);
  }

  return (server: Server) => {
    // restify 11 only accepts async handlers or ones taking `next`.
    server.get('/tab', async (_req: Request, res: Response) => {
      res.header('Location', '/tab/index.html');
      res.send(302);
    });
    server.get('/tab/:file', async (req: Request, res: Response) =>
      serveFile(String(req.params.file ?? ''), res),
    );

    server.get(
      '/api/tab/config',
      json(
        async () =>
          ({ devSignIn: deps.auth.devSignInEnabled, sso: deps.auth.ssoConfigured }) satisfies TabConfigView,
      ),
    );

    server.get(
      '/api/tab/me',
      json(async (req) => {
        const identity = await identify(req);
        const viewer = await viewerOf(identity);
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
      }),
    );

    server.get(
      '/api/tab/channels/:channelId',
      json(async (req) => {
        await identify(req);
        const binding = await deps.groups.bindingOfChannel(String(req.params.channelId ?? ''));
        if (!binding) throw new HttpError(404, { error: 'not-found', reason: 'channel-not-bound' });
        return { groupId: binding.groupId };
      }),
    );

    server.get(
      '/api/tab/groups/:groupId',
      json(async (req) => {
        const identity = await identify(req);
        const group = await authorisedGroup(req, identity);
        const locale = localeOfRequest(req);
        const { roles: _roles, ...viewer } = await viewerOf(identity);
        return deps.views.groupPage(group, viewer, locale, {
          scheduleMeeting: viewer.isSecretariat && deps.meetings !== undefined,
          triageProposal: viewer.isSecretariat && deps.proposals !== undefined,
        });
      }),
    );

    server.get(
      '/api/tab/groups/:groupId/meetings/:meetingId',
      json(async (req) => {
        const identity = await identify(req);
        const group = await authorisedGroup(req, identity);
        const meeting = await deps.views.meetingById(
          group,
          String(req.params.meetingId ?? ''),
          localeOfRequest(req),
        );
        if (!meeting) throw new HttpError(404, { error: 'not-found', reason: 'meeting' });
        return meeting;
      }),
    );

    server.post(
      '/api/tab/groups/:groupId/meetings',
      json(async (req) => {
        const identity = await identify(req);
        const group = await authorisedGroup(req, identity);
        await requireSecretariat(identity);
        if (!deps.meetings) throw new HttpError(503, { error: 'unavailable', reason: 'meetings-not-wired' });
        const input = parse(scheduleBody, req.body);
        const result = await deps.meetings.schedule({
          groupId: group.id,
          ...input,
          actorId: identity.personId,
        });
        if (result.kind === 'invalid')
          throw new HttpError(400, { error: 'bad-request', reason: result.error });
        if (result.kind === 'same-day-exists')
          throw new HttpError(409, { error: 'conflict', reason: 'same-day-exists' });
        return { meetingId: result.meeting.id, startsAt: result.meeting.startsAt };
      }),
    );

    server.post(
      '/api/tab/groups/:groupId/proposals/:proposalId/triage',
      json(async (req) => {
        const identity = await identify(req);
        const group = await authorisedGroup(req, identity);
        await requireSecretariat(identity);
        if (!deps.proposals)
          throw new HttpError(503, { error: 'unavailable', reason: 'proposals-not-wired' });
        const input = parse(triageBody, req.body);
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
      }),
    );

    // The development sign-in: 404 unless enabled, so production does not even reveal it.
    server.get(
      '/api/tab/dev/people',
      json(async () => {
        if (!deps.auth.devSignInEnabled || !deps.devPeople) throw new HttpError(404, { error: 'not-found' });
        return deps.devPeople();
      }),
    );
    server.post(
      '/api/tab/dev/token',
      json(async (req) => {
        if (!deps.auth.devSignInEnabled) throw new HttpError(404, { error: 'not-found' });
        const { personId } = parse(devTokenBody, req.body);
        const person = await deps.people.getPerson(personId);
        if (!person) throw new HttpError(400, { error: 'bad-request', reason: 'unknown-person' });
        return deps.auth.issueDevToken(person.id, person.name);
      }),
    );
  };
}
