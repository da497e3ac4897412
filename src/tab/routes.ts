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
import type { Request, Response, Server } from 'restify';
import type { Group } from '../domain/model';
import type { ScheduleResult } from '../features/meetings/meetings-service';
import type { TriageDecision, TriageResult } from '../features/agenda/proposals-service';
import type { ActorRole } from '../domain/roles';
import { TabAccess } from './access';
import {
  channelGroup,
  devPeople,
  devToken,
  groupPage,
  meView,
  meetingPage,
  scheduleMeeting,
  triageProposal,
} from './api-handlers';
import type { DevPersonView, TabConfigView } from './api-types';
import type { TabAuthenticator } from './auth';
import { jsonRoute } from './http';
import { staticFiles } from './static-files';
import type { TabViews } from './views';

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

export function tabRoutes(deps: TabRouteDeps): (server: Server) => void {
  const access = new TabAccess(deps);
  const json = jsonRoute(deps.log);
  const serveFile = staticFiles(deps.publicDir);

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
      json((req) => meView(deps, access, req)),
    );
    server.get(
      '/api/tab/channels/:channelId',
      json((req) => channelGroup(deps, access, req)),
    );
    server.get(
      '/api/tab/groups/:groupId',
      json((req) => groupPage(deps, access, req)),
    );
    server.get(
      '/api/tab/groups/:groupId/meetings/:meetingId',
      json((req) => meetingPage(deps, access, req)),
    );
    server.post(
      '/api/tab/groups/:groupId/meetings',
      json((req) => scheduleMeeting(deps, access, req)),
    );
    server.post(
      '/api/tab/groups/:groupId/proposals/:proposalId/triage',
      json((req) => triageProposal(deps, access, req)),
    );

    // The development sign-in: 404 unless enabled, so production does not even reveal it.
    server.get(
      '/api/tab/dev/people',
      json(() => devPeople(deps)),
    );
    server.post(
      '/api/tab/dev/token',
      json((req) => devToken(deps, req)),
    );
  };
}
